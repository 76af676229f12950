import * as path from "node:path";
import { terraformJson, utf8Order, type Value } from "../plan/view";
import { hclEscape } from "./hcl-values";

/**
 * Rendering values as TypeScript for the CDKTF app, safe by construction. A string reaches
 * Terraform through cdk.tf.json, where Terraform reads every string as a template: so `${` and
 * `%{` are escaped for Terraform first (`$${`, `%%{`, as in HCL), then the text for TypeScript.
 */
export function tsString(text: string): string {
  return `"${tsEscape(terraformEscape(text), '"')}"`;
}

/** What `{{x}}` prints in a CDK template: text inside a double-quoted TypeScript string that reaches Terraform. */
export const tsContent = (text: string): string => tsEscape(terraformEscape(text), '"');

/** `${` -> `$${` and `%{` -> `%%{`: a literal template sequence in a Terraform string. */
export function terraformEscape(text: string): string {
  return text.includes("{") ? text.replace(/([$%])(?=\{)/g, "$1$1") : text;
}

/** Escapes text for a TypeScript string delimited by `quote` (`"` or a backtick). */
export function tsEscape(text: string, quote: '"' | "`"): string {
  if (!(quote === '"' ? NEEDS_ESCAPE : NEEDS_ESCAPE_IN_TEMPLATE).test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = c.charCodeAt(0);
    if (c === "\\") out += "\\\\";
    else if (c === quote) out += `\\${quote}`;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (quote === "`" && c === "$" && text[i + 1] === "{") out += "\\$";
    else if (code < 0x20 || code === 0x7f || c === "\u2028" || c === "\u2029" || isLoneSurrogate(text, i)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else if (code >= 0xd800 && code <= 0xdbff) out += c + text[++i];
    else out += c;
  }
  return out;
}

/** Whether a text has a character `tsEscape` changes (a backslash, the quote, a control, separator or surrogate). */
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff]/;
const NEEDS_ESCAPE_IN_TEMPLATE = /[\\`$\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff]/;

function isLoneSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A template literal `prefix${expr}suffix`, every literal part escaped for Terraform and TypeScript. */
function tsTemplate(prefix: string, expr: string, suffix: string): string {
  return `\`${tsEscape(terraformEscape(prefix), "`")}\${${expr}}${tsEscape(terraformEscape(suffix), "`")}\``;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A user key (tag, environment variable) as an object-literal key, verbatim. */
export function tsKey(key: string): string {
  // `__proto__: x` would set the prototype rather than add a key; a computed key does not.
  if (key === "__proto__") return `[${tsString(key)}]`;
  return IDENTIFIER.test(key) && terraformEscape(key) === key ? key : tsString(key);
}

/** A map as a TypeScript object literal: every key its own property (`__proto__` too, as a computed key). */
export function tsMapLiteral(entries: [string, Value][], ctx: TsContext): string {
  return entries.length === 0 ? "{}" : `{\n${entries.map(([k, v]) => `${tsKey(k)}: ${ts(v, ctx)},`).join("\n")}\n}`;
}

/** `function_name` -> `functionName`: attribute and block names as the provider bindings spell them. */
export function camel(snake: string): string {
  let name = CAMEL.get(snake);
  if (name === undefined) {
    name = snake.replace(/[_-]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
    // Attribute and block names: a few dozen (the bound keeps a long run's memory flat).
    if (CAMEL.size < 10_000) CAMEL.set(snake, name);
  }
  return name;
}

const CAMEL = new Map<string, string>();

export function pascal(snake: string): string {
  const c = camel(snake);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** The provider binding of a resource type: `aws_lambda_function` -> `LambdaFunction` from `lib/lambda-function`. */
export function binding(mode: "resource" | "data", type: string): { className: string; module: string } {
  const name = mode === "data" ? `data_${type}` : type.replace(/^aws_/, "");
  return { className: pascal(name), module: `lib/${name.replace(/_/g, "-")}` };
}

/** How a value refers to a resource: the construct's attribute, when the construct is declared before. */
export type RefResolver = (address: string, attr: string) => string | undefined;

export interface TsContext {
  ref: RefResolver;
  /** The spec's name: AWS names made from it (`<name>-<key>`) are written as `name("<key>")`. */
  name?: string;
  /** Set when a value needs a module beyond the resource bindings. */
  uses: Set<string>;
}

export function ts(value: Value, ctx: TsContext): string {
  switch (value.t) {
    case "str":
      return tsString(value.v);
    case "num":
      return String(value.v);
    case "bool":
      return String(value.v);
    case "ref": {
      const expr = ctx.ref(value.address, value.attr);
      if (expr === undefined) {
        // Not a construct of this stack: the same interpolation the HCL writes, as a raw Terraform string.
        const raw = `\${${value.address}.${value.attr}}`;
        return `"${tsEscape(terraformEscape(value.prefix ?? ""), '"')}${raw}${tsEscape(terraformEscape(value.suffix ?? ""), '"')}"`;
      }
      if (value.prefix === undefined && value.suffix === undefined) return expr;
      return tsTemplate(value.prefix ?? "", expr, value.suffix ?? "");
    }
    case "list":
      return `[${value.items.map((v) => ts(v, ctx)).join(", ")}]`;
    case "map": {
      // The construct's map() renames a `__proto__` key to the template `${"__proto__"}` (the binding's copy would lose it).
      const literal = tsMapLiteral(value.entries, ctx);
      return value.entries.some(([k]) => k === "__proto__") ? `map(${literal})` : literal;
    }
    case "json":
      return tsString(value.text);
    case "encode":
      return encodeTemplate(value.value, ctx);
    case "file": {
      // Relative to the synthesized stack (DIR/cdktf/cdktf.out/stacks/<name>), as the HCL is to DIR/hcl:
      // no machine path in cdk.tf.json, and Terraform hashes the file when it plans.
      const rel = stackRelative(value.fromCdktf);
      // Inside the hash call the path is a quoted HCL template: `"`, `\`, `${` and `%{` escaped as in HCL.
      const text = value.hash ? `\${filebase64sha256("\${path.module}/${hclEscape(rel)}")}` : `\${path.module}/${terraformEscape(rel)}`;
      return `"${tsEscape(text, '"')}"`;
    }
    case "call":
      ctx.uses.add("Fn");
      return `Fn.${value.fn}([${value.args.map((v) => ts(v, ctx)).join(", ")}])`;
  }
}

/**
 * A JSON document that refers to other resources, as a template literal of the JSON text Terraform's
 * `jsonencode` gives (keys sorted, no spaces), each reference interpolated where its value goes:
 * `` `{"deadLetterTargetArn":"${ref("aws_sqs_queue.dlq", "arn")}","maxReceiveCount":5}` ``.
 */
function encodeTemplate(value: Value, ctx: TsContext): string {
  const parts: ({ text: string } | { expr: string })[] = [];
  const text = (t: string) => parts.push({ text: t });
  const walk = (v: Value): void => {
    switch (v.t) {
      case "ref": {
        const expr = ctx.ref(v.address, v.attr);
        text(`"${v.prefix ?? ""}`);
        if (expr === undefined) parts.push({ expr: JSON.stringify(`\${${v.address}.${v.attr}}`) });
        else parts.push({ expr });
        text(`${v.suffix ?? ""}"`);
        return;
      }
      case "list":
        text("[");
        v.items.forEach((item, i) => (i > 0 && text(","), walk(item)));
        text("]");
        return;
      case "map":
        text("{");
        [...v.entries].sort(([a], [b]) => utf8Order(a, b)).forEach(([k, item], i) => (i > 0 && text(","), text(`${terraformJson(k)}:`), walk(item)));
        text("}");
        return;
      case "str":
      case "num":
      case "bool":
        text(terraformJson(v.v));
        return;
      default:
        throw new Error(`ldgen: a ${v.t} value inside a JSON document`);
    }
  };
  walk(value);
  return `\`${parts.map((p) => ("text" in p ? tsEscape(terraformEscape(p.text), "`") : `\${${p.expr}}`)).join("")}\``;
}

/** A path relative to the app folder (DIR/cdktf), made relative to its synthesized stack, three folders below. */
export function stackRelative(fromApp: string): string {
  return path.posix.join("../../..", fromApp);
}

/**
 * An AWS name that ldgen made from the spec's name, as the construct derives it from its `name`
 * prop: `name("process-image")`, or `` `/aws/lambda/${name("process-image")}` `` for a log group.
 */
export function awsName(text: string, ctx: TsContext): string | undefined {
  if (ctx.name === undefined) return undefined;
  // Most strings are no AWS name: one check of the first character before building any prefix.
  if (ctx.name !== "" && text.charCodeAt(0) !== ctx.name.charCodeAt(0) && !text.startsWith("/aws/lambda/")) return undefined;
  for (const prefix of ["", "/aws/lambda/"]) {
    const head = `${prefix}${ctx.name}-`;
    if (text.startsWith(head) && text.length > head.length) {
      const call = `name(${tsString(text.slice(head.length))})`;
      return prefix ? tsTemplate(prefix, call, "") : call;
    }
  }
  return undefined;
}

/** Every address a value refers to. */
export function refsOf(value: Value): string[] {
  switch (value.t) {
    case "ref":
      return [value.address];
    case "list":
      return value.items.flatMap(refsOf);
    case "map":
      return value.entries.flatMap(([, v]) => refsOf(v));
    case "encode":
      return refsOf(value.value);
    case "call":
      return value.args.flatMap(refsOf);
    default:
      return [];
  }
}
