import type { RuleCode } from "../rules/catalog";

/** A declarative description of one spec value: checked by `shape.ts`, exported as JSON Schema by `json-schema.ts`. */
export type Field =
  | { kind: "string"; doc?: string; pattern?: RegExp; format?: string; rule?: RuleCode }
  | { kind: "integer"; doc?: string; min?: number; max?: number; oneOf?: readonly number[]; rule?: RuleCode }
  | { kind: "boolean"; doc?: string }
  /** Seconds: an integer or "90s", "5m", "1h", "7d". `minusOne` also admits -1 ("no limit"). */
  | { kind: "duration"; doc?: string; min?: number; max?: number; minusOne?: boolean; rule?: RuleCode }
  | { kind: "enum"; doc?: string; values: readonly string[] }
  /** A map with user-chosen keys; scalar values are turned into strings when `of` is a string. */
  | { kind: "map"; doc?: string; of: Field }
  | { kind: "list"; doc?: string; of: Field; max?: number; rule?: RuleCode }
  | { kind: "object"; doc?: string; fields: Readonly<Record<string, Field>>; required?: readonly string[] }
  /** A string, or a mapping of the given shape (references, code). */
  | { kind: "stringOr"; doc?: string; string: Field & { kind: "string" }; object: Field & { kind: "object" } }
  /** Any YAML value (event patterns, filters). */
  | { kind: "any"; doc?: string };

export const str = (doc?: string, extra: Partial<Field & { kind: "string" }> = {}): Field => ({ kind: "string", doc, ...extra });
export const int = (doc: string, min?: number, max?: number, rule?: RuleCode): Field => ({ kind: "integer", doc, min, max, rule });
export const bool = (doc: string): Field => ({ kind: "boolean", doc });
export const duration = (doc: string, min?: number, max?: number, rule?: RuleCode, minusOne = false): Field => ({
  kind: "duration",
  doc,
  min,
  max,
  rule,
  minusOne,
});
export const oneOf = (doc: string, values: readonly string[]): Field => ({ kind: "enum", doc, values });
export const stringMap = (doc: string): Field => ({ kind: "map", doc, of: { kind: "string" } });
export const list = (doc: string, of: Field, max?: number, rule?: RuleCode): Field => ({ kind: "list", doc, of, max, rule });
export const object = (doc: string, fields: Record<string, Field>, required: string[] = []): Field & { kind: "object" } => ({
  kind: "object",
  doc,
  fields,
  required,
});
