import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { check, importShow, type ImportReport } from "../generator";
import { ROOT } from "./support/examples";

/** `ldgen import`: the importer's kinds on small hand-made `terraform show -json`, its report, and the CLI. */

const AWS = "registry.terraform.io/hashicorp/aws";
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

type Values = Record<string, unknown>;
interface Res {
  address: string;
  type: string;
  values: Values;
}

/** A resource of show JSON at `address` (`module.m.aws_x.y["k"]`). */
function res(address: string, values: Values): Res {
  return { address, type: address.replace(/^(module\.[^.]+\.)*/, "").split(".")[0], values };
}

/** show JSON of a state holding `resources`, each in the module its address names. */
function show(resources: Res[]): object {
  const modules = new Map<string, { address?: string; resources: object[]; child_modules: object[] }>();
  const root = { resources: [] as object[], child_modules: [] as object[] };
  const moduleOf = (address: string) => {
    const m = /^((?:module\.[^.]+\.)*)/.exec(address)![1].replace(/\.$/, "");
    if (!m) return root;
    let mod = modules.get(m);
    if (!mod) {
      mod = { address: m, resources: [], child_modules: [] };
      modules.set(m, mod);
      root.child_modules.push(mod);
    }
    return mod;
  };
  for (const r of resources) {
    const tail = r.address.replace(/^(module\.[^.]+\.)*/, "");
    const [, type, name, index] = /^([^.]+)\.([^[]+)(?:\[(.+)\])?$/.exec(tail)!;
    moduleOf(r.address).resources.push({ address: r.address, mode: "managed", type, name, ...(index && { index: JSON.parse(index) }), provider_name: AWS, schema_version: 0, values: r.values });
  }
  return { format_version: "1.0", terraform_version: "1.11.4", values: { root_module: root } };
}

const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;
const fnValues = (name: string, extra: Values = {}): Values => ({
  function_name: name,
  arn: arn("lambda", `function:${name}`),
  role: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  filename: `build/${name}.zip`,
  runtime: "nodejs22.x",
  handler: "index.handler",
  memory_size: 128,
  timeout: 3,
  package_type: "Zip",
  reserved_concurrent_executions: -1,
  architectures: ["x86_64"],
  ...extra,
});

function imported(resources: Res[], options: Parameters<typeof importShow>[1] = {}): ImportReport {
  return importShow(show(resources), { file: "state.json", ...options });
}

describe("importShow: input", () => {
  it.each<[string, unknown, RegExp]>([
    ["unparseable JSON", "{ not json", /state\.json: not JSON/],
    ["empty input", "  ", /empty input/],
    ["a JSON list", "[]", /not terraform show -json output/],
    ["JSON of something else", { hello: "world" }, /no values\.root_module or planned_values\.root_module/],
    ["a raw state file", { version: 4, resources: [] }, /a Terraform state file \(version 4\), not terraform show -json/],
    ["a resource without an address", { values: { root_module: { resources: [{ type: "aws_x" }] } } }, /has no address, type or name/],
    ["another provider only", { values: { root_module: { resources: [{ address: "google_x.y", mode: "managed", type: "google_x", name: "y", provider_name: "registry.terraform.io/hashicorp/google", values: {} }] } } }, /no AWS resources \(it holds 1 of registry\.terraform\.io\/hashicorp\/google\)/],
    ["no function", show([res("aws_sqs_queue.q", { name: "q", arn: arn("sqs", "q") })]), /no aws_lambda_function/],
  ])("%s: an error, no spec", (_, input, message) => {
    const report = importShow(input, { file: "state.json" });
    expect(report.errors.map((e) => e.message).join("\n")).toMatch(message);
    expect(report.spec).toBeUndefined();
  });

  it("two resources at one address: an error naming it", () => {
    const fn = res("aws_lambda_function.a", fnValues("app-a"));
    const report = imported([fn, fn]);
    expect(report.errors).toEqual([{ address: "aws_lambda_function.a", message: "aws_lambda_function.a appears twice in the input" }]);
  });

  it("two functions that become one spec entry: an error naming both", () => {
    const report = imported([res("aws_lambda_function.a", fnValues("app-a")), res("module.m.aws_lambda_function.a", fnValues("app-a"))]);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].address).toBe("module.m.aws_lambda_function.a");
    expect(report.errors[0].message).toMatch(/module\.m\.aws_lambda_function\.a and aws_lambda_function\.a both become the spec entry "a" \(AWS names "app-a" and "app-a"\)/);
  });
});

describe("importShow: functions", () => {
  it("reads a function from a module instance, names the spec from it and validates", () => {
    const report = imported([res("aws_lambda_function.resize", fnValues("shop-resize", { memory_size: 256, timeout: 60 })), res('module.m.aws_lambda_function.thumb["a"]', fnValues("shop-thumb-a"))]);
    expect(report.errors).toEqual([]);
    expect(report.spec).toMatch(/^name: shop$/m);
    expect(report.spec).toMatch(/# module\.m\.aws_lambda_function\.thumb\["a"\]\n {2}thumb-a:/);
    expect(report.moved).toEqual([{ from: 'module.m.aws_lambda_function.thumb["a"]', to: "aws_lambda_function.thumb_a" }]);
    expect(report.imports).toContainEqual({ to: "aws_lambda_function.resize", id: "shop-resize" });
    expect(check(report.spec!, "spec.yaml").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("--name is checked", () => {
    expect(imported([res("aws_lambda_function.a", fnValues("app-a"))], { name: "Bad_Name" }).errors[0].message).toMatch(/--name "Bad_Name": a spec name is/);
  });
});

// ---- The CLI --------------------------------------------------------------------------------------

function ldgen(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "ldgen.js"), ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ldgen import", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-import-"));
  const state = path.join(dir, "state.json");
  fs.writeFileSync(state, JSON.stringify(show([res("aws_lambda_function.resize", fnValues("shop-resize"))])));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads standard input and prints the spec", () => {
    const r = ldgen(["import"], { input: fs.readFileSync(state, "utf8") });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}resize:$/m);
    expect(r.stderr).toMatch(/imported 1 resources \(1 function\)/);
  });

  it("writes --out, --moved and --imports, and refuses to replace them without --force", () => {
    const out = path.join(dir, "spec.yaml");
    const imports = path.join(dir, "imports.tf");
    const r = ldgen(["import", state, "--out", out, "--imports", imports]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(imports, "utf8")).toMatch(/import \{\n {2}to = aws_lambda_function\.resize\n {2}id = "shop-resize"\n\}/);
    fs.writeFileSync(out, "mine\n");
    const again = ldgen(["import", state, "--out", out, "--imports", path.join(dir, "other.tf")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/spec\.yaml exists; ldgen import writes only new files \(--force replaces it\)/);
    expect(fs.readFileSync(out, "utf8")).toBe("mine\n");
    expect(fs.existsSync(path.join(dir, "other.tf"))).toBe(false);
    expect(ldgen(["import", state, "--out", out, "--force"]).code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/^ {2}resize:$/m);
  });

  it.each<[string, string[], string | undefined, number, RegExp]>([
    ["a missing file", ["import", "nope.json"], undefined, 2, /ldgen: cannot read nope\.json: no such file/],
    ["bad JSON", ["import", "-"], "{", 1, /ldgen: error: <stdin>: not JSON/],
    ["a folder", ["import", "."], undefined, 2, /is a directory/],
  ])("%s: its exit code, nothing written, no stack trace", (_, args, input, code, message) => {
    const out = path.join(dir, `never-${code}.yaml`);
    const r = ldgen([...args, "--out", out], { input });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });
});
