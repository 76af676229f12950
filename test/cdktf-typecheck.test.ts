import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { generate } from "../generator";
import type { Snapshot } from "../generator/diff";
import { escapesSpec, kitchenSinkSpec } from "./cdktf-specs";
import { examples, ROOT } from "./support/examples";

/**
 * The generated app of every example (and of the kitchen-sink spec, which reaches every resource
 * type and block the plan can emit), for CDKTF and for CDK Terrain (whose bindings are AWS provider
 * 6.x's), type-checks against the provider bindings ldgen ships with,
 * under the app's own tsconfig.json: one TypeScript program for all of them.
 */
/** CDK Terrain is a dev dependency: a worktree whose node_modules predates it checks CDKTF only, loudly (never in CI). */
const TARGETS = (() => {
  try {
    require.resolve("@cdktn/provider-aws/package.json");
    return ["cdktf", "cdktn"] as const;
  } catch {
    if (process.env.CI) throw new Error("@cdktn/provider-aws is not installed: CI must type-check the CDK Terrain apps (npm ci)");
    console.warn("\n*** SKIPPING the CDK Terrain type-check: @cdktn/provider-aws is not installed (npm install). It runs in CI. ***\n");
    return ["cdktf"] as const;
  }
})();

/** A spec whose apps move resources (renamedFrom) and protect them. */
function movesSpec(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "spec.yaml");
  const code = "code: s3://artifacts/app.zip, runtime: nodejs22.x, handler: index.handler";
  fs.writeFileSync(file, `version: 1\nname: moves\ndestinations:\n  c: { type: sqs, renamedFrom: b, awsName: moves-a, protect: true }\nfunctions:\n  worker: { ${code}, renamedFrom: w, awsName: moves-w, protect: true, events: [ { source: c } ] }\n`);
  return file;
}

describe("generated CDKTF apps type-check", () => {
  const dirs = new Map<string, string>();
  let diagnostics: readonly ts.Diagnostic[] = [];
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-typecheck-"));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
  const extra: Record<string, (dir: string) => string> = { "kitchen-sink": kitchenSinkSpec, escapes: escapesSpec, moves: movesSpec };
  // A recorded chain (a -> b, then b renamed to c): the app writes a Moved element besides moveFromId rows.
  const previous: Record<string, Snapshot> = { moves: { resources: {}, moves: [{ from: "aws_sqs_queue.a", to: "aws_sqs_queue.b" }] } };
  const specs = () => [
    ...examples(),
    ...Object.entries(extra).map(([name, write]) => {
      const specPath = write(path.join(base, "specs", name));
      return { name, specPath, text: fs.readFileSync(specPath, "utf8") };
    }),
  ];

  beforeAll(() => {
    let tsconfig = "";
    for (const example of specs()) {
      const out = path.join(base, example.name);
      for (const target of TARGETS) {
        const result = generate(example.text, example.specPath, target, { outDir: out, exists: fs.existsSync, previous: previous[example.name] });
        for (const [name, content] of Object.entries(result.files)) {
          fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
          fs.writeFileSync(path.join(out, name), content);
        }
        dirs.set(`${example.name} (${target})`, path.join(out, target, "main.ts"));
        tsconfig = path.join(out, target, "tsconfig.json");
      }
    }
    // The app's own compiler options; modules and types resolve to ldgen's node_modules (no npm install).
    const config = ts.readConfigFile(tsconfig, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(tsconfig));
    const modules = path.join(ROOT, "node_modules");
    const program = ts.createProgram([...dirs.values()], {
      ...options,
      noEmit: true,
      baseUrl: modules,
      paths: { "*": [path.join(modules, "*"), path.join(modules, "@types", "*")] },
      typeRoots: [path.join(modules, "@types")],
    });
    diagnostics = ts.getPreEmitDiagnostics(program);
  });

  it.each([...examples().map((e) => e.name), ...Object.keys(extra)].flatMap((name) => TARGETS.map((t) => `${name} (${t})`)))("%s", (name) => {
    const file = dirs.get(name)!;
    const errors = diagnostics
      .filter((d) => d.file?.fileName.startsWith(path.dirname(file) + "/") || !d.file)
      .map((d) => {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        return `${where ? `${path.basename(d.file!.fileName)}:${where.line + 1}:${where.character + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(errors).toEqual([]);
  });
});
