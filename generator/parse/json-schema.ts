import type { Field } from "./fields";
import { specSchema } from "./spec-schema";

const DURATION = { oneOf: [{ type: "integer" }, { type: "string", pattern: "^-?\\d+\\s*[smhd]?$" }] };

function toSchema(field: Field): Record<string, unknown> {
  const doc = field.doc ? { description: field.doc } : {};
  switch (field.kind) {
    case "string":
      return { type: "string", ...(field.pattern ? { pattern: field.pattern.source } : {}), ...doc };
    case "integer":
      return { type: "integer", ...(field.oneOf ? { enum: field.oneOf } : {}), ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}), ...doc };
    case "boolean":
      return { type: "boolean", ...doc };
    case "duration":
      return { ...DURATION, ...doc };
    case "enum":
      return { enum: field.values, ...doc };
    case "map":
      return { type: "object", additionalProperties: field.of.kind === "string" ? { type: ["string", "number", "boolean"] } : toSchema(field.of), ...doc };
    case "list":
      return { type: "array", items: toSchema(field.of), ...(field.max !== undefined ? { maxItems: field.max } : {}), ...doc };
    case "object":
      return {
        type: "object",
        properties: Object.fromEntries(Object.entries(field.fields).map(([k, f]) => [k, toSchema(f)])),
        ...(field.required?.length ? { required: field.required } : {}),
        additionalProperties: false,
        ...doc,
      };
    case "stringOr":
      return { oneOf: [toSchema(field.string), toSchema(field.object)], ...doc };
    case "any":
      return { ...doc };
  }
}

/** JSON Schema (draft 2020-12) of the spec, for editors (`ldgen schema`). */
/** JSON Schema of the platform file (`ldgen schema --platform`), for editors. */
export function platformJsonSchema(): Record<string, unknown> {
  const { platformSchema } = require("../platform/schema") as typeof import("../platform/schema");
  return { $schema: "https://json-schema.org/draft/2020-12/schema", $id: "https://ldgen.dev/schema/platform-v1.json", title: "ldgen platform file", ...toSchema(platformSchema) };
}

export function jsonSchema(): Record<string, unknown> {
  return { $schema: "https://json-schema.org/draft/2020-12/schema", $id: "https://ldgen.dev/schema/v1.json", title: "ldgen spec", ...toSchema(specSchema) };
}
