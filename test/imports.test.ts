import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { ROOT } from "./support/examples";

/**
 * No import circle under generator/: every file's imports, as written (`import`, `import type`, `export ... from`,
 * `import()` and lazy `require()` alike: a type-only circle is still a circle a reader has to untangle, and a lazy
 * require is still a dependency), form a graph without cycles. Each strongly connected component of more than one
 * file, or a file importing itself, is reported with its files and one circle through them.
 */
const GENERATOR = path.join(ROOT, "generator");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The generator/ files `file` imports (relative specifiers only; packages are not ours). */
export function importsOf(file: string, text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  const out: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith(".")) continue;
    const base = path.resolve(path.dirname(file), fileName);
    const target = [base + ".ts", path.join(base, "index.ts"), base].find((f) => f.endsWith(".ts") && fs.existsSync(f));
    if (target === undefined) throw new Error(`${path.relative(ROOT, file)}: cannot resolve ${fileName}`);
    out.push(target);
  }
  return out;
}

/** Tarjan's strongly connected components, each with one circle through all of its files' first member. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** One circle from `start` back to itself inside `component` (breadth-first, so the shortest). */
function circleThrough(graph: Map<string, string[]>, component: string[], start: string): string[] {
  const inside = new Set(component);
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const circle = [v];
        for (let u = v; u !== start; ) circle.unshift((u = from.get(u)!));
        return [...circle, start];
      }
      if (!from.has(w)) from.set(w, v), queue.push(w);
    }
  }
  return [start];
}

describe("imports under generator/", () => {
  const graph = new Map(sources(GENERATOR).map((f) => [f, importsOf(f, fs.readFileSync(f, "utf8"))]));
  const rel = (f: string) => path.relative(ROOT, f);

  it("reads the imports of every kind the code writes", () => {
    const file = path.join(GENERATOR, "x.ts");
    const text = [
      `import { a } from "./diagnostics";`,
      `import type { Plan } from "./plan";`,
      `export { b } from "./limits";`,
      `const lazy = () => require("./emit/synth") as typeof import("./emit/cdktf");`,
      `import * as fs from "node:fs";`,
    ].join("\n");
    expect(importsOf(file, text).map(rel)).toEqual([
      "generator/diagnostics.ts",
      "generator/plan/index.ts",
      "generator/limits.ts",
      "generator/emit/synth.ts",
      "generator/emit/cdktf.ts",
    ]);
  });

  it("finds a circle and a self-import, and nothing in a tree", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", ["d"]],
      ["e", ["a"]],
    ]);
    expect(cycles(g)).toEqual([["d"], ["a", "b", "c"]]);
    expect(cycles(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });

  it("form no circle", () => {
    const found = cycles(graph).map((component) => {
      const circle = circleThrough(graph, component, component[0]).map(rel).join(" -> ");
      return `${component.length} files: ${component.map(rel).join(", ")}\n  e.g. ${circle}`;
    });
    expect(found).toEqual([]);
  });
});
