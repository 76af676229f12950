import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLES = path.join(ROOT, "examples");

/** Every example folder with a spec: adding a folder adds it to the golden, terraform and parity tests. */
export function examples(): { name: string; dir: string; spec: string; specPath: string; text: string }[] {
  return fs
    .readdirSync(EXAMPLES)
    .sort()
    .filter((name) => fs.existsSync(path.join(EXAMPLES, name, "spec.yaml")))
    .map((name) => {
      const dir = path.join(EXAMPLES, name);
      const specPath = path.join(dir, "spec.yaml");
      return { name, dir, spec: path.relative(ROOT, specPath), specPath, text: fs.readFileSync(specPath, "utf8") };
    });
}

/** All files under a folder, by path relative to it. */
export function readTree(dir: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (skip(rel)) continue;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = fs.readFileSync(path.join(dir, rel), "utf8");
    }
  };
  if (fs.existsSync(dir)) walk("");
  return out;
}
