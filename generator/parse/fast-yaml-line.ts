import type { Field } from "./fields";

/**
 * The one-line pieces of the fast YAML reader (fast-yaml.ts): scalars as the yaml package's core schema
 * reads them, quoted scalars, and flow collections that open and close on the same line. Anything else
 * throws NotMine, and the yaml package reads the document instead.
 */

/**
 * Where a node starts (line and column from 1, as the yaml package's LineCounter gives them, columns in
 * UTF-16 units), and where its keys and items start: what Locate looks up.
 */
export interface Spot {
  line: number;
  col: number;
  /** A mapping's entries, in order; `byName` indexes them on the first lookup. */
  entries?: Entry[];
  byName?: Map<string, Entry>;
  items?: Spot[];
}

/** A mapping's key (its name as JavaScript sees it, and where the key starts) and its value's spot. */
export interface Entry {
  name: string;
  line: number;
  col: number;
  value: Spot;
}

export interface Read {
  value: unknown;
  spot: Spot;
}

/**
 * The spot with its entries or items in an array of exactly their length: they are kept for every
 * diagnostic's position, and an array grown by push keeps room for 16.
 */
export function exact(spot: Spot): Spot {
  if (spot.entries) spot.entries = spot.entries.slice();
  if (spot.items) spot.items = spot.items.slice();
  return spot;
}

/** "Not mine": the text holds something outside the subset the fast reader is sure about. */
export class NotMine {
  constructor(readonly reason: string) {}
}
export function notMine(reason: string): never {
  throw new NotMine(reason);
}

/** Past this many nested collections the yaml package reads the document (it refuses past MAX_DEPTH, 64). */
export const FAST_MAX_DEPTH = 32;

// The YAML 1.2 core schema, tag by tag, in the order the yaml package tries them (its schema/core/*.js):
// null (`/^(?:~|[Nn]ull|NULL)?$/`) and bool (`/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/`) are the words below, then numbers.
const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The first characters of the core schema's nulls, booleans and numbers: any other plain scalar is a string. */
const NOT_ONLY_STRING = new Set("~nNtTfF0123456789+-.");
/**
 * What a plain scalar that starts with a letter can be besides a string: exactly these words, null and
 * bool. Names such as `fn-00001` or `failures` then cost one lookup instead of eight regular expressions.
 */
const WORDS = new Map<string, null | boolean>([
  ["null", null], ["Null", null], ["NULL", null],
  ["true", true], ["True", true], ["TRUE", true],
  ["false", false], ["False", false], ["FALSE", false],
]);
const LETTER_STARTS = new Set("nNtTfF");

/** A plain scalar's value: null, a boolean, a number or the text itself. */
export function plainValue(text: string): unknown {
  if (text === "" || text === "~") return null;
  if (!NOT_ONLY_STRING.has(text[0])) return text;
  if (LETTER_STARTS.has(text[0])) return WORDS.has(text) ? WORDS.get(text) : text;
  // Past here the text starts with a digit, a sign, a dot or `~`: a number, or a string.
  if (OCT.test(text)) return parseInt(text.slice(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (HEX.test(text)) return parseInt(text.slice(2), 16);
  if (NAN_INF.test(text)) return text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? -Infinity : Infinity;
  if (EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/**
 * A plain scalar where the schema expects a string keeps its text (`0755`, `1.10`, `true`), as
 * load.ts's keepScalarText does for the yaml path.
 */
export function plainScalar(text: string, field: Field | undefined): unknown {
  const value = plainValue(text);
  const keep = field !== undefined && (field.kind === "string" || field.kind === "stringOr");
  return keep && (typeof value === "number" || typeof value === "boolean") ? text : value;
}

/** The schema field of a mapping's entry, and of a sequence's items (what keepScalarText descends into). */
export function entryField(field: Field | undefined, key: string): Field | undefined {
  const map = field?.kind === "stringOr" ? field.object : field;
  if (map?.kind === "map") return map.of;
  if (map?.kind === "object") return Object.hasOwn(map.fields, key) ? map.fields[key] : undefined;
  return undefined;
}
export function itemField(field: Field | undefined): Field | undefined {
  return field?.kind === "list" ? field.of : undefined;
}

/** Characters no plain scalar of the subset starts with (indicators; `-` is checked apart: `-1` is a plain scalar). */
const NOT_PLAIN_START = new Set("?:,[]{}#&*!|>'\"%@`");

/** Checks the first character of a plain scalar (in a flow collection, `-` must not come before `,` or a bracket either). */
export function checkPlainStart(line: string, pos: number, flow = false): void {
  const c = line[pos];
  if (NOT_PLAIN_START.has(c)) notMine(`a scalar that starts with ${c}`);
  const next = line[pos + 1];
  if (c === "-" && (next === undefined || next === " " || (flow && ",[]{}".includes(next)))) notMine("a `-` indicator where a scalar is expected");
}

/** A key as JavaScript sees it: String() of the scalar's value. Null keys, merge keys and keys past YAML's 1024 characters are left to the yaml path. */
export function keyName(value: unknown, length: number): string {
  if (value === null) notMine("a null key");
  if (length > 1000) notMine("a very long key");
  const name = String(value);
  if (name === "<<") notMine("a merge key");
  return name;
}

/** Adds an entry to a mapping's value the way the yaml package's toJS does (a key that `in` finds is defined, not assigned: `__proto__`). */
export function setEntry(into: Record<string, unknown>, name: string, value: unknown): void {
  if (!(name in into)) into[name] = value;
  else if (Object.hasOwn(into, name)) notMine("a duplicate key");
  else Object.defineProperty(into, name, { value, writable: true, enumerable: true, configurable: true });
}

/** A quoted scalar starting at `pos` (at its quote) on one line: its value, and the index after the closing quote. */
export function quoted(line: string, pos: number): { value: string; end: number } {
  if (line[pos] === "'") {
    let value = "";
    let from = pos + 1;
    for (;;) {
      const close = line.indexOf("'", from);
      if (close < 0) notMine("a single-quoted scalar that goes on past its line");
      value += line.slice(from, close);
      if (line[close + 1] !== "'") return { value, end: close + 1 };
      value += "'";
      from = close + 2;
    }
  }
  let value = "";
  for (let i = pos + 1; i < line.length; i++) {
    const c = line[i];
    if (c === '"') return { value, end: i + 1 };
    if (c !== "\\") {
      value += c;
      continue;
    }
    const e = line[++i];
    if (e in ESCAPES) value += ESCAPES[e];
    else if (e === "x" || e === "u" || e === "U") {
      const length = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = line.slice(i + 1, i + 1 + length);
      if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) notMine("an invalid escape");
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) notMine("an invalid escape");
      value += String.fromCodePoint(code);
      i += length;
    } else notMine("an escape the fast reader does not know, or a line break in a double-quoted scalar");
  }
  return notMine("a double-quoted scalar that goes on past its line");
}

/** YAML's double-quoted escapes (the yaml package's resolve-flow-scalar.js), without the escaped line break. */
const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};

/** The index of the first character after the spaces at `pos`. */
export function skipSpaces(line: string, pos: number): number {
  while (line.charCodeAt(pos) === 32) pos++;
  return pos;
}

/**
 * A flow collection (`{ type: sqs }`, `[a, "b"]`, nested) that starts at `pos` and closes on the same
 * line: its value, where its nodes are, and the index after its closing bracket.
 */
export function flowCollection(line: string, pos: number, row: number, field: Field | undefined, depth: number): Read & { end: number } {
  if (depth > FAST_MAX_DEPTH) notMine("collections nested deeper than the fast reader goes");
  const map = line[pos] === "{";
  const close = map ? "}" : "]";
  const value: Record<string, unknown> | unknown[] = map ? {} : [];
  const spot: Spot = map ? { line: row, col: pos + 1, entries: [] } : { line: row, col: pos + 1, items: [] };
  let i = skipSpaces(line, pos + 1);
  if (line[i] === close) return { value, spot, end: i + 1 };
  for (;;) {
    if (map) {
      const key = flowNode(line, i, row, undefined, depth);
      if (typeof key.value === "object" && key.value !== null) notMine("a collection as a key");
      if (line[key.end] !== ":" || line[key.end + 1] !== " ") notMine("a flow mapping entry that is not `key: value`");
      const name = keyName(key.value, key.end - i);
      const item = flowNode(line, skipSpaces(line, key.end + 1), row, entryField(field, name), depth);
      setEntry(value as Record<string, unknown>, name, item.value);
      spot.entries!.push({ name, line: row, col: i + 1, value: item.spot });
      i = item.end;
    } else {
      const item = flowNode(line, i, row, itemField(field), depth);
      if (line[item.end] === ":") notMine("a mapping inside a flow sequence");
      (value as unknown[]).push(item.value);
      spot.items!.push(item.spot);
      i = item.end;
    }
    i = skipSpaces(line, i);
    if (line[i] === close) return { value: Array.isArray(value) ? value.slice() : value, spot: exact(spot), end: i + 1 };
    if (line[i] !== ",") notMine(`a flow collection that does not close on its line, or holds something after an entry`);
    i = skipSpaces(line, i + 1);
    if (line[i] === close || line[i] === ",") notMine("an empty entry in a flow collection");
  }
}

/** What ends a plain scalar in a flow collection: `,`, a bracket, a `:` before a space, `,`, a closing bracket or the end of the line, or a comment. */
const FLOW_PLAIN_END = /[,[\]{}]|:(?=[ ,\]}]|$)| #/g;

/** One entry of a flow collection: a nested collection, a quoted scalar or a plain scalar (which ends at `,`, a bracket, `: ` or `:` before a bracket or comma). */
function flowNode(line: string, pos: number, row: number, field: Field | undefined, depth: number): Read & { end: number } {
  const c = line[pos];
  if (c === "[" || c === "{") return flowCollection(line, pos, row, field, depth + 1);
  const spot = { line: row, col: pos + 1 };
  if (c === '"' || c === "'") {
    const q = quoted(line, pos);
    return { value: q.value, spot, end: q.end };
  }
  if (pos >= line.length) notMine("a flow collection that does not close on its line");
  checkPlainStart(line, pos, true);
  FLOW_PLAIN_END.lastIndex = pos;
  const stop = FLOW_PLAIN_END.exec(line);
  if (stop && (stop[0] === "[" || stop[0] === "{")) notMine("a bracket inside a plain scalar in a flow collection");
  if (stop && stop[0] === " #") notMine("a comment inside a flow collection");
  let end = stop ? stop.index : line.length;
  while (line[end - 1] === " ") end--;
  const text = line.slice(pos, end);
  return { value: plainScalar(text, field), spot, end };
}
