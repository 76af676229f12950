import { forcesReplacement } from "../diff/engine";
import { tablePath } from "../diff/snapshot";
import { address, type Item, type Plan, type Resource, type Value } from "../plan/view";
import { COMPUTED } from "./computed";
import type { Claim, Context } from "./context";
import { KEPT, OneOf, PROVIDER, type Defaults } from "./kinds/kind";
import { loosen } from "./unknowns";

const NONE: ReadonlySet<string> = new Set();

/**
 * The differences between the state and what ldgen would plan for the spec: each plan resource's body is
 * evaluated as Terraform would, references read from the state at the addresses the import maps to, and its
 * values compared leaf by leaf (`destination_config.0.on_success.0.destination`, `tags.team`) with the state's
 * values of the resource mapped there. A value that differs, one the state sets that the plan does not (unless
 * the provider computes it or it is the default), and one the plan sets that the state lacks are differences.
 */

/** A value Terraform knows only after apply (a file's hash, an attribute of a resource ldgen would create). */
const UNKNOWN = Symbol("unknown");
/** A JSON document (jsonencode, a policy document's `json`): compared with the state's string as parsed JSON. */
class JsonDoc {
  constructor(readonly value: unknown) {}
}

/** Types whose `function_name` takes the function's name or its ARN, the provider planning no change between them. */
const NAME_OR_ARN = new Set(["aws_lambda_event_source_mapping"]);
/** A function's name, from its ARN (in any account and region) or as it is. */
const functionNamed = (v: string): string => v.replace(/^arn:[^:]+:lambda:[^:]*:\d{12}:function:/, "");

/** Attributes no resource's comparison looks at: identity, derived tags, operation timeouts. */
const ALWAYS = new Set(["id", "tags_all", "timeouts"]);
/** Lists whose order matters (the rest are compared as sets, as the provider stores most of them). */
const ORDERED = new Set(["layers"]);

export function compare(plan: Plan, ctx: Context, defaults: Defaults): void {
  const resources = new Map<string, Resource>();
  for (const file of plan.files) for (const r of file.resources) resources.set(address(r), r);
  const evaluator = new Evaluator(resources, ctx);
  for (const claim of ctx.claims) {
    if (!resources.has(claim.to)) ctx.difference(claim.from.address, "", `the spec makes nothing at ${claim.to}: this resource leaves ldgen's root (an importer's fault; please report it)`);
  }
  for (const [at, r] of resources) {
    if (r.mode === "data") continue;
    const claim = ctx.claimAt(at);
    if (!claim) {
      ctx.difference(at, "", "the input has no resource ldgen maps here: ldgen creates it (if it exists in AWS already, import it)");
      continue;
    }
    const planned = new Map<string, unknown>();
    flatten(evaluator.body(r.body), "", planned);
    const state = new Map<string, unknown>();
    flatten(claim.from.values, "", state);
    const estimates = ctx.filled.estimates;
    const source = claim.from.address;
    const computed = COMPUTED[r.type];
    const typeDefaults = defaults[r.type] ?? {};
    const replaced = (path: string) => (forcesReplacement(r.type, path) ? " (a change that replaces the resource)" : "");
    for (const [path, want] of planned) {
      if (want === UNKNOWN) {
        // A value made from what ldgen creates is known only after apply: Terraform plans it as a change.
        const have = state.get(path);
        const created = isEmpty(have) ? undefined : evaluator.created(r, path.split(".")[0]);
        if (created) ctx.difference(source, path, `ldgen's value is made from ${created}, which ldgen creates: it is known only after apply, and Terraform plans an update of what the state has (${show(have)})`);
        // A local file: Terraform compares the path's text, which ldgen writes from the generated root's folder.
        const file = evaluator.file(r, path);
        if (file !== undefined && typeof have === "string" && have !== file && !have.endsWith(`/${file}`)) {
          ctx.difference(source, path, `ldgen writes "\${path.module}/${file}" (the file from the generated root's folder); the state has ${show(have)}: Terraform plans an update of the path (the code is the same file)`);
        }
        continue;
      }
      const have = state.get(path);
      if (same(want, have, path, estimates)) continue;
      if (path === "function_name" && NAME_OR_ARN.has(r.type) && typeof want === "string" && typeof have === "string" && functionNamed(want) === functionNamed(have)) continue;
      if (have === undefined && ctx.unknownIn(source, path)) {
        ctx.difference(source, path, `the plan does not know the value until apply, so it cannot be compared; ldgen writes ${show(want)} (import the state once applied to compare)`);
        continue;
      }
      const statements = want instanceof JsonDoc ? statementDifferences(want.value, have, estimates) : undefined;
      if (statements) for (const [sid, message] of statements) ctx.difference(source, `${path}.${sid}`, message);
      else ctx.difference(source, path, (have === undefined ? `ldgen writes ${show(want)}; the state has none` : `ldgen writes ${show(want)}; the state has ${show(have)}`) + replaced(path));
    }
    for (const [path, have] of state) {
      if (planned.has(path) || isEmpty(have)) continue;
      const table = tablePath(path);
      const top = table.split(".")[0];
      if (ALWAYS.has(top) || computed?.has(table)) continue;
      if (coveredBy(planned, path)) continue;
      // (PROVIDER on a block or map covers what is in it: a role's `inline_policy` blocks)
      const fallback = typeDefaults[table];
      if (fallback === PROVIDER || typeDefaults[top] === PROVIDER) continue;
      const expected = fallback === KEPT ? undefined : typeof fallback === "function" ? (fallback as (v: Record<string, unknown>) => unknown)(claim.from.values) : fallback;
      if (expected !== undefined && (expected instanceof OneOf ? expected.values.some((e) => same(e, have, path, estimates)) : same(expected, have, path, estimates))) continue;
      // (an unset string's default, "", is not shown as a value)
      const first = expected instanceof OneOf ? expected.values[0] : expected;
      const shown = first === "" ? undefined : first;
      if (typeDefaults[top] === KEPT) {
        ctx.difference(source, path, `the state sets ${show(have)}; the spec cannot set it, and Terraform keeps the state's value (the provider computes ${top} when the configuration leaves it unset): the generated root no longer manages it${shown === undefined ? "" : ` (AWS's default is ${show(shown)})`}`);
        continue;
      }
      ctx.difference(source, path, `the state sets ${show(have)}; the spec sets nothing there, so ldgen leaves it to ${shown === undefined ? "AWS's default" : `AWS's default, ${show(shown)}`}${replaced(path)}`);
    }
  }
  renewedReferences(resources, ctx);
}

/**
 * Attributes the provider makes anew whenever it updates a resource of the type (given the state's values): a
 * published function's version and qualified ARN. What refers to one of an updated resource changes with it.
 */
const RENEWED: Record<string, (values: Record<string, unknown>) => readonly string[]> = {
  aws_lambda_function: (v) => (v.publish === true ? ["version", "qualified_arn", "qualified_invoke_arn"] : []),
};

/**
 * What refers to an attribute the provider makes anew on update (RENEWED) of a resource that has differences
 * (Terraform updates it): a difference too, until no new one is found (an alias of an updated, published function).
 */
function renewedReferences(resources: Map<string, Resource>, ctx: Context): void {
  for (let found = true; found; ) {
    found = false;
    const updated = new Set(ctx.differences.filter((d) => d.attribute !== "").map((d) => d.address));
    for (const [at, r] of resources) {
      const claim = r.mode === "data" ? undefined : ctx.claimAt(at);
      if (!claim) continue;
      for (const item of r.body) {
        const top = "attr" in item ? item.attr : item.block;
        if (ctx.hasDifference(claim.from.address, top)) continue;
        const cause = renewedRef("attr" in item ? [item.value] : [], "attr" in item ? [] : item.body, (ref) => {
          const target = ctx.claimAt(ref.address);
          return !!target && updated.has(target.from.address) && (RENEWED[target.from.type]?.(target.from.values) ?? []).includes(ref.attr);
        });
        if (!cause) continue;
        ctx.difference(claim.from.address, top, `ldgen's value is ${cause}, which the provider makes anew when it updates that resource (it has differences): Terraform plans an update of what the state has (${show(claim.from.values[top])})`);
        found = true;
      }
    }
  }
}

/** The first reference (`address.attr`) in the values or blocks that `renewed` says is made anew. */
function renewedRef(values: Value[], items: Item[], renewed: (ref: { address: string; attr: string }) => boolean): string | undefined {
  const inValue = (v: Value) => firstRef(v, (ref) => (renewed(ref) ? `${ref.address}.${ref.attr}` : undefined));
  return first(values, inValue) ?? first(items, (i) => ("attr" in i ? inValue(i.value) : renewedRef([], i.body, renewed)));
}

type Ref = Extract<Value, { t: "ref" }>;

/** The first answer `onRef` gives for a reference in a value (in its lists, maps, encodings and calls). */
function firstRef(v: Value, onRef: (ref: Ref) => string | undefined): string | undefined {
  switch (v.t) {
    case "ref":
      return onRef(v);
    case "list":
      return first(v.items, (i) => firstRef(i, onRef));
    case "map":
      return first(v.entries.map((e) => e[1]), (i) => firstRef(i, onRef));
    case "encode":
      return firstRef(v.value, onRef);
    case "call":
      return first(v.args, (i) => firstRef(i, onRef));
    default:
      return undefined;
  }
}

/**
 * The plan's values as Terraform would have them against the state: a policy document's JSON (`document`), a
 * resource's attribute (`attribute`; undefined when unknown before apply).
 */
export function planned(
  plan: Plan,
  ctx: { claimAt(to: string): Claim | undefined },
): { document(at: string): unknown; statements(at: string): PlannedStatement[] | undefined; attribute(at: string, attr: string): unknown; resources: Map<string, Resource> } {
  const resources = new Map<string, Resource>();
  for (const file of plan.files) for (const r of file.resources) resources.set(address(r), r);
  return new Evaluator(resources, ctx);
}

/** A statement of a planned policy document; `unknown`: a value of it is known only after apply (left out of it). */
export interface PlannedStatement {
  statement: Record<string, unknown>;
  unknown: boolean;
}

/** Two IAM statements that say the same (key order, list order and one-element lists aside). */
export const sameStatement = (a: object, b: object): boolean => canonicalOf(a) === canonicalOf(b);

/** canonical(statement, true), once per statement object (each is compared with each of its function's). */
const canonicals = new WeakMap<object, string>();
function canonicalOf(statement: object): string {
  let text = canonicals.get(statement);
  if (text === undefined) canonicals.set(statement, (text = canonical(statement, true)));
  return text;
}

/**
 * Statement by statement (by Sid, or position), what ldgen's policy and the state's differ in: undefined when
 * either is not a policy document.
 */
function statementDifferences(wanted: unknown, have: unknown, estimates: ReadonlySet<string>): [string, string][] | undefined {
  if (typeof have !== "string" || !isPlainObject(wanted) || !Array.isArray(wanted.Statement)) return undefined;
  let parsed: unknown;
  try {
    parsed = loosen(JSON.parse(have), estimates);
  } catch {
    return undefined;
  }
  const want = loosen(wanted, estimates) as Record<string, unknown>;
  if (!isPlainObject(parsed)) return undefined;
  const ours = want.Statement as Record<string, unknown>[];
  const theirs = (Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : []) as Record<string, unknown>[];
  const out: [string, string][] = [];
  const name = (s: Record<string, unknown>, i: number) => (typeof s.Sid === "string" && s.Sid ? s.Sid : String(i));
  const matched = new Set<number>();
  ours.forEach((s, i) => {
    const exact = theirs.findIndex((t, j) => !matched.has(j) && canonical(t, true) === canonical(s, true));
    if (exact >= 0) return void matched.add(exact);
    const sidless = canonical({ ...s, Sid: undefined }, true);
    const renamed = theirs.findIndex((t, j) => !matched.has(j) && canonical({ ...t, Sid: undefined }, true) === sidless);
    if (renamed >= 0) {
      matched.add(renamed);
      out.push([name(s, i), `the same statement under another Sid: ldgen writes ${show(s.Sid ?? "")}; the state has ${show(theirs[renamed].Sid ?? "")}`]);
      return;
    }
    const bySid = theirs.findIndex((t, j) => !matched.has(j) && t.Sid !== undefined && t.Sid === s.Sid);
    if (bySid >= 0) {
      matched.add(bySid);
      out.push([name(s, i), `ldgen's statement ${show(s)}; the state's ${show(theirs[bySid])}`]);
    } else out.push([name(s, i), `ldgen adds the statement ${show(s)}`]);
  });
  theirs.forEach((t, j) => {
    if (!matched.has(j)) out.push([name(t, j), `ldgen's policy has no statement ${show(t)}`]);
  });
  if (out.length === 0 && canonical({ ...want, Statement: [] }, true) !== canonical({ ...parsed, Statement: [] }, true)) return undefined;
  return out;
}

/** A state leaf under a plan leaf that is one JSON document or map (`policy`, compared whole). */
function coveredBy(planned: Map<string, unknown>, path: string): boolean {
  for (let i = path.lastIndexOf("."); i > 0; i = path.lastIndexOf(".", i - 1)) if (planned.has(path.slice(0, i))) return true;
  return false;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof JsonDoc);

/** Leaves by path: blocks (lists of objects) by index, maps by key, scalars and lists of scalars as themselves. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
    value.forEach((v, i) => flatten(v, `${prefix}${i}.`, out));
    return;
  }
  if (isPlainObject(value)) {
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (isPlainObject(v) || (Array.isArray(v) && v.length > 0 && v.every(isPlainObject))) flatten(v, `${prefix}${k}.`, out);
      else if (v !== null && v !== undefined) out.set(`${prefix}${k}`, v);
    }
    return;
  }
  out.set(prefix.replace(/\.$/, ""), value);
}

/**
 * Whether a planned value is the state's. `estimates`: a plan's values made before apply; a value made from one
 * is that one (`loosen`).
 */
function same(want: unknown, have: unknown, path: string, estimates: ReadonlySet<string> = NONE): boolean {
  if (want === have) return true;
  if (estimates.size && !(want instanceof JsonDoc)) {
    want = loosen(want, estimates);
    have = loosen(have, estimates);
    if (want === have) return true;
  }
  if (typeof want === "string" && typeof have === "string") return false;
  if (want instanceof JsonDoc) {
    if (typeof have !== "string") return isEmpty(have) && isEmpty(want.value);
    try {
      return canonical(loosen(want.value, estimates), true) === canonical(loosen(JSON.parse(have), estimates), true);
    } catch {
      return false;
    }
  }
  if (isEmpty(want) && isEmpty(have)) return true;
  if (Array.isArray(want) || Array.isArray(have)) {
    const a = Array.isArray(want) ? want : [want];
    const b = Array.isArray(have) ? have : [have];
    return ORDERED.has(path.split(".").pop()!) ? canonical(a, false) === canonical(b, false) : canonical(a, true) === canonical(b, true);
  }
  if (typeof want === "number" || typeof have === "number") return String(want) === String(have);
  return canonical(want, false) === canonical(have, false);
}

/**
 * A JSON text that does not depend on key order; with `sets`, nor on list order, and a one-element list is its
 * element (IAM's `"Action": "x"` and `["x"]` say the same).
 */
function canonical(value: unknown, sets: boolean): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, sets));
    if (sets && items.length === 1) return items[0];
    return `[${(sets ? items.sort() : items).join(",")}]`;
  }
  if (isPlainObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k], sets)}`).join(",")}}`;
  return JSON.stringify(value ?? null);
}

function show(v: unknown): string {
  // (a plan's value it does not know yet is none)
  const text = (v instanceof JsonDoc ? JSON.stringify(v.value) : JSON.stringify(v)) ?? "none";
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** Plan values as Terraform would have them once the state's resources are at ldgen's addresses. */
class Evaluator {
  private readonly documents = new Map<string, unknown>();
  constructor(
    readonly resources: Map<string, Resource>,
    private readonly ctx: { claimAt(to: string): Claim | undefined },
  ) {}

  attribute(at: string, attr: string): unknown {
    const item = this.resources.get(at)?.body.find((i) => "attr" in i && i.attr === attr);
    const value = item && "attr" in item ? this.value(item.value) : UNKNOWN;
    return value === UNKNOWN || hasUnknown(value) ? undefined : plain(value);
  }

  /**
   * The first resource ldgen creates (nothing claimed is at its address) that the attribute or block `top` of `r`
   * refers to, directly or through a policy document; undefined when it refers to none.
   */
  created(r: Resource, top: string): string | undefined {
    const seen = new Set<string>();
    const inValue = (value: Value): string | undefined =>
      firstRef(value, (v) => {
        if (seen.has(v.address)) return undefined;
        seen.add(v.address);
        const target = this.resources.get(v.address);
        if (!target) return undefined;
        if (target.mode === "data") return inItems(target.body);
        return this.ctx.claimAt(v.address) ? undefined : v.address;
      });
    const inItems = (items: Item[]): string | undefined => first(items, (i) => ("attr" in i ? inValue(i.value) : inItems(i.body)));
    return inItems(r.body.filter((i) => ("attr" in i ? i.attr : i.block) === top));
  }

  /** The path a top-level attribute of `r` names a local file by (`filename`), relative to `${path.module}`. */
  file(r: Resource, attr: string): string | undefined {
    const item = r.body.find((i) => "attr" in i && i.attr === attr);
    return item && "attr" in item && item.value.t === "file" && !item.value.hash ? item.value.fromHcl : undefined;
  }

  /**
   * A policy document's statements, each evaluated on its own: one that holds a value known only after apply (the
   * ARN of a log group ldgen creates) is `unknown`, with the keys that are known. Undefined: no such document.
   */
  statements(at: string): PlannedStatement[] | undefined {
    const doc = this.resources.get(at);
    if (!doc) return undefined;
    const out: PlannedStatement[] = [];
    for (const item of doc.body) {
      if (!("block" in item) || item.block !== "statement") continue;
      const body = this.body(item.body);
      const unknown = hasUnknown(body);
      const known = unknown ? Object.fromEntries(Object.entries(body).filter(([, v]) => !hasUnknown(v))) : body;
      const json = policyJson({ statement: [known] }) as { Statement: Record<string, unknown>[] };
      out.push({ statement: json.Statement[0], unknown });
    }
    return out;
  }

  /** A policy document's JSON (`data.aws_iam_policy_document.<label>`), undefined when a value is unknown. */
  document(at: string): unknown {
    const doc = this.ref(at, "json");
    return doc instanceof JsonDoc ? doc.value : undefined;
  }

  body(items: Item[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const item of items) {
      if ("attr" in item) out[item.attr] = this.value(item.value);
      else ((out[item.block] ??= []) as unknown[]).push(this.body(item.body));
    }
    return out;
  }

  value(v: Value): unknown {
    switch (v.t) {
      case "str":
      case "num":
      case "bool":
        return v.v;
      case "list": {
        const items = v.items.map((i) => this.value(i));
        return items.includes(UNKNOWN) ? UNKNOWN : items;
      }
      case "map": {
        const out: Record<string, unknown> = {};
        for (const [k, e] of v.entries) out[k] = this.value(e);
        return Object.values(out).includes(UNKNOWN) ? UNKNOWN : out;
      }
      case "json":
        return new JsonDoc(v.value);
      case "encode": {
        const inner = this.value(v.value);
        return inner === UNKNOWN || hasUnknown(inner) ? UNKNOWN : new JsonDoc(plain(inner));
      }
      case "ref": {
        const target = this.ref(v.address, v.attr);
        if (target === UNKNOWN || (v.prefix === undefined && v.suffix === undefined)) return target;
        return typeof target === "string" ? `${v.prefix ?? ""}${target}${v.suffix ?? ""}` : UNKNOWN;
      }
      case "call": {
        const args = v.args.map((a) => this.value(a));
        if (v.fn === "merge" && args.every(isPlainObject)) return Object.assign({}, ...args);
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private ref(at: string, attr: string): unknown {
    if (at.startsWith("data.aws_iam_policy_document.") && attr === "json") {
      if (!this.documents.has(at)) {
        const doc = this.resources.get(at);
        this.documents.set(at, doc ? policyJson(this.body(doc.body)) : UNKNOWN);
      }
      const doc = this.documents.get(at);
      return doc === UNKNOWN ? UNKNOWN : new JsonDoc(doc);
    }
    const claim = this.ctx.claimAt(at);
    const value = claim?.from.values[attr];
    return value === undefined || value === null || value === "" ? UNKNOWN : value;
  }
}

function first<T>(list: T[], find: (item: T) => string | undefined): string | undefined {
  for (const item of list) {
    const found = find(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

const hasUnknown = (v: unknown): boolean => v === UNKNOWN || (Array.isArray(v) ? v.some(hasUnknown) : isPlainObject(v) ? Object.values(v).some(hasUnknown) : false);
const plain = (v: unknown): unknown => (v instanceof JsonDoc ? v.value : Array.isArray(v) ? v.map(plain) : isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, plain(e)])) : v);

/** What `data "aws_iam_policy_document"` renders, from its evaluated body (or UNKNOWN when a value is). */
function policyJson(body: Record<string, unknown>): unknown {
  if (hasUnknown(body)) return UNKNOWN;
  const statements = ((body.statement ?? []) as Record<string, unknown>[]).map((s) => {
    const out: Record<string, unknown> = {};
    if (s.sid) out.Sid = s.sid;
    out.Effect = s.effect ?? "Allow";
    if (s.actions) out.Action = s.actions;
    if (s.not_actions) out.NotAction = s.not_actions;
    if (s.resources) out.Resource = s.resources;
    if (s.not_resources) out.NotResource = s.not_resources;
    for (const [key, name] of [["principals", "Principal"], ["not_principals", "NotPrincipal"]] as const) {
      const list = s[key] as { type: string; identifiers: string[] }[] | undefined;
      if (!list) continue;
      const principal: Record<string, string[]> = {};
      for (const p of list) principal[p.type] = [...(principal[p.type] ?? []), ...p.identifiers];
      out[name] = principal;
    }
    const conditions = s.condition as { test: string; variable: string; values: string[] }[] | undefined;
    if (conditions) {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const c of conditions) (condition[c.test] ??= {})[c.variable] = c.values;
      out.Condition = condition;
    }
    return out;
  });
  return { Version: body.version ?? "2012-10-17", Statement: statements };
}
