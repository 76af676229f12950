import * as fs from "node:fs";
import * as path from "node:path";
import { Command, Option } from "commander";
import { importShow, type ImportReport } from "../index";

/** `ldgen import`: exit 0 imported (differences are reported, not failures), 1 bad input, 2 usage or I/O. */
const EXIT = { ok: 0, input: 1, usage: 2 } as const;

interface ImportCliOptions {
  out?: string;
  moved?: string;
  imports?: string;
  name?: string;
  root?: string;
  format: "text" | "json";
  force: boolean;
}

class IoError extends Error {}

function readInput(file: string): string {
  try {
    if (file === "-") return fs.readFileSync(0, "utf8");
    if (fs.statSync(file).isDirectory()) throw new IoError(`${file} is a directory; give the file terraform show -json wrote`);
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof IoError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new IoError(`cannot read ${file === "-" ? "standard input" : file}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (error as Error).message}`);
  }
}

/**
 * Writes every file or none: each is refused when it exists (unless --force) or its folder is missing, before
 * anything is written; then each is written beside itself and renamed into place.
 */
function writeAll(files: [string, string][], force: boolean): void {
  for (const [file] of files) {
    if (fs.existsSync(file)) {
      if (!force) throw new IoError(`${file} exists; ldgen import writes only new files (--force replaces it)`);
      if (!fs.statSync(file).isFile()) throw new IoError(`${file} exists and is not a file`);
    }
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new IoError(`cannot write ${file}: no folder ${path.dirname(file)}`);
  }
  const staged: string[] = [];
  try {
    for (const [file, text] of files) {
      const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.ldgen-${process.pid}`);
      fs.writeFileSync(temporary, text, { flag: "wx" });
      staged.push(temporary);
    }
  } catch (error) {
    for (const t of staged) fs.rmSync(t, { force: true });
    throw new IoError(`cannot write: ${(error as Error).message}`);
  }
  files.forEach(([file], i) => fs.renameSync(staged[i], file));
}

function textReport(report: ImportReport, written: string[]): string {
  const lines: string[] = [];
  const functions = (report.spec?.match(/^functions:\n((?: {2}.*\n|#.*\n| *#.*\n)*)/m)?.[1].match(/^ {2}[^ #][^:]*:/gm) ?? []).length;
  lines.push(`imported ${report.imports.length + report.unapplied.length} resources (${functions} ${functions === 1 ? "function" : "functions"})${written.length ? `; wrote ${written.join(", ")}` : ""}`);
  if (report.differences.length) {
    lines.push("", `${report.differences.length} ${report.differences.length === 1 ? "difference" : "differences"}: what the spec cannot express (generating it changes these):`);
    let last = "";
    for (const d of report.differences) {
      if (d.address !== last) lines.push(`  ${d.address}`);
      last = d.address;
      lines.push(`    ${d.attribute || "(resource)"}: ${d.message}`);
    }
  } else lines.push("", "no differences: the generated root plans the same values at the addresses below");
  if (report.leftOut.length) {
    lines.push("", `${report.leftOut.length} left out (ldgen does not own them; keep them in their root):`);
    for (const l of report.leftOut) lines.push(`  ${l.address}: ${l.reason}`);
  }
  lines.push("", "to hand the resources over, one of:");
  lines.push(`  same root and state: put the ${report.moved.length} moved {} blocks (--moved FILE) beside the generated files`);
  lines.push(`  a new root: the ${report.imports.length} import {} blocks (--imports FILE, Terraform >= 1.5), then terraform state rm each source address in the old root`);
  if (report.unapplied.length) lines.push(`    (not the ${report.unapplied.length} the plan creates, which do not exist yet to import: ${report.unapplied.join(", ")})`);
  lines.push("  a new root, moving the state (local state files; terraform state pull / push for a backend):");
  for (const c of report.stateMoves) lines.push(`    ${c}`);
  return lines.join("\n") + "\n";
}

export function importCommand(): Command {
  return new Command("import")
    .description("write the spec of an existing root from terraform show -json of its state or plan, with what it cannot express")
    .argument("[file]", "terraform show -json output (a state or a plan); - or none: standard input", "-")
    .option("--out <spec>", "write the spec here (default: standard output)")
    .option("--moved <file>", "write moved {} blocks: the same root's state, at ldgen's addresses")
    .option("--imports <file>", "write import {} blocks: a new root adopts the resources (Terraform >= 1.5)")
    .option("--name <name>", "the spec's name, the prefix of every AWS name (default: read from the function names)")
    .option("--root <dir>", "the folder of the root the state belongs to: local code paths in it are relative to it (default: the current folder)")
    .addOption(new Option("--format <format>", "the report as text (standard error) or json (standard output)").choices(["text", "json"]).default("text"))
    .option("--force", "replace --out, --moved and --imports files that exist", false)
    .action((file: string, opts: ImportCliOptions) => {
      try {
        run(file, opts);
      } catch (error) {
        if (!(error instanceof IoError)) throw error;
        process.stderr.write(`ldgen: ${error.message}\n`);
        process.exitCode = EXIT.usage;
      }
    });
}

function run(file: string, opts: ImportCliOptions): void {
  const targets = [opts.out, opts.moved, opts.imports].filter((f): f is string => f !== undefined);
  if (new Set(targets.map((t) => path.resolve(t))).size !== targets.length) throw new IoError("--out, --moved and --imports name the same file");
  const text = readInput(file);
  const report = importShow(text, { file, name: opts.name, specFile: opts.out, rootDir: opts.root ?? "." });
  if (report.errors.length) {
    if (opts.format === "json") process.stdout.write(JSON.stringify({ errors: report.errors }, null, 2) + "\n");
    else for (const e of report.errors) process.stderr.write(`ldgen: error: ${e.message}\n`);
    process.exitCode = EXIT.input;
    return;
  }
  const { importBlocks, movedBlocks } = require("../import") as typeof import("../import");
  const files: [string, string][] = [];
  if (opts.out) files.push([opts.out, report.spec!]);
  const header = "# Written by ldgen import.";
  if (opts.moved) files.push([opts.moved, `${header} The same root takes the spec's output: its state moves to ldgen's addresses.\n\n${movedBlocks(report.moved)}`]);
  // (what a plan creates does not exist yet: no import ID before apply)
  const unapplied = report.unapplied.length ? `# Not here: the ${report.unapplied.length} resources the plan creates, which do not exist yet (no import ID before apply):\n${report.unapplied.map((a) => `#   ${a}\n`).join("")}\n` : "";
  if (opts.imports) files.push([opts.imports, `${header} A new root adopts the existing resources (Terraform >= 1.5).\n\n${unapplied}${importBlocks(report.imports)}`]);
  writeAll(files, opts.force);
  if (opts.format === "json") process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else {
    if (!opts.out) process.stdout.write(report.spec!);
    process.stderr.write(textReport(report, files.map(([f]) => f)));
  }
  process.exitCode = EXIT.ok;
}
