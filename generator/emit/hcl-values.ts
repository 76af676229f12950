import type { Value } from "../plan/view";

/**
 * Rendering values as HCL, safe by construction: every user string goes through `hclString`,
 * which escapes quotes, backslashes, control characters and template sequences (`${`, `%{`).
 */
export function hclString(text: string): string {
  return `"${hclEscape(text)}"`;
}

const NEEDS_ESCAPE = /[\\"\x00-\x1f\x7f\u2028\u2029]|[$%]\{/;
const ESCAPED = /[\\"\x00-\x1f\x7f\u2028\u2029]|[$%]\{/g;

export function hclEscape(text: string): string {
  // Most strings (names, ARNs) need nothing: one test, no copy.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPED, (c) => {
    if (c === "\\") return "\\\\";
    if (c === '"') return '\\"';
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    if (c === "${") return "$${";
    if (c === "%{") return "%%{";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const hclKey = (key: string) => (IDENTIFIER.test(key) ? key : hclString(key));

export function hcl(value: Value): string {
  switch (value.t) {
    case "str":
      return hclString(value.v);
    case "num":
      return String(value.v);
    case "bool":
      return String(value.v);
    case "ref": {
      const expr = `${value.address}.${value.attr}`;
      if (value.prefix === undefined && value.suffix === undefined) return expr;
      return `"${hclEscape(value.prefix ?? "")}\${${expr}}${hclEscape(value.suffix ?? "")}"`;
    }
    case "list":
      return `[${value.items.map(hcl).join(", ")}]`;
    case "map":
      return value.entries.length === 0 ? "{}" : `{\n${value.entries.map(([k, v]) => `${hclKey(k)} = ${hcl(v)}`).join("\n")}\n}`;
    case "json":
      return `jsonencode(${jsonAsHcl(value.value)})`;
    case "encode":
      return `jsonencode(${hcl(value.value)})`;
    case "file": {
      const file = `"\${path.module}/${hclEscape(value.fromHcl)}"`;
      return value.hash ? `filebase64sha256(${file})` : file;
    }
    case "call":
      return `${value.fn}(${value.args.map(hcl).join(", ")})`;
  }
}

/** A JSON value written as an HCL expression that `jsonencode` turns back into it. */
function jsonAsHcl(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonAsHcl).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${hclString(k)} = ${jsonAsHcl(v)}`).join("\n")}\n}`;
}
