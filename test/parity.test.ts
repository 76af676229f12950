import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { generate } from "../generator";
import { synth } from "../generator/emit/synth";
import { ESCAPES, escapesSpec, kitchenSinkSpec } from "./cdktf-specs";
import { examples } from "./support/examples";
import { describeWithTerraform, type PlanJson } from "./support/terraform";

/**
 * The HCL root and the synthesized CDKTF stack plan the same: the same addresses, and the same
 * planned values at each. Only the local zip `filename` differs in spelling (relative to DIR/hcl
 * in HCL, absolute in the CDKTF app), so both are compared as absolute paths.
 */

interface Roots {
  hcl: string;
  cdktf: string;
}

const scratch: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Generates `spec` into a fresh DIR with both targets and synthesizes the CDKTF app. */
function generateBoth(specPath: string, text: string): Roots {
  const out = path.join(tempDir("ldgen-parity-"), "out");
  const result = generate(text, specPath, "all", { outDir: out, exists: fs.existsSync });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${specPath} has errors: ${JSON.stringify(errors)}`);
  for (const [name, content] of Object.entries(result.files)) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), content);
  }
  synth(path.join(out, "cdktf"));
  const stack = path.join(out, "cdktf", "cdktf.out", "stacks", result.plan!.name);
  // The app keeps its state beside it through a local backend; the HCL root has none, and the harness
  // initialises without backends. The same default local state either way: drop the block for the plan.
  const file = path.join(stack, "cdk.tf.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  delete json.terraform.backend;
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return { hcl: path.join(out, "hcl"), cdktf: stack };
}

/**
 * Plans both roots at once, each with the shared harness in a worker thread (terraform plans take
 * seconds each and mostly wait on the provider process): about half the time of one after the other.
 */
const WORKER = `
const fs = require("node:fs");
const ts = require("typescript");
const { parentPort, workerData } = require("node:worker_threads");
require.extensions[".ts"] = (module, file) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  module._compile(outputText, file);
};
parentPort.postMessage(require(workerData.harness).plan(workerData.root).json);
`;

function planInWorker(root: string): Promise<PlanJson> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { root, harness: path.join(__dirname, "support", "terraform.ts") } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`the plan of ${root} stopped with exit code ${code}`)));
  });
}

async function planBoth(roots: Roots): Promise<{ hcl: PlanJson; cdktf: PlanJson }> {
  const [hcl, cdktf] = await Promise.all([planInWorker(roots.hcl), planInWorker(roots.cdktf)]);
  return { hcl, cdktf };
}

type Values = Record<string, unknown>;

/** `filename` as an absolute path, resolved against the root it was planned from. */
function normalise(values: Values | undefined, root: string): Values | undefined {
  if (!values || typeof values.filename !== "string") return values;
  return { ...values, filename: path.resolve(root, values.filename) };
}

function planned(json: PlanJson, root: string): Map<string, Values | undefined> {
  return new Map((json.planned_values.root_module.resources ?? []).map((r) => [r.address, normalise(r.values, root)]));
}

function after(json: PlanJson, root: string): Map<string, Values | undefined> {
  return new Map(json.resource_changes.map((c) => [c.address, normalise(c.change.after, root)]));
}

const sorted = (m: Map<string, unknown>) => [...m.keys()].sort();

function expectSamePlan(hcl: { json: PlanJson; root: string }, cdktf: { json: PlanJson; root: string }): void {
  for (const view of [planned, after]) {
    const a = view(hcl.json, hcl.root);
    const b = view(cdktf.json, cdktf.root);
    expect(sorted(b)).toEqual(sorted(a));
    for (const [address, values] of a) expect({ address, values: b.get(address) }).toEqual({ address, values });
  }
  expect(Object.keys(cdktf.json.planned_values.outputs ?? {}).sort()).toEqual(Object.keys(hcl.json.planned_values.outputs ?? {}).sort());
}

describeWithTerraform("HCL and CDKTF plan the same", () => {
  it.each(examples().map((e) => [e.name, e] as const))("example %s", async (_name, example) => {
    const roots = generateBoth(example.specPath, example.text);
    const { hcl, cdktf } = await planBoth(roots);
    expect(hcl.resource_changes.length).toBeGreaterThan(0);
    expectSamePlan({ json: hcl, root: roots.hcl }, { json: cdktf, root: roots.cdktf });
  });

  it("every resource type and block ldgen writes (kitchen sink)", async () => {
    const specPath = kitchenSinkSpec(tempDir("ldgen-kitchen-sink-"));
    const roots = generateBoth(specPath, fs.readFileSync(specPath, "utf8"));
    const { hcl, cdktf } = await planBoth(roots);
    expect(new Set(hcl.resource_changes.map((c) => c.address.replace(/^data\./, "").split(".")[0])).size).toBe(18);
    expectSamePlan({ json: hcl, root: roots.hcl }, { json: cdktf, root: roots.cdktf });
  });

  it("carries ${, %{, quotes, backslashes, newlines and non-ASCII through both, unchanged", async () => {
    const specPath = escapesSpec(tempDir("ldgen-escapes-"));
    const roots = generateBoth(specPath, fs.readFileSync(specPath, "utf8"));
    const { hcl, cdktf } = await planBoth(roots);
    expectSamePlan({ json: hcl, root: roots.hcl }, { json: cdktf, root: roots.cdktf });
    for (const json of [hcl, cdktf]) {
      const fn = planned(json, "/").get("aws_lambda_function.fn")!;
      expect(fn.description).toBe(ESCAPES.description);
      expect(fn.environment).toEqual([{ variables: ESCAPES.environment }]);
      expect(fn.tags).toEqual({ team: ESCAPES.team, "odd key ${x}": ESCAPES.unicode, ...ESCAPES.functionTags });
      expect(fn.tags_all).toEqual({ team: ESCAPES.team, "odd key ${x}": ESCAPES.unicode, ...ESCAPES.functionTags });
    }
  });
});
