import { formatTs } from "./cdktf-format";

/**
 * The construct's tables and outputs, printed without Handlebars and without formatting them: exactly the
 * lines the built-in partials `cdktf/partials/rows` (with `body`) and `cdktf/partials/outputs` print once
 * `formatTs` has indented them (a test compares both on every spec it has). A spec of a thousand functions
 * has some 85,000 such lines; a partial per row and block, then a scan of every character to indent them,
 * cost most of the CDK emitter's time.
 *
 * A line's indentation follows from the structure (one level per open block). The formatter's scan can
 * read a value otherwise only where it spans lines (a map) or holds a template literal (whose `${...}` may
 * hold a string with a backtick): those few values are formatted and checked by the formatter itself, and
 * one it would read as unbalanced makes the printer return undefined (the caller renders the partials).
 */

/** An entry of an object literal: an attribute, a single block (object) or a repeated block (array of objects). */
export interface TsItem {
  key: string;
  value?: string;
  items?: TsItem[];
  list?: { items: TsItem[] }[];
}

/** A resource of a table: its label and configuration. */
export interface TsRow {
  key: string;
  items: TsItem[];
  /** `["aws_x.y", ...]`, when the resource depends on others. */
  dependsOn?: string;
  /** `"aws_x.old"`, when the resource moved from that address (Plan.moves). */
  moveFrom?: string;
}

/** An output of the construct. */
export interface TsOutput {
  key: string;
  description: string;
  value: string;
}

const INDENTS: string[] = [];
const indentation = (level: number): string => (INDENTS[level] ??= "  ".repeat(level));

/** Where the native lines could differ from the partials' formatted output. */
class NotNative extends Error {}

/** The lines `cdktf/partials/rows` prints for one table, indented for `depth` (the partial's line in the formatted file). */
export function rowLines(rows: TsRow[], depth: number): string[] | undefined {
  return native((out) => {
    const pad = indentation(depth);
    const inner = indentation(depth + 1);
    for (const row of rows) {
      out.push(`${pad}${row.key}: {`);
      body(row.items, depth + 1, out);
      if (row.dependsOn) out.push(`${inner}dependsOn: ${row.dependsOn},`);
      if (row.moveFrom) out.push(`${inner}moveFrom: ${row.moveFrom},`);
      out.push(`${pad}},`);
    }
  });
}

/** The lines `cdktf/partials/outputs` prints. */
export function outputLines(outputs: TsOutput[], depth: number): string[] | undefined {
  return native((out) => {
    const pad = indentation(depth);
    for (const o of outputs) attribute(o.key, `{ description: ${o.description}, value: ${o.value} }`, pad, out);
  });
}

function native(print: (out: string[]) => void): string[] | undefined {
  const out: string[] = [];
  try {
    print(out);
  } catch (error) {
    if (error instanceof NotNative) return undefined;
    throw error;
  }
  return out;
}

/** What `cdktf/partials/body` prints: `{{#if list}}` and `{{else if items}}` are false for an empty array. */
function body(items: TsItem[], depth: number, out: string[]): void {
  const pad = indentation(depth);
  for (const item of items) {
    if (item.list !== undefined && item.list.length > 0) {
      out.push(`${pad}${item.key}: [`);
      const inner = indentation(depth + 1);
      for (const element of item.list) {
        out.push(`${inner}{`);
        body(element.items, depth + 2, out);
        out.push(`${inner}},`);
      }
      out.push(`${pad}],`);
    } else if (item.items !== undefined && item.items.length > 0) {
      out.push(`${pad}${item.key}: {`);
      body(item.items, depth + 1, out);
      out.push(`${pad}},`);
    } else if (item.value === undefined) {
      // The partial's `{{value}}` fails in strict mode: let the partial report it.
      throw new NotNative();
    } else attribute(item.key, item.value, pad, out);
  }
}

/** `key: value,` on its line(s). */
function attribute(key: string, value: string, pad: string, out: string[]): void {
  if (value.includes("\n") || value.includes("`")) for (const line of formatted(`${key}: ${value},`)) out.push(pad + line);
  else out.push(`${pad}${key}: ${value},`);
}

/**
 * Lines as `formatTs` indents them inside the file at any depth: formatted inside a one-bracket block and
 * followed by a probe line. The formatter closes brackets from the innermost level out, so lines that
 * close one they did not open close the block's: then a line after them (the probe at the latest) is at
 * level 0. Lines at level 1 or deeper, and the probe at level 1, never touch the levels outside.
 */
function formatted(text: string): string[] {
  const count = text.split("\n").length;
  const lines = formatTs(`(\n${text}\n_\n)`).split("\n");
  // "(", the text's lines (the formatter drops none: none is blank), the probe, ")", and the final "".
  if (lines.length !== count + 4 || lines[count + 1] !== "  _") throw new NotNative();
  const out = lines.slice(1, count + 1);
  for (let i = 0; i < out.length; i++) {
    if (!out[i].startsWith("  ") || out[i].trim() === "") throw new NotNative();
    out[i] = out[i].slice(2);
  }
  return out;
}
