import * as fs from "node:fs";
import * as path from "node:path";
import { generate } from "../generator";
import { examples, readTree, ROOT } from "./support/examples";

/**
 * Golden tests: each examples/<name>/out holds exactly what `ldgen generate examples/<name>/spec.yaml
 * --out examples/<name>/out` writes. Regenerate with `npm run update:examples`.
 */
const generatedOnly = (rel: string) => /(^|\/)(cdktf\.out|node_modules|\.terraform)(\/|$)|\.terraform\.lock\.hcl$|^\.ldgen-manifest\.json$/.test(rel);

describe.each(examples())("example $name", ({ dir, spec, text }) => {
  const out = path.relative(ROOT, path.join(dir, "out"));
  const cwd = process.cwd();
  beforeAll(() => process.chdir(ROOT));
  afterAll(() => process.chdir(cwd));

  it("validates without errors or warnings", () => {
    const result = generate(text, spec, "all", { outDir: out, exists: fs.existsSync });
    // The examples notify existing buckets, which LD217 rightly warns about.
    expect(result.diagnostics.filter((d) => d.severity !== "info" && d.code !== "LD217")).toEqual([]);
  });

  it("matches its checked-in output exactly (npm run update:examples)", () => {
    const result = generate(text, spec, "all", { outDir: out, exists: fs.existsSync });
    const onDisk = readTree(path.join(ROOT, out), generatedOnly);
    expect(Object.keys(onDisk).sort()).toEqual(Object.keys(result.files).sort());
    for (const [name, content] of Object.entries(result.files)) expect({ name, content: onDisk[name] }).toEqual({ name, content });
  });

  it("is byte-identical when generated twice", () => {
    const a = generate(text, spec, "all", { outDir: out });
    const b = generate(text, spec, "all", { outDir: out });
    expect(b.files).toEqual(a.files);
  });
});
