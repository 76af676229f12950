import * as fs from "node:fs";
import * as path from "node:path";

/** What a run leaves in place inside an output folder: Terraform's working state and the CDKTF build. */
const KEPT = [".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", "node_modules", "cdktf.out"];

/**
 * Writes generated files under `dir` atomically per target folder: everything is staged in a
 * temporary folder beside `dir` first (and `prepare` may add to it, e.g. `cdktf synth`), then each
 * target folder is swapped in by rename. On any error before the swap, nothing under `dir` changes.
 */
export function writeAtomically(dir: string, files: Record<string, string>, prepare?: (staged: string) => void, replaced: string[] = []): void {
  const parent = path.dirname(path.resolve(dir));
  fs.mkdirSync(parent, { recursive: true });
  const staged = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.ldgen-`));
  try {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(staged, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    prepare?.(staged);
    fs.mkdirSync(dir, { recursive: true });
    for (const top of fs.readdirSync(staged)) swapIn(path.join(staged, top), path.join(dir, top), replaced);
  } finally {
    fs.rmSync(staged, { recursive: true, force: true });
  }
}

function swapIn(staged: string, target: string, replaced: string[]): void {
  if (fs.existsSync(target)) {
    for (const keep of KEPT) {
      const old = path.join(target, keep);
      const fresh = path.join(staged, keep);
      if (fs.existsSync(old) && !fs.existsSync(fresh) && !replaced.includes(keep)) fs.renameSync(old, fresh);
    }
    const retired = `${staged}.old`;
    fs.renameSync(target, retired);
    fs.renameSync(staged, target);
    fs.rmSync(retired, { recursive: true, force: true });
  } else {
    fs.renameSync(staged, target);
  }
}

/** Differences between what would be generated and what `dir` holds: one unified diff per file. */
export function drift(dir: string, files: Record<string, string>): string[] {
  const out: string[] = [];
  const folders = new Set(Object.keys(files).map((name) => name.split("/")[0]));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (current === text) continue;
    const { createTwoFilesPatch } = require("diff") as typeof import("diff");
    out.push(current === undefined ? `missing: ${file}` : createTwoFilesPatch(file, `${file} (generated)`, current, text, "", "", { context: 2 }));
  }
  for (const folder of folders) {
    for (const name of listGenerated(path.join(dir, folder))) {
      const rel = `${folder}/${name}`;
      if (!(rel in files)) out.push(`stale: ${path.join(dir, rel)} (ldgen would not write it)`);
    }
  }
  return out;
}

/** Files in an output folder that look like ldgen's own (not Terraform's or the CDKTF build's). */
function listGenerated(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && !KEPT.includes(e.name) && !e.name.startsWith("."))
    .map((e) => e.name);
}
