import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generate, type Target } from "../generator";
import { compiledApp, synth } from "../generator/emit/synth";
import { ESCAPES, escapesSpec, HOSTILE_KEYS_SPEC, HOSTILE_ZIP, kitchenSinkSpec, localZipSpec, PROTO_VALUE } from "./cdktf-specs";
import { examples } from "./support/examples";
import { describeWithTerraform, planRoots, terraformMissing, type PlanJson } from "./support/terraform";

/**
 * The HCL root and the synthesized CDK stacks plan the same: the same addresses, and the same
 * planned values at each. A local zip's `filename` is relative to each root (DIR/hcl, and the stack
 * three folders below DIR/cdktf), so it is compared as the file it names; its hash is compared as is.
 *
 * Every case is generated and synthesized first, then all roots are planned together by one terraform
 * run (planRoots: one init, one provider schema load, resources planned in parallel).
 */

const scratch: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

type Values = Record<string, unknown>;

/** Writes generated files under `out`. */
function write(out: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), content);
  }
}

/**
 * The synthesized stack of an app, ready to plan: the app keeps its state beside it through a local
 * backend; the HCL root has none, and the harness initialises without backends. The same default local
 * state either way: the block is dropped for the plan.
 */
function stackRoot(app: string, stack: string): string {
  const dir = path.join(app, "cdktf.out", "stacks", stack);
  const file = path.join(dir, "cdk.tf.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  delete json.terraform.backend;
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return dir;
}

/**
 * CDK Terrain is a dev dependency; a worktree whose node_modules predates it skips its roots with a loud
 * message (CI installs it, and there a missing cdktn fails the run).
 */
const CDKTN = (() => {
  try {
    require.resolve("cdktn/package.json");
    require.resolve("@cdktn/provider-aws/package.json");
    return true;
  } catch {
    if (process.env.CI) throw new Error("cdktn and @cdktn/provider-aws are not installed: CI must run the CDK Terrain parity tests (npm ci)");
    console.warn("\n*** SKIPPING the CDK Terrain roots of the parity tests: cdktn is not installed (npm install). These run in CI. ***\n");
    return false;
  }
})();

/** Generates `spec` into a fresh DIR with every target and synthesizes each CDK app: the roots to plan. */
function generateAll(specPath: string, text: string): Record<string, string> {
  const out = path.join(tempDir("ldgen-parity-"), "out");
  const roots: Record<string, string> = {};
  for (const target of (CDKTN ? ["all", "cdktn"] : ["all"]) as Target[]) {
    // As --synth does: the emitter's JavaScript runs, not a transpile of the TypeScript.
    const result = generate(text, specPath, target, { outDir: out, exists: fs.existsSync, javascript: true });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`${specPath} has errors: ${JSON.stringify(errors)}`);
    write(out, result.files);
    if (target === "all") roots.hcl = path.join(out, "hcl");
    const flavor = target === "all" ? "cdktf" : "cdktn";
    synth(path.join(out, flavor), { flavor, compiled: compiledApp(result, flavor) });
    roots[flavor] = stackRoot(path.join(out, flavor), result.plan!.name);
  }
  return roots;
}

const resourcesOf = (json: PlanJson) => new Map((json.planned_values.root_module.resources ?? []).map((r) => [r.address, r.values]));

/** filebase64sha256 of the zip the CDKTF specs copy. */
const ZIP_HASH = crypto.createHash("sha256").update(fs.readFileSync(path.join(__dirname, "..", "examples", "image-pipeline", "build", "process-image.zip"))).digest("base64");

/** A test stack beside the generated app: its construct twice, with different names. */
const TWICE = `import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ImagePipeline } from "./wiring";

const app = new App();
const stack = new TerraformStack(app, "twice");
new AwsProvider(stack, "aws", { region: "us-east-2" });
new ImagePipeline(stack, "a", { name: "team-a" });
new ImagePipeline(stack, "b", { name: "team-b", tags: { env: "b" } });
app.synth();
`;

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

/** `filename` as an absolute path, resolved against the folder terraform planned in. */
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

type Planned = { json: PlanJson; cwd: string };

/** The HCL's plan and each CDK app's (CDKTF, CDK Terrain) have the same addresses, values and outputs. */
function expectSamePlans(roots: Record<string, Planned>): void {
  expect(Object.keys(roots).sort()).toEqual(CDKTN ? ["cdktf", "cdktn", "hcl"] : ["cdktf", "hcl"]);
  expectSamePlan(roots.hcl, roots.cdktf);
  if (CDKTN) expectSamePlan(roots.hcl, roots.cdktn);
}

function expectSamePlan(hcl: Planned, cdktf: Planned): void {
  for (const view of [planned, after]) {
    const a = view(hcl.json, hcl.cwd);
    const b = view(cdktf.json, cdktf.cwd);
    expect(sorted(b)).toEqual(sorted(a));
    for (const [address, values] of a) expect({ address, values: b.get(address) }).toEqual({ address, values });
  }
  expect(Object.keys(cdktf.json.planned_values.outputs ?? {}).sort()).toEqual(Object.keys(hcl.json.planned_values.outputs ?? {}).sort());
}

/** Every case: its roots, planned once in beforeAll. */
const CASES: Record<string, () => Record<string, string>> = {
  ...Object.fromEntries(examples().map((e) => [`example ${e.name}`, () => generateAll(e.specPath, e.text)])),
  "kitchen sink": () => {
    const specPath = kitchenSinkSpec(tempDir("ldgen-kitchen-sink-"));
    return generateAll(specPath, fs.readFileSync(specPath, "utf8"));
  },
  escapes: () => {
    const specPath = escapesSpec(tempDir("ldgen-escapes-"));
    return generateAll(specPath, fs.readFileSync(specPath, "utf8"));
  },
  "local zip": () => {
    localZipDir = tempDir("ldgen-local-zip-");
    const specPath = localZipSpec(localZipDir);
    return { ...generateAll(specPath, fs.readFileSync(specPath, "utf8")), spec: specPath };
  },
  json: () => {
    const specPath = path.join(tempDir("ldgen-json-"), "spec.yaml");
    fs.writeFileSync(specPath, JSON_SPEC);
    return generateAll(specPath, JSON_SPEC);
  },
  "hostile keys": () => {
    const specPath = path.join(tempDir("ldgen-hostile-keys-"), "spec.yaml");
    fs.writeFileSync(specPath, HOSTILE_KEYS_SPEC);
    return generateAll(specPath, HOSTILE_KEYS_SPEC);
  },
  twice: () => {
    const example = examples().find((e) => e.name === "image-pipeline")!;
    const out = path.join(tempDir("ldgen-twice-"), "out");
    const result = generate(example.text, example.specPath, "cdktf", { outDir: out, exists: fs.existsSync, javascript: true });
    write(out, result.files);
    fs.writeFileSync(path.join(out, "cdktf", "twice.ts"), TWICE);
    // The emitter's JavaScript for wiring.ts; twice.ts, which it did not write, is transpiled.
    synth(path.join(out, "cdktf"), { entry: "twice.ts", compiled: compiledApp(result, "cdktf") });
    return { cdktf: stackRoot(path.join(out, "cdktf"), "twice") };
  },
};

let localZipDir = "";
const roots: Record<string, Record<string, string>> = {};
/** Each root's plan, and the folder its relative paths are relative to. */
const plans: Record<string, Record<string, { json: PlanJson; root: string; cwd: string }>> = {};

if (!terraformMissing()) {
  beforeAll(() => {
    const all: Record<string, string> = {};
    for (const [name, make] of Object.entries(CASES)) {
      roots[name] = make();
      for (const [target, root] of Object.entries(roots[name])) if (target !== "spec") all[`${name}/${target}`] = root;
    }
    const planned = planRoots(all);
    for (const [key, { json, cwd }] of Object.entries(planned)) {
      const [name, target] = key.split("/");
      (plans[name] ??= {})[target] = { json, root: all[key], cwd };
    }
  });
}

describeWithTerraform("HCL, CDKTF and CDK Terrain plan the same", () => {
  it.each(examples().map((e) => [e.name] as const))("example %s", (name) => {
    const { hcl } = plans[`example ${name}`];
    expect(hcl.json.resource_changes.length).toBeGreaterThan(0);
    expectSamePlans(plans[`example ${name}`]);
  });

  it("every resource type and block ldgen writes (kitchen sink)", () => {
    const { hcl } = plans["kitchen sink"];
    expect(new Set(hcl.json.resource_changes.map((c) => c.address.replace(/^data\./, "").split(".")[0])).size).toBeGreaterThanOrEqual(19);
    expectSamePlans(plans["kitchen sink"]);
  });

  it("local zips in folders and files named with quotes, backslashes, ${ and %{: the same file and hash, no machine path", () => {
    const { hcl, cdktf, cdktn } = plans["local zip"];
    const specPath = roots["local zip"].spec;
    for (const { root } of [cdktf, cdktn].filter(Boolean)) {
      const stack = fs.readFileSync(path.join(root, "cdk.tf.json"), "utf8");
      expect(stack).not.toContain(localZipDir);
      expect(stack).not.toContain(os.tmpdir());
    }
    expectSamePlans(plans["local zip"]);
    for (const { json, cwd } of [hcl, cdktf, cdktn].filter(Boolean)) {
      const fn = resourcesOf(json).get("aws_lambda_function.hostile")!;
      expect(path.isAbsolute(fn.filename as string)).toBe(false);
      expect(path.resolve(cwd, fn.filename as string)).toBe(path.join(path.dirname(specPath), "build", HOSTILE_ZIP));
      expect(fn.source_code_hash).toBe(ZIP_HASH);
    }
  });

  it("writes JSON attributes (filters, event patterns, target input) as Terraform's jsonencode does", () => {
    const { hcl } = plans.json;
    expectSamePlans(plans.json);
    const target = resourcesOf(hcl.json).get("aws_cloudwatch_event_target.fn_schedule")!;
    expect(target.input).toBe('{"a":0.00000015,"b":1000000000000000000000,"n":[1,2.5,-3],"s":"\\u003c\\u0026\\u003e","\ue000":1,"😀":2}');
  });

  it("the construct twice in one stack, with different names: every resource twice, at prefixed addresses, with its instance's names and tags", () => {
    const { json } = plans.twice.cdktf;
    const image = plans["example image-pipeline"].hcl.json;
    const planned = resourcesOf(json);
    const addresses = [...resourcesOf(image).keys()];
    const prefixed = (prefix: string) => addresses.map((a) => a.replace(/([^.]+)$/, `${prefix}$1`));
    expect([...planned.keys()].sort()).toEqual([...prefixed("team_a_"), ...prefixed("team_b_")].sort());
    expect(planned.get("aws_lambda_function.team_a_process_image")).toMatchObject({ function_name: "team-a-process-image", tags: { team: "media" } });
    expect(planned.get("aws_lambda_function.team_b_process_image")).toMatchObject({ function_name: "team-b-process-image", tags: { team: "media", env: "b" } });
    expect(planned.get("aws_cloudwatch_log_group.team_b_process_image")).toMatchObject({ name: "/aws/lambda/team-b-process-image" });
    expect(planned.get("aws_sqs_queue.team_a_image_metadata")).toMatchObject({ name: "team-a-image-metadata" });
    const outputs = Object.keys(image.planned_values.outputs ?? {});
    expect(Object.keys(json.planned_values.outputs ?? {}).sort()).toEqual(outputs.flatMap((o) => [`team_a_${o}`, `team_b_${o}`]).sort());
    const mapping = json.configuration.root_module.resources?.find((r) => r.address === "aws_lambda_event_source_mapping.team_b_store_metadata_image_metadata");
    expect(JSON.stringify(mapping?.expressions.event_source_arn)).toContain("aws_sqs_queue.team_b_image_metadata");
  });

  it("keeps every key of every map from the spec, __proto__ and constructor too, and reads strings as NFC, in all three", () => {
    expectSamePlans(plans["hostile keys"]);
    const entries = (o: unknown) => Object.entries(o as object).sort(([a], [b]) => (a < b ? -1 : 1));
    const keys = (json: unknown) => Object.keys(JSON.parse(json as string)).sort();
    const cafe = "caf\u00e9";
    const targets = Object.entries(plans["hostile keys"]);
    expect(targets.length).toBe(CDKTN ? 3 : 2);
    for (const [target, { json }] of targets) {
      const all = [...resourcesOf(json).entries()];
      const one = (type: string, label: string) => ({ target, values: resourcesOf(json).get(`${type}.${label}`)! });
      const fn = one("aws_lambda_function", "fn");
      const tags = { __proto__: PROTO_VALUE, constructor: "spec-ctor", [cafe]: "spec-cafe", toString: "fn-tostring", hasOwnProperty: "fn-hop" };
      // (An object literal's `__proto__:` sets the prototype: the wanted entries are listed, not written as a literal.)
      const want = entries(Object.fromEntries([["__proto__", PROTO_VALUE], ...Object.entries(tags).filter(([k]) => k !== "__proto__")]));
      expect({ target, tags: entries(fn.values.tags), all: entries(fn.values.tags_all) }).toEqual({ target, tags: want, all: want });
      expect({ target, env: entries((fn.values.environment as { variables: object }[])[0].variables) }).toEqual({ target, env: entries({ constructor: "env-ctor", hasOwnProperty: "env-hop", toString: "env-tostring" }) });
      expect(fn.values.description).toBe("d\u00e9j\u00e0 vu");
      const queue = one("aws_sqs_queue", "jobs");
      expect({ target, tags: entries(queue.values.tags) }).toEqual({ target, tags: entries(Object.fromEntries([["__proto__", "queue-proto"], ["constructor", "spec-ctor"], [cafe, "spec-cafe"]])) });
      const rule = all.find(([a]) => a.startsWith("aws_cloudwatch_event_rule.fn"))![1]!;
      expect({ target, pattern: keys(JSON.stringify(JSON.parse(rule.event_pattern as string).detail)) }).toEqual({ target, pattern: ["__proto__", "constructor", "\u00e9"].sort() });
      const input = all.find(([a]) => a.startsWith("aws_cloudwatch_event_target.fn"))![1]!;
      expect({ target, input: keys(input.input) }).toEqual({ target, input: ["__proto__", cafe, "toString"].sort() });
      const mapping = all.find(([a]) => a.startsWith("aws_lambda_event_source_mapping.fn"))![1]!;
      const pattern = (mapping.filter_criteria as { filter: { pattern: string }[] }[])[0].filter[0].pattern;
      expect({ target, filter: keys(JSON.stringify(JSON.parse(pattern).body)) }).toEqual({ target, filter: ["__proto__", "constructor"] });
    }
  });

  it("carries ${, %{, quotes, backslashes, newlines and non-ASCII through both, unchanged", () => {
    const { hcl, cdktf, cdktn } = plans.escapes;
    expectSamePlans(plans.escapes);
    for (const { json } of [hcl, cdktf, cdktn].filter(Boolean)) {
      const fn = planned(json, "/").get("aws_lambda_function.fn")!;
      expect(fn.description).toBe(ESCAPES.description);
      expect(fn.environment).toEqual([{ variables: ESCAPES.environment }]);
      expect(fn.tags).toEqual({ team: ESCAPES.team, "odd key ${x}": ESCAPES.unicode, ...ESCAPES.functionTags });
      expect(fn.tags_all).toEqual({ team: ESCAPES.team, "odd key ${x}": ESCAPES.unicode, ...ESCAPES.functionTags });
    }
  });
});
