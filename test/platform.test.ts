import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { check, formatDiagnostic, generate, type Diagnostic, type PlatformSource } from "../generator";
import { contextSchema, templateContext } from "../generator/emit/context";
import { requireField } from "../generator/platform/schema";
import { readTree, ROOT } from "./support/examples";
import { describeWithTerraform, fmtCheck, plan, resources } from "./support/terraform";

/** The built CLI, as a user runs it. */
function ldgen(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "ldgen.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-platform-"));
const exists = (p: string) => fs.existsSync(p);
const show = (ds: Diagnostic[]) => ds.map(formatDiagnostic).join("\n");
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === "error");

const SPEC = `version: 1
name: orders-api
tags: { team: orders }
destinations:
  jobs: { type: sqs }
functions:
  worker:
    code: s3://bucket/worker.zip
    triggers: [ { schedule: "rate(5 minutes)" } ]
    async: { onFailure: jobs }
`;
const PLATFORM = `version: 1
defaults:
  runtime: nodejs22.x
  handler: index.handler
  memory: 512
tags: { managed-by: ldgen, team: platform }
terraform:
  requiredVersion: ">= 1.7.0"
  backend:
    type: s3
    config: { bucket: state, key: lambda.tfstate, region: us-east-2, use_lockfile: true }
`;
const platformOf = (text: string, file = "ldgen.platform.yaml"): PlatformSource => ({ file, text });

describe("the platform file", () => {
  const result = generate(SPEC, "spec.yaml", "hcl", { platform: platformOf(PLATFORM) });
  const fn = result.model?.functions[0];

  it("gives its defaults beneath the spec's, and the spec still compiles without them", () => {
    expect(show(result.diagnostics)).toBe("");
    expect(fn).toMatchObject({ runtime: "nodejs22.x", handler: "index.handler", memory: 512 });
    const own = generate(SPEC.replace("    code:", "    memory: 1024\n    code:"), "spec.yaml", "hcl", { platform: platformOf(PLATFORM) });
    expect(own.model?.functions[0].memory).toBe(1024);
    expect(errors(check(SPEC, "spec.yaml").diagnostics).map((d) => d.code)).toEqual(["LD103", "LD103"]); // runtime, handler
  });

  it("adds its tags to the spec's, the spec's winning", () => {
    expect(result.model?.tags).toEqual({ "managed-by": "ldgen", team: "orders" });
    expect(result.files["hcl/functions.tf"]).toMatch(/tags = \{\n\s+managed-by = "ldgen"\n\s+team\s+= "orders"\n\s+\}/);
  });

  it.each([
    ["set by the spec", "{ team: orders, toString: t, constructor: c, __proto__: p }", "", []],
    ["set by the platform", "{ team: orders }", ", toString: t, constructor: c, __proto__: p", []],
    ["missing", "{ team: orders }", "", ["__proto__", "constructor", "toString"]],
  ])("a required tag named like an Object property (toString, constructor, __proto__) is present only when %s (issue 21)", (_name, specTags, platformTags, missing) => {
    const platform = platformOf(`${PLATFORM.replace("team: platform }", `team: platform${platformTags} }`)}require:\n  tags: [toString, constructor, __proto__]\n`);
    const spec = SPEC.replace("tags: { team: orders }", `tags: ${specTags}`);
    const ld801 = errors(check(spec, "spec.yaml", { platform }).diagnostics).filter((d) => d.code === "LD801");
    expect(ld801.map((d) => /the tag "([^"]+)"/.exec(d.message)![1]).sort()).toEqual(missing);
  });

  it("sets versions.tf and the backend; the spec's own terraform settings win", () => {
    const versions = result.files["hcl/versions.tf"];
    expect(versions).toContain('required_version = ">= 1.7.0"');
    expect(versions).toMatch(/backend "s3" \{\n\s+bucket\s+= "state"\n\s+key\s+= "lambda.tfstate"\n\s+region\s+= "us-east-2"\n\s+use_lockfile = true\n\s+\}/);
    const spec = SPEC + `terraform:\n  requiredVersion: ">= 1.9.0"\n  backend: { type: local, config: { path: "state/x.tfstate" } }\n`;
    const mine = generate(spec, "spec.yaml", "hcl", { platform: platformOf(PLATFORM) }).files["hcl/versions.tf"];
    expect(mine).toContain('required_version = ">= 1.9.0"');
    expect(mine).toMatch(/backend "local" \{\n\s+path = "state\/x.tfstate"\n\s+\}/);
    expect(mine).not.toContain("s3");
  });

  it.each([
    ["an unknown key, with a suggestion", "version: 1\nrequire:\n  runtime: [nodejs22.x]\n", "ldgen.platform.yaml:3:3: error LD101: require.runtime: unknown key \"runtime\" (did you mean \"runtimes\"?)"],
    ["an unknown top-level key", "version: 1\ndefault: { memory: 256 }\n", "ldgen.platform.yaml:2:1: error LD101: default: unknown key \"default\" (did you mean \"defaults\"?)"],
    ["a wrong version", "version: 2\n", "ldgen.platform.yaml:1:10: error LD006: version: must be 1 (got 2)"],
    ["a bad regular expression", "version: 1\nrequire:\n  namePattern: \"[a-z\"\n", expect.stringMatching(/^ldgen.platform.yaml:3:16: error LD820: require.namePattern: not a valid regular expression: .*Unterminated character class/)],
    ["a wrong type in its defaults", "version: 1\ndefaults:\n  memory: lots\n", "ldgen.platform.yaml:3:11: error LD102: defaults.memory: expected an integer (got \"lots\")"],
    ["a missing templates folder", "version: 1\ntemplates: nope\n", expect.stringMatching(/^ldgen.platform.yaml:2:12: error LD821: templates: the templates folder "nope" does not exist/)],
    ["YAML that does not parse", "version: 1\nrequire: [\n", expect.stringMatching(/^ldgen.platform.yaml:\d+:\d+: error LD001: /)],
  ])("reports %s in the platform file, at its line and column", (_name, text, want) => {
    const ds = check(SPEC, "spec.yaml", { exists, platform: platformOf(text, "ldgen.platform.yaml") }).diagnostics;
    expect(ds.filter((d) => d.file === "ldgen.platform.yaml").map(formatDiagnostic)).toEqual([want]);
    expect(generate(SPEC, "spec.yaml", "all", { exists, platform: platformOf(text) }).files).toEqual({});
  });
});

describe("ldgen schema --platform", () => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(ldgen(["schema", "--platform"]).stdout));
  it("accepts the example platform file and refuses an unknown key", () => {
    const example = parse(fs.readFileSync(path.join(ROOT, "examples/platform/ldgen.platform.yaml"), "utf8"));
    expect(validate(example) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...example, requires: {} })).toBe(false);
  });
});

describe("requirements", () => {
  const FIXTURES = path.join(ROOT, "test/fixtures/rules");
  const codes = fs.readdirSync(FIXTURES).filter((f) => /^LD8[01]\d\.yaml$/.test(f));

  it("has one fixture per requirement", () => {
    expect(codes).toHaveLength(Object.keys(requireField.fields).length);
  });

  it.each(codes)("%s names the platform file and the line of the requirement", (file) => {
    const text = fs.readFileSync(path.join(FIXTURES, file), "utf8");
    const platformFile = path.join(FIXTURES, /^# platform: (\S+)/m.exec(text)![1]);
    const platformText = fs.readFileSync(platformFile, "utf8");
    const ds = check(text, path.join(FIXTURES, file), { exists, platform: { file: platformFile, text: platformText } }).diagnostics;
    expect(ds).toHaveLength(1);
    const m = /\(required by (.+):(\d+): require\.(\w+)\)$/.exec(ds[0].message);
    expect(m).not.toBeNull();
    const [, where, line, key] = m!;
    expect(where).toBe(platformFile);
    expect(platformText.split("\n")[Number(line) - 1]).toMatch(new RegExp(`^\\s+${key}:`));
  });

  const STRICT = `version: 1
require:
  tags: [team, cost-center]
  runtimes: [nodejs22.x]
  architectures: [arm64]
  maxTimeout: 1m
  maxMemory: 1024
  onFailure: true
  encryption: kms
  namePattern: "orders-[a-z]+"
`;
  const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const COMPLIANT = `version: 1
name: orders-api
tags: { team: orders, cost-center: "42" }
defaults: { runtime: nodejs22.x, handler: index.handler, architecture: arm64, timeout: 1m, memory: 1024 }
destinations:
  done: { type: sqs, kmsKey: "${KEY}" }
  failed: { type: sns, kmsKey: "${KEY}" }
functions:
  worker:
    code: s3://bucket/worker.zip
    triggers: [ { schedule: "rate(5 minutes)" } ]
    async: { onSuccess: done, onFailure: failed }
  reader:
    code: s3://bucket/reader.zip
    events: [ { source: done } ]
`;

  it("lets a compliant spec through, in both forms", () => {
    for (const form of ["root", "module"] as const) {
      const r = generate(COMPLIANT, "spec.yaml", "hcl", { platform: platformOf(STRICT), form });
      expect(show(r.diagnostics)).toBe("");
      expect(Object.keys(r.files)).toContain("hcl/functions.tf");
    }
  });

  it.each([
    ["one over maxTimeout", (s: string) => s.replace("timeout: 1m", "timeout: 61"), ["LD804", "LD804"]],
    ["one past maxMemory", (s: string) => s.replace("memory: 1024", "memory: 1025"), ["LD805", "LD805"]],
    ["a name one letter off the pattern", (s: string) => s.replace("orders-api", "orders-api2"), ["LD810"]],
    ["a function that overrides an allowed default", (s: string) => s.replace("    events:", "    runtime: python3.12\n    events:"), ["LD802"]],
    ["an unencrypted inline failure queue", (s: string) => s.replace("onFailure: failed", "onFailure: { type: sqs }"), ["LD809"]],
  ])("reports %s", (_name, change, want) => {
    const ds = errors(check(change(COMPLIANT), "spec.yaml", { platform: platformOf(STRICT) }).diagnostics);
    expect(ds.map((d) => d.code)).toEqual(want);
  });
});

describe("the module form", () => {
  const spec = fs.readFileSync(path.join(ROOT, "examples/image-pipeline/spec.yaml"), "utf8");
  const specPath = path.join(ROOT, "examples/image-pipeline/spec.yaml");
  const root = generate(spec, specPath, "hcl", { outDir: "out" }).files;
  const module = generate(spec + "terraform:\n  backend: { type: s3, config: { bucket: b, key: k } }\n", specPath, "hcl", { outDir: "out", form: "module" }).files;

  it("has no provider and no backend block", () => {
    expect(module["hcl/versions.tf"]).toContain("required_providers");
    expect(module["hcl/versions.tf"]).not.toMatch(/provider "aws"|backend/);
    expect(root["hcl/versions.tf"]).toMatch(/provider "aws"/);
  });

  it("declares name and tags, described and typed", () => {
    const variables = module["hcl/variables.tf"];
    expect(variables).toMatch(/variable "name" \{\n\s+description = "[^"]+"\n\s+type\s+= string\n\s+default\s+= "image-pipeline"/);
    expect(variables).toMatch(/variable "tags" \{\n\s+description = "[^"]+"\n\s+type\s+= map\(string\)\n\s+default\s+= \{\}/);
    expect(variables).toMatch(/tags\s+= merge\(local.spec_tags, var.tags\)/);
    expect(root["hcl/variables.tf"]).toBeUndefined();
  });

  it("derives every AWS name from var.name and tags every taggable resource with local.tags", () => {
    for (const [file, text] of Object.entries(module)) {
      if (file === "hcl/variables.tf") continue;
      expect({ file, literal: text.match(/"(\/aws\/lambda\/)?image-pipeline-[^"]*"/g) }).toEqual({ file, literal: null });
    }
    expect(module["hcl/functions.tf"]).toContain('function_name    = "${var.name}-process-image"');
    expect(module["hcl/functions.tf"]).toMatch(/name += "\/aws\/lambda\/\$\{var.name\}-process-image"/);
    expect(module["hcl/destinations.tf"]).toContain('name                       = "${var.name}-image-metadata"');
    const taggedRoot = Object.values(root).join("").match(/^\s+tags\s+=/gm)!.length;
    expect(Object.values(module).join("").match(/^\s+tags\s+= local\.tags$/gm)).toHaveLength(taggedRoot);
  });

  it("has the root form's outputs and addresses", () => {
    const outputs = (files: Record<string, string>) => [...(files["hcl/outputs.tf"] ?? "").matchAll(/^output "([^"]+)"/gm)].map((m) => m[1]);
    const addresses = (files: Record<string, string>) => Object.values(files).flatMap((t) => [...t.matchAll(/^(?:resource|data) "([^"]+)" "([^"]+)"/gm)].map((m) => `${m[1]}.${m[2]}`)).sort();
    expect(outputs(module)).toEqual(outputs(root));
    expect(addresses(module)).toEqual(addresses(root));
  });

  it("keeps an entry's own tags over the module's", () => {
    const own = generate(spec.replace("image-metadata: { type: sqs }", "image-metadata: { type: sqs, tags: { tier: hot } }"), specPath, "hcl", { form: "module" }).files;
    expect(own["hcl/destinations.tf"]).toMatch(/tags\s+= merge\(local\.tags, \{\n\s+tier = "hot"\n\s+\}\)/);
  });
});

describe("templates", () => {
  const folder = () => {
    const dir = scratch();
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    return { dir, write };
  };
  const SPEC_WITH_ODD_TAG = SPEC.replace("tags: { team: orders }", 'tags: { team: orders, note: "say \\"hi\\" ${x}" }');
  const render = (templates: string, spec = SPEC_WITH_ODD_TAG, form: "root" | "module" = "root") => generate(spec, "spec.yaml", "hcl", { templates, platform: platformOf(PLATFORM), form });

  it("changes every resource of one type, without copying the generic partials", () => {
    const t = folder();
    t.write("hcl/types/aws_sqs_queue.hbs", "\nlifecycle {\nprevent_destroy = true\n}\n# {{address}} from {{origin}} in {{@root.spec.name}}\n");
    const r = render(t.dir);
    expect(show(r.diagnostics)).toBe("");
    expect(r.files["hcl/destinations.tf"]).toMatch(/resource "aws_sqs_queue" "jobs" \{\n[^]*?\n\n  lifecycle \{\n    prevent_destroy = true\n  \}\n  # aws_sqs_queue.jobs from destinations.jobs in orders-api\n\}/);
    expect(r.files["hcl/functions.tf"]).not.toContain("lifecycle");
  });

  it("renders extra/hcl files from the documented context, escaping {{x}} for HCL and printing {{{x}}} raw", () => {
    const t = folder();
    t.write("extra/hcl/notes.tf.hbs", '{{header}}\nlocals {\nnote = "{{tags.note}}"\nraw = {{{tags.team}}}\nfunctions = [{{#each functions}}"{{awsName}}", {{/each}}]\n}\n');
    t.write("extra/hcl/static.json", '{"copied": true}\n');
    const r = render(t.dir);
    expect(show(r.diagnostics)).toBe("");
    expect(r.files["hcl/notes.tf"]).toBe(
      '# Generated by ldgen from spec.yaml. Do not edit: change the spec and run "ldgen generate".\nlocals {\n  note      = "say \\"hi\\" $${x}"\n  raw       = orders\n  functions = ["orders-api-worker", ]\n}\n',
    );
    expect(r.files["hcl/static.json"]).toBe('{"copied": true}\n');
    const m = render(t.dir, SPEC_WITH_ODD_TAG, "module");
    expect(m.files["hcl/notes.tf"]).toContain('functions = ["${var.name}-worker", ]');
  });

  it("renders extra/cdktf files from the same context, escaping {{x}} for a TypeScript string", () => {
    const t = folder();
    t.write("extra/cdktf/conventions.ts.hbs", '{{header}}\nexport const NOTE = "{{tags.note}}";\nexport const FUNCTIONS = [{{#each functions}}"{{awsName}}", {{/each}}];\n');
    const r = generate(SPEC_WITH_ODD_TAG, "spec.yaml", "cdktf", { templates: t.dir, platform: platformOf(PLATFORM) });
    expect(show(r.diagnostics)).toBe("");
    expect(r.files["cdktf/conventions.ts"]).toBe(
      '// Generated by ldgen from spec.yaml. Do not edit: change the spec and run "ldgen generate".\nexport const NOTE = "say \\"hi\\" $${x}";\nexport const FUNCTIONS = ["orders-api-worker", ];\n',
    );
    expect(r.files["cdktf/main.ts"]).toContain('this.addOverride("terraform.backend.s3", {');
  });

  it("still shadows a built-in file by its path", () => {
    const t = folder();
    t.write("hcl/outputs.tf.hbs", "{{header}}\n{{#each outputs}}\noutput \"{{name}}\" {\nvalue = {{value}}\nsensitive = false\n}\n{{/each}}\n");
    const r = render(t.dir);
    expect(r.files["hcl/outputs.tf"]).toContain('output "worker_arn" {\n  value     = aws_lambda_function.worker.arn\n  sensitive = false\n}');
  });

  it("layers --templates over the platform's templates", () => {
    const platformTemplates = folder();
    platformTemplates.write("extra/hcl/a.tf.hbs", "# platform a\n");
    platformTemplates.write("extra/hcl/b.tf.hbs", "# platform b\n");
    const mine = folder();
    mine.write("extra/hcl/b.tf.hbs", "# mine b\n");
    const platformFile = path.join(platformTemplates.dir, "ldgen.platform.yaml");
    const r = generate(SPEC, "spec.yaml", "hcl", { exists, templates: mine.dir, platform: { file: platformFile, text: PLATFORM + "templates: .\n" } });
    expect(show(r.diagnostics)).toBe("");
    expect([r.files["hcl/a.tf"], r.files["hcl/b.tf"]]).toEqual(["# platform a\n", "# mine b\n"]);
  });

  it.each([
    ["a syntax error", "hcl/outputs.tf.hbs", "{{header}}\n\n{{#each outputs}}\n", "LD822", 4, /Parse error on line 4/],
    ["an unknown variable", "extra/hcl/x.tf.hbs", "# {{header}}\n\n  name = \"{{nmae}}\"\n", "LD822", 3, /"nmae" not defined/],
    ["an unknown helper", "hcl/types/aws_sqs_queue.hbs", "{{#if (equal type \"x\")}}{{/if}}\n", "LD822", 1, /"equal" not defined/],
    ["a misspelled built-in", "hcl/output.tf.hbs", "{{header}}\n", "LD823", 1, /hcl\/output.tf.hbs matches no template.*did you mean "hcl\/outputs.tf.hbs"/],
    ["an unknown resource type", "hcl/types/aws_sqs_queues.hbs", "x\n", "LD823", 1, /did you mean "hcl\/types\/aws_sqs_queue.hbs"/],
    ["a file outside hcl/, cdktf/ and extra/", "extras/hcl/x.tf.hbs", "x\n", "LD823", 1, /matches no template/],
    ["an extra file that would replace a generated one", "extra/hcl/functions.tf.hbs", "x\n", "LD823", 1, /would replace the generated functions.tf/],
  ])("reports %s at the template's file and line, writing nothing", (_name, rel, text, code, line, message) => {
    const t = folder();
    t.write(rel, text);
    const r = render(t.dir);
    expect(r.files).toEqual({});
    expect(errors(r.diagnostics)).toEqual([expect.objectContaining({ code, file: path.join(t.dir, rel), line, message: expect.stringMatching(message) })]);
  });

  it("gives a context that satisfies the schema ldgen templates --context prints", () => {
    const schema = JSON.parse(ldgen(["templates", "--context"]).stdout);
    expect(schema).toEqual(contextSchema());
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const spec of ["examples/image-pipeline/spec.yaml", "examples/kinesis-dlq/spec.yaml", "examples/existing-function/spec.yaml"]) {
      const model = check(fs.readFileSync(path.join(ROOT, spec), "utf8"), spec).model!;
      const context = JSON.parse(JSON.stringify(templateContext(model, { header: "#", target: "hcl", form: "root" })));
      expect({ spec, errors: validate(context) ? [] : validate.errors }).toEqual({ spec, errors: [] });
    }
  });

  it("ldgen templates lists every built-in template", () => {
    const listed = ldgen(["templates"]).stdout.split("\n").filter((l) => l.endsWith(".hbs"));
    expect(listed).toEqual(expect.arrayContaining(["hcl/versions.tf.hbs", "hcl/variables.tf.hbs", "hcl/partials/resource.hbs", "cdktf/main.ts.hbs"]));
    for (const file of listed) expect(fs.existsSync(path.join(ROOT, "templates", file))).toBe(true);
  });
});

describe("ldgen with a platform file", () => {
  const project = () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, "ldgen.platform.yaml"), PLATFORM + "require:\n  maxMemory: 256\n");
    fs.mkdirSync(path.join(dir, "svc"));
    fs.writeFileSync(path.join(dir, "svc", "spec.yaml"), SPEC);
    return dir;
  };

  it("finds it in a parent folder, says which it used, and reports the spec's line with the platform's", () => {
    const dir = project();
    const r = ldgen(["validate", "svc/spec.yaml"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "platform: ldgen.platform.yaml",
      "svc/spec.yaml:7:3: error LD805: functions.worker: worker: the memory must be at most 256 MB (got 512); lower it (required by ldgen.platform.yaml:13: require.maxMemory)",
    ]);
  });

  it("--platform names another file, --no-platform none; a missing one is an I/O error", () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, "other.yaml"), PLATFORM);
    expect(ldgen(["validate", "svc/spec.yaml", "--platform", "other.yaml"], dir)).toMatchObject({ code: 0, stderr: "platform: other.yaml\nsvc/spec.yaml: ok\n" });
    expect(ldgen(["validate", "svc/spec.yaml", "--no-platform"], dir).stderr).toMatch(/LD103/);
    const missing = ldgen(["generate", "svc/spec.yaml", "--platform", "nope.yaml", "--out", "out"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --platform nope.yaml: no such file/);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("writes nothing when the platform file or its templates are broken", () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, "ldgen.platform.yaml"), PLATFORM + "templates: tpl\n");
    fs.mkdirSync(path.join(dir, "tpl", "hcl"), { recursive: true });
    fs.writeFileSync(path.join(dir, "tpl", "hcl", "versions.tf.hbs"), "{{#if}}\n");
    const r = ldgen(["generate", "svc/spec.yaml", "--out", "out"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tpl\/hcl\/versions.tf.hbs:2:1: error LD822: hcl\/versions.tf.hbs: the template hcl\/versions.tf.hbs fails: Parse error on line 2: /m);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("generate --form module writes a child module", () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, "ldgen.platform.yaml"), PLATFORM);
    expect(ldgen(["generate", "svc/spec.yaml", "--out", "out", "--target", "hcl", "--form", "module"], dir).code).toBe(0);
    expect(Object.keys(readTree(path.join(dir, "out", "hcl"))).sort()).toEqual(["destinations.tf", "functions.tf", "iam.tf", "outputs.tf", "triggers.tf", "variables.tf", "versions.tf", "wiring.tf"]);
    expect(ldgen(["generate", "svc/spec.yaml", "--form", "lib"], dir)).toMatchObject({ code: 2 });
  });
});

// ---------------------------------------------------------------------------------------------
// examples/platform: a platform file, its templates and two specs; golden output in both forms, planned.

const PLATFORM_DIR = path.join(ROOT, "examples/platform");
const SERVICES = fs.readdirSync(PLATFORM_DIR).filter((name) => fs.existsSync(path.join(PLATFORM_DIR, name, "spec.yaml")));
const platformFile = path.relative(ROOT, path.join(PLATFORM_DIR, "ldgen.platform.yaml"));
const examplePlatform = { file: platformFile, text: fs.readFileSync(path.join(ROOT, platformFile), "utf8") };
const generatedOnly = (rel: string) => /(^|\/)(cdktf\.out|node_modules|\.terraform)(\/|$)|\.terraform\.lock\.hcl$|^\.ldgen-manifest\.json$/.test(rel);

describe.each(SERVICES)("examples/platform/%s", (service) => {
  const spec = path.join("examples/platform", service, "spec.yaml");
  const text = fs.readFileSync(path.join(ROOT, spec), "utf8");
  const cwd = process.cwd();
  beforeAll(() => process.chdir(ROOT));
  afterAll(() => process.chdir(cwd));

  it.each([
    ["out", "all", "root"],
    ["module", "hcl", "module"],
  ] as const)("matches its checked-in %s/ exactly (npm run update:examples)", (folder, target, form) => {
    const out = path.join("examples/platform", service, folder);
    const result = generate(text, spec, target, { outDir: out, exists, platform: examplePlatform, form });
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const onDisk = readTree(path.join(ROOT, out), generatedOnly);
    expect(Object.keys(onDisk).sort()).toEqual(Object.keys(result.files).sort());
    for (const [name, content] of Object.entries(result.files)) expect({ name, content: onDisk[name] }).toEqual({ name, content });
  });

  it("synthesizes the CDKTF app with the platform's backend instead of the local one", () => {
    const out = scratch();
    const r = ldgen(["generate", spec, "--out", out, "--target", "cdktf", "--synth"]);
    expect(r.stderr).toMatch(/synthesized/);
    const stacks = path.join(out, "cdktf", "cdktf.out", "stacks");
    const json = JSON.parse(fs.readFileSync(path.join(stacks, fs.readdirSync(stacks)[0], "cdk.tf.json"), "utf8"));
    expect(json.terraform.backend).toEqual({ s3: { bucket: "acme-terraform-state", key: "lambda/terraform.tfstate", region: "us-east-2", use_lockfile: true } });
  }, 120_000);

  it("has the platform's backend, tags, lifecycle and extra files", () => {
    const files = generate(text, spec, "hcl", { exists, platform: examplePlatform }).files;
    expect(files["hcl/versions.tf"]).toMatch(/backend "s3" \{/);
    expect(files["hcl/functions.tf"]).toMatch(/managed-by\s+= "ldgen"/);
    expect(files["hcl/functions.tf"]).toMatch(/architectures\s+= \["arm64"\]/);
    expect(files["hcl/destinations.tf"]).toMatch(/lifecycle \{\n\s+prevent_destroy = true/);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["hcl/dashboard.tf", "hcl/moved.tf"]));
  });
});

describeWithTerraform("examples/platform planned with terraform", () => {
  it.each(SERVICES)("%s: the root form, with its S3 backend, is fmt-clean and plans", (service) => {
    const dir = scratch();
    const files = generate(fs.readFileSync(path.join(PLATFORM_DIR, service, "spec.yaml"), "utf8"), path.join(PLATFORM_DIR, service, "spec.yaml"), "hcl", { outDir: dir, platform: examplePlatform }).files;
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    expect(fmtCheck(path.join(dir, "hcl"))).toBe("");
    // The test harness plans a root as a child module of its own scratch root, where a backend block is ignored.
    const { json } = plan(path.join(dir, "hcl"));
    const planned = resources(json);
    const fn = [...planned.values()].find((r) => r.type === "aws_lambda_function")!;
    expect(fn.values).toMatchObject({ architectures: ["arm64"], tags: expect.objectContaining({ "managed-by": "ldgen" }) });
    expect(json.resource_changes.length).toBeGreaterThan(5);
  });

  it("the module form, instantiated twice with for_each in one root, plans with names and tags per instance", () => {
    const dir = scratch();
    for (const service of SERVICES) {
      const specPath = path.join(PLATFORM_DIR, service, "spec.yaml");
      const files = generate(fs.readFileSync(specPath, "utf8"), specPath, "hcl", { outDir: path.join(dir, service), platform: examplePlatform, form: "module" }).files;
      for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, service, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, service, name), content);
      }
    }
    const root = path.join(dir, "root");
    fs.mkdirSync(root);
    const modules = SERVICES.map(
      (service) => `module "${service}" {\n  source   = "../${service}/hcl"\n  for_each = toset(["dev", "prod"])\n  name     = "${service}-\${each.key}"\n  tags     = { environment = each.key }\n}\n`,
    ).join("\n");
    fs.writeFileSync(path.join(root, "main.tf"), `provider "aws" {\n  region = "us-east-2"\n}\n\n${modules}`);
    const { json } = plan(root);
    const all = [...resources(json).values()];
    for (const service of SERVICES) {
      for (const env of ["dev", "prod"]) {
        const mine = all.filter((r) => r.address.startsWith(`module.${service}["${env}"].`));
        const fns = mine.filter((r) => r.type === "aws_lambda_function");
        expect(fns.length).toBeGreaterThan(0);
        for (const fn of fns) expect(fn.values.function_name).toMatch(new RegExp(`^${service}-${env}-`));
        for (const r of mine.filter((r) => "tags" in r.values && r.values.tags)) expect(r.values.tags).toMatchObject({ environment: env, "managed-by": "ldgen" });
      }
    }
    const names = all.filter((r) => r.type === "aws_iam_role").map((r) => r.values.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
