import { randomBytes } from "node:crypto";
import { formatTs } from "./cdktf-format";
import { outputLines, rowLines, type TsOutput, type TsRow } from "./cdktf-rows";
import type { Templates } from "./templates";

/** The templates whose output `nativeWiring` reproduces; shadowing any of them renders them as usual. */
const NATIVE = ["cdktf/wiring.ts", "cdktf/partials/rows", "cdktf/partials/body", "cdktf/partials/outputs"];

/**
 * `wiring.ts` with the construct's tables and outputs printed natively (`cdktf-rows.ts`): the template is
 * rendered with the rows and outputs partials replaced by a marker line each, formatted (a hundred lines),
 * and each marker replaced by its lines at the marker's depth. With `javascript`, the same program as the
 * synth runner would run it: the rendered template without the rows is transpiled (the types and imports
 * are all in it) and the rows and outputs, object literals that are JavaScript already, put in place.
 * Undefined when a templates folder shadows one of these templates, or a value cannot be printed natively.
 */
export function nativeWiring(templates: Templates, context: object, data: { tables: TsRow[][]; outputs: TsOutput[] }, javascript: boolean): { typescript: string; javascript?: string } | undefined {
  if (!NATIVE.every((name) => templates.builtin(name))) return undefined;
  // A name no spec can spell: a marker is found only where a partial was.
  const nonce = randomBytes(8).toString("hex");
  const marker = (i: number) => `__ldgen_${nonce}_${i}__`;
  const printers: ((depth: number) => string[] | undefined)[] = [];
  const mark = (print: (depth: number) => string[] | undefined) => `${marker(printers.push(print) - 1)}: 0,\n`;
  let table = 0;
  const skeleton = templates.render("cdktf/wiring.ts", context, {
    "cdktf/partials/rows": () => {
      const rows = data.tables[table++];
      return mark((depth) => rows && rowLines(rows, depth));
    },
    "cdktf/partials/outputs": () => mark((depth) => outputLines(data.outputs, depth)),
  });
  if (table !== data.tables.length) return undefined;
  const lines = formatTs(skeleton).split("\n");
  const out: string[] = [];
  const printed: string[] = [];
  for (const line of lines) {
    const at = printed.length;
    const trimmed = line.trimStart();
    if (at < printers.length && trimmed === `${marker(at)}: 0,`) {
      const text = printers[at]((line.length - trimmed.length) / 2);
      if (text === undefined) return undefined;
      printed.push(text.join("\n"));
      // An empty table or output list prints no line.
      if (text.length > 0) out.push(printed[at]);
    } else out.push(line);
  }
  if (printed.length !== printers.length) return undefined;
  const typescript = out.join("\n");
  if (!javascript) return { typescript };
  const js = javascriptOf(skeleton, "wiring.ts");
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < printers.length; i++) {
    const found = [...js.matchAll(new RegExp(`${marker(i)}: 0,?`, "g"))];
    if (found.length !== 1 || found[0].index < from) return { typescript };
    parts.push(js.slice(from, found[0].index), printed[i]);
    from = found[0].index + found[0][0].length;
  }
  parts.push(js.slice(from));
  return { typescript, javascript: parts.join("") };
}

/** A TypeScript file as the synth runner transpiles it (the same options: `synth.ts`). Loads the TypeScript compiler. */
export function javascriptOf(source: string, fileName: string): string {
  const ts = require("typescript") as typeof import("typescript");
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ESNext, esModuleInterop: true };
  return ts.transpileModule(source, { fileName, compilerOptions }).outputText;
}
