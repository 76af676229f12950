import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { generate } from "../generator";
import * as rowsModule from "../generator/emit/cdktf-rows";
import { emitCdkApp } from "../generator/emit/cdktf";
import { javascriptOf } from "../generator/emit/cdktf-native";
import { BUILTIN_TEMPLATES } from "../generator/emit/templates";
import { block, body, list, ref, str, stringMap, type Plan, type Resource, type Value } from "../generator/plan/view";
import { escapesSpec, kitchenSinkSpec, localZipSpec } from "./cdktf-specs";
import { examples } from "./support/examples";

const { syntheticSpec } = require("../bench/synthetic") as { syntheticSpec: (n: number) => string };

/**
 * The construct's rows and outputs are printed natively (cdktf-rows.ts) unless a templates folder shadows
 * their partials: both must give the same wiring.ts, byte for byte, and the JavaScript `--synth` runs must
 * be the program the full transpile gives.
 */
const base = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-native-"));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

/** A templates folder shadowing the natively printed partials with their built-in text: the Handlebars path. */
const partialsFolder = (() => {
  const dir = path.join(base, "same-partials");
  for (const name of ["rows", "body", "outputs"]) {
    fs.mkdirSync(path.join(dir, "cdktf", "partials"), { recursive: true });
    fs.copyFileSync(path.join(BUILTIN_TEMPLATES, "cdktf", "partials", `${name}.hbs`), path.join(dir, "cdktf", "partials", `${name}.hbs`));
  }
  return dir;
})();

/** Plans of every spec the CDKTF tests know, and a synthetic one. */
function plans(): [string, Plan][] {
  const specs: [string, string][] = examples().map((e) => [e.name, e.specPath]);
  specs.push(["kitchen sink", kitchenSinkSpec(path.join(base, "kitchen"))], ["escapes", escapesSpec(path.join(base, "escapes"))], ["local zips", localZipSpec(path.join(base, "zips"))]);
  fs.writeFileSync(path.join(base, "synthetic.yaml"), syntheticSpec(23));
  specs.push(["synthetic, 23 functions", path.join(base, "synthetic.yaml")]);
  return specs.map(([name, file]) => {
    const result = generate(fs.readFileSync(file, "utf8"), file, "hcl", { outDir: path.join(base, "out"), exists: fs.existsSync });
    if (!result.plan) throw new Error(`${name}: ${result.diagnostics.map((d) => d.message).join("; ")}`);
    return [name, result.plan];
  });
}

const resource = (type: string, label: string, items: Resource["body"]): Resource => ({ mode: "resource", type, label, body: items, dependsOn: [], origin: [] });
const planOf = (resources: Resource[], outputs: Plan["outputs"] = []): Plan => ({
  name: "demo-app",
  terraform: { requiredVersion: ">= 1.5.0", awsProvider: ">= 5.100.0, < 7.0.0" },
  files: [{ name: "functions", resources }],
  outputs,
  moves: [],
});

/** Values the formatter reads line by line: maps in maps, template literals, backticks inside `${...}`, comment-like text. */
const nested: Value = { t: "map", entries: [["outer", { t: "map", entries: [["inner", str("x")], ["list", list([str("a"), str("b")])]] }], ["b", str("// not a comment")]] };
const odd = planOf(
  [
    resource("aws_sqs_queue", "q", [
      ...body({ name: str("/aws/lambda/demo-app-ab"), policy: nested, tags: stringMap({ "a`b": "c`d", "${x}": "}]) ({[" }) }),
      block("redrive", body({ target: ref("aws_sqs_queue.q", "arn", "pre`", "`post") })),
    ]),
  ],
  [
    { name: "map", description: "a map", value: nested },
    { name: "tick", description: "`", value: ref("aws_sqs_queue.q", "arn", "x`", "") },
  ],
);
/** A row the formatter reads otherwise than its structure: the file is printed by the partials. */
const unprintable = planOf([resource("aws_sqs_queue", "q", body({ name: str("/aws/lambda/demo-app-a`(") })), resource("aws_sqs_queue", "r", body({ name: str("x") }))]);

/** A program's text as TypeScript prints it back: layout and comments aside, equal programs print equal. */
const program = (js: string) => ts.createPrinter({ removeComments: true }).printFile(ts.createSourceFile("x.js", js, ts.ScriptTarget.ESNext, false, ts.ScriptKind.JS));

describe("the natively printed rows and outputs", () => {
  const cases: [string, Plan][] = [...plans(), ["values the formatter reads line by line", odd], ["a backtick inside ${...}", unprintable], ["no outputs", planOf([resource("aws_sqs_queue", "q", body({ name: str("q") }))])]];

  it.each(cases)("%s: wiring.ts as the partials print it, and the same program for synth", (_name, plan) => {
    const native = emitCdkApp(plan, { specFile: "spec.yaml", javascript: true });
    const partials = emitCdkApp(plan, { specFile: "spec.yaml", templates: partialsFolder, javascript: true });
    expect(native.files).toEqual(partials.files);
    expect(Object.keys(native.javascript).sort()).toEqual(["main.ts", "wiring.ts"]);
    for (const [name, js] of Object.entries(native.javascript)) expect(program(js)).toBe(program(javascriptOf(native.files[name], name)));
  });

  it("prints the rows of a spec natively (the comparison above is not between two Handlebars renders)", () => {
    const printed = jest.spyOn(rowsModule, "rowLines");
    try {
      emitCdkApp(cases[0][1], { specFile: "spec.yaml" });
      expect(printed).toHaveBeenCalled();
      expect(printed.mock.results.every((r) => r.value !== undefined)).toBe(true);
      printed.mockClear();
      emitCdkApp(cases[0][1], { specFile: "spec.yaml", templates: partialsFolder });
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it.each<[string, rowsModule.TsItem, boolean]>([
    ["a plain value", { key: "a", value: '"x"' }, true],
    ["a template literal", { key: "a", value: '`${ref("x", "y")}:*`' }, true],
    ["a map over lines", { key: "a", value: "{\nb: {\nc: 1,\n},\n}" }, true],
    ["a backtick inside ${...}: the formatter reads the rest as outside the literal", { key: "a", value: '`${name("a`(")}`' }, false],
    ["a value that closes more than it opens", { key: "a", value: "x\n}" }, false],
    ["a block without a body (the partial's {{value}} fails)", { key: "a", items: [] }, false],
  ])("%s: printed natively: %s", (_name, item, printed) => {
    const lines = rowsModule.rowLines([{ key: "r", items: [item] }], 2);
    expect(lines !== undefined).toBe(printed);
  });
});
