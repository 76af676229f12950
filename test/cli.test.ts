import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HOSTILE_KEYS_SPEC, HOSTILE_ZIP, localZipSpec, PROTO_VALUE } from "./cdktf-specs";
import { readTree, ROOT } from "./support/examples";

/** The built CLI, as a user runs it (`npm test` builds first). */
function ldgen(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "ldgen.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-cli-"));
const IMAGE = "examples/image-pipeline/spec.yaml";
const BAD = `version: 1
name: app
destinations:
  archive: { type: s3 }
functions:
  resize:
    code: s3://artifacts/resize.zip
    runtime: nodejs20.x
    handler: index.handler
    timout: 30
    async:
      onSuccess: archive
      onFailure: archive
    triggers: [ { schedule: rate(1 hour) } ]
`;

function writeSpec(dir: string, text: string): string {
  const file = path.join(dir, "spec.yaml");
  fs.writeFileSync(file, text);
  return file;
}

describe("ldgen validate", () => {
  it("exits 0 on a valid spec", () => {
    const r = ldgen(["validate", IMAGE]);
    // Its one warning is LD217: the example notifies an existing bucket.
    expect([r.code, r.stderr.trim().split("\n").pop()]).toEqual([0, `${IMAGE}: ok (1 note)`]);
  });

  it("prints every problem as file:line:col and exits 1", () => {
    const dir = scratch();
    const spec = writeSpec(dir, BAD);
    const r = ldgen(["validate", spec]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `${spec}:10:5: error LD101: functions.resize.timout: unknown key "timout" (did you mean "timeout"?)`,
      expect.stringMatching(new RegExp(`^${spec}:12:18: error LD303: functions.resize.async.onSuccess: an S3 bucket can only receive failures \\(got "archive"\\)`)),
    ]);
  });

  it("gives the same diagnostics as JSON", () => {
    const spec = writeSpec(scratch(), BAD);
    const r = ldgen(["validate", spec, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ code: "LD101", severity: "error", line: 10, col: 5, path: "functions.resize.timout" }),
      expect.objectContaining({ code: "LD303", severity: "error", line: 12, col: 18, path: "functions.resize.async.onSuccess" }),
    ]);
  });

  it.each([
    ["a missing file", ["validate", "no/such/spec.yaml"], /cannot read no\/such\/spec.yaml: no such file/],
    ["a directory", ["validate", "examples"], /is a directory/],
    ["an unknown option", ["validate", IMAGE, "--frmat", "json"], /unknown option/],
    ["a bad format", ["validate", IMAGE, "--format", "xml"], /Allowed choices are text, json/],
    ["an unknown command", ["deploy", IMAGE], /unknown command/],
    ["no spec", ["generate"], /missing required argument/],
  ])("exits 2 on %s, without a stack trace", (_name, args, message) => {
    const r = ldgen(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["YAML syntax", "version: 1\nname: [oops\n"],
    ["an empty file", ""],
    ["binary garbage", "\u0000\u0001\u0002PK\u0003\u0004"],
    ["a wrong type at the top", "functions: 12\nversion: one\nname: 5\n"],
    ["an alias bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"],
  ])("reports %s with exit 1 and no stack trace", (_name, text) => {
    const spec = writeSpec(scratch(), text);
    const r = ldgen(["validate", spec]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${spec}:\\d+:\\d+: error LD\\d{3}: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("ldgen generate", () => {
  it("writes hcl/ and cdktf/, byte-identical on rerun", () => {
    const out = path.join(scratch(), "out");
    expect(ldgen(["generate", IMAGE, "--out", out]).code).toBe(0);
    const first = readTree(out);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(["hcl/versions.tf", "hcl/functions.tf", "hcl/wiring.tf"]));
    expect(ldgen(["generate", IMAGE, "--out", out]).code).toBe(0);
    expect(readTree(out)).toEqual(first);
  });

  it("--target hcl writes only hcl/", () => {
    const out = path.join(scratch(), "out");
    expect(ldgen(["generate", IMAGE, "--out", out, "--target", "hcl"]).code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([".ldgen-manifest.json", "hcl"]);
  });

  it("changes nothing under --out when the spec has errors", () => {
    const dir = scratch();
    const out = path.join(dir, "out");
    expect(ldgen(["generate", IMAGE, "--out", out, "--target", "hcl"]).code).toBe(0);
    fs.writeFileSync(path.join(out, "hcl", "mine.txt"), "keep me");
    const before = readTree(out);
    const r = ldgen(["generate", writeSpec(dir, BAD), "--out", out]);
    expect(r.code).toBe(1);
    expect(readTree(out)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(["out", "spec.yaml"]);
  });

  it("keeps terraform's working files when regenerating", () => {
    const out = path.join(scratch(), "out");
    ldgen(["generate", IMAGE, "--out", out, "--target", "hcl"]);
    fs.mkdirSync(path.join(out, "hcl", ".terraform"));
    fs.writeFileSync(path.join(out, "hcl", ".terraform.lock.hcl"), "# lock");
    expect(ldgen(["generate", IMAGE, "--out", out, "--target", "hcl"]).code).toBe(0);
    expect(fs.existsSync(path.join(out, "hcl", ".terraform"))).toBe(true);
    expect(fs.readFileSync(path.join(out, "hcl", ".terraform.lock.hcl"), "utf8")).toBe("# lock");
  });

  it("--check exits 0 when up to date and 1 with a diff when not, writing nothing", () => {
    const out = path.join(scratch(), "out");
    ldgen(["generate", IMAGE, "--out", out]);
    expect(ldgen(["generate", IMAGE, "--out", out, "--check"]).code).toBe(0);
    const wiring = path.join(out, "hcl", "wiring.tf");
    fs.writeFileSync(wiring, fs.readFileSync(wiring, "utf8").replace("maximum_retry_attempts       = 1", "maximum_retry_attempts       = 2"));
    const edited = readTree(out);
    const r = ldgen(["generate", IMAGE, "--out", out, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("-  maximum_retry_attempts       = 2");
    expect(r.stderr).toContain("+  maximum_retry_attempts       = 1");
    expect(readTree(out)).toEqual(edited);
  });

  it("--check reports a missing output folder", () => {
    const r = ldgen(["generate", IMAGE, "--out", path.join(scratch(), "none"), "--check", "--target", "hcl"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing: .*versions\.tf/);
  });

  it("--templates shadows a built-in template file by file", () => {
    const dir = scratch();
    fs.mkdirSync(path.join(dir, "templates", "hcl"), { recursive: true });
    fs.writeFileSync(path.join(dir, "templates", "hcl", "outputs.tf.hbs"), "{{header}}\n\n# team outputs\n{{#each outputs}}\noutput \"{{name}}\" {\nvalue = {{value}}\n}\n{{/each}}\n");
    const out = path.join(dir, "out");
    expect(ldgen(["generate", IMAGE, "--out", out, "--target", "hcl", "--templates", path.join(dir, "templates")]).code).toBe(0);
    const outputs = fs.readFileSync(path.join(out, "hcl", "outputs.tf"), "utf8");
    expect(outputs).toContain("# team outputs");
    expect(outputs).not.toContain("description");
    expect(fs.readFileSync(path.join(out, "hcl", "wiring.tf"), "utf8")).toContain("aws_lambda_function_event_invoke_config");
  });

  it("exits 2 when --templates does not exist", () => {
    expect(ldgen(["generate", IMAGE, "--templates", "/no/such/dir", "--out", path.join(scratch(), "o")]).code).toBe(2);
  });
});

describe("ldgen graph and schema", () => {
  it("draws the wiring as Mermaid", () => {
    const r = ldgen(["graph", IMAGE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^flowchart LR/);
    // Each node once, shaped by kind; success edges solid, failure edges dashed; labels only where they say something.
    const id = (label: string) => new RegExp(`^  (n\\d+)\\S*"${label}"`, "m").exec(r.stdout)![1];
    expect(r.stdout).toMatch(/^  n\d+\("process-image"\)$/m);
    expect(r.stdout).toMatch(/^  n\d+\[\["image-metadata"\]\]$/m);
    expect(r.stdout).toMatch(/^  n\d+\{\{"image-alerts"\}\}:::failure$/m);
    expect(r.stdout).toContain(`${id("process-image")} -->|"on success"| ${id("image-metadata")}`);
    expect(r.stdout).toContain(`${id("process-image")} -.->|"on failure"| ${id("image-alerts")}`);
    expect(r.stdout).toContain(`${id("image-metadata")} --> ${id("store-metadata")}\n`);
  });

  it("draws the wiring as Graphviz dot, dead-letter queues and the alarm topic included", () => {
    const dot = ldgen(["graph", "examples/kinesis-reprocess/spec.yaml", "--format", "dot"]).stdout;
    const id = (label: string) => new RegExp(`(n\\d+) \\[label="${label}"`).exec(dot)![1];
    expect(dot).toContain(`[label="failed-clicks-dlq", shape=cds, color=firebrick, fontcolor=firebrick];`);
    expect(dot).toContain(`${id("failed-clicks")} -> ${id("failed-clicks-dlq")} [label="after 3 receives", style=dashed, color=firebrick, fontcolor=firebrick];`);
    expect(dot).toContain(`${id("clickstream")} -> ${id("analyze-clicks")};`);
    expect(dot).toMatch(/\[label="5 CloudWatch alarms", shape=note\];/);
    expect(dot).toContain(`-> ${id("ops-alerts")} [label="notify"`);
  });

  it("prints a JSON Schema that knows every top-level key", () => {
    const schema = JSON.parse(ldgen(["schema"]).stdout);
    expect(Object.keys(schema.properties)).toEqual(["version", "name", "region", "account", "partition", "tags", "defaults", "destinations", "sources", "functions", "monitoring", "terraform"]);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("ldgen events", () => {
  it("writes each sample and its schema under --out, and says how many", () => {
    const out = path.join(scratch(), "events");
    const r = ldgen(["events", "examples/kinesis-reprocess/spec.yaml", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/3 sample events/);
    const tree = readTree(out, (rel) => rel.startsWith(".ldgen"));
    expect(Object.keys(tree).sort()).toEqual([
      "analyze-clicks/clickstream.json",
      "analyze-clicks/clickstream.schema.json",
      "failed-clicks-dlq/failed-clicks.json",
      "failed-clicks-dlq/failed-clicks.schema.json",
      "reprocess-clicks/clickstream.json",
      "reprocess-clicks/clickstream.schema.json",
    ]);
  });

  it("a spec with errors: diagnostics at their lines, exit 1, nothing written", () => {
    const dir = scratch();
    const spec = writeSpec(dir, BAD);
    const out = path.join(dir, "events");
    const r = ldgen(["events", spec, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/spec\.yaml:\d+:\d+: error LD/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("ldgen generate, on hostile specs (issue 21)", () => {
  const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
  const generated = (text: string) => {
    const dir = scratch();
    const out = path.join(dir, "out");
    return { r: ldgen(["generate", writeSpec(dir, text), "--out", out]), out };
  };

  it("keys every object has, decomposed Unicode and merge keys: exit 0, both targets written with every key, composed", () => {
    const { r, out } = generated(HOSTILE_KEYS_SPEC);
    expect([r.code, r.stderr]).toEqual([0, expect.not.stringContaining("error")]);
    const hcl = read(out, "hcl/functions.tf");
    const wiring = read(out, "cdktf/wiring.ts");
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) expect(hcl).toMatch(new RegExp(`^\\s+${key}\\s+= "`, "m"));
    expect(hcl).toMatch(/__proto__\s+= /);
    expect(hcl).toContain(`= ${JSON.stringify(PROTO_VALUE).replace(/([$%])\{/g, "$1$1{")}`);
    expect(wiring).toContain('["__proto__"]: ');
    for (const text of [hcl, wiring]) {
      expect(text).toContain("caf\u00e9");
      expect(text).not.toContain("\u0301");
    }
    // fn merges first's settings (<<: *base) and keeps its own code.
    expect(hcl).toMatch(/function_name\s+= "hostile-keys-fn"\n(.*\n)*?\s+s3_key\s+= "fn.zip"/);
  });

  it("a local zip: exit 0, and the HCL names the spec's file relative to its root (test/parity.test.ts plans it in all three)", () => {
    const dir = scratch();
    const spec = localZipSpec(dir);
    const out = path.join(dir, "out");
    expect(ldgen(["generate", spec, "--out", out]).code).toBe(0);
    expect(fs.existsSync(path.join(out, "cdktf", "wiring.ts"))).toBe(true);
    const hcl = /filename\s+= "\$\{path\.module\}\/([^\n]*)"\n/.exec(read(out, "hcl/functions.tf"))![1];
    // HCL escapes: `$${` and `%%{` are literal `${` and `%{`, `\"` and `\\` a quote and a backslash.
    const unescaped = hcl.replace(/([$%])\1\{/g, "$1{").replace(/\\(["\\])/g, "$1");
    expect(path.resolve(out, "hcl", unescaped)).toBe(path.join(path.dirname(spec), "build", HOSTILE_ZIP));
  });

  it.each([
    ["two keys equal once normalized", "version: 1\nname: app\ntags:\n  cafe\u0301: a\n  caf\u00e9: b\n", "spec.yaml:5:3: error LD002: this key appears twice in the same mapping (the same text in Unicode NFC"],
    ["a merge of a list", "version: 1\nname: app\nx: &l [ 1 ]\nfunctions:\n  f:\n    <<: *l\n", "spec.yaml:6:9: error LD009: a merge key (<<) merges a mapping into this one"],
    ["a merge of a number", "version: 1\nname: app\nfunctions:\n  f:\n    <<: 5\n", "spec.yaml:5:9: error LD009: a merge key (<<) merges a mapping into this one"],
  ])("%s: exit 1, the diagnostic at its line, no stack trace, nothing written", (_name, text, want) => {
    const { r, out } = generated(text);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toContain(want);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(out)).toBe(false);
  });
});
