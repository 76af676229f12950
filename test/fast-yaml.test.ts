import * as fs from "node:fs";
import * as path from "node:path";
import { check, type Options } from "../generator";
import type { Path } from "../generator/diagnostics";
import { readFastYaml } from "../generator/parse/fast-yaml";
import { NotMine } from "../generator/parse/fast-yaml-line";
import { list, object, str, stringMap, type Field } from "../generator/parse/fields";
import { load } from "../generator/parse/load";
import { specSchema } from "../generator/parse/spec-schema";
import { platformSchema } from "../generator/platform/schema";
import { ROOT } from "./support/examples";

// The fast YAML reader (generator/parse/fast-yaml.ts) against the yaml package: for any text, either it
// says "not mine", or it gives the same value and the same positions as the yaml path.

const { syntheticSpec } = require("../bench/synthetic.js") as { syntheticSpec: (n: number) => string };

/** Every path in a value, in document order (keys of objects, indexes of arrays), the root first. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/**
 * A value as text that tells apart everything JavaScript does: -0, NaN, key order, prototypes. (Jest's
 * toStrictEqual compares `.constructor`, which a key named `constructor` replaces.)
 */
function exactly(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value !== "object" || value === null) return typeof value === "string" ? JSON.stringify(value) : String(value);
  if (Array.isArray(value)) return `[${value.map(exactly).join(", ")}]`;
  const proto = Object.getPrototypeOf(value) === Object.prototype ? "" : "(not a plain object)";
  return `${proto}{${Object.keys(value).map((k) => `${JSON.stringify(k)}: ${exactly((value as Record<string, unknown>)[k])}`).join(", ")}}`;
}

/** Paths that are not in the document: Locate falls back to the nearest ancestor. */
function missing(all: Path[]): Path[] {
  const out: Path[] = [["nope"], [0], ["nope", "deeper", 3]];
  for (const p of all.slice(0, 200)) out.push([...p, "nope"], [...p, 0], [...p, 999], [...p, "0"], [...p, -1], [...p, "nope", "deeper"]);
  return out;
}

/**
 * "mine" when the fast reader read the text the way the yaml package does (value, key order, positions of
 * every key and value and of missing paths), "not mine" when it declined; throws, with the whole text, otherwise.
 */
function compare(text: string, schema?: Field): "mine" | "not mine" {
  const fast = readFastYaml(text, schema);
  if (fast instanceof NotMine) return "not mine";
  const slow = load(text, "x.yaml", schema, { fast: false });
  const differ = (what: string, got: string, want: string) => {
    throw new Error(`${what} differ:\n  fast: ${got}\n  yaml: ${want}\nfor the text\n${text}`);
  };
  if (slow.reporter.diagnostics.length > 0) differ("the diagnostics", "none", JSON.stringify(slow.reporter.diagnostics));
  const [got, want] = [exactly(fast.value), exactly(slow.value)];
  if (got !== want) differ("the values", got, want);
  const all = [...paths(slow.value), ...missing(paths(slow.value))];
  for (const p of all) {
    for (const at of ["key", "value"] as const) {
      const [got, want] = [fast.locate(p, at), slow.reporter.position(p, at)];
      if (got.line !== want.line || got.col !== want.col) differ(`the positions of ${JSON.stringify(p)} (${at})`, JSON.stringify(got), JSON.stringify(want));
    }
  }
  return "mine";
}

/** `depth` block collections nested in each other: mappings, and a sequence in the middle. */
function nested(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(" ".repeat(2 * i) + (i === depth >> 1 ? "- k:" : `k${i}:`));
  return lines.join("\n") + " end\n";
}

/** Every YAML file in the repository: specs, fixtures, platform files. */
function repositoryYaml(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "out" && entry.name !== "node_modules") walk(p);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path.relative(ROOT, p));
    }
  };
  walk(path.join(ROOT, "examples"));
  walk(path.join(ROOT, "test", "fixtures"));
  return out.sort();
}

describe("the fast YAML reader, on the repository's files", () => {
  const files = repositoryYaml();
  test("there are files to compare", () => expect(files.length).toBeGreaterThan(100));

  test.each(files)("%s: not mine, or the yaml path's value and positions", (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const schema = file.endsWith("ldgen.platform.yaml") || file.includes("/platform/") ? platformSchema : specSchema;
    compare(text, schema);
    compare(text, undefined);
  });

  test.each(files.filter((f) => f.startsWith("examples/")))("%s is read by the fast reader, with line ends \\n and \\r\\n", (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const schema = file.endsWith("ldgen.platform.yaml") ? platformSchema : specSchema;
    expect(compare(text, schema)).toBe("mine");
    expect(compare(text.replace(/\n/g, "\r\n"), schema)).toBe("mine");
  });

  test.each([1, 10, 1000])("the synthetic spec of %p functions is read by the fast reader", (n) => {
    expect(compare(syntheticSpec(n), specSchema)).toBe("mine");
  });

  test.each(files.filter((f) => !f.endsWith("ldgen.platform.yaml") && !f.includes("/platform/templates/")))("check() of %s gives the same diagnostics through both paths", (file) => {
    const specPath = path.join(ROOT, file);
    const text = fs.readFileSync(specPath, "utf8");
    const named = /^# platform: (\S+)/m.exec(text)?.[1] ?? (file.startsWith("examples/platform/") ? "../ldgen.platform.yaml" : undefined);
    const platformFile = named && path.join(path.dirname(specPath), named);
    const platform = platformFile && fs.existsSync(platformFile) ? { file: platformFile, text: fs.readFileSync(platformFile, "utf8") } : undefined;
    const options: Options = { exists: (p: string) => fs.existsSync(p), platform };
    const fast = check(text, specPath, options).diagnostics;
    const slow = check(text, specPath, { ...options, fastYaml: false }).diagnostics;
    expect(fast).toEqual(slow);
  });
});

describe("the fast YAML reader, on chosen documents", () => {
  it.each([
    ["keys and values", "a: 1\nb: x\n", "mine"],
    ["an empty value, a comment after it, and a key without a space after it", "a:\nb:   # c\nc: \n", "mine"],
    ["a sequence at its key's indentation", "a:\n- 1\n-\n- x: 1\n  y:\nb: 2\n", "mine"],
    ["a sequence in a mapping in a sequence, at the mapping's indentation", "a:\n  - b:\n    - 1\n    c: 2\n", "mine"],
    ["an item with a comment, then its mapping", "a:\n  -   # c\n    z: 2\n", "mine"],
    ["flow collections", "a: { b: [ 1, \"2\", { c: d } ], e: {} }\nf: []\n", "mine"],
    ["quoted keys and values", "\"a b\": 'it''s'\n'c': \"\\x41\\u00e9\\U0001F600\\t\"\n", "mine"],
    ["the core schema's scalars", "a: [~, null, Null, NULL, true, False, 0o17, 0x1F, -0, +5, 1e3, .5, 5., -.inf, .NaN, 1_000, yes]\n", "mine"],
    ["a tab", "a:\t1\n", "not mine"],
    ["a duplicate key", "a: 1\na: 2\n", "not mine"],
    ["keys equal once read", "1: a\n\"1\": b\n", "not mine"],
    ["a merge key", "a: &x { b: 1 }\nc:\n  <<: *x\n", "not mine"],
    ["a multi-line plain scalar", "a: b\n  c\n", "not mine"],
    ["a flow collection over two lines", "a: [1,\n  2]\n", "not mine"],
    ["a block scalar", "a: |\n  x\n", "not mine"],
    ["a document marker", "---\na: 1\n", "not mine"],
    ["a tag", "a: !Ref b\n", "not mine"],
    ["a comment right after a quote (an error)", "a: \"x\"#c\n", "not mine"],
    ["a sequence at the top", "- a\n", "not mine"],
    ["an empty document", "# nothing\n", "not mine"],
    ["a null key", "~: 1\n", "not mine"],
    ["a nested mapping on one line (an error)", "a: b: c\n", "not mine"],
    ["line ends \\r\\n", "a: 1\r\nb:\r\n  - x # c\r\n  -\r\nc: { d: e }\r\n", "mine"],
    ["a carriage return that does not end a line", "a: 1\rb: 2\n", "not mine"],
  ] as const)("%s", (_name, text, want) => expect(compare(text)).toBe(want));

  it.each([
    ["a key of 1,000 characters", `${"k".repeat(1000)}: 1\n`, "mine"],
    ["one past it", `${"k".repeat(1001)}: 1\n`, "not mine"],
    ["32 nested block collections", nested(32), "mine"],
    ["one past it", nested(33), "not mine"],
    ["32 nested collections, the inner ones flow", "a:\n  b: " + "[".repeat(30) + "]".repeat(30) + "\n", "mine"],
    ["one past it", "a:\n  b: " + "[".repeat(31) + "]".repeat(31) + "\n", "not mine"],
  ] as const)("the limits: %s", (_name, text, want) => expect(compare(text)).toBe(want));

  it("keeps the text of plain scalars where the schema expects a string, like the yaml path", () => {
    const schema = object("", { s: str(), m: stringMap(""), l: list("", str()) });
    const text = "s: 0755\nm: { a: 1.10, b: true, c: ~ }\nl: [0x1F, \"7\", 1e3]\nx: 0755\n";
    expect(compare(text, schema)).toBe("mine");
    expect((readFastYaml(text, schema) as { value: unknown }).value).toEqual({ s: "0755", m: { a: "1.10", b: "true", c: null }, l: ["0x1F", "7", "1e3"], x: 755 });
  });
});

/** A small, seeded random number generator (mulberry32): the same documents every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Scalars and keys: most inside the subset, the rest near misses (picked less often).
const PLAIN = [
  "x", "hello world", "index.handler", "nodejs20.x", "30s", "6h", "0755", "1.10", "1.0", "10", "-0", "+5", "-12", "0o17", "0o8", "0x1F", "0xg", "0X1F",
  "1e3", "1E-3", "-1.5e+10", ".5", "5.", "-.inf", ".Inf", "+.INF", ".NaN", ".nan", "nan", "inf", "1_000", "12345678901234567890", "0b101",
  "2024-01-01", "1:30", "true", "True", "TRUE", "tRUE", "false", "FALSE", "yes", "no", "on", "off", "null", "Null", "NULL", "nUll", "~",
  "a#b", "a #b", "http://x.y/z?q=1#frag", "arn:aws:sqs:us-east-1:123456789012:q", "s3:ObjectCreated:*", "-a", "--", "é", "日本語", "😀 ok",
  "a,b", "a[0]", "a]", "a}", "a'b", "a\"b", "a | b", "a > b", "a  b", "a\u00a0b", "\u00a0", "x\\y", "=", "a:b:c", "a :b", "a!", "a&b", "a*",
];
const ODD_PLAIN = ["a: b", "a:", ":a", "- a", "-", "---", "...", "?a", "? a", "{a}", "[a]", "%a", "@a", "`a", "!a", "&a", "*a", "|", ">", "<<", "a::", ",a"];
const QUOTED = [
  '"x"', '""', "''", "'it''s'", "'a #b'", '"a\\"b"', '"\\t\\n\\\\"', '"\\x41\\u00e9\\U0001F600"', '"a: b"', "'# c'", '"\\ud800"',
  '"\\/\\_\\N\\L\\P\\0\\a\\b\\e\\f\\r\\v\\ "', '"0755"', "'true'", '"tab\\tin"', '"日本"', "'\"'", "\"'\"", "'a, b'", '"[x]"',
];
const ODD_QUOTED = ['"\\q"', '"\\U00110000"', '"a', "'a", "'a''", '"\\x4"', '"\\'];
const KEYS = [
  "a", "b", "name", "s", "m", "l", "r", "x", "n", "1", "01", "1.0", "0x1", "-0", "0", ".inf", "true", "True", '"true"', "__proto__", "constructor",
  "toString", "a b", '"quoted key"', "'single'", '"a:b"', "a:b", "-k", "é", '""', "k#", "fn-00001-ok", "tags", "environment", "functions", "version", "description", "a,b", "a[0]", "'it''s'", '"\\t"',
];
const ODD_KEYS = ["null", "~", "<<", "key #hash", "? k", "&k a", "[k]", "{k: v}", "k ", "'k'x", "!k", "*k", "|", "-", "- k", '"k'];
const COMMENTS = [" # c", "  #c", " #", "#no", " # : - [ {"];

/** A random document of the subset, with near misses (see KEYS, PLAIN and the mutations below). */
function document(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const step = () => (chance(0.9) ? 2 : pick([1, 3, 4]));
  const odd = <T>(xs: readonly T[], odds: readonly T[]): T => (chance(0.03) ? pick(odds) : pick(xs));
  const scalar = () => (chance(0.7) ? odd(PLAIN, ODD_PLAIN) : odd(QUOTED, ODD_QUOTED));
  const key = () => odd(KEYS, ODD_KEYS);
  const comment = () => (chance(0.15) ? pick(COMMENTS) : "");
  const space = () => (chance(0.9) ? " " : pick(["  ", "   "]));
  const trailing = () => (chance(0.05) ? "  " : "");
  const flow = (depth: number): string => {
    const n = Math.floor(rand() * 4);
    const inner = (): string => (depth < 3 && chance(0.2) ? flow(depth + 1) : scalar());
    const sp = chance(0.5) ? " " : "";
    if (chance(0.5)) return `[${sp}${Array.from({ length: n }, inner).join(pick([", ", ",", " , "]))}${sp}]`;
    return `{${sp}${Array.from({ length: n }, () => `${key()}:${space()}${inner()}`).join(pick([", ", ","]))}${sp}}`;
  };
  const extras = (indent: number, out: string[]) => {
    if (chance(0.1)) out.push("");
    if (chance(0.1)) out.push(" ".repeat(chance(0.7) ? indent : Math.floor(rand() * 6)) + "# a comment: - [x]");
  };
  // A block node as lines: `head` is what precedes it on its first line ("key:" or "-").
  const mapping = (indent: number, depth: number, out: string[]) => {
    const n = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) {
      if (i > 0) extras(indent, out);
      entry(" ".repeat(indent) + key() + ":", indent, depth, out, true);
    }
  };
  const sequence = (indent: number, depth: number, out: string[]) => {
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      if (i > 0) extras(indent, out);
      const dash = " ".repeat(indent) + "-";
      if (depth < 5 && chance(0.3)) {
        // `- key: value` and the mapping's other keys at the key's column
        const lines: string[] = [];
        const gap = chance(0.9) ? 1 : 3;
        mapping(indent + 1 + gap, depth + 1, lines);
        out.push(dash + " ".repeat(gap) + lines[0].slice(indent + 1 + gap), ...lines.slice(1));
      } else entry(dash, indent, depth, out, false);
    }
  };
  const entry = (head: string, indent: number, depth: number, out: string[], afterKey: boolean) => {
    const r = rand();
    if (r < 0.45 || depth > 5) out.push(`${head}${space()}${scalar()}${comment()}${trailing()}`);
    else if (r < 0.6) out.push(`${head}${space()}${flow(0)}${comment()}`);
    else if (r < 0.68) out.push(`${head}${chance(0.5) ? " " : ""}${comment()}`);
    else {
      out.push(head + comment());
      if (chance(0.3)) out.push(" ".repeat(indent + 2) + "# a comment");
      if (chance(0.5)) mapping(indent + step(), depth + 1, out);
      else sequence(afterKey && chance(0.4) ? indent : indent + step(), depth + 1, out);
    }
  };
  const out: string[] = [];
  if (chance(0.3)) out.push("# a document");
  mapping(0, 0, out);
  let text = out.join("\n") + (chance(0.9) ? "\n" : "");
  // Near misses: one or two small edits.
  const edits = chance(0.7) ? 0 : 1 + Math.floor(rand() * 2);
  for (let e = 0; e < edits; e++) {
    const lines = text.split("\n");
    const i = Math.floor(rand() * lines.length);
    const at = Math.floor(rand() * (text.length + 1));
    switch (Math.floor(rand() * 10)) {
      case 0:
        text = text.slice(0, at) + pick(["\t", "\r", "\ufeff", "\u0085", "\u2028"]) + text.slice(at);
        break;
      case 1:
        lines[i] = " " + lines[i];
        text = lines.join("\n");
        break;
      case 2:
        lines[i] = lines[i].replace(/^ /, "");
        text = lines.join("\n");
        break;
      case 3:
        lines.splice(i, 0, lines[i]);
        text = lines.join("\n");
        break;
      case 4:
        text = text.slice(0, at) + text.slice(at + 1);
        break;
      case 5:
        text = text.slice(0, at) + pick([":", "#", " #", "-", "- ", '"', "'", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "?", ": ", "\n", "\n  ", "\\", "\u00a0", "\u3000", "é", "😀"]) + text.slice(at);
        break;
      case 6:
        lines.splice(i + 1, 0, " ".repeat(Math.floor(rand() * 8)) + pick(["continued", "- x", "k: v", "# c", "", "---", "...", "%YAML 1.2"]));
        text = lines.join("\n");
        break;
      case 7:
        if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
        text = lines.join("\n");
        break;
      case 8:
        text = text.replace(/\n/g, chance(0.8) ? "\r\n" : "\r");
        break;
      default:
        text = pick(["---\n", "", "%YAML 1.2\n---\n", " "]) + text + pick(["...\n", "---\nb: 1\n", "", "  \n"]);
    }
  }
  return text;
}

describe("the fast YAML reader, on random documents", () => {
  const RUNS = Number(process.env.FAST_YAML_RUNS ?? 4000);
  const schema = object("", { s: str(), m: stringMap(""), l: list("", str()), r: { kind: "stringOr", string: { kind: "string" }, object: object("", { s: str(), x: str() }) }, x: { kind: "any" } });

  test(`${RUNS} documents: not mine, or the yaml path's value and positions`, () => {
    const rand = random(Number(process.env.FAST_YAML_SEED ?? 12));
    let mine = 0;
    for (let i = 0; i < RUNS; i++) {
      const text = document(rand);
      if (compare(text, [undefined, schema, specSchema][i % 3]) === "mine") mine++;
    }
    // The generator's documents are mostly inside the subset: the comparison is not empty.
    expect(mine).toBeGreaterThan(RUNS / 5);
  });
});
