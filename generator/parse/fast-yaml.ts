import type { Locate, Path } from "../diagnostics";
import type { Field } from "./fields";
import { checkPlainStart, entryField, exact, FAST_MAX_DEPTH, flowCollection, itemField, keyName, NotMine, notMine, plainScalar, quoted, setEntry, skipSpaces, type Entry, type Read, type Spot } from "./fast-yaml-line";

/**
 * A fast reader for the plain block YAML that specs are written in. The yaml package composes a full
 * Document (every node, its range, comments, tags) before ldgen gets a plain value: about 1 s of CPU
 * for a 1,000-function spec (200 KB). This reader goes over the lines once and gives the same value
 * (after keepScalarText) and the same positions, for a small subset of YAML:
 *
 * - block mappings and sequences by indentation (spaces), `- key: value` mappings in sequences, a
 *   sequence at its key's indentation;
 * - scalars and flow collections on one line (fast-yaml-line.ts): plain (core schema), quoted, `{ }`, `[ ]`;
 * - comments and blank lines; lines ending in `\n` or `\r\n`.
 *
 * At the first thing outside the subset it says "not mine" and load() reads the document with the yaml
 * package, which stays the authority for everything else and for every error: tags, anchors, aliases,
 * block scalars, multi-line scalars or flow collections, document markers, directives, tabs, a BOM,
 * a lone `\r`, duplicate, null or merge keys, a top level that is not a mapping, nesting past 32 levels,
 * and anything that would be a syntax error.
 * test/fast-yaml.test.ts checks it against the yaml path on every spec in the repository and on
 * thousands of random documents.
 */
export function readFastYaml(text: string, schema?: Field): { value: Record<string, unknown>; locate: Locate } | NotMine {
  try {
    const { value, spot } = new BlockReader(text).document(schema);
    return { value: value as Record<string, unknown>, locate: locator(spot) };
  } catch (error) {
    if (error instanceof NotMine) return error;
    throw error;
  }
}

/**
 * Characters the reader leaves to the yaml package wherever they are: tabs, byte-order marks, controls,
 * line separators, and a carriage return that does not end a line (`\r\n` does, as `\n`).
 */
const UNSUPPORTED = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;

class BlockReader {
  private readonly lines: string[];
  /** The line being read (from 0), and the indentation of its first character (-1 past the end). */
  private row = 0;
  private indent = 0;

  constructor(text: string) {
    const bad = UNSUPPORTED.exec(text);
    if (bad) notMine(`the character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")}`);
    // (Columns do not change: a `\r` ends its line.)
    this.lines = text.includes("\r") ? text.split(/\r?\n/) : text.split("\n");
  }

  document(schema: Field | undefined): Read {
    this.skip();
    if (this.indent !== 0) notMine(this.indent < 0 ? "an empty document" : "an indented top level");
    if (isDash(this.lines[this.row], 0)) notMine("a sequence at the top level");
    return this.mapping(0, schema, 1);
  }

  /** Moves to the next line with content (not blank, not a comment) and notes its indentation. */
  private skip(): void {
    for (; this.row < this.lines.length; this.row++) {
      const line = this.lines[this.row];
      const i = skipSpaces(line, 0);
      if (i === line.length || line[i] === "#") continue;
      if (i === 0 && (line.startsWith("---") || line.startsWith("...") || line[0] === "%")) notMine("a document marker or a directive");
      this.indent = i;
      return;
    }
    this.indent = -1;
  }

  /** A block mapping whose keys are at column `indent` (the first may follow a `- ` on its line). */
  private mapping(indent: number, field: Field | undefined, depth: number): Read {
    if (depth > FAST_MAX_DEPTH) notMine("collections nested deeper than the fast reader goes");
    const value: Record<string, unknown> = {};
    const spot: Spot = { line: this.row + 1, col: indent + 1, entries: [] };
    for (;;) {
      const line = this.lines[this.row];
      const row = this.row + 1;
      const key = blockKey(line, indent);
      if (!key) notMine("a line in a mapping that is not `key: value`");
      const entry = this.valueAfter(line, key.end, indent, entryField(field, key.name), depth, true);
      setEntry(value, key.name, entry.value);
      spot.entries!.push({ name: key.name, line: row, col: indent + 1, value: entry.spot });
      if (this.indent < indent) break;
      if (this.indent > indent) notMine("a line indented deeper than its mapping's keys");
    }
    return { value, spot: exact(spot) };
  }

  /** A block sequence whose dashes are at column `indent`. */
  private sequence(indent: number, field: Field | undefined, depth: number): Read {
    if (depth > FAST_MAX_DEPTH) notMine("collections nested deeper than the fast reader goes");
    const value: unknown[] = [];
    const spot: Spot = { line: this.row + 1, col: indent + 1, items: [] };
    const of = itemField(field);
    for (;;) {
      const line = this.lines[this.row];
      const p = skipSpaces(line, indent + 1);
      if (p < line.length && isDash(line, p)) notMine("a sequence in a sequence on one line");
      // `- key: value` starts a mapping at the key's column; anything else is the item itself.
      const item = p < line.length && line[p] !== "#" && blockKey(line, p) ? this.mapping(p, of, depth + 1) : this.valueAfter(line, indent + 1, indent, of, depth, false);
      value.push(item.value);
      spot.items!.push(item.spot);
      if (this.indent < indent) break;
      if (this.indent > indent) notMine("a line indented deeper than its sequence's dashes");
      // A line at the dashes' column without a dash ends a sequence written at its key's indentation.
      if (!isDash(this.lines[this.row], indent)) break;
    }
    return { value: value.slice(), spot: exact(spot) };
  }

  /**
   * The value after a key's colon or an item's dash, at `pos` on the current line: a scalar or a flow
   * collection on the line, or else a block collection on the next lines, or else null. `indent` is
   * the column of the key or the dash. Leaves the reader on the next line with content.
   */
  private valueAfter(line: string, pos: number, indent: number, field: Field | undefined, depth: number, afterKey: boolean): Read {
    const p = skipSpaces(line, pos);
    const row = this.row + 1;
    this.row++;
    if (p === line.length || line[p] === "#") {
      this.skip();
      // A collection below: indented deeper, or a sequence at a key's own indentation.
      if (this.indent > indent || (afterKey && this.indent === indent && isDash(this.lines[this.row], indent))) {
        const next = this.lines[this.row];
        return isDash(next, this.indent) ? this.sequence(this.indent, field, depth + 1) : this.mapping(this.indent, field, depth + 1);
      }
      // Nothing: null, placed (as the yaml package does) after the spaces that follow the indicator.
      return { value: null, spot: { line: row, col: p + 1 } };
    }
    const node = inlineNode(line, p, row, field, depth);
    const rest = skipSpaces(line, node.end);
    if (rest < line.length && (line[rest] !== "#" || rest === node.end)) notMine("something after a value on its line");
    this.skip();
    // A deeper line after a value would continue a plain scalar (or be an error).
    if (this.indent > indent) notMine("a line indented deeper after a value (a multi-line scalar?)");
    return node;
  }
}

/** `-` followed by a space or the end of the line, at column `pos`. */
function isDash(line: string, pos: number): boolean {
  return line[pos] === "-" && (pos + 1 === line.length || line[pos + 1] === " ");
}

/**
 * The key at column `pos` if the line holds `key:` there (followed by a space or the end of the line),
 * with the index after the colon; undefined if it holds a value instead.
 */
function blockKey(line: string, pos: number): { name: string; end: number } | undefined {
  const c = line[pos];
  if (c === "[" || c === "{") return undefined;
  if (c === '"' || c === "'") {
    const q = quoted(line, pos);
    if (line[q.end] !== ":" || (q.end + 1 < line.length && line[q.end + 1] !== " ")) return undefined;
    return { name: keyName(q.value, q.end - pos), end: q.end + 1 };
  }
  checkPlainStart(line, pos);
  for (let colon = line.indexOf(":", pos); colon >= 0; colon = line.indexOf(":", colon + 1)) {
    if (colon + 1 < line.length && line[colon + 1] !== " ") continue;
    const text = line.slice(pos, colon);
    if (text.includes(" #")) return undefined; // the colon is in a comment
    if (text.endsWith(" ")) notMine("a space before a key's colon");
    return { name: keyName(plainScalar(text, undefined), colon - pos), end: colon + 1 };
  }
  return undefined;
}

/** A scalar or flow collection on one line, at `pos`; `end` is where it ends (a plain scalar ends before a comment). */
function inlineNode(line: string, pos: number, row: number, field: Field | undefined, depth: number): Read & { end: number } {
  const c = line[pos];
  if (c === "[" || c === "{") return flowCollection(line, pos, row, field, depth + 1);
  const spot = { line: row, col: pos + 1 };
  if (c === '"' || c === "'") {
    const q = quoted(line, pos);
    return { value: q.value, spot, end: q.end };
  }
  checkPlainStart(line, pos);
  const comment = line.indexOf(" #", pos);
  let end = comment < 0 ? line.length : comment;
  while (line[end - 1] === " ") end--;
  const text = line.slice(pos, end);
  if (text.endsWith(":") || text.includes(": ")) notMine("a mapping where a scalar is expected");
  return { value: plainScalar(text, field), spot, end };
}

/** Locate over the spots, as load.ts's locator does over the yaml Document: the nearest ancestor that exists. */
function locator(root: Spot): Locate {
  const find = (path: Path, at: "key" | "value"): { line: number; col: number } | undefined => {
    let spot = root;
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      const last = i === path.length - 1;
      if (spot.entries) {
        const entry = byName(spot).get(String(part));
        if (!entry) return undefined;
        if (last) return at === "key" ? entry : entry.value;
        spot = entry.value;
      } else if (spot.items && typeof part === "number") {
        const item = spot.items[part];
        if (item === undefined) return undefined;
        if (last) return item;
        spot = item;
      } else return undefined;
    }
    return root;
  };
  return (path: Path, at: "key" | "value" = "value") => {
    for (let depth = path.length; depth >= 0; depth--) {
      const where = find(path.slice(0, depth), depth === path.length ? at : "key");
      if (where !== undefined) return { line: where.line, col: where.col };
    }
    return { line: 1, col: 1 };
  };
}

/** A mapping's entries by name, built on the first lookup (reading does not need them: most mappings are never looked up). */
function byName(spot: Spot): Map<string, Entry> {
  if (!spot.byName) spot.byName = new Map(spot.entries!.map((e) => [e.name, e]));
  return spot.byName;
}
