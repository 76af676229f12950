import * as fs from "node:fs";
import * as path from "node:path";
import { jsonSchema } from "../generator";
import { ROOT } from "./support/examples";

/** The user-facing docs hold for a clone: their links resolve, and the spec reference names every key of the schema. */
const DOCS = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe.each(DOCS)("%s", (doc) => {
  const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
  it("has only relative links that resolve inside the repository", () => {
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^(https?:|mailto:|#)/.test(l));
    const broken = links.filter((l) => {
      const target = path.resolve(ROOT, path.dirname(doc), l.split("#")[0]);
      return !target.startsWith(ROOT + path.sep) || !fs.existsSync(target);
    });
    expect(broken).toEqual([]);
  });
});

function schemaKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (!node || typeof node !== "object") return out;
  const n = node as Record<string, unknown>;
  if (n.properties) for (const [k, v] of Object.entries(n.properties as Record<string, unknown>)) out.add(k) && schemaKeys(v, out);
  for (const k of ["items", "additionalProperties"]) schemaKeys(n[k], out);
  for (const k of ["oneOf", "anyOf", "allOf"]) for (const v of (n[k] as unknown[] | undefined) ?? []) schemaKeys(v, out);
  return out;
}

it("docs/spec.md describes every key of the JSON Schema", () => {
  const reference = fs.readFileSync(path.join(ROOT, "docs", "spec.md"), "utf8");
  const undocumented = [...schemaKeys(jsonSchema())].filter((k) => !reference.includes(`\`${k}\``));
  expect(undocumented).toEqual([]);
});
