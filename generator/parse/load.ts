import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { Reporter, type Locate, type Path } from "../diagnostics";

/** Specs are small; anything past this is a mistake or an attack. */
export const MAX_SPEC_BYTES = 1024 * 1024;
/** Aliases a spec may expand; a handful is normal, thousands is an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface Loaded {
  /** The document as plain data, or undefined when it could not be read. */
  value: unknown;
  reporter: Reporter;
}

/** Parses YAML text, keeping the position of every node so that later stages can point at lines. */
export function load(text: string, file: string): Loaded {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const reporter = new Reporter(file, locator(doc, lineCounter));
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  if (Buffer.byteLength(text, "utf8") > MAX_SPEC_BYTES) {
    reporter.diagnostics.push({ code: "LD005", severity: "error", file, line: 1, col: 1, path: "", message: `the file is larger than ldgen reads, ${MAX_SPEC_BYTES} bytes (got ${Buffer.byteLength(text, "utf8")}); split it into several specs` });
    return { value: undefined, reporter };
  }
  for (const error of doc.errors) {
    const { line, col } = position(error.pos[0]);
    const duplicate = error.code === "DUPLICATE_KEY";
    reporter.diagnostics.push({
      code: duplicate ? "LD002" : "LD001",
      severity: "error",
      file,
      line,
      col,
      path: "",
      message: duplicate ? "this key appears twice in the same mapping; remove or rename one of them" : `${firstLine(error.message)}; fix the YAML here`,
    });
  }
  if (doc.errors.length > 0) return { value: undefined, reporter };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    let firstAlias = 0;
    visit(doc, { Alias: (_, node) => ((firstAlias = node.range?.[0] ?? 0), visit.BREAK) });
    const { line, col } = position(firstAlias);
    reporter.diagnostics.push({ code: "LD003", severity: "error", file, line, col, path: "", message: `refusing to expand aliases: ${message} (at most ${MAX_ALIAS_COUNT}); write the values out, or use fewer aliases` });
    return { value: undefined, reporter };
  }
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) {
    const what = value === null || value === undefined ? "the file is empty; write a spec with version, name and functions" : "the top level must be a mapping of keys; write a spec with version, name and functions";
    reporter.diagnostics.push({ code: "LD004", severity: "error", file, line: 1, col: 1, path: "", message: what });
    return { value: undefined, reporter };
  }
  return { value, reporter };
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

/** Finds the line and column of the key or value at a path, falling back to the nearest ancestor that exists. */
function locator(doc: Document, lineCounter: LineCounter): Locate {
  return (path: Path, at: "key" | "value" = "value") => {
    for (let depth = path.length; depth >= 0; depth--) {
      const range = rangeOf(doc, path.slice(0, depth), depth === path.length ? at : "key");
      if (range !== undefined) {
        const { line, col } = lineCounter.linePos(range);
        return { line, col };
      }
    }
    return { line: 1, col: 1 };
  };
}

function rangeOf(doc: Document, path: Path, at: "key" | "value"): number | undefined {
  if (path.length === 0) return doc.contents?.range?.[0] ?? 0;
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(part));
      if (!pair) return undefined;
      if (last) {
        const target = at === "key" ? pair.key : (pair.value ?? pair.key);
        return (target as Node | null)?.range?.[0];
      }
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part];
      if (node === undefined) return undefined;
      if (last) return (node as Node).range?.[0];
    } else {
      return undefined;
    }
  }
  return undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
