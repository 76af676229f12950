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
  /**
   * A local file, relative to each output root (`DIR/hcl` and `DIR/cdktf`): `"${path.module}/..."` in HCL,
   * `path.resolve(__dirname, "...")` in the CDKTF app; `hash` gives its `filebase64sha256` instead.
   */
  | { t: "file"; fromHcl: string; fromCdktf: string; hash: boolean };

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
}

export interface Output {
  name: string;
  description: string;
  value: Value;
  origin?: Path;
}

/** The files of the HCL root module, in order; each groups one concern. */
export const FILES = ["functions", "iam", "destinations", "sources", "wiring", "triggers"] as const;
export type FileName = (typeof FILES)[number];

export interface Plan {
  name: string;
  region?: string;
  terraform: { requiredVersion: string; awsProvider: string };
  files: { name: FileName; resources: Resource[] }[];
  outputs: Output[];
}

export const str = (v: string): Value => ({ t: "str", v });
export const num = (v: number): Value => ({ t: "num", v });
export const bool = (v: boolean): Value => ({ t: "bool", v });
export const list = (items: Value[]): Value => ({ t: "list", items });
export const strings = (items: string[]): Value => list(items.map(str));
export const ref = (address: string, attr: string, prefix?: string, suffix?: string): Value => ({ t: "ref", address, attr, prefix, suffix });
export const stringMap = (map: Record<string, string>): Value => ({ t: "map", entries: Object.entries(map).map(([k, v]) => [k, str(v)]) });
export const address = (r: Pick<Resource, "mode" | "type" | "label">): string => `${r.mode === "data" ? "data." : ""}${r.type}.${r.label}`;

/** Builds a body, leaving out attributes whose value is undefined. */
export function body(attrs: Record<string, Value | undefined>, ...blocks: (Item | undefined | false)[]): Item[] {
  const items: Item[] = [];
  for (const [attr, value] of Object.entries(attrs)) if (value !== undefined) items.push({ attr, value });
  for (const block of blocks) if (block) items.push(block);
  return items;
}

export const block = (name: string, items: Item[], repeated = false): Item => ({ block: name, body: items, repeated });

/** `jsonencode` as Terraform computes it: keys sorted, no spaces, `<`, `>`, `&` escaped as Go does. */
export function json(value: unknown): Value {
  return { t: "json", value, text: terraformJson(value) };
}

function terraformJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(value))
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** `value` when defined, else undefined: for optional attributes. */
export function opt<T>(value: T | undefined, make: (v: T) => Value): Value | undefined {
  return value === undefined ? undefined : make(value);
}
