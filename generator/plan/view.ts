import type { Path } from "../diagnostics";

/**
 * The view model the templates print. Values are typed so that each target language can render
 * them safely; the templates make no decisions.
 */
export type Value =
  | { t: "str"; v: string }
  | { t: "num"; v: number }
  | { t: "bool"; v: boolean }
  /** An attribute of another resource, optionally inside a string: `"${prefix}${aws_x.y.attr}${suffix}"`. */
  | { t: "ref"; address: string; attr: string; prefix?: string; suffix?: string }
  | { t: "list"; items: Value[] }
  /** A map with user keys (tags, environment variables). */
  | { t: "map"; entries: [string, Value][] }
  /** A JSON document: `jsonencode(...)` in HCL, the same JSON text in TypeScript. */
  | { t: "json"; value: unknown; text: string }
  /** A JSON document that refers to other resources: `jsonencode(...)` in HCL, `Fn.jsonencode(...)` in TypeScript. */
  | { t: "encode"; value: Value }
  /**
   * A local file, relative to each output root (`DIR/hcl` and `DIR/cdktf`): `"${path.module}/..."` in HCL,
   * `path.resolve(__dirname, "...")` in the CDKTF app; `hash` gives its `filebase64sha256` instead.
   */
  | { t: "file"; fromHcl: string; fromCdktf: string; hash: boolean }
  /** A Terraform function over values: `merge(local.tags, { ... })` (`Fn.merge([...])` in CDKTF). */
  | { t: "call"; fn: string; args: Value[] };

export type Item = { attr: string; value: Value } | { block: string; body: Item[]; repeated: boolean };

export interface Resource {
  /** `resource` or `data` */
  mode: "resource" | "data";
  type: string;
  label: string;
  body: Item[];
  /** Addresses this one must wait for (beyond its references). */
  dependsOn: string[];
  /** The spec path that made it: where a label collision is reported. */
  origin: Path;
  /**
   * `lifecycle { prevent_destroy = true }` (HCL), `lifecycle: { preventDestroy: true }` (CDK): a plan that
   * would destroy it (a replacement too) fails. Set on the resources that hold data or position of an entry
   * with `protect` (see `plan/protect.ts`).
   */
  protect?: boolean;
}

/**
 * A resource whose Terraform address changed while it stays the same object in AWS: `moved { from, to }` in
 * HCL, `moveFromId(from)` on the resource at `to` in the CDK apps. Terraform moves its state instead of
 * destroying and creating it. Addresses are the root module's (`aws_sqs_queue.jobs`).
 */
export interface Move {
  from: string;
  to: string;
  /** The spec path that made it (the `renamedFrom` key; `[]` for a change of ldgen's own labels). */
  origin: Path;
}

export interface Output {
  name: string;
  description: string;
  value: Value;
  origin?: Path;
}

/** The files of the HCL root module, in order; each groups one concern. */
export const FILES = ["functions", "iam", "destinations", "sources", "wiring", "triggers", "monitoring"] as const;
export type FileName = (typeof FILES)[number];

export interface Plan {
  name: string;
  region?: string;
  /** The spec's tags (the platform's beneath them), which every taggable resource carries. */
  tags?: Record<string, string>;
  terraform: { requiredVersion: string; awsProvider: string; backend?: { type: string; config: [string, Value][] } };
  files: { name: FileName; resources: Resource[] }[];
  outputs: Output[];
  /** Addresses that changed: each `to` is a resource of `files`, each `from` an address no resource has. */
  moves: Move[];
}

export const str = (v: string): Value => ({ t: "str", v });
export const call = (fn: string, ...args: Value[]): Value => ({ t: "call", fn, args });
export const num = (v: number): Value => ({ t: "num", v });
/**
 * A value every plan the process makes may hold, frozen: ldgen never changes a value once made, but a library
 * caller holds its plan, and changing a shared value there would change what every later run writes.
 */
export function shared<T extends Value>(value: T): T {
  // (the values shared are flags, strings and lists of them)
  if (value.t === "list") {
    for (const item of value.items) shared(item);
    Object.freeze(value.items);
  }
  return Object.freeze(value);
}

// (The two flags are made once.)
const TRUE: Value = shared({ t: "bool", v: true });
const FALSE: Value = shared({ t: "bool", v: false });
export const bool = (v: boolean): Value => (v ? TRUE : FALSE);
export const list = (items: Value[]): Value => ({ t: "list", items });
export const strings = (items: string[]): Value => list(items.map(str));
export const ref = (address: string, attr: string, prefix?: string, suffix?: string): Value => ({ t: "ref", address, attr, prefix, suffix });
export const stringMap = (map: Record<string, string>): Value => ({ t: "map", entries: Object.entries(map).map(([k, v]) => [k, str(v)]) });
export const address = (r: Pick<Resource, "mode" | "type" | "label">): string => `${r.mode === "data" ? "data." : ""}${r.type}.${r.label}`;

/** Builds a body, leaving out attributes whose value is undefined. */
export function body(attrs: Record<string, Value | undefined>, ...blocks: (Item | undefined | false)[]): Item[] {
  const items: Item[] = [];
  // (for...in: the attributes are an object literal's own keys, in order; no array of entries per call)
  for (const attr in attrs) {
    const value = attrs[attr];
    if (value !== undefined) items.push({ attr, value });
  }
  for (const block of blocks) if (block) items.push(block);
  // A copy of exactly its length: an array grown by push keeps room for 16 entries, and a plan keeps tens of
  // thousands of bodies (1.7 of its 11 MB at 1,000 functions).
  return items.slice();
}

export const block = (name: string, items: Item[], repeated = false): Item => ({ block: name, body: items, repeated });

/**
 * `jsonencode` as Terraform computes it, so that both targets write the same bytes: keys sorted by
 * their UTF-8 bytes (Go's string order), no spaces, numbers in plain decimal (`1e21` is
 * `1000000000000000000000`), `<`, `>`, `&`, U+2028 and U+2029 escaped as Go does.
 */
export function json(value: unknown): Value {
  return { t: "json", value, text: terraformJson(value) };
}

export const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

export function terraformJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return plainNumber(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return goString(value);
  if (Array.isArray(value)) return `[${value.map(terraformJson).join(",")}]`;
  const object = value as Record<string, unknown>;
  return `{${Object.keys(object)
    .sort(utf8Order)
    .map((k) => `${goString(k)}:${terraformJson(object[k])}`)
    .join(",")}}`;
}

function goString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A number as Terraform prints it: the decimal digits of its shortest form, never an exponent. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`ldgen: ${n} is not a JSON number`);
  const text = String(n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, head, tail = "", exp] = match;
  const digits = head + tail;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A JSON document with references inside: an object of values, encoded when Terraform knows them. */
export const encode = (entries: Record<string, Value>): Value => ({ t: "encode", value: { t: "map", entries: Object.entries(entries) } });

/** `value` when defined, else undefined: for optional attributes. */
export function opt<T>(value: T | undefined, make: (v: T) => Value): Value | undefined {
  return value === undefined ? undefined : make(value);
}

/** Plain data (YAML scalars, lists and maps) as a value: backend settings. */
export function fromData(value: unknown): Value {
  if (typeof value === "string") return str(value);
  if (typeof value === "number") return num(value);
  if (typeof value === "boolean") return bool(value);
  if (Array.isArray(value)) return list(value.map(fromData));
  if (value !== null && typeof value === "object") return { t: "map", entries: Object.entries(value).map(([k, v]) => [k, fromData(v)]) };
  return str("");
}

/**
 * Where AWS names are written: the attributes that name a created resource. Their values are the spec's
 * name, a dash and a key (`image-pipeline-process-image`), or a log group's `/aws/lambda/` and that name.
 * The module form derives every one of them from `var.name` instead (`plan/module.ts`), so a new resource
 * whose name attribute is listed here (or is `name`) gets a module-form name without further work.
 */
export const NAME_ATTRIBUTES: Readonly<Record<string, string>> = { aws_lambda_function: "function_name", aws_s3_bucket: "bucket", aws_cloudwatch_metric_alarm: "alarm_name" };
export const nameAttribute = (type: string): string => NAME_ATTRIBUTES[type] ?? "name";
/** Prefixes an AWS name may carry before the spec's name. */
export const NAME_PREFIXES = ["", "/aws/lambda/"] as const;

/**
 * Resource types that take `tags` (every one ldgen may create): the plan fills them from the spec's tags, the
 * module form adds the module's, and the CDK construct its `tags` prop.
 */
export const TAGGABLE: ReadonlySet<string> = new Set([
  "aws_lambda_function",
  "aws_cloudwatch_log_group",
  "aws_iam_role",
  "aws_sqs_queue",
  "aws_sns_topic",
  "aws_cloudwatch_event_bus",
  "aws_cloudwatch_event_rule",
  "aws_s3_bucket",
  "aws_kinesis_stream",
  "aws_lambda_event_source_mapping",
  "aws_cloudwatch_metric_alarm",
  "aws_dynamodb_table",
]);
