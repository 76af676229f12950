import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { generate } from "../generator";
import { synth } from "../generator/emit/synth";
import { ESCAPES, escapesSpec, HOSTILE_ZIP, kitchenSinkSpec, localZipSpec } from "./cdktf-specs";
import { examples } from "./support/examples";
import { describeWithTerraform, type PlanJson } from "./support/terraform";

/**
 * The HCL root and the synthesized CDKTF stack plan the same: the same addresses, and the same
 * planned values at each. A local zip's `filename` is relative to each root (DIR/hcl, and the stack
 * three folders below DIR/cdktf), so it is compared as the file it names; its hash is compared as is.
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

const resourcesOf = (json: PlanJson) => new Map((json.planned_values.root_module.resources ?? []).map((r) => [r.address, r.values]));

/** filebase64sha256 of the zip the CDKTF specs copy. */
const ZIP_HASH = crypto.createHash("sha256").update(fs.readFileSync(path.join(__dirname, "..", "examples", "image-pipeline", "build", "process-image.zip"))).digest("base64");

/** Numbers and keys whose JSON spelling differs between JavaScript and Terraform, in a filter, a pattern and an input. */
const JSON_SPEC = `version: 1
name: json-values
functions:
  fn:
    code: s3://artifacts-bucket/fn.zip
    runtime: nodejs20.x
    handler: index.handler
    triggers:
      - schedule: "rate(5 minutes)"
        input: { "😀": 2, "\ue000": 1, b: 1e21, a: 1.5e-7, n: [1.0, 2.50, -3], s: "<&>" }
      - eventPattern: { source: [ "my.app" ], detail: { size: [ { numeric: [ ">", 1e21, "<=", 0.000001 ] } ] } }
    events:
      - source: jobs
        filters: [ { body: { n: [ { numeric: [ "=", 1.5e-7 ] } ], "😀": [ "x" ], "\ue000": [ "y" ] } } ]
sources:
  jobs: { type: sqs }
`;

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

  it("local zips in folders and files named with quotes, backslashes, ${ and %{: the same file and hash, no machine path", async () => {
    const dir = tempDir("ldgen-local-zip-");
    const specPath = localZipSpec(dir);
    const roots = generateBoth(specPath, fs.readFileSync(specPath, "utf8"));
    const stack = fs.readFileSync(path.join(roots.cdktf, "cdk.tf.json"), "utf8");
    expect(stack).not.toContain(dir);
    expect(stack).not.toContain(os.tmpdir());
    const { hcl, cdktf } = await planBoth(roots);
    expectSamePlan({ json: hcl, root: roots.hcl }, { json: cdktf, root: roots.cdktf });
    for (const [json, root] of [[hcl, roots.hcl], [cdktf, roots.cdktf]] as const) {
      const fn = resourcesOf(json).get("aws_lambda_function.hostile")!;
      expect(path.isAbsolute(fn.filename as string)).toBe(false);
      expect(path.resolve(root, fn.filename as string)).toBe(path.join(path.dirname(specPath), "build", HOSTILE_ZIP));
      expect(fn.source_code_hash).toBe(ZIP_HASH);
    }
  });

  it("writes JSON attributes (filters, event patterns, target input) as Terraform's jsonencode does", async () => {
    const specPath = path.join(tempDir("ldgen-json-"), "spec.yaml");
    fs.writeFileSync(specPath, JSON_SPEC);
    const roots = generateBoth(specPath, JSON_SPEC);
    const { hcl, cdktf } = await planBoth(roots);
    expectSamePlan({ json: hcl, root: roots.hcl }, { json: cdktf, root: roots.cdktf });
    const target = resourcesOf(hcl).get("aws_cloudwatch_event_target.fn_schedule")!;
    expect(target.input).toBe('{"a":0.00000015,"b":1000000000000000000000,"n":[1,2.5,-3],"s":"\\u003c\\u0026\\u003e","\ue000":1,"😀":2}');
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
