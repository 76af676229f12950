import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { providerMirror, type PlanJson, type PlanResult } from "./terraform";

/**
 * Terraform state without AWS: what `terraform apply` of a plan would leave, made offline, so that a second
 * plan can be judged against it (issue 19: plan v2 against v1's state; issue 20: import that state and plan again).
 *
 * `applyOffline` plans the roots (each a child module of one scratch root), then puts into a state every
 * resource whose planned values are all known but for what the provider computes (an `arn`, an `id`, a queue's
 * `url`, filled with values as AWS makes them from the resource's name), and plans again: what referred to those
 * resources is now known. It repeats until nothing is left to create; the last plan must then be empty, or the
 * state is not what an apply would have left, and it throws.
 */

const AWS = "registry.terraform.io/hashicorp/aws";
const ACCOUNT = "123456789012";

export interface Change {
  /** Relative to the root (`aws_sqs_queue.jobs`, `module.x.aws_sqs_queue.y["k"]`). */
  address: string;
  actions: string[];
  replacePaths?: unknown[];
  /** Where a `moved` block moved it from (relative to the root). */
  previousAddress?: string;
  /** `resource_changes[].action_reason` (`replace_because_cannot_update`, `delete_because_no_resource_config`, ...). */
  reason?: string;
}

export interface StateV4 {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, unknown>;
  resources: StateResource[];
  check_results?: null;
}

interface StateResource {
  module?: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  provider: string;
  instances: { index_key?: string | number; schema_version: number; attributes: Record<string, unknown>; sensitive_attributes: unknown[]; dependencies?: string[] }[];
}

export interface Applied {
  /** Every root's resources, each root as `module.<name>` (the same names `planAgainst` gives the same keys). */
  state: StateV4;
  /** How many plans it took. */
  rounds: number;
  /** The state of one root as if it were the root module. */
  rootState(key: string): StateV4;
  /** `terraform show -json` of `rootState(key)`: what `ldgen import` reads. */
  show(key: string): ShowState;
  /** `terraform show -json` of the first plan of one root, against no state (what `ldgen import` reads too). */
  firstPlan(key: string): Record<string, unknown>;
}

export interface ShowState {
  format_version: string;
  terraform_version: string;
  values?: { root_module: ShowModule };
}
export interface ShowModule {
  address?: string;
  resources?: { address: string; mode: string; type: string; name: string; index?: string | number; provider_name: string; schema_version: number; values: Record<string, unknown>; sensitive_values: unknown }[];
  child_modules?: ShowModule[];
}

/** Module names by key: the same keys always get the same names, whatever the order. */
export function moduleNames(keys: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of [...keys].sort()) {
    const base = `m_${key.replace(/[^A-Za-z0-9_]/g, "_")}`.slice(0, 60);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(key, name);
  }
  return names;
}

/** Provider settings for an offline plan (as test/support/terraform.ts writes them). */
const OVERRIDE = `provider "aws" {
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "fake-secret-key-for-offline-plans"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`;

class Workspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-tfstate-"));
  readonly env: NodeJS.ProcessEnv;
  readonly names: Map<string, string>;

  constructor(readonly roots: Record<string, string>, files: Record<string, string>) {
    const rc = path.join(this.dir, ".terraformrc");
    fs.writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(providerMirror())}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`);
    this.env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: "1", AWS_REGION: process.env.AWS_REGION ?? "us-east-1", CHECKPOINT_DISABLE: "1" };
    this.names = moduleNames(Object.keys(roots));
    const calls: string[] = [];
    for (const [key, root] of Object.entries(roots)) {
      // A root's own provider block gets the offline settings; a root without one (a child module form) needs none.
      fs.writeFileSync(path.join(root, "ldgen_test_override.tf"), hasProviderBlock(root) ? OVERRIDE : "");
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
      const rel = path.relative(this.dir, root).split(path.sep).join("/");
      calls.push(`module "${this.names.get(key)}" {\n  source = ${JSON.stringify(rel.startsWith("../") ? rel : `./${rel}`).replace(/([$%])\{/g, "$1$1{")}\n}\n`);
    }
    // The roots without a provider block of their own inherit this one.
    fs.writeFileSync(path.join(this.dir, "main.tf"), calls.join("\n") + "\n" + OVERRIDE);
    this.run(["init", "-input=false", "-no-color", "-backend=false"]);
  }

  run(args: string[], allowFailure = false): { ok: boolean; stdout: string; stderr: string } {
    const result = spawnSync("terraform", args, { cwd: this.dir, env: this.env, encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 });
    const ok = result.status === 0;
    if (!ok && !allowFailure) throw new Error(`terraform ${args.join(" ")} failed in ${this.dir}:\n${result.stdout}\n${result.stderr}`);
    return { ok, stdout: result.stdout, stderr: result.stderr };
  }

  /** Plans against `state` (none: an empty one). Returns the plan's `show -json`, or terraform's error text. */
  plan(state: StateV4 | undefined, allowFailure = false): { whole?: WholePlan; error?: string } {
    const stateFile = path.join(this.dir, "terraform.tfstate");
    if (state && state.resources.length) fs.writeFileSync(stateFile, JSON.stringify(state));
    else fs.rmSync(stateFile, { force: true });
    const planned = this.run(["plan", "-refresh=false", "-input=false", "-no-color", "-lock=false", "-parallelism=20", "-out=ldgen.plan"], allowFailure);
    if (!planned.ok) return { error: planned.stdout + planned.stderr };
    return { whole: JSON.parse(this.run(["show", "-json", "ldgen.plan"]).stdout) as WholePlan };
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function hasProviderBlock(root: string): boolean {
  return fs.readdirSync(root).some((f) => {
    if (f === "ldgen_test_override.tf") return false;
    if (f.endsWith(".tf")) return /^\s*provider\s+"aws"/m.test(fs.readFileSync(path.join(root, f), "utf8"));
    if (f.endsWith(".tf.json")) return /"provider"\s*:\s*\{\s*"aws"/.test(fs.readFileSync(path.join(root, f), "utf8"));
    return false;
  });
}

interface ResourceChange {
  address: string;
  module_address?: string;
  previous_address?: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  index?: string | number;
  provider_name: string;
  action_reason?: string;
  change: { actions: string[]; after: Record<string, unknown> | null; after_unknown: Record<string, unknown>; replace_paths?: unknown[] };
}

interface ConfigModule {
  resources?: { address: string; mode: string; type: string; name: string; provider_config_key?: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module: ConfigModule }>;
}

interface WholePlan {
  terraform_version: string;
  resource_changes?: ResourceChange[];
  configuration: { provider_config?: Record<string, { name: string; full_name?: string; alias?: string; module_address?: string; expressions?: Record<string, { constant_value?: unknown }> }>; root_module: ConfigModule };
}

/** Plans `roots` and makes the state an apply of that plan would leave. */
export function applyOffline(roots: Record<string, string>, files: Record<string, string> = {}): Applied {
  const workspace = new Workspace(roots, files);
  try {
    const schema = providerSchema(workspace);
    const resources = new Map<string, { resource: StateResource; instance: StateResource["instances"][number] }>();
    let whole: WholePlan | undefined;
    let first: WholePlan | undefined;
    let rounds = 0;
    for (;;) {
      rounds++;
      const t0 = Date.now();
      whole = workspace.plan(stateOf(resources, whole?.terraform_version)).whole!;
      first ??= whole;
      if (process.env.LDGEN_TFSTATE_DEBUG) console.log(`round ${rounds}: ${Date.now() - t0} ms`);
      const pending = (whole.resource_changes ?? []).filter((c) => c.mode === "managed" && !c.change.actions.every((a) => a === "no-op" || a === "read"));
      if (process.env.LDGEN_TFSTATE_DEBUG) console.log(`pending: ${pending.map((c) => `${c.address} ${c.change.actions}`).join(" ")}`);
      if (pending.length === 0) break;
      if (rounds > 12) throw new Error(`applyOffline: the plan still changes after 12 rounds: ${pending.map((c) => `${c.address} ${c.change.actions.join(",")}`).join(", ")}`);
      // What is in the state and planned again (a reference guessed wrong last round) takes the planned values.
      const wrong = pending.filter((c) => resources.has(c.address));
      if (wrong.length && rounds > 6) throw new Error(`applyOffline: the plan keeps changing what is in the state (a fake value is wrong):\n${wrong.map((c) => `${c.address}: ${c.change.actions.join(",")} ${JSON.stringify(c.change.after)}`).join("\n")}`);
      // Each round places what it can, in order: a value that is a plain reference to a resource placed before
      // it is taken from there (the next plan says so if the expression was more than that).
      // The last pass of a round places the rest with stand-ins where their values wait for a data source
      // (read by the next plan): the next plan gives their real values as updates, one plan fewer than waiting.
      let left = pending;
      for (let progress = true, last = false; left.length && (progress || !last); ) {
        if (!progress) last = true;
        progress = false;
        const next: ResourceChange[] = [];
        for (const change of left) {
          const placed = instanceFrom(change, whole, schema, (address) => resources.get(address)?.instance.attributes, last);
          if (placed) {
            resources.set(change.address, placed);
            progress = true;
          } else next.push(change);
        }
        left = next;
      }
    }
    const state = stateOf(resources, whole.terraform_version);
    const shown = showWhole(workspace, state);
    return {
      state,
      rounds,
      rootState: (key) => rootState(state, workspace.names.get(key) ?? fail(`no root ${key}`)),
      show: (key) => rootShow(shown, workspace.names.get(key) ?? fail(`no root ${key}`)),
      firstPlan: (key) => rootPlan(first!, workspace.names.get(key) ?? fail(`no root ${key}`)),
    };
  } finally {
    workspace.dispose();
  }
}

export type Planned = PlanResult & { changes: Change[]; error?: string };

/**
 * Plans `roots` (the same keys as the `applyOffline` that made `state`: the same module addresses) against
 * `state`, with -refresh=false. With `expectFailure`, a plan that fails (a `prevent_destroy`) gives `error` and
 * no changes for every root instead of throwing.
 */
export function planAgainst(roots: Record<string, string>, state: StateV4, files: Record<string, string> = {}, options: { expectFailure?: boolean } = {}): Record<string, Planned> {
  const workspace = new Workspace(roots, files);
  try {
    const { whole, error } = workspace.plan(state, options.expectFailure);
    const out: Record<string, Planned> = {};
    for (const [key, name] of workspace.names) {
      if (!whole) {
        out[key] = { json: emptyPlan(), validate: "", cwd: workspace.dir, changes: [], error };
        continue;
      }
      const json = moduleView(whole, name);
      out[key] = { json, validate: "", cwd: workspace.dir, changes: changesOf(whole, name) };
    }
    return out;
  } finally {
    workspace.dispose();
  }
}

function emptyPlan(): PlanJson {
  return { planned_values: { root_module: { resources: [] } }, resource_changes: [], configuration: { root_module: { resources: [] } } };
}

const fail = (message: string): never => {
  throw new Error(message);
};

function stripModule(address: string, name: string): string | undefined {
  const prefix = `module.${name}`;
  if (address === prefix) return "";
  if (address.startsWith(prefix + ".")) return address.slice(prefix.length + 1);
  if (address.startsWith(prefix + "[")) return undefined;
  return undefined;
}

function changesOf(whole: WholePlan, name: string): Change[] {
  const changes: Change[] = [];
  for (const c of whole.resource_changes ?? []) {
    const address = stripModule(c.address, name);
    if (address === undefined || address === "") continue;
    const previous = c.previous_address === undefined ? undefined : stripModule(c.previous_address, name);
    changes.push({ address, actions: c.change.actions, ...(c.change.replace_paths && { replacePaths: c.change.replace_paths }), ...(previous !== undefined && { previousAddress: previous }), ...(c.action_reason && { reason: c.action_reason }) });
  }
  return changes;
}

/** One root's part of a whole plan, addressed as a root (as planRoots gives it). */
function moduleView(whole: WholePlan & { planned_values?: { root_module: ShowModule } }, name: string): PlanJson {
  const walk = (m: ShowModule | undefined): NonNullable<ShowModule["resources"]> => [...(m?.resources ?? []), ...(m?.child_modules ?? []).flatMap(walk)];
  const module = whole.planned_values?.root_module.child_modules?.find((m) => m.address === `module.${name}`);
  const config = whole.configuration.root_module.module_calls?.[name]?.module;
  return {
    planned_values: { root_module: { resources: walk(module).map((r) => ({ ...r, address: stripModule(r.address, name)! })) } },
    // (a moved resource's previous address too: it is in this root)
    resource_changes: (whole.resource_changes ?? []).filter((c) => stripModule(c.address, name)).map((c) => ({ ...c, address: stripModule(c.address, name)!, ...(c.previous_address !== undefined && { previous_address: stripModule(c.previous_address, name) ?? c.previous_address }) })),
    configuration: { root_module: { resources: (config?.resources ?? []) as { address: string; expressions: Record<string, unknown> }[] } },
  } as PlanJson;
}

// ---- The state --------------------------------------------------------------------------------

function stateOf(resources: Map<string, { resource: StateResource; instance: StateResource["instances"][number] }>, version = "1.5.0"): StateV4 {
  const byResource = new Map<string, StateResource>();
  for (const { resource, instance } of resources.values()) {
    const key = `${resource.module ?? ""}|${resource.mode}|${resource.type}|${resource.name}`;
    let entry = byResource.get(key);
    if (!entry) byResource.set(key, (entry = { ...resource, instances: [] }));
    entry.instances.push(instance);
  }
  return { version: 4, terraform_version: version, serial: 1, lineage: "ldgen-test-0000-0000-0000-000000000000", outputs: {}, resources: [...byResource.values()] };
}

/** A state of one root module `name`, as if it were the root. */
function rootState(state: StateV4, name: string): StateV4 {
  const resources: StateResource[] = [];
  for (const r of state.resources) {
    const module = r.module === undefined ? undefined : stripModule(r.module, name);
    if (module === undefined) continue;
    const provider = stripModule(r.provider, name) ?? r.provider;
    resources.push({ ...r, module: module || undefined, provider });
  }
  return { ...state, resources: resources.map((r) => (r.module === undefined ? withoutModule(r) : r)) };
}

function withoutModule(r: StateResource): StateResource {
  const { module: _module, ...rest } = r;
  return rest;
}

function showWhole(workspace: Workspace, state: StateV4): ShowState {
  const file = path.join(workspace.dir, "applied.tfstate");
  fs.writeFileSync(file, JSON.stringify(state));
  return JSON.parse(workspace.run(["show", "-json", file]).stdout) as ShowState;
}

/** `terraform show -json` of one root's state: the whole state's module `name`, addressed as the root. */
function rootShow(shown: ShowState, name: string): ShowState {
  const module = shown.values?.root_module.child_modules?.find((m) => m.address === `module.${name}`);
  const rewrite = (m: ShowModule): ShowModule => {
    const out: ShowModule = {};
    const address = m.address === undefined ? undefined : stripModule(m.address, name);
    if (address) out.address = address;
    if (m.resources) out.resources = m.resources.map((r) => ({ ...r, address: stripModule(r.address, name)! }));
    if (m.child_modules) out.child_modules = m.child_modules.map(rewrite);
    return out;
  };
  const root = module ? rewrite(module) : {};
  delete root.address;
  return { format_version: shown.format_version, terraform_version: shown.terraform_version, values: { root_module: root } };
}

/** A whole plan's part of one root module `name` (`module.<name>`), as `terraform show -json` of that root's plan. */
function rootPlan(whole: WholePlan, name: string): Record<string, unknown> {
  const json = whole as unknown as { planned_values?: { root_module?: ShowModule }; format_version?: string };
  const strip = (address: string) => stripModule(address, name);
  const rewrite = (m: ShowModule): ShowModule => {
    const out: ShowModule = {};
    const address = m.address === undefined ? undefined : strip(m.address);
    if (address) out.address = address;
    if (m.resources) out.resources = m.resources.map((r) => ({ ...r, address: strip(r.address)! }));
    if (m.child_modules) out.child_modules = m.child_modules.map(rewrite);
    return out;
  };
  const module = json.planned_values?.root_module?.child_modules?.find((m) => m.address === `module.${name}`);
  const root = module ? rewrite(module) : {};
  delete root.address;
  const changes = (whole.resource_changes ?? [])
    .filter((c) => strip(c.address) !== undefined)
    .map((c) => {
      const moduleAddress = c.module_address === undefined ? undefined : strip(c.module_address);
      const { module_address: _m, ...rest } = c;
      return { ...rest, address: strip(c.address)!, ...(moduleAddress ? { module_address: moduleAddress } : {}) };
    });
  // The root's provider configurations (keys `module.<name>:aws` in the whole plan), as the root's own.
  const providers: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(whole.configuration.provider_config ?? {})) {
    const at = p.module_address === undefined ? undefined : strip(p.module_address);
    if (at === undefined) continue;
    const { module_address: _a, ...rest } = p;
    providers[at === "" ? key.replace(/^[^:]*:/, "") : key.replace(`module.${name}.`, "")] = at === "" ? rest : { ...rest, module_address: at };
  }
  return {
    format_version: json.format_version ?? "1.2",
    terraform_version: whole.terraform_version,
    planned_values: { root_module: root },
    resource_changes: changes,
    configuration: { provider_config: providers, root_module: whole.configuration.root_module.module_calls?.[name]?.module ?? {} },
  };
}

// ---- What a resource's unknown values are -----------------------------------------------------

/** The configuration module that a module instance address (`module.a["k"].module.b`) is an instance of. */
function configModule(whole: WholePlan, moduleAddress: string | undefined): ConfigModule | undefined {
  let module: ConfigModule | undefined = whole.configuration.root_module;
  if (!moduleAddress) return module;
  for (const part of moduleAddress.match(/module\.[A-Za-z0-9_-]+/g) ?? []) module = module?.module_calls?.[part.slice("module.".length)]?.module;
  return module;
}

function configResource(whole: WholePlan, change: ResourceChange) {
  return configModule(whole, change.module_address)?.resources?.find((r) => r.mode === change.mode && r.type === change.type && r.name === change.name);
}

function hasReferences(expression: unknown): boolean {
  if (!expression || typeof expression !== "object") return false;
  if (Array.isArray(expression)) return expression.some(hasReferences);
  const e = expression as Record<string, unknown>;
  if (Array.isArray(e.references) && e.references.length > 0) return true;
  return Object.entries(e).some(([k, v]) => k !== "constant_value" && hasReferences(v));
}

function providerAddress(whole: WholePlan, change: ResourceChange): string {
  const key = configResource(whole, change)?.provider_config_key;
  const config = key ? whole.configuration.provider_config?.[key] : undefined;
  const base = `provider["${config?.full_name ?? change.provider_name ?? AWS}"]${config?.alias ? `.${config.alias}` : ""}`;
  return config?.module_address ? `${config.module_address}.${base}` : base;
}

/** The region the resource's provider is configured with. */
function regionOf(whole: WholePlan, change: ResourceChange): string {
  const key = configResource(whole, change)?.provider_config_key;
  const config = key ? whole.configuration.provider_config?.[key] : undefined;
  const region = config?.expressions?.region?.constant_value;
  return typeof region === "string" ? region : (process.env.AWS_REGION ?? "us-east-1");
}

type Lookup = (address: string) => Record<string, unknown> | undefined;

/**
 * The state instance an apply of `change` would leave, or undefined while one of its unknown values comes from
 * another resource that is not placed yet (`force`: fill those too).
 */
function instanceFrom(change: ResourceChange, whole: WholePlan, schema: ProviderSchema, lookup: Lookup, force = false) {
  const resourceSchema = schema.resource_schemas[change.type];
  if (!resourceSchema) throw new Error(`applyOffline: the provider has no schema for ${change.type}`);
  const after = change.change.after ?? {};
  const facts: Facts = { type: change.type, region: regionOf(whole, change), after, address: change.address };
  const expressions = configResource(whole, change)?.expressions ?? {};
  const module = change.module_address ? `${change.module_address}.` : "";
  const filler: Filler = { facts, force, waiting: false, resolve: (expression) => plainReference(expression, module, lookup) };
  const attributes = fill(after, change.change.after_unknown, resourceSchema.block, expressions, filler, []) as Record<string, unknown>;
  if (filler.waiting) return undefined;
  // Every attribute of the schema is in a state: the ones the plan left out are null.
  for (const name of Object.keys(resourceSchema.block.attributes ?? {})) if (!(name in attributes)) attributes[name] = null;
  const resource: StateResource = { mode: "managed", type: change.type, name: change.name, provider: providerAddress(whole, change), instances: [] };
  if (change.module_address) resource.module = change.module_address;
  const instance: StateResource["instances"][number] = { schema_version: resourceSchema.version ?? 0, attributes, sensitive_attributes: [] };
  if (change.index !== undefined) instance.index_key = change.index;
  return { resource, instance };
}

const UNRESOLVED = Symbol("unresolved");

/**
 * The value of an expression that is one attribute of one resource (`aws_sqs_queue.jobs.arn`, its references
 * `["aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs"]`) when that resource is placed; else UNRESOLVED.
 * (Terraform's JSON does not tell `x.arn` from `"${x.arn}/*"`: a wrong guess shows in the next plan.)
 */
function plainReference(expression: unknown, module: string, lookup: Lookup): unknown {
  const refs = (expression as { references?: unknown })?.references;
  if (!Array.isArray(refs) || refs.length !== 2) return UNRESOLVED;
  const [whole, resource] = refs as string[];
  const match = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z0-9_]+)$/.exec(whole);
  if (!match || match[1] !== resource || resource.startsWith("data.")) return UNRESOLVED;
  const attributes = lookup(module + resource);
  if (!attributes || attributes[match[2]] === undefined || attributes[match[2]] === null) return UNRESOLVED;
  return attributes[match[2]];
}

interface Facts {
  type: string;
  region: string;
  after: Record<string, unknown>;
  address: string;
}

interface Filler {
  facts: Facts;
  force: boolean;
  /** Set when an unknown value waits for a resource not placed yet. */
  waiting: boolean;
  resolve: (expression: unknown) => unknown;
}

type SchemaType = string | [string, SchemaType] | ["object", Record<string, SchemaType>] | ["tuple", SchemaType[]];
interface SchemaBlock {
  attributes?: Record<string, { type?: SchemaType; nested_type?: { attributes: Record<string, { type?: SchemaType }>; nesting_mode: string }; computed?: boolean; optional?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock }>;
}

/** The expression of a block's item `i` (blocks are lists of bodies in the configuration's JSON). */
const itemOf = (expression: unknown, i: number) => (Array.isArray(expression) ? (expression[i] ?? expression[0]) : expression);
const isExpression = (e: unknown): e is { references?: string[]; constant_value?: unknown } => !!e && typeof e === "object" && !Array.isArray(e) && ("references" in e || "constant_value" in e);

/**
 * The planned value with every unknown part filled: from a placed resource where it is a plain reference to
 * one, else as AWS makes it from the resource's name, else a zero value. A part that comes from a reference
 * that cannot be followed yet marks the filler as waiting.
 */
function fill(value: unknown, unknown: unknown, block: SchemaBlock | undefined, expression: unknown, filler: Filler, path: string[], depth = 0): unknown {
  if (unknown === true) {
    if (expression !== undefined && hasReferences(expression)) {
      const resolved = filler.resolve(expression);
      const value = resolved === UNRESOLVED ? UNRESOLVED : coerce(resolved, block?.attributes?.[path[path.length - 1]]?.type, depth);
      if (value !== UNRESOLVED) return value;
      if (!filler.force) filler.waiting = true;
    }
    return fake(path, block, filler.facts);
  }
  if (!unknown || typeof unknown !== "object") return value;
  if (Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    return items.map((item, i) => fill(item, unknown[i], block, isExpression(expression) ? expression : itemOf(expression, i), filler, path, depth + 1));
  }
  const object = { ...((value as Record<string, unknown>) ?? {}) };
  for (const [key, u] of Object.entries(unknown)) {
    const nested = block?.block_types?.[key]?.block;
    // A whole attribute given by one expression (a map or list built from references): its parts come from it.
    const part = isExpression(expression) ? expression : (expression as Record<string, unknown> | undefined)?.[key];
    object[key] = fill(object[key], u, nested ?? block, part, filler, [...path, key]);
  }
  return object;
}

/**
 * `value` as a value of `type`, `depth` collections down (a list's item, an item's item), or UNRESOLVED: a
 * reference to one string where a list or set is wanted is guessed as `[that]` (`alarm_actions = [x.arn]`).
 */
function coerce(value: unknown, type: SchemaType | undefined, depth: number): unknown {
  let t: SchemaType | undefined = type;
  for (let i = 0; i < depth; i++) t = Array.isArray(t) && (t[0] === "list" || t[0] === "set" || t[0] === "map") ? (t[1] as SchemaType) : undefined;
  const ok = (test: boolean) => (test ? value : UNRESOLVED);
  // (no type: a key of a map attribute, whose values are strings here)
  if (t === undefined || t === "string") return ok(typeof value === "string");
  if (t === "number") return ok(typeof value === "number");
  if (t === "bool") return ok(typeof value === "boolean");
  if (Array.isArray(t) && (t[0] === "list" || t[0] === "set")) return Array.isArray(value) ? value : typeof value === "string" && t[1] === "string" ? [value] : UNRESOLVED;
  if (Array.isArray(t) && t[0] === "map") return ok(!!value && typeof value === "object" && !Array.isArray(value));
  return UNRESOLVED;
}

function fake(path: string[], block: SchemaBlock | undefined, facts: Facts): unknown {
  const name = path[path.length - 1];
  const attribute = block?.attributes?.[name];
  const type = attribute?.type;
  if (path.length === 1) {
    const made = awsValue(name, facts);
    if (made !== undefined) return made;
  }
  if (attribute?.nested_type) return attribute.nested_type.nesting_mode === "single" ? null : [];
  if (block?.block_types?.[name]) return [];
  return zero(type, name, facts);
}

function zero(type: SchemaType | undefined, name: string, facts: Facts): unknown {
  // (a computed string AWS leaves empty: the provider's plan validates it, and "" is what a read would give)
  if (type === "string") return "";
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type)) {
    if (type[0] === "map") return {};
    if (type[0] === "object") return null;
    return [];
  }
  return null;
}

/** Values AWS makes from a resource's name, as it makes them. */
function awsValue(attribute: string, facts: Facts): unknown {
  const { type, region, after } = facts;
  const s = (key: string) => (typeof after[key] === "string" ? (after[key] as string) : undefined);
  const arn = (service: string, resource: string, noRegion = false) => `arn:aws:${service}:${noRegion ? "" : region}:${noRegion && service !== "iam" ? "" : ACCOUNT}:${resource}`;
  const label = facts.address.split(".").pop()!.replace(/\W/g, "-");
  switch (type) {
    case "aws_sqs_queue": {
      const queue = s("name") ?? `terraform-${label}`;
      return { arn: arn("sqs", queue), id: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${queue}`, url: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${queue}`, name: queue }[attribute];
    }
    case "aws_sns_topic": {
      const topic = s("name") ?? `terraform-${label}`;
      return { arn: arn("sns", topic), id: arn("sns", topic), name: topic, owner: ACCOUNT, beginning_archive_time: "" }[attribute];
    }
    case "aws_sns_topic_subscription":
      return { arn: `${s("topic_arn") ?? arn("sns", "topic")}:00000000-0000-0000-0000-${hex(facts.address)}`, id: `${s("topic_arn") ?? arn("sns", "topic")}:00000000-0000-0000-0000-${hex(facts.address)}`, owner_id: ACCOUNT, confirmation_was_authenticated: true, pending_confirmation: false }[attribute];
    case "aws_lambda_function": {
      const fn = s("function_name") ?? label;
      const fnArn = arn("lambda", `function:${fn}`);
      const version = after.publish === true ? "1" : "$LATEST";
      return {
        arn: fnArn,
        id: fn,
        invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
        qualified_arn: `${fnArn}:${version}`,
        qualified_invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}:${version}/invocations`,
        version,
        last_modified: "2024-01-01T00:00:00.000+0000",
        source_code_size: 1024,
        signing_job_arn: "",
        signing_profile_version_arn: "",
        code_sha256: typeof after.source_code_hash === "string" ? after.source_code_hash : "fake-code-sha256",
      }[attribute];
    }
    case "aws_lambda_alias": {
      const fnArn = arn("lambda", `function:${s("function_name") ?? "fn"}`);
      return { arn: `${fnArn}:${s("name")}`, id: `${fnArn}:${s("name")}`, invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}:${s("name")}/invocations` }[attribute];
    }
    case "aws_iam_role": {
      const role = s("name") ?? `terraform-${label}`;
      return { arn: arn("iam", `role${s("path") ?? "/"}${role}`, true), id: role, name: role, unique_id: `AROA${hex(facts.address).toUpperCase()}`, create_date: "2024-01-01T00:00:00Z" }[attribute];
    }
    case "aws_iam_policy": {
      // (an IAM ARN has no region: arn:aws:iam::<account>:policy/<path><name>, the ARN is the id)
      const policy = arn("iam", `policy${s("path") ?? "/"}${s("name") ?? `terraform-${label}`}`, true);
      return { arn: policy, id: policy, name: s("name") ?? `terraform-${label}`, policy_id: `ANPA${hex(facts.address).toUpperCase()}`, attachment_count: 1 }[attribute];
    }
    case "aws_iam_role_policy":
      return { id: `${s("role")}:${s("name")}` }[attribute];
    case "aws_iam_role_policy_attachment":
      return { id: `${s("role")}-${hex(facts.address)}` }[attribute];
    case "aws_cloudwatch_log_group": {
      const group = s("name") ?? `terraform-${label}`;
      return { arn: arn("logs", `log-group:${group}`), id: group }[attribute];
    }
    case "aws_vpc":
    case "aws_subnet":
    case "aws_security_group": {
      // (EC2 ids: vpc-, subnet-, sg- and hex digits; ldgen's rules check a function's subnets and security groups)
      const id = `${{ aws_vpc: "vpc", aws_subnet: "subnet", aws_security_group: "sg" }[type]}-0${hex(facts.address)}`;
      return { id, arn: arn("ec2", `${type.replace(/^aws_/, "").replace("_", "-")}/${id}`), owner_id: ACCOUNT }[attribute];
    }
    case "aws_kinesis_stream_consumer": {
      // (an enhanced fan-out consumer: <stream ARN>/consumer/<name>:<creation timestamp>)
      const consumer = `${s("stream_arn") ?? arn("kinesis", "stream/stream")}/consumer/${s("name") ?? label}:1704067200`;
      return { arn: consumer, id: consumer, creation_timestamp: "2024-01-01T00:00:00Z" }[attribute];
    }
    case "aws_lambda_layer_version": {
      const layer = arn("lambda", `layer:${s("layer_name") ?? label}`);
      return { arn: `${layer}:1`, id: `${layer}:1`, layer_arn: layer, version: "1", created_date: "2024-01-01T00:00:00.000+0000", source_code_size: 1024, signing_job_arn: "", signing_profile_version_arn: "", code_sha256: "fake-code-sha256" }[attribute];
    }
    case "aws_kinesis_stream": {
      const stream = s("name") ?? label;
      return { arn: arn("kinesis", `stream/${stream}`), id: arn("kinesis", `stream/${stream}`) }[attribute];
    }
    case "aws_dynamodb_table": {
      const table = s("name") ?? label;
      return { arn: arn("dynamodb", `table/${table}`), id: table, stream_arn: after.stream_enabled ? arn("dynamodb", `table/${table}/stream/2024-01-01T00:00:00.000`) : "", stream_label: after.stream_enabled ? "2024-01-01T00:00:00.000" : "" }[attribute];
    }
    case "aws_s3_bucket": {
      const bucket = s("bucket") ?? `terraform-${label}`;
      return { arn: `arn:aws:s3:::${bucket}`, id: bucket, bucket, bucket_domain_name: `${bucket}.s3.amazonaws.com`, bucket_regional_domain_name: `${bucket}.s3.${region}.amazonaws.com`, hosted_zone_id: "Z3AQBSTGFYJSTF", region }[attribute];
    }
    case "aws_cloudwatch_event_bus": {
      const bus = s("name") ?? label;
      return { arn: arn("events", `event-bus/${bus}`), id: bus }[attribute];
    }
    case "aws_cloudwatch_event_rule": {
      const rule = s("name") ?? `terraform-${label}`;
      const bus = s("event_bus_name") ?? "default";
      return { arn: arn("events", bus === "default" ? `rule/${rule}` : `rule/${bus}/${rule}`), id: bus === "default" ? rule : `${bus}/${rule}`, name: rule }[attribute];
    }
    case "aws_cloudwatch_event_target":
      return { id: `${s("event_bus_name") ?? "default"}-${s("rule")}-${s("target_id") ?? "target"}`, target_id: s("target_id") ?? `terraform-${hex(facts.address)}` }[attribute];
    case "aws_cloudwatch_metric_alarm": {
      const alarm = s("alarm_name") ?? label;
      return { arn: arn("cloudwatch", `alarm:${alarm}`), id: alarm }[attribute];
    }
    case "aws_lambda_event_source_mapping": {
      const uuid = `00000000-0000-0000-0000-${hex(facts.address)}`;
      // What AWS reports for settings a mapping leaves unset: a stream's -1 (forever) retries and record age, one
      // batch per shard, no split; the source kind's batch size (ldgen import reads these as "not set").
      // (a source ARN still unknown, such as a DynamoDB table's stream_arn, is a stream's when the mapping has a
      // starting position and is no Kafka one: MSK and self-managed Kafka are the other sources that take one)
      const kafka = [after.self_managed_event_source, after.amazon_managed_kafka_event_source_config].some((b) => Array.isArray(b) && b.length > 0) || /^arn:[^:]+:kafka:/.test(s("event_source_arn") ?? "");
      const stream = /^arn:[^:]+:(kinesis|dynamodb):/.test(s("event_source_arn") ?? "") || (s("event_source_arn") === undefined && s("starting_position") !== undefined && !kafka);
      const sqs = /^arn:[^:]+:sqs:/.test(s("event_source_arn") ?? "");
      const unset: Record<string, unknown> = stream ? { maximum_retry_attempts: -1, maximum_record_age_in_seconds: -1, parallelization_factor: 1, bisect_batch_on_function_error: false } : {};
      return ({ id: uuid, uuid, function_arn: arn("lambda", `function:${s("function_name") ?? "fn"}`), last_modified: "2024-01-01T00:00:00Z", last_processing_result: "", state: after.enabled === false ? "Disabled" : "Enabled", state_transition_reason: "USER_INITIATED", arn: arn("lambda", `event-source-mapping:${uuid}`), batch_size: sqs ? 10 : 100, ...unset } as Record<string, unknown>)[attribute];
    }
    case "aws_lambda_permission":
      return { id: s("statement_id") ?? `terraform-${hex(facts.address)}`, statement_id: s("statement_id") ?? `terraform-${hex(facts.address)}` }[attribute];
    case "aws_lambda_function_event_invoke_config":
      return { id: s("qualifier") ? `${s("function_name")}:${s("qualifier")}` : s("function_name") }[attribute];
    case "aws_s3_bucket_notification":
    case "aws_sqs_queue_policy":
    case "aws_sqs_queue_redrive_policy":
    case "aws_sns_topic_policy":
      return { id: s("bucket") ?? s("queue_url") ?? s("arn") ?? `fake-${label}` }[attribute];
  }
  if (attribute === "arn") return arn(type.replace(/^aws_/, "").split("_")[0], `${type}/${label}`);
  if (attribute === "id") return `fake-${type}-${label}`;
  return undefined;
}

/** Twelve hex digits from a string, the same every run. */
function hex(text: string): string {
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    g = Math.imul(g ^ text.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return (h.toString(16).padStart(8, "0") + g.toString(16).padStart(8, "0")).slice(0, 12);
}

// ---- The provider schema -----------------------------------------------------------------------

interface ProviderSchema {
  resource_schemas: Record<string, { version?: number; block: SchemaBlock }>;
}

let schemaCache: ProviderSchema | undefined;

/** The AWS provider's resource schemas (`terraform providers schema -json`), read once a process and cached on disk. */
function providerSchema(workspace: Workspace): ProviderSchema {
  if (schemaCache) return schemaCache;
  const versions = fs.readdirSync(path.join(providerMirror()!, "registry.terraform.io", "hashicorp", "aws")).sort().join(",");
  const cache = path.join(os.tmpdir(), `ldgen-aws-schema-${versions.replace(/[^0-9A-Za-z.,_-]/g, "_")}.json`);
  if (fs.existsSync(cache)) {
    try {
      return (schemaCache = JSON.parse(fs.readFileSync(cache, "utf8")) as ProviderSchema);
    } catch {
      // (a half-written cache of another process: read it again from terraform)
    }
  }
  const all = JSON.parse(workspace.run(["providers", "schema", "-json"]).stdout) as { provider_schemas: Record<string, ProviderSchema> };
  const aws = all.provider_schemas[AWS] ?? Object.values(all.provider_schemas)[0];
  schemaCache = { resource_schemas: aws.resource_schemas };
  const temporary = `${cache}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(schemaCache));
  fs.renameSync(temporary, cache);
  return schemaCache;
}
