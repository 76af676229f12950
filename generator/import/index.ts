import * as path from "node:path";
import type { Diagnostic } from "../rules/reporter";
import { address, type Plan } from "../plan/view";
import { importsOf, movesOf, stateMovesOf } from "./blocks";
import { compare } from "./compare";
import { Context, unqualified } from "./context";
import type { Draft } from "./kinds/kind";
import { DEFAULTS, ENDPOINTS, KINDS } from "./kinds/registry";
import { inferName } from "./name";
import { InputError, readShow, type StateResource } from "./read";
import { dropRejected, importErrors } from "./repair";
import { COMPUTED } from "./computed";
import { estimateIn, fillUnknowns, type Filled } from "./unknowns";
import { specYaml } from "./yaml";

export { importBlocks, movedBlocks } from "./blocks";
export { IMPORT_IDS } from "./ids";

export interface ImportOptions {
  /** The input's name, for messages ("-" = stdin). */
  file?: string;
  /** The spec's `name`, if the user gives it (else inferred from the AWS names). */
  name?: string;
  /** Where the spec will be written: local code paths are made relative to it. */
  specFile?: string;
  /** The folder of the root the state belongs to: local code paths in it are relative to it (default: as written). */
  rootDir?: string;
}

export interface ImportReport {
  /** The spec's YAML, comments name the source addresses. */
  spec?: string;
  /** Same root/state: source address -> ldgen's address. */
  moved: { from: string; to: string }[];
  /** A new root: import {} blocks (Terraform >= 1.5). */
  imports: { to: string; id: string }[];
  /** A state in another root: terraform state mv commands. */
  stateMoves: string[];
  /** What the spec cannot express: every attribute whose value ldgen's plan would change, resource by resource. */
  differences: { address: string; attribute: string; message: string }[];
  /** Resources ldgen does not own. */
  leftOut: { address: string; reason: string }[];
  /**
   * A plan's resources that it creates: nothing exists to import yet (no import ID before apply); the moved
   * blocks and state moves hold them.
   */
  unapplied: string[];
  /** Bad input: no spec, nothing written. */
  errors: { message: string; address?: string }[];
}

const empty = (): ImportReport => ({ moved: [], imports: [], stateMoves: [], differences: [], leftOut: [], unapplied: [], errors: [] });
const failed = (errors: ImportReport["errors"]): ImportReport => ({ ...empty(), errors });

/** What wires an existing function (one the input need not hold). */
const WIRING = new Set(["aws_lambda_function", "aws_lambda_function_event_invoke_config", "aws_lambda_event_source_mapping", "aws_lambda_permission"]);

const isAws = (r: StateResource) => /(^|\/)aws$/.test(r.provider) || (r.provider === "" && r.type.startsWith("aws_"));

/** The library's `check` (generator/index.ts passes it in: this folder does not import the library's front). */
export type CheckSpec = (text: string, file: string, options: { outDir: string }) => { diagnostics: Diagnostic[]; plan?: Plan };

/**
 * Reads `terraform show -json` (text or parsed) and gives the spec that generates the same resources, with what
 * it cannot express. Writes nothing. (`importShow` in generator/index.ts is this with the library's check.)
 */
export function importWith(check: CheckSpec, input: string | unknown, options: ImportOptions = {}): ImportReport {
  const file = options.file === undefined || options.file === "-" ? "<stdin>" : options.file;
  let resources: StateResource[];
  let filled: Filled | undefined;
  try {
    const shown = readShow(input, file);
    resources = shown.resources;
    try {
      if (shown.from === "plan") filled = fillUnknowns(shown.plan, resources);
    } catch (error) {
      throw new InputError(`${file}: not terraform show -json output of a plan (${(error as Error).message})`);
    }
  } catch (error) {
    if (error instanceof InputError) return failed([{ message: error.message, ...(error.address && { address: error.address }) }]);
    throw error;
  }
  const aws = resources.filter(isAws);
  if (aws.length === 0) {
    const others = [...new Set(resources.map((r) => r.provider || r.type))].sort();
    return failed([{ message: resources.length ? `${file}: no AWS resources (it holds ${resources.length} of ${others.join(", ")}); ldgen import reads roots of the hashicorp/aws provider` : `${file}: the state or plan holds no resources` }]);
  }
  const functions = aws.filter((r) => r.mode === "managed" && r.type === "aws_lambda_function");
  const wiring = aws.filter((r) => r.mode === "managed" && WIRING.has(r.type));
  if (functions.length === 0 && wiring.length === 0) return failed([{ message: `${file}: no Lambda function and no wiring of one (${aws.length} AWS resources: no ${[...WIRING].join(", ")}); ldgen import starts from the functions` }]);
  const name = options.name ?? inferName(functions.length ? functions : aws.filter((r) => r.mode === "managed"));
  if (name === undefined || !/^[a-z][a-z0-9-]{0,31}$/.test(name)) {
    return failed([{ message: options.name !== undefined ? `--name ${JSON.stringify(options.name)}: a spec name is lowercase letters, digits and '-', starting with a letter, at most 32 characters` : `${file}: cannot tell the spec name from the function names (${functions.map((f) => JSON.stringify(f.values.function_name)).slice(0, 3).join(", ")}); give it with --name` }]);
  }
  const duplicated = duplicates(aws);
  if (duplicated.length) return failed(duplicated);

  const draft: Draft = { name, destinations: {}, sources: {}, functions: {} };
  Object.assign(draft, placeOf([...functions.map((f) => f.values.arn), ...wiring.flatMap((r) => [r.values.function_name, r.values.function_arn])]));
  const ctx = new Context(draft, aws, ENDPOINTS, { rootDir: options.rootDir, specFile: options.specFile }, filled);
  for (const kind of KINDS) kind.run(ctx);
  if (ctx.errors.length) return failed(ctx.errors);
  // (wiring of functions it cannot name, such as a mapping on a bare function name with no ARN to give its account)
  if (Object.keys(draft.functions).length === 0) {
    const why = [...ctx.leftOut].slice(0, 3).map(([address, reason]) => `${address}: ${reason}`).join("; ");
    return failed([{ message: `${file}: no function the spec can name${why ? ` (${why})` : ""}; ldgen import starts from the functions` }]);
  }
  commonTags(draft, ctx.claims.map((c) => c.from.values.tags));

  const specFile = options.specFile ?? "spec.yaml";
  const header = ` Imported by ldgen from ${file}. Above each entry, the addresses it was imported from.`;
  let text = "";
  const planSpec = () => {
    // (what ldgen's rules refuse leaves the spec as a difference; at most a few rounds)
    for (let round = 0; ; round++) {
      text = specYaml(draft, ctx, header);
      const result = checkSpec(check, text, specFile);
      if (!result.errors.length || round === 3 || !dropRejected(draft, result.diagnostics, ctx)) return result;
    }
  };
  let checked = planSpec();
  for (const kind of KINDS) {
    if (!kind.afterPlan || !checked.plan || checked.errors.length) continue;
    if (kind.afterPlan(ctx, checked.plan)) checked = planSpec();
  }
  if (!checked.plan || checked.errors.length) {
    return failed(checked.errors.length ? importErrors(draft, checked.diagnostics, ctx) : [{ message: "the imported spec does not plan" }]);
  }
  // What the state holds for a part of an entry that ldgen's rules refused (a vpc_config without security groups
  // takes its VPC attachment with it): the spec makes nothing at its address, so it is not ldgen's.
  const plannedAt = new Set(checked.plan.files.flatMap((f) => f.resources.map(address)));
  for (const c of [...ctx.claims]) {
    if (plannedAt.has(c.to)) continue;
    const head = `(spec) ${c.path.join(".")}.`;
    const dropped = ctx.differences.filter((d) => d.attribute.startsWith(head)).map((d) => d.attribute.slice("(spec) ".length));
    if (dropped.length === 0) continue; // (the comparison reports it: an importer's fault)
    ctx.unclaim(c);
    ctx.leaveOut(c.from, `the spec does not make ${c.to}: ${dropped.join(", ")} left the spec (ldgen's rules refuse what the state holds; see the difference), and with it what needs this; keep it in its root, or remove it once that is fixed`);
  }
  // (what a plan's values could only guess is reported first: the comparison adds nothing at those attributes)
  for (const n of filled?.notes ?? []) ctx.difference(n.address, n.attribute, n.message);
  compare(checked.plan, ctx, DEFAULTS);
  if (filled) unknownsOfClaims(filled, ctx, checked.plan);

  const leftOut: ImportReport["leftOut"] = [];
  const uses = usesOf(ctx, functions);
  // (a resource left out at an address ldgen's root uses too: in the same root, Terraform would take it for ldgen's)
  const ours = new Set(checked.plan.files.flatMap((f) => f.resources.map(address)));
  for (const r of resources) {
    if (ctx.claimed(r)) continue;
    let reason = ctx.leftOut.get(r.address) ?? (r.mode === "data" ? "a data source: read, not managed" : !isAws(r) ? `another provider's (${r.provider})` : (attachedTo(ctx, r) ?? usedBy(uses, r) ?? readBy(ctx, r) ?? `ldgen does not generate it from what it imported (${r.type})`));
    if (r.mode === "managed" && ours.has(r.address)) reason += `. ldgen's root has a resource at this address too: generated into this root (--moved), Terraform takes this one for ldgen's and replaces or updates it, so first "terraform state rm ${r.address}" (and keep it in a root of its own, or delete it by hand)`;
    const unknown = r.mode === "managed" ? filled?.referring.get(r.address) : undefined;
    if (unknown) reason += ` (the plan does not know its ${[...unknown].slice(0, 3).join(", ")}${unknown.size > 3 ? ", ..." : ""} until apply: import the state once applied)`;
    leftOut.push({ address: r.address, reason });
  }
  if (filled) estimatesInSpec(text, filled, ctx);
  // A plan names no account before apply: the ARNs made from names say the placeholder.
  const placeholder = filled?.placeholderAccount;
  if (placeholder && (text.includes(`:${placeholder}:`) || text.includes(`/${placeholder}/`))) {
    ctx.difference(file, "account", `the plan names no AWS account (nothing in it is made yet): the ARNs the spec names that the plan computes say ${placeholder}; replace it with the account, or import the state after apply`);
  }
  if (filled?.placeholderRegion && ctx.claims.length) {
    ctx.difference(file, "region", `the plan says no region (no constant or root variable in the AWS provider configuration, no ARN): ldgen takes ${filled.placeholderRegion}; give the spec its region, or import the state once applied`);
  }
  // What a plan creates has no import ID before apply, and is in no state to move.
  const unapplied = new Set(filled ? ctx.claims.filter((c) => filled.created.has(c.from.address)) : []);
  return {
    spec: text,
    moved: movesOf(ctx.claims),
    imports: importsOf(ctx.claims.filter((c) => !unapplied.has(c))),
    stateMoves: stateMovesOf(ctx.claims.filter((c) => !unapplied.has(c))),
    differences: ctx.differences,
    leftOut,
    unapplied: [...unapplied].map((c) => c.from.address),
    errors: [],
  };
}

/**
 * What a left-out resource does for an imported function: it configures the function (`function_name`: a function
 * URL, a provisioned concurrency config), which the spec cannot say.
 */
function attachedTo(ctx: Context, r: StateResource): string | undefined {
  const name = r.mode === "managed" ? r.values.function_name : undefined;
  const key = typeof name === "string" && name !== "" ? ctx.functionKey(name) : undefined;
  if (key === undefined || ctx.draft.functions[key]?.arn !== undefined) return undefined;
  return `it configures functions.${key}, and the spec has nothing for an ${r.type}: keep it in its root, naming the function by its AWS name there (ldgen keeps it); or remove it`;
}

/** An imported mapping reads it (a DynamoDB table's stream) by ARN, which the spec writes as the source. */
function readBy(ctx: Context, r: StateResource): string | undefined {
  for (const arn of [r.values.arn, r.values.stream_arn]) {
    if (typeof arn !== "string" || arn === "") continue;
    const m = ctx.find("aws_lambda_event_source_mapping", "event_source_arn", arn);
    const key = m && ctx.claimed(m) && typeof m.values.function_name === "string" ? ctx.functionKey(m.values.function_name) : undefined;
    if (key !== undefined) return `functions.${key} reads it by ARN (${m!.address}), which the spec writes as the event's source; ldgen does not generate an ${r.type}: keep it in its root`;
  }
  return undefined;
}

/** Every string an imported function's state holds (a subnet id, a layer's ARN), with the function key and attribute. */
function usesOf(ctx: Context, functions: StateResource[]): Map<string, { key: string; attribute: string }> {
  const out = new Map<string, { key: string; attribute: string }>();
  const walk = (value: unknown, key: string, attribute: string) => {
    if (typeof value === "string" && value !== "") {
      if (!out.has(value)) out.set(value, { key, attribute });
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key, attribute));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, key, attribute === "" ? k : /^\d+$/.test(k) ? attribute : `${attribute}.${k}`);
  };
  for (const fn of functions) {
    const key = ctx.functionOf(fn);
    if (key === undefined) continue;
    for (const [attribute, value] of Object.entries(fn.values)) if (!["arn", "function_name", "id", "invoke_arn", "qualified_arn", "qualified_invoke_arn", "role"].includes(attribute)) walk(value, key, attribute);
  }
  return out;
}

/** An imported function uses it by id or ARN (a subnet in its vpc_config, a layer): the spec writes the value. */
function usedBy(uses: Map<string, { key: string; attribute: string }>, r: StateResource): string | undefined {
  const use = [r.values.arn, r.values.id].map((v) => (typeof v === "string" ? uses.get(v) : undefined)).find((u) => u !== undefined);
  return use && `functions.${use.key} uses it by its ${use.attribute === "layers" ? "ARN" : "id"} (${use.attribute}), which the spec writes as a literal; ldgen does not generate an ${r.type}: keep it in its root`;
}

/**
 * What a plan leaves unknown, made from other resources, on a resource the spec takes over, and that nothing
 * reported yet (a subnet the plan creates, an environment variable from a bucket's generated name): the spec leaves
 * it out, so each is a difference.
 */
function unknownsOfClaims(filled: Filled, ctx: Context, plan: Plan): void {
  const planned = new Map(plan.files.flatMap((f) => f.resources.map((r) => [address(r), r] as const)));
  for (const claim of ctx.claims) {
    const address = claim.from.address;
    // (where ldgen's value is a reference too, `function_version = aws_lambda_function.x.version`, both are made
    // at apply from the resource the import maps there: the comparison has told)
    const referred = new Set((planned.get(claim.to)?.body ?? []).filter((i) => "attr" in i && i.value.t === "ref").map((i) => ("attr" in i ? i.attr : "")));
    for (const path of filled.referring.get(address) ?? []) {
      const parts = path.split(".");
      if (referred.has(parts[0])) continue;
      const table = parts.filter((p) => !/^\d+$/.test(p)).join(".");
      if (COMPUTED[claim.from.type]?.has(table) || parts[0] === "id" || parts[0] === "tags_all") continue;
      // (reported already at the path, or at an attribute above it)
      if (parts.some((_, i) => ctx.hasDifference(address, parts.slice(0, i + 1).join(".")))) continue;
      ctx.difference(address, path, "the plan does not know the value until apply (it is made from other resources): the spec cannot say it, and leaves it out; import the state once applied");
    }
  }
}

/**
 * The values a plan does not know that the spec writes as made here (an ARN AWS makes from a name, a reference's
 * value), each a difference at the resource it belongs to: the spec holds an estimate.
 */
function estimatesInSpec(text: string, filled: Filled, ctx: Context): void {
  for (const word of text.split(/[\s"'\[\],{}]+/)) {
    const estimate = word && estimateIn(word, filled.estimates);
    const origin = estimate && filled.origins.get(estimate);
    if (!origin) continue;
    const at = origin.indexOf(" ");
    ctx.difference(origin.slice(0, at), origin.slice(at + 1), `the plan does not know the value until apply: the spec writes ${JSON.stringify(word)}, made from ${estimate === word ? "" : `${JSON.stringify(estimate)}, `}what the plan says (the name, region and account); check it, or import the state once applied`);
  }
}

function checkSpec(check: CheckSpec, text: string, specFile: string): { plan?: Plan; errors: Diagnostic[]; diagnostics: Diagnostic[] } {
  const outDir = path.join(path.dirname(specFile), "out");
  const checked = check(text, specFile, { outDir });
  return { plan: checked.plan, errors: checked.diagnostics.filter((d) => d.severity === "error"), diagnostics: checked.diagnostics };
}

/** Two resources at one address (the input repeats one). */
function duplicates(resources: StateResource[]): ImportReport["errors"] {
  const seen = new Set<string>();
  const out: ImportReport["errors"] = [];
  for (const r of resources) {
    const id = `${r.mode}:${r.address}`;
    if (seen.has(id)) out.push({ address: r.address, message: `${r.address} appears twice in the input` });
    seen.add(id);
  }
  return out;
}

/** The region (and a partition that is not `aws`) the functions' ARNs share. */
function placeOf(arns: unknown[]): Partial<Draft> {
  const regions = new Set<string>();
  const partitions = new Set<string>();
  for (const arn of arns) {
    const m = /^arn:([^:]+):lambda:([^:]+):/.exec(unqualified(String(arn ?? "")));
    if (m) {
      partitions.add(m[1]);
      regions.add(m[2]);
    }
  }
  const out: Partial<Draft> = {};
  if (regions.size === 1) out.region = [...regions][0];
  if (partitions.size === 1 && !partitions.has("aws")) out.partition = [...partitions][0];
  return out;
}

/**
 * Tags every imported resource that takes tags carries with the same value become the spec's `tags`, and leave
 * the entries.
 */
function commonTags(draft: Draft, all: unknown[]): void {
  const tagged = all.filter((t): t is Record<string, string> => t !== null && typeof t === "object");
  if (tagged.length === 0) return;
  const tagsOf = (e: Record<string, unknown>) => (e.tags ?? {}) as Record<string, string>;
  const common: Record<string, string> = { ...tagged[0] };
  for (const tags of tagged) for (const k of Object.keys(common)) if (tags[k] !== common[k]) delete common[k];
  if (Object.keys(common).length === 0) return;
  draft.tags = common;
  for (const section of [draft.destinations, draft.sources, draft.functions]) {
    for (const entry of Object.values(section)) {
      if (!entry.tags) continue;
      const own = { ...tagsOf(entry) };
      for (const k of Object.keys(common)) if (own[k] === common[k]) delete own[k];
      if (Object.keys(own).length) entry.tags = own;
      else delete entry.tags;
    }
  }
}
