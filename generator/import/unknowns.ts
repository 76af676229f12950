import { COLLECTIONS } from "./computed";
import type { StateResource } from "./read";

/**
 * A plan's values that Terraform knows only after apply (`after_unknown`), filled in so that the import can follow
 * them: an ARN, URL or ID AWS makes from a resource's name is made the same way (the account and region from the
 * plan), and a value that is a reference to another resource (`event_source_arn = aws_sqs_queue.jobs.arn`, in the
 * plan's `configuration`) is that resource's value; a policy document whose statements are then known is rendered.
 *
 * Every value made here is an estimate: Terraform's JSON does not tell `x.arn` from `"${x.arn}:*"`, and an account
 * the plan does not name is a placeholder. The comparison holds two values equal when they are made from the same
 * estimate (`estimates`), and what stays unknown is compared with nothing (`unknown`): both are reported.
 */
export interface Filled {
  /** The strings made here (ARNs, URLs, IDs): a value that contains one is made from that resource. */
  estimates: Set<string>;
  /** Per address, the attribute paths (`destination_config.0.on_failure.0.destination_arn`) still unknown. */
  unknown: Map<string, Set<string>>;
  /** Of those, the ones the configuration makes from other resources (the rest the provider computes). */
  referring: Map<string, Set<string>>;
  /** What the filling could only guess, each a difference to report. */
  notes: { address: string; attribute: string; message: string }[];
  /** Where each estimate read from a reference was made: `<address> <attribute path>`. */
  origins: Map<string, string>;
  /** The addresses the plan creates (or replaces): nothing to import yet. */
  created: Set<string>;
  /** The region the made ARNs name, when the plan says none (us-east-1, reported). */
  placeholderRegion?: string;
  /** The account the made ARNs name, when the plan names none (a placeholder, reported). */
  placeholderAccount?: string;
}

/** The account a plan that names none gets in the ARNs made here. */
export const PLACEHOLDER_ACCOUNT = "000000000000";

interface Expression {
  constant_value?: unknown;
  references?: string[];
}
type Expressions = Record<string, unknown>;
interface ConfigResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  provider_config_key?: string;
  expressions?: Expressions;
}
interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { expressions?: Expressions; module?: ConfigModule }>;
  outputs?: Record<string, { expression?: Expression }>;
}
interface Plan {
  resource_changes?: { address: string; change?: { actions?: string[]; after_unknown?: unknown } }[];
  configuration?: { provider_config?: Record<string, { name?: string; alias?: string; expressions?: Record<string, Expression> } | null>; root_module?: ConfigModule };
  variables?: Record<string, { value?: unknown }>;
}

/** Attributes that hold one ARN (or name) of another resource, never a text made around it. */
const ARN_SLOT = /(^|_)arns?$|^destination$|^endpoint$|^role$|^function_name$|^target$|^alarm_actions$|^ok_actions$|^insufficient_data_actions$/;

/** The list attributes of the data sources the import reads (the resources' are in COLLECTIONS). */
const LISTS: Record<string, ReadonlySet<string>> = {
  aws_iam_policy_document: new Set(["statement.actions", "statement.not_actions", "statement.resources", "statement.not_resources", "statement.principals.identifiers", "statement.not_principals.identifiers", "statement.condition.values", "source_policy_documents", "override_policy_documents"]),
};

/** Redrive policies: JSON documents that name queues. */
const REDRIVE = new Set(["aws_sns_topic_subscription.redrive_policy", "aws_sqs_queue.redrive_policy", "aws_sqs_queue.redrive_allow_policy", "aws_sqs_queue_redrive_policy.redrive_policy", "aws_sqs_queue_redrive_allow_policy.redrive_allow_policy"]);

/** Attributes that hold a JSON document (a policy, a pattern, an event's input). */
const DOCUMENT = /(policy|pattern|document|json|input|criteria)$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isExpression = (e: unknown): e is Expression => isObject(e) && ("references" in e || "constant_value" in e);

/** Fills the unknown values of a plan's resources in place. */
export function fillUnknowns(input: unknown, resources: StateResource[]): Filled {
  const plan = (isObject(input) ? input : {}) as Plan;
  const filled: Filled = { estimates: new Set(), unknown: new Map(), referring: new Map(), created: new Set(), origins: new Map(), notes: [] };
  const unknownOf = new Map<string, unknown>();
  for (const c of plan.resource_changes ?? []) {
    if (c.change?.after_unknown !== undefined) unknownOf.set(c.address, c.change.after_unknown);
    if (c.change?.actions?.includes("create")) filled.created.add(c.address);
  }
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const place0 = placeOf(plan, resources);
  const { account } = place0;
  if (account === PLACEHOLDER_ACCOUNT) filled.placeholderAccount = account;
  if (place0.guessed) filled.placeholderRegion = place0.region;
  const root = plan.configuration?.root_module ?? {};
  // (a value made here that the input holds already, a name copied from the configuration, is no estimate)
  const known = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === "string") known.add(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) Object.values(v).forEach(collect);
  };
  for (const r of resources) collect(r.values);

  // Each resource's unknown leaves, as paths into its values.
  const pending = new Map<StateResource, string[][]>();
  for (const r of resources) {
    // (an update's unknown value replaces what the prior state held: that value is gone)
    const paths: string[][] = [];
    leaves(unknownOf.get(r.address), [], paths);
    for (const path of paths) if (valueAt(r.values, path) !== undefined) place(r.values, path, null);
    if (paths.length) pending.set(r, paths);
  }
  // (`followed`: read from a reference, which may have been a template around it: the spec may write it wrong)
  const set = (r: StateResource, path: string[], value: unknown, followed = false) => {
    place(r.values, path, value);
    for (const v of Array.isArray(value) ? value : [value]) {
      // (only what names a resource: an ARN, a URL; a name or "$LATEST" says nothing of where it came from)
      if (typeof v !== "string" || !/^(arn:|https:\/\/)/.test(v) || known.has(v)) continue;
      filled.estimates.add(v);
      // (an ARN attribute is the ARN: a template around it would not be one)
      const slot = [...path].reverse().find((p) => !/^\d+$/.test(p))!;
      if (followed && !ARN_SLOT.test(slot) && !filled.origins.has(v)) filled.origins.set(v, `${r.address} ${path.join(".")}`);
    }
  };

  const all = new Map([...pending].map(([r, paths]) => [r, [...paths]]));
  // The functions that have aliases (by name, as an alias names its function, or by ARN).
  const aliased = new Set<string>();
  for (const r of resources) {
    if (r.type === "aws_lambda_alias" && typeof r.values.function_name === "string") aliased.add(r.values.function_name.replace(/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/, ""));
    // (a published function has versions: `${arn}:${version}` is as likely)
    if (r.type === "aws_lambda_function" && r.values.publish === true && typeof r.values.function_name === "string") aliased.add(r.values.function_name);
  }
  for (let round = 0, progress = true; progress && pending.size && round < 50; round++) {
    progress = false;
    for (const [r, paths] of pending) {
      const left: string[][] = [];
      const config = configOf(root, r);
      for (const path of paths) {
        const made = path.length === 1 ? awsValue(r, path[0], regionOf(plan, config, place0), account) : undefined;
        // (a JSON document made from references, `jsonencode({ deadLetterTargetArn = x.arn })`, is not the
        // reference; a policy document's `json` is)
        const documentOnly = DOCUMENT.test(path[0]) && r.type !== "aws_iam_policy_document";
        const via: { target: StateResource; attr: string }[] = [];
        const value = made ?? follow(expressionAt(config?.expressions, path), r, path, { root, byAddress, pending, documentOnly, via }, all.get(r)!);
        if (value === undefined) left.push(path);
        else {
          set(r, path, value, made === undefined);
          progress = true;
          // (`"${aws_lambda_function.f.arn}:live"` is `f.arn` in the plan's JSON: with aliases, it may have been one)
          const fn = via.find((v) => v.target.type === "aws_lambda_function" && v.attr === "arn" && aliased.has(String(v.target.values.function_name)));
          if (fn) filled.notes.push({ address: r.address, attribute: path.join("."), message: `the plan does not know the value until apply: the configuration names ${fn.target.address}'s ARN, which the plan cannot tell from one of its aliases' or versions' ("\${...arn}:<qualifier>"); the spec takes the function itself: check it, or import the state once applied` });
        }
      }
      const rendered = ["json", "minified_json", "id"];
      if (r.mode === "data" && r.type === "aws_iam_policy_document" && left.some((p) => p[0] === "json") && left.every((p) => rendered.includes(p[0]))) {
        const json = policyJson(r.values);
        if (json !== undefined) {
          set(r, ["json"], json);
          set(r, ["minified_json"], json);
          set(r, ["id"], String(hash(json)));
          left.length = 0;
          progress = true;
        }
      }
      if (left.length) pending.set(r, left);
      else pending.delete(r);
    }
  }
  // A queue's redrive policies, `jsonencode` of the queues they name: those are known from the configuration.
  for (const [r, paths] of [...pending]) {
    const config = configOf(root, r);
    const left = paths.filter((path) => {
      if (path.length !== 1 || !REDRIVE.has(`${r.type}.${path[0]}`)) return true;
      const refs = expressionAt(config?.expressions, path)?.expression.references ?? [];
      const queues = targetsOf(refs, r.module, r.index, { root, byAddress, pending: new Map() }, "arn");
      if (!queues?.length || !queues.every((q) => typeof q === "string" && /^arn:[^:]+:sqs:/.test(q))) return true;
      if (path[0] === "redrive_policy") {
        if (queues.length !== 1) return true;
        set(r, path, JSON.stringify({ deadLetterTargetArn: queues[0] }));
        // (an SNS subscription's redrive policy is only its queue; a queue's has a count the plan does not show)
        if (r.type !== "aws_sns_topic_subscription") filled.notes.push({ address: r.address, attribute: path[0], message: `the plan does not know the value until apply (a JSON document made from references): its dead-letter queue is ${String(queues[0])}, from the configuration, and its maxReceiveCount is ldgen's default in the spec; check it, or import the state once applied` });
      } else set(r, path, JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: queues }));
      return false;
    });
    if (left.length) pending.set(r, left);
    else pending.delete(r);
  }
  for (const [r, paths] of pending) {
    filled.unknown.set(r.address, new Set(paths.map((p) => p.join("."))));
    const config = configOf(root, r);
    // (made from other resources: an expression with references, or a block the configuration does not show, a
    // `dynamic` one; an attribute the configuration leaves out is the provider's)
    const referring = paths.filter((p) => (expressionAt(config?.expressions, p)?.expression.references ?? []).length > 0 || (p.length > 2 && /^\d+$/.test(p[1]) && config?.expressions?.[p[0]] === undefined));
    if (referring.length) filled.referring.set(r.address, new Set(referring.map((p) => p.join("."))));
  }
  return filled;
}

/** The paths of the `true` leaves of `after_unknown`. */
function leaves(unknown: unknown, path: string[], out: string[][]): void {
  if (unknown === true) out.push(path);
  else if (Array.isArray(unknown)) unknown.forEach((u, i) => leaves(u, [...path, String(i)], out));
  else if (isObject(unknown)) for (const [k, u] of Object.entries(unknown)) leaves(u, [...path, k], out);
}

function place(values: Record<string, unknown>, path: string[], value: unknown): void {
  let at: Record<string, unknown> | unknown[] = values;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const next = (at as Record<string, unknown>)[key];
    if (next === null || typeof next !== "object") (at as Record<string, unknown>)[key] = /^\d+$/.test(path[i + 1]) ? [] : {};
    at = (at as Record<string, unknown>)[key] as Record<string, unknown>;
  }
  (at as Record<string, unknown>)[path[path.length - 1]] = value;
}

/** A provider configuration's region: a constant, or a root variable's value. */
function providerRegion(plan: Plan, p: { expressions?: Record<string, Expression> } | null | undefined): string | undefined {
  const e = p?.expressions?.region;
  if (typeof e?.constant_value === "string") return e.constant_value;
  const variable = e?.references?.length === 1 ? /^var\.([A-Za-z0-9_-]+)$/.exec(e.references[0])?.[1] : undefined;
  const value = variable === undefined ? undefined : plan.variables?.[variable]?.value;
  return typeof value === "string" ? value : undefined;
}

/** The region of the provider configuration a resource uses (else the plan's). */
function regionOf(plan: Plan, config: ConfigResource | undefined, place: { region: string }): string {
  const key = config?.provider_config_key;
  return (key !== undefined && providerRegion(plan, plan.configuration?.provider_config?.[key])) || place.region;
}

/** The partition a region is in. */
export const partitionOf = (region: string): string => (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : region.startsWith("us-iso") ? (region.startsWith("us-isob") ? "aws-iso-b" : "aws-iso") : "aws");

/**
 * The region of the default AWS provider configuration (else the plan's ARNs', else us-east-1: `guessed`) and the
 * account the plan's ARNs name (else the placeholder).
 */
function placeOf(plan: Plan, resources: StateResource[]): { region: string; account: string; guessed: boolean } {
  const providers = plan.configuration?.provider_config ?? {};
  let region = providerRegion(plan, providers.aws);
  for (const p of Object.values(providers)) {
    if (region !== undefined) break;
    if (p?.name === "aws" && !p.alias) region = providerRegion(plan, p);
  }
  const accounts = new Map<string, number>();
  const regions = new Map<string, number>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      const m = /^arn:[^:]+:[^:]+:([a-z0-9-]*):(\d{12}):/.exec(v);
      if (m) {
        accounts.set(m[2], (accounts.get(m[2]) ?? 0) + 1);
        if (m[1]) regions.set(m[1], (regions.get(m[1]) ?? 0) + 1);
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) Object.values(v).forEach(walk);
  };
  for (const r of resources) walk(r.values);
  const most = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
  const found = region ?? most(regions);
  return { region: found ?? "us-east-1", account: most(accounts) ?? PLACEHOLDER_ACCOUNT, guessed: found === undefined };
}

/** The configuration module that a module instance address (`module.a["k"].module.b`) is an instance of. */
function configModule(root: ConfigModule, moduleAddress: string): ConfigModule | undefined {
  let module: ConfigModule | undefined = root;
  for (const part of callsOf(moduleAddress)) module = module?.module_calls?.[part.name]?.module;
  return module;
}

/** `module.a["k"].module.b` -> [{ name: "a", instance: 'module.a["k"]' }, { name: "b", instance: 'module.a["k"].module.b' }] */
function callsOf(moduleAddress: string): { name: string; instance: string; index?: string | number }[] {
  const out: { name: string; instance: string; index?: string | number }[] = [];
  const re = /module\.([A-Za-z0-9_-]+)(\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\])?/g;
  for (let m = re.exec(moduleAddress); m; m = re.exec(moduleAddress)) {
    const index = m[3] !== undefined ? (JSON.parse(`"${m[3]}"`) as string) : m[4] !== undefined ? Number(m[4]) : undefined;
    out.push({ name: m[1], instance: moduleAddress.slice(0, m.index + m[0].length), ...(index !== undefined && { index }) });
  }
  return out;
}

/** Each configuration module's resources by mode, type and name (made once per module). */
const configIndex = new WeakMap<ConfigModule, Map<string, ConfigResource>>();

function configOf(root: ConfigModule, r: StateResource): ConfigResource | undefined {
  const module = configModule(root, r.module);
  if (!module) return undefined;
  let index = configIndex.get(module);
  if (!index) {
    index = new Map((module.resources ?? []).map((c) => [`${c.mode ?? "managed"} ${c.type}.${c.name}`, c]));
    configIndex.set(module, index);
  }
  return index.get(`${r.mode === "data" ? "data" : "managed"} ${r.type}.${r.name}`);
}

/** The expression at a value's path (a block is a list of bodies; an attribute's elements share its expression). */
function expressionAt(expressions: Expressions | undefined, path: string[]): { expression: Expression; rest: string[] } | undefined {
  let at: unknown = expressions;
  for (let i = 0; i < path.length; i++) {
    if (isExpression(at)) return { expression: at, rest: path.slice(i) };
    if (Array.isArray(at)) at = /^\d+$/.test(path[i]) ? (at[Number(path[i])] ?? at[0]) : undefined;
    else if (isObject(at)) at = at[path[i]];
    else return undefined;
  }
  return isExpression(at) ? { expression: at, rest: [] } : undefined;
}

interface Scope {
  root: ConfigModule;
  byAddress: Map<string, StateResource>;
  pending: Map<StateResource, string[][]>;
  /** Follow only references to a policy document's JSON. */
  documentOnly?: boolean;
  /** The resources and attributes the references led to. */
  via?: { target: StateResource; attr: string }[];
}

/**
 * The value of an expression that refers to one attribute of one resource (or one of a list's elements, in
 * order), read from that resource when it is known; undefined otherwise.
 */
function follow(found: { expression: Expression; rest: string[] } | undefined, from: StateResource, path: string[], scope: Scope, siblings: string[][]): unknown {
  if (!found) return undefined;
  const { expression, rest } = found;
  const attribute = [...path].reverse().find((p) => !/^\d+$/.test(p))!;
  const targets = targetsOf(expression.references ?? [], from.module, from.index, scope, attribute, 0, scope.via);
  if (targets === undefined || targets.length === 0) return undefined;
  // A whole value: one target (a list or set attribute: the list of the targets).
  if (rest.length === 0) {
    const collection = (LISTS[from.type] ?? COLLECTIONS[from.type])?.has(path.filter((p) => !/^\d+$/.test(p)).join("."));
    if (collection) return targets.every((t) => typeof t === "string") ? targets : targets.length === 1 && Array.isArray(targets[0]) ? targets[0] : undefined;
    return targets.length === 1 ? targets[0] : undefined;
  }
  // One element of a list, or one entry of a map, that one expression makes: the unknown ones take the targets
  // in order (constants are not references).
  if (rest.length === 1) {
    const parent = path.slice(0, path.length - 1).join(".");
    const unknownHere = siblings.filter((p) => p.length === path.length && p.slice(0, p.length - 1).join(".") === parent).map((p) => p[p.length - 1]);
    if (targets.length === 1 && unknownHere.length === 1) return targets[0];
    if (/^\d+$/.test(rest[0]) && targets.length === unknownHere.length) return targets[unknownHere.map(Number).sort((a, b) => a - b).indexOf(Number(rest[0]))];
  }
  return undefined;
}

function valueAt(values: unknown, path: string[]): unknown {
  let at = values;
  for (const key of path) at = Array.isArray(at) ? at[Number(key)] : isObject(at) ? at[key] : undefined;
  return at;
}

const REF = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\])?(?:\.([a-z0-9_]+))?$/;

/**
 * The known values an expression's references name, in order; undefined when one of them is not known (yet) or
 * cannot be followed (a local value, a function of several).
 */
function targetsOf(references: string[], moduleInstance: string, index: string | number | undefined, scope: Scope, attribute: string, depth = 0, via?: { target: StateResource; attr: string }[]): unknown[] | undefined {
  if (depth > 8) return undefined;
  const out: unknown[] = [];
  const prefix = moduleInstance ? `${moduleInstance}.` : "";
  const refs = references.filter((ref, i) => !references.some((other, j) => j !== i && other.startsWith(`${ref}.`) || (j !== i && other.startsWith(`${ref}[`))));
  // An index from the instance itself (`[each.key]`, `[count.index]`) is the referrer's own key; any other
  // (`[each.value.queue]`, `[local.k]`) cannot be followed. (`[count.index + 1]` says the same as `[count.index]`.)
  const dynamic = refs.filter((ref) => /^(each|count)\./.test(ref));
  if (dynamic.some((ref) => ref !== "each.key" && ref !== "count.index")) return undefined;
  const ownKey = dynamic.length ? index : undefined;
  for (const ref of refs) {
    if (/^(each|count)\./.test(ref)) continue;
    if (ref.startsWith("var.")) {
      const calls = callsOf(moduleInstance);
      const call = calls[calls.length - 1];
      if (!call) return undefined;
      const parent = calls.length > 1 ? calls[calls.length - 2].instance : "";
      const name = ref.slice(4).split(".")[0].split("[")[0];
      const expression = configModule(scope.root, parent)?.module_calls?.[call.name]?.expressions?.[name];
      if (!isExpression(expression)) return undefined;
      if (expression.constant_value !== undefined) return undefined;
      const values = targetsOf(expression.references ?? [], parent, call.index, scope, attribute, depth + 1, via);
      // (a part of the variable, `var.topics["alerts"]`: only when the variable is one value)
      if (values === undefined || (ref.length > 4 + name.length && values.length !== 1)) return undefined;
      out.push(...values);
      continue;
    }
    const output = /^module\.([A-Za-z0-9_-]+)(?:\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\])?\.([A-Za-z0-9_-]+)$/.exec(ref);
    if (output) {
      const child = `${prefix}module.${output[1]}${output[2] !== undefined ? `[${JSON.stringify(output[2])}]` : output[3] !== undefined ? `[${output[3]}]` : ""}`;
      const expression = configModule(scope.root, child)?.outputs?.[output[4]]?.expression;
      if (!expression?.references) return undefined;
      const values = targetsOf(expression.references, child, undefined, scope, attribute, depth + 1, via);
      if (values === undefined) return undefined;
      out.push(...values);
      continue;
    }
    const m = REF.exec(ref);
    if (!m || ref.startsWith("local.") || ref.startsWith("module.") || ref.startsWith("path.")) return undefined;
    const key = m[3] !== undefined ? (JSON.parse(`"${m[3]}"`) as string) : m[4] !== undefined ? Number(m[4]) : undefined;
    const target = instanceOf(scope.byAddress, `${prefix}${m[1]}`, key ?? ownKey);
    if (!target) return undefined;
    const attr = m[5] ?? attributeFor(target, attribute);
    if (attr === undefined) return undefined;
    if (scope.documentOnly && !(target.type === "aws_iam_policy_document" && (attr === "json" || attr === "minified_json"))) return undefined;
    const known = scope.pending.get(target)?.some((p) => p[0] === attr);
    const value = target.values[attr];
    if (known || value === undefined || value === null) return undefined;
    via?.push({ target, attr });
    out.push(value);
  }
  return out;
}

/** The instance `base[key]`, or `base` itself when it has no instances; with a key it has not, undefined. */
function instanceOf(byAddress: Map<string, StateResource>, base: string, key: string | number | undefined): StateResource | undefined {
  if (key !== undefined) {
    const keyed = byAddress.get(`${base}[${JSON.stringify(key)}]`);
    if (keyed) return keyed;
  }
  return byAddress.get(base);
}

/** The attribute a reference with a dynamic index (`aws_sqs_queue.this[each.key]`) most likely reads. */
function attributeFor(target: StateResource, attribute: string): string | undefined {
  if (target.type === "aws_iam_policy_document") return "json";
  if (/(^|_)arns?$|^role$|^endpoint$|^function_name$|^target$|^destination$/.test(attribute)) return "arn";
  if (/_url$/.test(attribute)) return target.type === "aws_sqs_queue" ? "url" : "id";
  return undefined;
}

/** Values AWS makes from a resource's name, as it makes them. */
function awsValue(r: StateResource, attribute: string, region: string, account: string): unknown {
  const v = r.values;
  const s = (key: string) => (typeof v[key] === "string" && v[key] !== "" ? (v[key] as string) : undefined);
  const partition = partitionOf(region);
  const arn = (service: string, resource: string, global = false) => `arn:${partition}:${service}:${global ? "" : region}:${account}:${resource}`;
  const domain = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  switch (r.type) {
    case "aws_sqs_queue": {
      const name = s("name");
      if (!name) return undefined;
      const url = `https://sqs.${region}.${domain}/${account}/${name}`;
      return { arn: arn("sqs", name), id: url, url }[attribute];
    }
    case "aws_sns_topic": {
      const name = s("name");
      return name ? { arn: arn("sns", name), id: arn("sns", name), owner: account }[attribute] : undefined;
    }
    case "aws_lambda_function": {
      const name = s("function_name");
      if (!name) return undefined;
      const fn = arn("lambda", `function:${name}`);
      const version = v.publish === true ? undefined : "$LATEST";
      return {
        arn: fn,
        id: name,
        invoke_arn: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${fn}/invocations`,
        ...(version && { qualified_arn: `${fn}:${version}`, version }),
      }[attribute];
    }
    case "aws_lambda_alias": {
      const fnName = s("function_name");
      const name = s("name");
      if (!fnName || !name) return undefined;
      const fn = fnName.startsWith("arn:") ? fnName : arn("lambda", `function:${fnName}`);
      return { arn: `${fn}:${name}`, id: `${fn}:${name}`, invoke_arn: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${fn}:${name}/invocations` }[attribute];
    }
    case "aws_iam_role": {
      const name = s("name");
      return name ? { arn: arn("iam", `role${s("path") ?? "/"}${name}`, true), id: name }[attribute] : undefined;
    }
    case "aws_iam_policy": {
      const name = s("name");
      const policy = name && arn("iam", `policy${s("path") ?? "/"}${name}`, true);
      return policy ? { arn: policy, id: policy }[attribute] : undefined;
    }
    case "aws_cloudwatch_log_group": {
      const name = s("name");
      return name ? { arn: arn("logs", `log-group:${name}`), id: name }[attribute] : undefined;
    }
    case "aws_kinesis_stream": {
      const name = s("name");
      return name ? { arn: arn("kinesis", `stream/${name}`), id: arn("kinesis", `stream/${name}`) }[attribute] : undefined;
    }
    case "aws_kinesis_stream_consumer": {
      const stream = s("stream_arn");
      const name = s("name");
      return stream && name ? { arn: `${stream}/consumer/${name}:0`, id: `${stream}/consumer/${name}:0` }[attribute] : undefined;
    }
    case "aws_dynamodb_table": {
      const name = s("name");
      if (!name) return undefined;
      const stream = v.stream_enabled === true ? `${arn("dynamodb", `table/${name}`)}/stream/1970-01-01T00:00:00.000` : undefined;
      return { arn: arn("dynamodb", `table/${name}`), id: name, ...(stream && { stream_arn: stream, stream_label: "1970-01-01T00:00:00.000" }) }[attribute];
    }
    case "aws_s3_bucket": {
      const name = s("bucket");
      return name ? { arn: `arn:${partition}:s3:::${name}`, id: name }[attribute] : undefined;
    }
    case "aws_cloudwatch_event_bus": {
      const name = s("name");
      return name ? { arn: arn("events", `event-bus/${name}`), id: name }[attribute] : undefined;
    }
    case "aws_cloudwatch_event_rule": {
      const name = s("name");
      const bus = s("event_bus_name") ?? "default";
      if (!name) return undefined;
      const onBus = bus === "default" ? name : `${bus.split("/").pop()}/${name}`;
      return { arn: arn("events", `rule/${onBus}`), id: onBus }[attribute];
    }
    case "aws_scheduler_schedule": {
      const name = s("name");
      return name ? { arn: arn("scheduler", `schedule/${s("group_name") ?? "default"}/${name}`), id: `${s("group_name") ?? "default"}/${name}` }[attribute] : undefined;
    }
    case "aws_cloudwatch_metric_alarm": {
      const name = s("alarm_name");
      return name ? { arn: arn("cloudwatch", `alarm:${name}`), id: name }[attribute] : undefined;
    }
    case "aws_lambda_event_source_mapping": {
      const fn = s("function_name");
      return fn && attribute === "function_arn" ? (fn.startsWith("arn:") ? fn : arn("lambda", `function:${fn}`)) : undefined;
    }
    case "aws_lambda_permission":
      return attribute === "id" ? s("statement_id") : undefined;
    case "aws_lambda_function_event_invoke_config":
      return attribute === "id" && s("function_name") ? (s("qualifier") ? `${s("function_name")}:${s("qualifier")}` : s("function_name")) : undefined;
    case "aws_sqs_queue_policy":
    case "aws_sqs_queue_redrive_policy":
    case "aws_sqs_queue_redrive_allow_policy":
      return attribute === "id" ? s("queue_url") : undefined;
    case "aws_s3_bucket_notification":
      return attribute === "id" ? s("bucket") : undefined;
    case "aws_sns_topic_policy":
      return attribute === "id" ? s("arn") : undefined;
    case "aws_iam_role_policy":
      return attribute === "id" && s("role") && s("name") ? `${s("role")}:${s("name")}` : undefined;
  }
  return undefined;
}

/** What `data "aws_iam_policy_document"` renders from its known statements; undefined while one is unknown. */
function policyJson(values: Record<string, unknown>): string | undefined {
  for (const k of ["source_json", "override_json"]) if (values[k]) return undefined;
  for (const k of ["source_policy_documents", "override_policy_documents"]) if (Array.isArray(values[k]) && (values[k] as unknown[]).length) return undefined;
  const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) && v.length ? v : undefined);
  const one = (v: unknown[]) => (v.length === 1 ? v[0] : [...v].sort());
  const statements: Record<string, unknown>[] = [];
  for (const s of (values.statement ?? []) as Record<string, unknown>[]) {
    const out: Record<string, unknown> = {};
    if (s.sid) out.Sid = s.sid;
    out.Effect = s.effect ?? "Allow";
    for (const [key, name] of [["actions", "Action"], ["not_actions", "NotAction"], ["resources", "Resource"], ["not_resources", "NotResource"]] as const) {
      const l = list(s[key]);
      if (!l) continue;
      if (l.some((e) => typeof e !== "string")) return undefined;
      out[name] = one(l);
    }
    for (const [key, name] of [["principals", "Principal"], ["not_principals", "NotPrincipal"]] as const) {
      const l = list(s[key]) as { type?: string; identifiers?: unknown[] }[] | undefined;
      if (!l) continue;
      const principal: Record<string, unknown[]> = {};
      for (const p of l) {
        if (!p.type || !Array.isArray(p.identifiers) || p.identifiers.some((e) => typeof e !== "string")) return undefined;
        principal[p.type] = [...(principal[p.type] ?? []), ...p.identifiers];
      }
      out[name] = p1(principal, one);
    }
    const conditions = list(s.condition) as { test?: string; variable?: string; values?: unknown[] }[] | undefined;
    if (conditions) {
      const condition: Record<string, Record<string, unknown>> = {};
      for (const c of conditions) {
        if (!c.test || !c.variable || !Array.isArray(c.values) || c.values.some((e) => typeof e !== "string")) return undefined;
        (condition[c.test] ??= {})[c.variable] = one(c.values);
      }
      out.Condition = condition;
    }
    statements.push(out);
  }
  const doc: Record<string, unknown> = { Version: values.version || "2012-10-17" };
  if (values.policy_id) doc.Id = values.policy_id;
  doc.Statement = statements;
  return JSON.stringify(doc);
}

function p1(principal: Record<string, unknown[]>, one: (v: unknown[]) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(principal).map(([k, v]) => [k, one(v)]));
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A value made from an estimate, as the comparison sees it: every string that is, or is made from (`${arn}:*`,
 * `${arn}/*`), one of the estimates becomes that estimate, so two values made from the same resource are equal
 * whatever Terraform adds around it at apply.
 */
export function loosen(value: unknown, estimates: ReadonlySet<string>): unknown {
  if (estimates.size === 0) return value;
  if (typeof value === "string") return estimateIn(value, estimates) ?? value;
  if (Array.isArray(value)) return value.map((v) => loosen(v, estimates));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loosen(v, estimates)]));
  return value;
}

/** The longest estimate a string is, or starts with before a `:` or `/` (`${arn}:*`, `${arn}/*`), if any. */
export function estimateIn(text: string, estimates: ReadonlySet<string>): string | undefined {
  if (estimates.has(text)) return text;
  for (let i = text.length - 1; i > 0; i--) {
    const c = text[i];
    if (c === ":" || c === "/") {
      const head = text.slice(0, i);
      if (estimates.has(head)) return head;
    }
  }
  return undefined;
}
