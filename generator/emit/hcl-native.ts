import type { Item, Resource, Value } from "../plan/view";
import { hcl, hclEscape } from "./hcl-values";
import { formatLines, type Syntax } from "./indent";
import { HCL_ALIGN } from "./hcl-format";

/**
 * The files the built-in templates `hcl/resources.tf` (with the partials `resource` and `body`) and
 * `hcl/outputs.tf` print, formatted, printed directly: the same bytes as rendering them and running
 * `formatHcl` over the result (test/hcl.test.ts compares both on every spec it has), without a template
 * call per resource, a partial per attribute, or a second pass over 100,000 lines to indent and align them.
 *
 * A line's level follows from the structure. A value is the only text whose brackets the formatter could
 * read otherwise: a value on one line that it would see as unbalanced, a blank line inside a value, or a
 * header on two lines make the printer give up (undefined), and the caller renders the templates.
 */

const HCL: Syntax = { quotes: '"', comments: ["#", "//"] };
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** What could make a value on one line unbalanced for the formatter: brackets and comment starts. */
const SUSPECT = /[{}[\]()#]|\/\//;
const TRAILING_SPACE = /\s$/;

class NotNative extends Error {}

const INDENTS: string[] = [];
const indentation = (level: number): string => (INDENTS[level] ??= "  ".repeat(level));
// (made up front: filling the table as levels come would grow it under optimized code, which then starts over)
const CLOSERS: string[] = Array.from({ length: 16 }, (_, level) => `${indentation(level)}}\n`);
const closer = (level: number): string => (level < CLOSERS.length ? CLOSERS[level] : `${indentation(level)}}\n`);

/**
 * An attribute name, tested once, with the heads of its aligned lines (`<indentation><name><padding> = `) by
 * level and padding: a few dozen provider names at a few levels and widths, asked for a hundred thousand
 * times, so a line is three fragments (head, value, newline) and no string is built for it.
 */
interface Key {
  name: string;
  heads: string[][];
}

const KEYS = new Map<string, Key>();
/** The name's record; a name that is no identifier makes the printer give up (only the formatter places it). */
function keyOf(name: string): Key {
  let key = KEYS.get(name);
  if (key === undefined) {
    if (!IDENTIFIER.test(name)) throw new NotNative();
    // (bounded: a library caller printing ever new names does not grow it without end)
    if (KEYS.size >= 4096) KEYS.clear();
    KEYS.set(name, (key = { name, heads: [] }));
  }
  return key;
}

function head(key: Key, level: number, pad: number): string {
  const byPad = (key.heads[level] ??= []);
  return (byPad[pad] ??= `${indentation(level)}${key.name}${" ".repeat(pad)} = `);
}

/**
 * Formatted lines, with `formatLines`' alignment runs and blank-line rule. The text is kept as fragments
 * joined once at the end. An aligned line's head (indentation, key, padding, ` = `) depends on the widest key
 * of its run, so its place in the fragments is kept and filled when the run ends; its value is written at
 * once, a quoted string as its three parts: no string is built per line or per value.
 */
class Printer {
  private readonly out: string[] = [];
  // The pending run of aligned attributes at one level (the first `run` entries): keys, and their heads' places.
  private readonly runKeys: Key[] = [];
  private readonly runSlots: number[] = [];
  private run = 0;
  private runLevel = -1;
  private blankPending = false;
  // The last character of the last line written (0 for a blank line): a blank line after an opening bracket is dropped.
  private last = 0;

  /** A line that is not an aligned attribute (nor a closing bracket). */
  line(level: number, text: string): void {
    this.flush();
    this.take(false);
    if (level > 0) this.out.push(indentation(level));
    this.out.push(text, "\n");
    this.last = lastCode(text);
  }

  /** A line that closes a block: `}`. */
  close(level: number): void {
    this.flush();
    // (a blank line before a closing bracket is dropped)
    this.blankPending = false;
    this.out.push(closer(level));
    this.last = 125; /* } */
  }

  /** A blank line: kept (one of a run) when the line before opens no block and the next closes none. */
  blank(): void {
    if (this.last !== 0 && !isOpener(this.last)) this.blankPending = true;
    this.last = 0;
  }

  /** `key = value`: aligned with its neighbours when it is on one line, formatted in place when not. */
  attribute(level: number, key: string, value: string): void {
    if (value.includes("\n")) return this.multiline(level, `${key} = ${value}`);
    // (one line, so its own balance; the key is an identifier, checked next, with nothing the scan counts)
    if (SUSPECT.test(value) && scan(value) !== 0) throw new NotNative();
    if (value.charCodeAt(0) === 61 /* = */ || TRAILING_SPACE.test(value)) throw new NotNative();
    this.aligned(level, key);
    this.out.push(value, "\n");
    this.last = lastCode(value);
  }

  /**
   * `key = value` for a value that prints as one line the formatter reads as balanced (`simple`), written
   * fragment by fragment: no string is built for it, and it needs no checks.
   */
  simple(level: number, key: string, value: Value): void {
    this.aligned(level, key);
    this.last = this.write(value);
    this.out.push("\n");
  }

  /** `key = "text"`, the text escaped (`hclString`). */
  string(level: number, key: string, text: string): void {
    this.aligned(level, key);
    this.out.push('"', hclEscape(text), '"\n');
    this.last = 34; /* " */
  }

  /** Writes a simple value as `hcl` renders it; returns its last character. */
  private write(v: Value): number {
    const out = this.out;
    switch (v.t) {
      case "str":
        out.push('"', hclEscape(v.v), '"');
        return 34; /* " */
      case "ref":
        if (v.prefix === undefined && v.suffix === undefined) {
          out.push(v.address, ".", v.attr);
          return lastCode(v.attr);
        }
        out.push('"', hclEscape(v.prefix ?? ""), "${", v.address, ".", v.attr, "}", hclEscape(v.suffix ?? ""), '"');
        return 34; /* " */
      case "list":
        out.push("[");
        for (let i = 0; i < v.items.length; i++) {
          if (i > 0) out.push(", ");
          this.write(v.items[i]);
        }
        out.push("]");
        return 93; /* ] */
      default: {
        const text = String((v as { v: number | boolean }).v);
        out.push(text);
        return lastCode(text);
      }
    }
  }

  /** The text, ending in one newline; the printer is empty again. */
  text(): string {
    this.flush();
    const text = this.out.join("");
    this.reset();
    return text;
  }

  /** Forgets what was printed. */
  reset(): void {
    this.out.length = 0;
    this.run = 0;
    this.runLevel = -1;
    this.blankPending = false;
    this.last = 0;
  }

  /** Starts an aligned line: its head's place is kept until the run ends. */
  private aligned(level: number, name: string): void {
    const key = keyOf(name);
    if (this.blankPending) this.take(false);
    if (this.runLevel !== level && this.run > 0) this.flush();
    // (pushed while the arrays grow, overwritten once they are long enough: no store past their ends)
    if (this.run === this.runKeys.length) {
      this.runKeys.push(key);
      this.runSlots.push(this.out.length);
    } else {
      this.runKeys[this.run] = key;
      this.runSlots[this.run] = this.out.length;
    }
    this.run++;
    this.out.push("");
    this.runLevel = level;
  }

  private multiline(level: number, text: string): void {
    const lines = formatLines(text, HCL, { align: HCL_ALIGN }).split("\n");
    lines.pop();
    if (lines.includes("") || balance(text) !== 0) throw new NotNative();
    this.flush();
    this.take(false);
    for (const line of lines) this.out.push(indentation(level), line, "\n");
    this.last = lastCode(lines[lines.length - 1]);
  }

  private take(closes: boolean): void {
    if (this.blankPending) {
      this.blankPending = false;
      if (!closes) {
        this.flush();
        this.out.push("\n");
      }
    }
  }

  /** Ends the pending run: writes its heads, padded to its widest key. */
  private flush(): void {
    const n = this.run;
    if (n === 0) return;
    const keys = this.runKeys;
    let widest = 0;
    for (let i = 0; i < n; i++) if (keys[i].name.length > widest) widest = keys[i].name.length;
    for (let i = 0; i < n; i++) this.out[this.runSlots[i]] = head(keys[i], this.runLevel, widest - keys[i].name.length);
    this.run = 0;
    this.runLevel = -1;
  }
}

/** A text's last character code, 0 for no text (a small integer always, as the printer keeps it). */
const lastCode = (text: string): number => (text.length > 0 ? text.charCodeAt(text.length - 1) : 0);

const isOpener = (c: number) => c === 123 /* { */ || c === 91 /* [ */ || c === 40; /* ( */

/** Brackets a text leaves open, as the formatter counts them line by line (outside strings and comments). */
function balance(text: string): number {
  let open = 0;
  for (const line of text.split("\n")) open += scan(line);
  return open;
}

function scan(line: string): number {
  let n = 0;
  let quote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === "#" || (c === "/" && line[i + 1] === "/")) break;
    else if (c === "{" || c === "[" || c === "(") n++;
    else if (c === "}" || c === "]" || c === ")") n--;
  }
  return n;
}

/** Names in a reference that keep it one balanced line: no quotes, brackets, comment starts or spaces. */
const REFERENCE_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Whether a value prints as one line that the formatter reads as balanced, as it is: a quoted string (escaped),
 * a number, a flag, a reference to plainly named things (inside a string or not), a list of those.
 */
function simple(v: Value): boolean {
  switch (v.t) {
    case "str":
    case "num":
    case "bool":
      return true;
    case "ref":
      return REFERENCE_NAME.test(v.address) && REFERENCE_NAME.test(v.attr);
    case "list":
      for (const item of v.items) if (!simple(item)) return false;
      return true;
    default:
      return false;
  }
}

function body(items: Item[], level: number, p: Printer): void {
  for (const item of items) {
    if ("attr" in item) {
      const value = item.value;
      // (An attribute name that needs escaping is no identifier, and the printer gives up on it either way.)
      if (value.t === "str") p.string(level, item.attr, value.v);
      else if (simple(value)) p.simple(level, item.attr, value);
      else p.attribute(level, item.attr, hcl(value));
    } else {
      p.line(level, `${hclEscape(item.block)} {`);
      body(item.body, level + 1, p);
      p.close(level);
    }
  }
}

/** A resources file (`hcl/resources.tf` with the built-in partials), formatted; undefined where the templates must print it. */
export function resourcesFile(header: string, resources: Resource[]): string | undefined {
  return native(header, (p) => {
    for (const r of resources) {
      p.line(0, `${r.mode === "data" ? "data" : "resource"} "${hclEscape(r.type)}" "${hclEscape(r.label)}" {`);
      body(r.body, 1, p);
      if (r.protect) {
        p.blank();
        p.line(1, "lifecycle {");
        p.attribute(2, "prevent_destroy", "true");
        p.close(1);
      }
      if (r.dependsOn.length) {
        p.blank();
        p.attribute(1, "depends_on", `[${r.dependsOn.join(", ")}]`);
      }
      p.close(0);
      p.blank();
    }
  });
}

/** `outputs.tf` (the built-in template), formatted. */
export function outputsFile(header: string, outputs: readonly { name: string; description: string; value: Value }[]): string | undefined {
  return native(header, (p) => {
    for (const o of outputs) {
      p.line(0, `output "${hclEscape(o.name)}" {`);
      p.string(1, "description", o.description);
      if (simple(o.value)) p.simple(1, "value", o.value);
      else p.attribute(1, "value", hcl(o.value));
      p.close(0);
      p.blank();
    }
  });
}

/**
 * One printer for every file: its arrays, grown once, hold strings from the start, so the code that fills them
 * is optimized once rather than again for each new file's empty arrays.
 */
const printer = new Printer();

function native(header: string, print: (p: Printer) => void): string | undefined {
  if (header.includes("\n") || header.trim() !== header || header === "") return undefined;
  const p = printer;
  p.reset();
  try {
    p.line(0, header);
    p.blank();
    print(p);
    return p.text();
  } catch (error) {
    // (what it had printed is not kept until the next file)
    p.reset();
    if (error instanceof NotNative) return undefined;
    throw error;
  }
}
