import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generate } from "../generator";
import { compiledApp, synth } from "../generator/emit/synth";
import { address } from "../generator/plan/view";
import { examples } from "./support/examples";

/** `synth` runs the generated app with ldgen's own cdktf; no terraform needed here (parity.test.ts plans). */
describe("synth", () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-synth-"));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  function write(name: string, files: Record<string, string>): string {
    const out = path.join(base, name);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), text);
    }
    return path.join(out, "cdktf");
  }

  it("writes cdktf.out/stacks/<name>/cdk.tf.json with the HCL's addresses and version constraints", () => {
    const example = examples().find((e) => e.name === "image-pipeline")!;
    const out = path.join(base, "image-pipeline");
    const result = generate(example.text, example.specPath, "cdktf", { outDir: out, exists: fs.existsSync });
    const dir = write("image-pipeline", result.files);
    synth(dir);
    const stack = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "image-pipeline", "cdk.tf.json"), "utf8"));
    const synthesized = ["resource", "data"].flatMap((mode) =>
      Object.entries((stack[mode] ?? {}) as Record<string, Record<string, unknown>>).flatMap(([type, byLabel]) => Object.keys(byLabel).map((label) => `${mode === "data" ? "data." : ""}${type}.${label}`)),
    );
    const planned = result.plan!.files.flatMap((f) => f.resources.map(address));
    expect(synthesized.sort()).toEqual(planned.sort());
    expect(stack.terraform.required_version).toBe(result.plan!.terraform.requiredVersion);
    expect(stack.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: result.plan!.terraform.awsProvider });
    expect(stack.provider.aws).toEqual([{ region: "us-east-2" }]);
    expect(Object.keys(stack.output).sort()).toEqual(result.plan!.outputs.map((o) => o.name).sort());
    // Local code: relative to the stack folder, hashed by Terraform when it plans.
    const fn = stack.resource.aws_lambda_function.process_image;
    const relative = path.relative(path.join(dir, "cdktf.out", "stacks", "image-pipeline"), path.join(example.dir, "build", "process-image.zip"));
    expect(fn.filename).toBe(`\${path.module}/${relative}`);
    expect(fn.source_code_hash).toBe(`\${filebase64sha256("\${path.module}/${relative}")}`);
  });

  it("synthesizes byte-identical JSON from two checkout folders, with no absolute path", () => {
    const example = examples().find((e) => e.name === "image-pipeline")!;
    const stacks = ["checkout-a", path.join("elsewhere", "deeper", "checkout-b")].map((checkout) => {
      // A copy of the example (spec and zips) in each checkout, generated into its own out/ folder.
      const root = path.join(base, checkout);
      fs.cpSync(example.dir, path.join(root, "examples", "image-pipeline"), { recursive: true, filter: (src) => !src.includes(`${path.sep}out`) });
      const specPath = path.join(root, "examples", "image-pipeline", "spec.yaml");
      const out = path.join(root, "examples", "image-pipeline", "out");
      const result = generate(example.text, specPath, "cdktf", { outDir: out, exists: fs.existsSync });
      for (const [file, text] of Object.entries(result.files)) {
        fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
        fs.writeFileSync(path.join(out, file), text);
      }
      synth(path.join(out, "cdktf"));
      const text = fs.readFileSync(path.join(out, "cdktf", "cdktf.out", "stacks", "image-pipeline", "cdk.tf.json"), "utf8");
      expect(text).not.toContain(base);
      expect(text).not.toContain(os.tmpdir());
      return text;
    });
    expect(stacks[1]).toBe(stacks[0]);
  });

  it("runs the emitter's JavaScript for the files it was made from (the same stack as transpiling them), and transpiles any other", () => {
    const example = examples().find((e) => e.name === "image-pipeline")!;
    const result = generate(example.text, example.specPath, "cdktf", { outDir: path.join(base, "javascript"), exists: fs.existsSync, javascript: true });
    expect(Object.keys(result.javascript!).sort()).toEqual(["cdktf/main.ts", "cdktf/wiring.ts"]);
    const dir = write("javascript", result.files);
    const stacks = () => fs.readdirSync(path.join(dir, "cdktf.out", "stacks"));
    const stack = () => fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "image-pipeline", "cdk.tf.json"), "utf8");
    const run = (compiled: ReturnType<typeof compiledApp>) => {
      fs.rmSync(path.join(dir, "cdktf.out"), { recursive: true, force: true });
      synth(dir, { compiled });
    };
    run({});
    const transpiled = stack();
    run(compiledApp(result, "cdktf"));
    expect(stack()).toBe(transpiled);
    // It is the JavaScript that runs: a copy that names the stack otherwise synthesizes that stack.
    const renamed = compiledApp(result, "cdktf")!;
    renamed["main.ts"].javascript = renamed["main.ts"].javascript.replace('(app, "image-pipeline")', '(app, "from-javascript")');
    expect(renamed["main.ts"].javascript).toContain('"from-javascript"');
    run(renamed);
    expect(stacks()).toEqual(["from-javascript"]);
    // A file that is not the text its JavaScript was made from is transpiled.
    fs.appendFileSync(path.join(dir, "main.ts"), "// edited by hand\n");
    run(renamed);
    expect(stacks()).toEqual(["image-pipeline"]);
  });

  it("throws a clear error when the app fails", () => {
    const dir = write("broken", { "cdktf/main.ts": 'import { App } from "cdktf";\nnew App();\nthrow new Error("the app broke");\n' });
    expect(() => synth(dir)).toThrow(/cdktf synth of .*main\.ts failed \(exit 1\):[\s\S]*the app broke/);
  });

  it("throws when the app writes no stack", () => {
    const dir = write("empty", { "cdktf/main.ts": 'import { App } from "cdktf";\nnew App().synth();\n' });
    expect(() => synth(dir)).toThrow(/wrote no stack/);
  });

  it("throws when there is no app", () => {
    expect(() => synth(path.join(base, "nothing"))).toThrow(/main\.ts does not exist/);
  });
});
