import { Composer, CST, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, visit, YAMLMap, YAMLParseError, type Document, type Node } from "yaml";
import type { Locate, Path } from "../diagnostics";
import { Reporter } from "../rules/reporter";
import { readFastYaml } from "./fast-yaml";
import { NotMine } from "./fast-yaml-line";
import type { Field } from "./fields";

/**
 * The largest spec ldgen reads: far beyond any real spec (10,000 functions take about 2 MiB), and
 * checked before parsing, so that size alone costs nothing. Alias bombs and deep nesting are refused
 * by their own limits below, whatever the size.
 */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;
/** Aliases a spec may expand; a handful is normal, thousands is an alias bomb. */
export const MAX_ALIAS_COUNT = 100;
/** Collections nested in collections; a spec needs about ten levels, event patterns a few more. */
export const MAX_DEPTH = 64;

export interface Loaded {
  /** The document as plain data, or undefined when it could not be read. */
  value: unknown;
  reporter: Reporter;
}

/**
 * Parses YAML text, keeping the position of every node so that later stages can point at lines. Plain
 * block YAML, what specs are written in, is read by fast-yaml.ts; everything else, and every error, by
 * the yaml package. `fast: false` reads with the yaml package alone (the differential tests compare both).
 */
export function load(text: string, file: string, schema?: Field, options: { fast?: boolean } = {}): Loaded {
  const lineCounter = new LineCounter();
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_SPEC_BYTES) {
    const reporter = new Reporter(file, () => ({ line: 1, col: 1 }));
    reporter.diagnostics.push({ code: "LD005", severity: "error", file, line: 1, col: 1, path: "", message: `the file is larger than ldgen reads, ${MAX_SPEC_BYTES} bytes (got ${bytes}); split it into several specs` });
    return { value: undefined, reporter };
  }
  // Strings are read as Unicode NFC (Terraform normalizes every string so; a spec's `e` + U+0301 and its `é`
  // must be one key, one tag value, one ARN to both targets, the IAM and the diagnostics). The fast reader
  // reads only text that needs none: anything decomposed, or an escape that could spell it, is the yaml path's.
  if (options.fast !== false && !mayNeedNfc(text)) {
    const fast = readFastYaml(text, schema);
    if (!(fast instanceof NotMine)) return { value: fast.value, reporter: new Reporter(file, fast.locate) };
  }
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  // The syntax tree first (the parser keeps its own stack, so any nesting is safe to read), then its depth,
  // and only then the document: composing it recurses once per level.
  const tokens = syntaxTree(text, lineCounter);
  const deep = deepestCollection(tokens);
  if (deep !== undefined) {
    const reporter = new Reporter(file, () => ({ line: 1, col: 1 }));
    const { line, col } = position(deep);
    reporter.diagnostics.push({ code: "LD030", severity: "error", file, line, col, path: "", message: `collections are nested more than ${MAX_DEPTH} deep here, deeper than ldgen reads; keep the spec to a few levels (a spec needs about ten)` });
    return { value: undefined, reporter };
  }
  const doc = compose(tokens, text.length);
  const reporter = new Reporter(file, locator(doc, lineCounter));

  for (const error of doc.errors) {
    const { line, col } = position(error.pos[0]);
    const message =
      error.code === "MULTIPLE_DOCS"
        ? "a second YAML document starts here (after a `---` line); a spec is one document, so remove the `---` or split the file in two specs"
        : `${firstLine(error.message)}; fix the YAML here`;
    reporter.diagnostics.push({ code: "LD001", severity: "error", file, line, col, path: "", message });
  }
  if (doc.errors.length > 0) return { value: undefined, reporter };
  const strict = strictNodes(doc);
  for (const p of strict) reporter.diagnostics.push({ code: p.code, severity: "error", file, ...position(p.offset), path: "", message: p.message });
  if (strict.length > 0) return { value: undefined, reporter };
  if (schema) keepScalarText(doc.contents, schema);

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

const NON_ASCII = /[^\x00-\x7f]/;

/** Whether reading `text` could give a string that is not NFC: decomposed text, or a `\\u`, `\\U` or `\\x` escape. */
function mayNeedNfc(text: string): boolean {
  return /\\[uUx]/.test(text) || (NON_ASCII.test(text) && text.normalize("NFC") !== text);
}

/** A scalar's string in NFC, in place (the locator and the value read the same key); whether that changed it. */
function nfc(node: unknown): boolean {
  if (!isScalar(node) || typeof node.value !== "string" || !NON_ASCII.test(node.value)) return false;
  const normal = node.value.normalize("NFC");
  if (normal === node.value) return false;
  node.value = normal;
  return true;
}

/**
 * The document, as `parseDocument` composes it, except that duplicate keys are found here with one set
 * per mapping: the yaml package compares each key with every earlier one, N^2 for an N-entry map.
 */
function compose(tokens: CST.Token[], length: number): Document {
  // Keys are checked by strictNodes, as JavaScript will see them; merge keys (`<<`) are supported.
  const composer = new Composer({ uniqueKeys: false, merge: true, prettyErrors: false, strict: true });
  let doc: Document | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
      break;
    }
  }
  // `compose(..., true)` always ends with a document.
  return doc!;
}

/** Tags a spec may use: the core schema's own (`!!str 0755`), and the non-specific `!`. */
const CORE_TAGS = new Set(["!", ...["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`)]);

interface Problem {
  code: "LD002" | "LD007" | "LD008" | "LD009";
  offset: number;
  message: string;
}

/**
 * What YAML reads but a spec must not hold: tags outside the core schema (`!Ref`, `!!binary`), keys
 * that are null or collections, and keys that become the same string once read (`true` and `"true"`,
 * `10` and `"10"`, `e` + U+0301 and `é`). One pass over the nodes without recursion; each mapping's keys are
 * checked with a set. Every string scalar is made NFC on the way.
 */
function strictNodes(doc: Document): Problem[] {
  const problems: Problem[] = [];
  const at = (node: unknown) => (isNode(node) ? (node.range?.[0] ?? 0) : 0);
  const composed = new WeakSet<object>();
  const spelled = (key: unknown) => (isScalar(key) ? (key.type === "PLAIN" ? String(key.source) : JSON.stringify(key.value)) : "");
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    nfc(node);
    if (isNode(node) && node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const tag = node.tag.replace(/^tag:yaml\.org,2002:/, "!!");
      problems.push({ code: "LD007", offset: at(node), message: `ldgen reads plain YAML values, so the tag ${tag} is not supported (got ${tag}); remove the tag and write the value itself` });
    }
    if (isSeq(node)) for (const item of node.items) stack.push(item); // (not push(...items): a long list would overflow the stack)
    if (!isMap(node)) continue;
    const seen = new Map<string, object>();
    for (const pair of node.items) {
      stack.push(pair.key, pair.value);
      const key = pair.key;
      if (key === null || (isScalar(key) && key.value === null)) {
        problems.push({ code: "LD008", offset: at(key ?? pair.value ?? node), message: "a key is empty or null, which ldgen cannot name; write a key before the colon" });
      } else if (isCollection(key) || isAlias(key)) {
        problems.push({ code: "LD008", offset: at(key), message: "a key is a list, a mapping or an alias, which ldgen cannot name; write a plain key" });
      } else if (isScalar(key) && typeof key.value === "symbol") {
        const bad = mergeProblem(pair.value, doc);
        if (bad !== undefined) problems.push({ code: "LD009", offset: at(bad), message: `a merge key (<<) merges a mapping into this one: write a mapping, an alias of one (*name), or a list of them (got ${described(bad)})` });
      } else if (isScalar(key)) {
        // (A symbol is the merge key, `<<`.)
        if (nfc(key)) composed.add(key);
        const name = String(key.value);
        const first = seen.get(name);
        if (first === undefined) seen.set(name, key);
        else {
          const same = composed.has(first) || composed.has(key)
            ? " (the same text in Unicode NFC, as ldgen and Terraform read it: one of them writes an accent as a separate combining character)"
            : spelled(first) === spelled(key) ? "" : ` (${spelled(first)} and ${spelled(key)} are the same key once read)`;
          problems.push({ code: "LD002", offset: at(key), message: `this key appears twice in the same mapping${same}; remove or rename one of them` });
        }
      }
    }
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

/** The first thing a merge key's value holds that is not a mapping (through aliases), if any. */
function mergeProblem(value: unknown, doc: Document): unknown {
  const mapping = (node: unknown) => isMap(isAlias(node) ? node.resolve(doc) : node);
  if (isSeq(value)) return value.items.find((item) => !mapping(item));
  return mapping(value) ? undefined : (value ?? null);
}

function described(node: unknown): string {
  if (node === null || (isScalar(node) && node.value === null)) return "nothing";
  if (isAlias(node)) return `the alias *${node.source}, which is not a mapping`;
  if (isSeq(node)) return "a list of lists";
  return isScalar(node) ? JSON.stringify(node.toJSON()) : "a value";
}

/**
 * Scalars where the spec expects a string keep their text as written: `0755` stays "0755" and
 * `1.10` stays "1.10" (YAML would read them as numbers first). Guided by the spec's schema, whose
 * depth bounds the recursion.
 */
function keepScalarText(node: unknown, field: Field): void {
  switch (field.kind) {
    case "string":
      if (isScalar(node) && node.type === "PLAIN" && node.tag === undefined && (typeof node.value === "number" || typeof node.value === "boolean") && typeof node.source === "string") {
        node.value = node.source;
      }
      return;
    case "stringOr":
      return keepScalarText(node, isScalar(node) ? field.string : field.object);
    case "list":
      if (isSeq(node)) for (const item of node.items) keepScalarText(item, field.of);
      return;
    case "map":
    case "object":
      if (!isMap(node)) return;
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const sub = field.kind === "map" ? field.of : Object.hasOwn(field.fields, key) ? field.fields[key] : undefined;
        if (sub) keepScalarText(pair.value, sub);
      }
      return;
    default:
      return;
  }
}

/**
 * The syntax tree of the text, as `Parser.parse` builds it, but fed token by token so that flow collections
 * nested past MAX_DEPTH end it at once (the tree then holds the text up to there, deep enough to be refused):
 * 32 MiB of `[` would otherwise build a tree 16 million levels deep. Block collections cannot: their
 * indentation grows with their depth.
 */
function syntaxTree(text: string, lineCounter: LineCounter): CST.Token[] {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  let flow = 0;
  let scalar = false;
  for (const lexeme of new Lexer().lex(text)) {
    // The lexeme after a scalar marker is the scalar's source, even when it reads `[`.
    if (!scalar && (lexeme === "[" || lexeme === "{")) flow++;
    else if (!scalar && (lexeme === "]" || lexeme === "}")) flow = Math.max(0, flow - 1);
    scalar = lexeme === CST.SCALAR;
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (flow > MAX_DEPTH) break;
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/** The offset of the first collection (in document order) nested deeper than MAX_DEPTH, walking the syntax tree without recursion. */
function deepestCollection(tokens: CST.Token[]): number | undefined {
  const stack: [unknown, number][] = tokens.map((t): [unknown, number] => [t, 0]).reverse();
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token || typeof token !== "object") continue;
    const t = token as { type?: string; offset?: number; value?: unknown; key?: unknown; items?: { key?: unknown; value?: unknown }[] };
    const collection = t.type === "block-map" || t.type === "block-seq" || t.type === "flow-collection";
    const level = collection ? depth + 1 : depth;
    if (level > MAX_DEPTH) return t.offset ?? 0;
    if (t.type === "document" || t.type === "block-scalar" || t.type === "flow-scalar") {
      if (t.type === "document") stack.push([t.value, level]);
      continue;
    }
    const items = t.items ?? [];
    for (let i = items.length - 1; i >= 0; i--) stack.push([items[i].value, level], [items[i].key, level]);
  }
  return undefined;
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
      const pair = pairsByKey(node).get(String(part));
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

/** Each mapping's pairs by key text (the first of equal keys), built once: diagnostics on a large map look up in constant time. */
const pairIndex = new WeakMap<YAMLMap, Map<string, { key: unknown; value: unknown }>>();
function pairsByKey(map: YAMLMap): Map<string, { key: unknown; value: unknown }> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (!isPair(p)) continue;
      const text = keyText(p.key);
      if (text !== undefined && !index.has(text)) index.set(text, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
