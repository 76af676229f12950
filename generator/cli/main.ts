import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import pc from "picocolors";
import { check, formatDiagnostic, generate, graph, hasErrors, jsonSchema, type Diagnostic, type Target } from "../index";
import { drift, writeAtomically } from "./output";

/** Exit status: 0 success (warnings allowed), 1 the spec has errors or output drifted, 2 usage or I/O error. */
export const EXIT = { ok: 0, spec: 1, usage: 2 } as const;

class UsageError extends Error {}

function readSpec(file: string): string {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${file} is a directory; give the spec file (spec.yaml)`);
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (error as Error).message}`);
  }
}

function print(diagnostics: Diagnostic[], format: "text" | "json", stream: NodeJS.WriteStream = process.stderr): void {
  if (format === "json") {
    process.stdout.write(JSON.stringify(diagnostics, null, 2) + "\n");
    return;
  }
  const colors = pc.createColors(stream.isTTY === true && !process.env.NO_COLOR);
  for (const d of diagnostics) {
    const line = formatDiagnostic(d);
    const paint = d.severity === "error" ? colors.red : d.severity === "warning" ? colors.yellow : colors.cyan;
    stream.write(paint(line) + "\n");
  }
}

const exists = (p: string) => fs.existsSync(p);

export function program(): Command {
  const cli = new Command("ldgen")
    .description("Lambda functions, their triggers and destinations, from one YAML spec to validated Terraform.")
    .version(require("../../package.json").version)
    .exitOverride()
    .showHelpAfterError();

  cli
    .command("validate")
    .description("check a spec and print every problem")
    .argument("<spec>", "the spec file")
    .addOption(new Option("--format <format>", "diagnostics as text or json").choices(["text", "json"]).default("text"))
    .action((spec: string, opts: { format: "text" | "json" }) => {
      const { diagnostics } = check(readSpec(spec), spec, { exists });
      print(diagnostics, opts.format);
      if (opts.format === "text" && !hasErrors(diagnostics)) process.stderr.write(`${spec}: ok${diagnostics.length ? ` (${diagnostics.length} ${diagnostics.length === 1 ? "note" : "notes"})` : ""}\n`);
      process.exitCode = hasErrors(diagnostics) ? EXIT.spec : EXIT.ok;
    });

  cli
    .command("generate")
    .description("write Terraform (HCL) and a CDKTF app for a spec")
    .argument("<spec>", "the spec file")
    .option("--out <dir>", "output folder", "out")
    .addOption(new Option("--target <target>", "what to write").choices(["hcl", "cdktf", "all"]).default("all"))
    .option("--synth", "also synthesize the CDKTF app into DIR/cdktf/cdktf.out", false)
    .option("--templates <dir>", "a folder whose files shadow the built-in templates")
    .option("--check", "write nothing; exit 1 when DIR differs from what would be generated", false)
    .addOption(new Option("--format <format>", "diagnostics as text or json").choices(["text", "json"]).default("text"))
    .action((spec: string, opts: { out: string; target: Target; synth: boolean; templates?: string; check: boolean; format: "text" | "json" }) => {
      if (opts.templates && !fs.existsSync(opts.templates)) throw new UsageError(`--templates ${opts.templates}: no such folder`);
      if (opts.synth && opts.target === "hcl") throw new UsageError("--synth needs the cdktf target (--target cdktf or all)");
      const result = generate(readSpec(spec), spec, opts.target, { exists, outDir: opts.out, templates: opts.templates });
      print(result.diagnostics, opts.format);
      if (hasErrors(result.diagnostics)) {
        process.exitCode = EXIT.spec;
        return;
      }
      if (opts.check) {
        const differences = drift(opts.out, result.files);
        for (const d of differences) process.stderr.write(d + "\n");
        process.stderr.write(differences.length ? `${opts.out} is out of date: run ldgen generate ${spec} --out ${opts.out}\n` : `${opts.out} is up to date\n`);
        process.exitCode = differences.length ? EXIT.spec : EXIT.ok;
        return;
      }
      const synthesize = opts.synth
        ? (staged: string) => {
            const { synth } = require("../emit/synth") as typeof import("../emit/synth");
            synth(path.join(staged, "cdktf"), { location: path.join(opts.out, "cdktf") });
          }
        : undefined;
      writeAtomically(opts.out, result.files, synthesize, opts.synth ? ["cdktf.out"] : []);
      process.stderr.write(`wrote ${Object.keys(result.files).length} files to ${opts.out}${opts.synth ? " and synthesized the CDKTF app" : ""}\n`);
    });

  cli
    .command("graph")
    .description("print the wiring as a Mermaid or Graphviz graph")
    .argument("<spec>", "the spec file")
    .addOption(new Option("--format <format>", "graph format").choices(["mermaid", "dot"]).default("mermaid"))
    .action((spec: string, opts: { format: "mermaid" | "dot" }) => {
      const { diagnostics, model } = check(readSpec(spec), spec, { exists });
      if (hasErrors(diagnostics) || !model) {
        print(diagnostics, "text");
        process.exitCode = EXIT.spec;
        return;
      }
      process.stdout.write(graph(model, opts.format));
    });

  cli
    .command("schema")
    .description("print the JSON Schema of the spec, for editors")
    .action(() => {
      process.stdout.write(JSON.stringify(jsonSchema(), null, 2) + "\n");
    });
  return cli;
}

export function main(argv: string[]): void {
  try {
    program().parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (error instanceof UsageError) {
      process.stderr.write(`ldgen: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else {
      const e = error as NodeJS.ErrnoException;
      process.stderr.write(`ldgen: ${e.code ? `${e.code}: ` : ""}${e.message}\n`);
      process.exitCode = EXIT.usage;
    }
  }
}
