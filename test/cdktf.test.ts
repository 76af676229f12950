import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { emitCdktf } from "../generator/emit/cdktf";
import { tsKey, tsString } from "../generator/emit/cdktf-values";
import { block, body, json, list, num, ref, str, stringMap, strings, type Plan, type Resource, type Value } from "../generator/plan/view";

const resource = (type: string, label: string, items: Resource["body"], extra: Partial<Resource> = {}): Resource => ({
  mode: "resource",
  type,
  label,
  body: items,
  dependsOn: [],
  origin: [],
  ...extra,
});

function planOf(resources: Resource[], extra: Partial<Plan> = {}): Plan {
  return {
    name: "demo-app",
    terraform: { requiredVersion: ">= 1.5.0", awsProvider: ">= 5.100.0, < 7.0.0" },
    files: [{ name: "functions", resources }],
    outputs: [],
    moves: [],
    ...extra,
  };
}


/** What a TypeScript string literal evaluates to, then what Terraform reads in it (`$${` -> `${`, `%%{` -> `%{`). */
const evaluate = (literal: string): string => new Function(`return ${literal};`)() as string;
const terraformReads = (text: string) => text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");

describe("emitCdktf: constructs", () => {
  const queue = resource("aws_sqs_queue", "jobs", body({ name: str("demo-app-jobs"), visibility_timeout_seconds: num(180) }));
  const doc: Resource = {
    ...resource("aws_iam_policy_document", "fn", [
      block("statement", body({ sid: str("A"), actions: strings(["sqs:SendMessage"]), resources: list([ref("aws_sqs_queue.jobs", "arn")]) }), true),
      block("statement", body({ sid: str("B"), resources: list([ref("aws_cloudwatch_log_group.fn", "arn", undefined, ":*")]) }), true),
    ]),
    mode: "data",
  };
  const logs = resource("aws_cloudwatch_log_group", "fn", body({ name: str("/aws/lambda/demo-app-fn") }));
  const fn = resource(
    "aws_lambda_function",
    "fn",
    [
      ...body({
        function_name: str("demo-app-fn"),
        filename: { t: "file", fromHcl: "../build/fn.zip", fromCdktf: "../build/fn.zip", hash: false },
        source_code_hash: { t: "file", fromHcl: "../build/fn.zip", fromCdktf: "../build/fn.zip", hash: true },
        tags: stringMap({ team: "core", "cost-center": "42" }),
      }),
      block("environment", body({ variables: stringMap({ LOG_LEVEL: "debug", "weird-key.name": "v" }) })),
    ],
    { dependsOn: ["aws_cloudwatch_log_group.fn"] },
  );
  const mapping = resource(
    "aws_lambda_event_source_mapping",
    "fn_jobs",
    body(
      { event_source_arn: ref("aws_sqs_queue.jobs", "arn"), function_name: ref("aws_lambda_function.fn", "function_name") },
      block("filter_criteria", [block("filter", body({ pattern: json({ body: { kind: ["${x}"] } }) }), true)]),
      block("destination_config", [block("on_failure", body({ destination_arn: ref("aws_sqs_queue.jobs", "arn") }))]),
    ),
  );
  // References before their targets on purpose: Terraform resolves them, so no order is needed.
  const plan = planOf([mapping, fn, doc, logs, queue], {
    region: "eu-west-1",
    tags: { team: "core" },
    outputs: [{ name: "fn_arn", description: "ARN of fn.", value: ref("aws_lambda_function.fn", "arn") }],
  });
  const files = emitCdktf(plan, { specFile: "spec.yaml" });
  const text = files["wiring.ts"];

  it.each([
    ["one table per resource type, rows keyed by label", 'table(SqsQueue, "aws_sqs_queue", {\n      jobs: {\n        name: name("jobs"),\n        visibilityTimeoutSeconds: 180,\n        tags: tags(),\n      },\n    }),'],
    ["a data source: its DataAws class and data. address", 'table(DataAwsIamPolicyDocument, "data.aws_iam_policy_document", {\n      fn: {'],
    ["deep imports of the bindings", 'import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";'],
    ["deep import of a data source", 'import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";'],
    ["repeated blocks: one array", "statement: [\n          {\n"],
    ["a reference: the address and attribute, as Terraform reads it", 'functionName: ref("aws_lambda_function.fn", "function_name"),'],
    ["a reference inside a string: a template literal", 'resources: [`${ref("aws_cloudwatch_log_group.fn", "arn")}:*`],'],
    ["single blocks: objects", 'destinationConfig: {\n          onFailure: {\n            destinationArn: ref("aws_sqs_queue.jobs", "arn"),\n          },\n        },'],
    ["nested repeated blocks", "filterCriteria: {\n          filter: [\n            {\n              pattern: "],
    ["a JSON document: its canonical text, escaped for Terraform", 'pattern: "{\\"body\\":{\\"kind\\":[\\"$${x}\\"]}}",'],
    ["local files: relative to the synthesized stack, three folders below the app", 'filename: "${path.module}/../../../../build/fn.zip",'],
    ["file hashes: computed by Terraform from the same relative path", 'sourceCodeHash: "${filebase64sha256(\\"${path.module}/../../../../build/fn.zip\\")}",'],
    ["AWS names from the name prop", 'functionName: name("fn"),'],
    ["a log group's name from the name prop", 'name: `/aws/lambda/${name("fn")}`,'],
    ["own tags over the spec's and the prop's", 'tags: tags({\n          "cost-center": "42",\n        }),'],
    ["environment keys stay verbatim", '"weird-key.name": "v",'],
    ["depends_on: addresses of the construct", 'dependsOn: ["aws_cloudwatch_log_group.fn"],'],
    ["outputs: a table", 'function outputs({ ref }: Helpers): Record<string, { description: string; value: string }> {\n  return {\n    fn_arn: { description: "ARN of fn.", value: ref("aws_lambda_function.fn", "arn") },\n  };\n}'],
    ["one exported construct class with its props", "export class DemoApp extends Construct {"],
    ["props: name and tags", "export interface DemoAppProps {"],
    ["the spec's tags as data", 'const SPEC_TAGS: Record<string, string> = {\n  team: "core",\n};'],
    ["labels prefixed for an instance with another name", 'this.prefix = props.name === "demo-app" ? "" : `${props.name.replace(/[^A-Za-z0-9_]/g, "_")}_`;'],
  ])("wiring.ts: %s", (_name, want) => {
    expect(text).toContain(want);
  });

  it.each([
    ["the provider: region", 'region: "eu-west-1",'],
    ["the HCL's required_version", 'this.addOverride("terraform.required_version", ">= 1.5.0");'],
    ["the HCL's provider constraint", 'this.addOverride("terraform.required_providers.aws", { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" });'],
    ["one exported stack class", "export class DemoAppStack extends TerraformStack {"],
    ["the construct, named after the spec", 'new DemoApp(this, "demo-app", { name: "demo-app" });'],
    ["the construct from its module", 'import { DemoApp } from "./wiring";'],
    ["the app that synthesizes it, as the spec's name", 'const app = new App();\nnew DemoAppStack(app, "demo-app");\napp.synth();'],
    ["the cdktf imports it uses", 'import { App, LocalBackend, TerraformStack } from "cdktf";'],
    ["deep import of the provider", 'import { AwsProvider } from "@cdktf/provider-aws/lib/provider";'],
  ])("main.ts: %s", (_name, want) => {
    expect(files["main.ts"]).toContain(want);
  });

  it("writes a table in the order the HCL files first declare its type, each row once", () => {
    const order = [...text.matchAll(/ table\((\w+), "([\w.]+)"/g)].map((m) => m[2]);
    expect(order).toEqual(["aws_lambda_event_source_mapping", "aws_lambda_function", "data.aws_iam_policy_document", "aws_cloudwatch_log_group", "aws_sqs_queue"]);
  });

  it("gives every taggable resource tags(), even when the spec and the resource have none", () => {
    const bare = emitCdktf(planOf([resource("aws_sqs_queue", "q", body({ name: str("demo-app-q") })), resource("aws_lambda_permission", "p", body({ action: str("x") }))]), { specFile: "spec.yaml" })["wiring.ts"];
    expect(bare).toContain('q: {\n        name: name("q"),\n        tags: tags(),\n      },');
    expect(bare).toContain('p: {\n        action: "x",\n      },');
    expect(bare).toContain("const SPEC_TAGS: Record<string, string> = {};");
  });

  it("never imports node:path (no machine path), and leaves out outputs and region when there are none", () => {
    const small = emitCdktf(planOf([queue]), { specFile: "spec.yaml" });
    expect(small["wiring.ts"]).not.toContain("node:path");
    expect(text).not.toContain("node:path");
    expect(small["wiring.ts"]).toContain("  return {\n  };\n}");
    expect(small["main.ts"]).not.toContain("region:");
  });

  it("keeps labels that camelCase alike apart: rows are keyed by label", () => {
    const text = emitCdktf(planOf([resource("aws_sqs_queue", "a_b", body({ name: str("x") })), resource("aws_sqs_queue", "aB", body({ name: str("y") }))]), { specFile: "spec.yaml" })["wiring.ts"];
    expect(text).toContain("a_b: {");
    expect(text).toContain("aB: {");
  });

  it("is the same text every time", () => {
    expect(emitCdktf(plan, { specFile: "spec.yaml" })).toEqual(files);
  });

  it("pins the versions ldgen runs with", () => {
    const own = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
    const version = (name: string) => own.devDependencies?.[name] ?? own.dependencies?.[name];
    const pkg = JSON.parse(files["package.json"]);
    for (const name of ["cdktf", "constructs", "@cdktf/provider-aws"]) expect(pkg.dependencies[name]).toBe(version(name));
    expect(version("cdktf")).toBe("0.21.0");
    expect(version("@cdktf/provider-aws")).toBe("20.1.0");
    // Everything its scripts run is listed: `npm install && npm run synth` works as written.
    expect(pkg.scripts.synth).toBe("tsx main.ts");
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(["tsx", "typescript"]));
  });

  it("writes the app's cdktf.json, package.json and tsconfig.json as JSON", () => {
    const files = emitCdktf(plan, { specFile: "spec.yaml" });
    expect(Object.keys(files).sort()).toEqual(["cdktf.json", "main.ts", "package.json", "tsconfig.json", "wiring.ts"]);
    for (const name of ["cdktf.json", "package.json", "tsconfig.json"]) expect(() => JSON.parse(files[name])).not.toThrow();
    expect(JSON.parse(files["cdktf.json"]).language).toBe("typescript");
  });

  it("lets a templates folder shadow one file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-templates-"));
    fs.mkdirSync(path.join(dir, "cdktf"));
    fs.writeFileSync(path.join(dir, "cdktf", "cdktf.json.hbs"), '{ "app": "npx tsx main.ts", "language": "typescript" }\n');
    try {
      const files = emitCdktf(plan, { specFile: "spec.yaml", templates: dir });
      expect(files["cdktf.json"]).toBe('{ "app": "npx tsx main.ts", "language": "typescript" }\n');
      expect(files["wiring.ts"]).toBe(text);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("tsString: safe for TypeScript and for Terraform", () => {
  it.each<[string, { given: string; want: string }]>([
    ["plain", { given: "hello", want: '"hello"' }],
    ["interpolation", { given: "${var.x}", want: '"$${var.x}"' }],
    ["directive", { given: "%{ if x }", want: '"%%{ if x }"' }],
    ["an already doubled $${", { given: "$${x}", want: '"$$${x}"' }],
    ["lone $ and %", { given: "$ % $x %y", want: '"$ % $x %y"' }],
    ["double quotes", { given: 'say "hi"', want: '"say \\"hi\\""' }],
    ["single quotes and backticks stay", { given: "it's `x`", want: '"it\'s `x`"' }],
    ["backslashes", { given: "a\\b\\n", want: '"a\\\\b\\\\n"' }],
    ["newlines, returns and tabs", { given: "a\nb\r\tc", want: '"a\\nb\\r\\tc"' }],
    ["other control characters", { given: "a\u0000b\u001b", want: '"a\\u0000b\\u001b"' }],
    ["line and paragraph separators", { given: "a\u2028b\u2029", want: '"a\\u2028b\\u2029"' }],
    ["non-ASCII stays readable", { given: "ünïcødé 日本語 😀", want: '"ünïcødé 日本語 😀"' }],
  ])("%s", (_name, { given, want }) => {
    expect(tsString(given)).toBe(want);
    expect(terraformReads(evaluate(want))).toBe(given);
  });

  it("round-trips any string: TypeScript evaluates it, Terraform reads back the original", () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    const tricky = fc.array(fc.constantFrom("$", "%", "{", "}", "$${", "%%{", "\\", '"', "`", "\n", "é", "😀", "\u2028"), { maxLength: 12 }).map((a) => a.join(""));
    fc.assert(fc.property(fc.oneof(text, tricky), (s) => terraformReads(evaluate(tsString(s))) === s));
  });

  it.each([
    ["an identifier stays bare", "LOG_LEVEL", "LOG_LEVEL"],
    ["anything else is quoted", "cost-center", '"cost-center"'],
    ["a template sequence is escaped", "${k}", '"$${k}"'],
    ["__proto__ is a computed key (a plain one would set the prototype)", "__proto__", '["__proto__"]'],
  ])("tsKey: %s", (_name, given, want) => {
    expect(tsKey(given)).toBe(want);
  });

  it("keeps a user key named __proto__ as a key", () => {
    const value: Value = { t: "map", entries: [["__proto__", str("x")]] };
    const text = emitCdktf(planOf([resource("aws_sqs_queue", "q", body({ name: str("q"), tags: value }))]), { specFile: "spec.yaml" })["wiring.ts"];
    const literal = /tags: tags\((\{[^}]*\})\)/.exec(text)![1];
    expect(Object.keys(new Function(`return ${literal};`)())).toEqual(["__proto__"]);
  });
});

describe("a map with a __proto__ key reaches the binding whole", () => {
  // The provider bindings copy a map key by key (`copy[key] = value`), which drops `__proto__`: such a map goes
  // through the construct's map(), under a key Terraform reads as `__proto__` (the parity suite plans it).
  const text = emitCdktf(planOf([resource("aws_sqs_queue", "q", body({ name: str("q"), policy: { t: "map", entries: [["__proto__", str("x")], ["a", str("y")]] }, other: { t: "map", entries: [["a", str("y")]] } }))]), { specFile: "spec.yaml" })["wiring.ts"];

  it("as map(...), and only that map", () => {
    expect(text).toMatch(/policy: map\(\{\s*\["__proto__"\]: "x",\s*a: "y",\s*\}\)/);
    expect(text).toMatch(/other: \{\s*a: "y",\s*\}/);
  });

  it("map() renames the key to the template ${\"__proto__\"}, which cdktf's own copy keeps, and gives any other map as it is", () => {
    const source = /function map<T>[\s\S]*?\n}\n/.exec(text)![0].replace("<T>", "").replace(/: Record<string, T>/g, "");
    const map = new Function(`${source}; return map;`)();
    const hostile = Object.defineProperty({ a: "y" }, "__proto__", { value: 'x "q" \\ $${x}', enumerable: true });
    const renamed = map(hostile);
    // The values as they are: a zipmap of them (a Terraform expression) left quotes and backslashes unescaped.
    expect(Object.entries(renamed)).toEqual([["a", "y"], ['${"__proto__"}', 'x "q" \\ $${x}']]);
    const { hashMapper, stringToTerraform } = require("cdktf") as { hashMapper: (m: unknown) => (x: object) => object; stringToTerraform: unknown };
    expect(Object.keys(hashMapper(stringToTerraform)(renamed))).toEqual(["a", '${"__proto__"}']);
    expect(Object.keys(hashMapper(stringToTerraform)(hostile))).toEqual(["a"]);
    const plain = { a: "y" };
    expect(map(plain)).toBe(plain);
  });
});

describe("cdktf stays out of the validate and HCL paths", () => {
  it("no module under generator/ imports cdktf, constructs or the provider at load", () => {
    const files = fs.readdirSync(path.join(__dirname, "..", "generator"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const offenders = files.filter((f) => /(from\s+|require\()["'](cdktf|constructs|@cdktf\/)/.test(fs.readFileSync(path.join(__dirname, "..", "generator", f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
