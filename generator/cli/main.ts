import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import pc from "picocolors";
import { check, events, formatDiagnostic, generate, graph, type Generated, hasErrors, jsonSchema, PLATFORM_FILE, platformJsonSchema, type Diagnostic, type Form, type Target } from "../index";
import type { CdkFlavor } from "../emit/cdk-flavors";
import { CDKTF_PEERS, CDKTN_PEERS, missingPeers } from "./peers";
import { findPlatform, type PlatformOption } from "./platform";

/** Writing output (journal, lock, manifest, hashing) is loaded by `generate` only: `validate` starts without it. */
const output = () => require("./output") as typeof import("./output");

/**
 * Exit status: 0 success (warnings allowed), 1 the spec has errors or output drifted, 2 usage or I/O error;
 * `diff`: 3 changes that lose nothing, 4 a flagged change (a loss, or access widened); `generate`: 4 refused a
 * change that loses data (nothing written).
 */
export const EXIT = { ok: 0, spec: 1, usage: 2, changes: 3, flagged: 4 } as const;

/** `ldgen diff` and generate's check against the last output (no templates, no cdktf). */
const diffing = () => require("./diff") as typeof import("./diff");

/** Generate refused: changes that lose data, none allowed. */
class Refused extends Error {}

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

interface GenerateOptions {
  out: string;
  target: Target;
  synth: boolean;
  templates?: string;
  check: boolean;
  format: "text" | "json";
  lockTimeout: string;
  platform: PlatformOption;
  form: Form;
  allowReplace?: string[];
  allowDataLoss: boolean;
}

/** The CDK app a target writes, if any: `cdktf` for cdktf and all, `cdktn` for cdktn. */
function cdkApp(target: Target): CdkFlavor | undefined {
  return target === "all" ? "cdktf" : target === "cdktf" || target === "cdktn" ? target : undefined;
}

/** Synthesizes the app in `app`, running the JavaScript the emitter gave for each of its files as written. */
function synthesize(app: string, flavor: CdkFlavor, generated: Generated): void {
  const { compiledApp, synth } = require("../emit/synth") as typeof import("../emit/synth");
  synth(app, { flavor, compiled: compiledApp(generated, flavor) });
}

/** What `--synth` would add to the files, synthesized in a scratch folder (for `--check`, which writes nothing under DIR). */
function synthesizedFiles(generated: Generated, flavor: CdkFlavor): Record<string, string> {
  const files = generated.files;
  const os = require("node:os") as typeof import("node:os");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-check-"));
  try {
    for (const [rel, text] of Object.entries(files)) {
      if (!rel.startsWith(`${flavor}/`)) continue;
      fs.mkdirSync(path.dirname(path.join(scratch, rel)), { recursive: true });
      fs.writeFileSync(path.join(scratch, rel), text);
    }
    synthesize(path.join(scratch, flavor), flavor, generated);
    const { listFiles } = require("./manifest") as typeof import("./manifest");
    return Object.fromEntries(listFiles(scratch, `${flavor}/cdktf.out`).map((rel) => [rel, fs.readFileSync(path.join(scratch, rel), "utf8")]));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A POSIX shell word. */
const shellWord = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The `ldgen generate` command that regenerates with the options this one was given (all but --check and --format). */
function regenerateCommand(spec: string, command: Command): string {
  const words = ["ldgen", "generate", spec.startsWith("-") ? `./${spec}` : spec];
  for (const option of command.options) {
    const key = option.attributeName();
    if (key === "check" || key === "format" || key === "lockTimeout" || key === "allowReplace" || key === "allowDataLoss") continue;
    const value = command.getOptionValue(key);
    if (key !== "out" && command.getOptionValueSource(key) !== "cli") continue;
    // `--platform FILE` and `--no-platform` share one value: a string is the first's, false the second's.
    if (option.negate) {
      if (value === false) words.push(option.long!);
    } else if (typeof value === "boolean") {
      if (value) words.push(option.long!);
    } else if (value !== undefined) words.push(option.long!, String(value));
  }
  return words.map(shellWord).join(" ");
}

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
    .option("--platform <file>", `the platform file (default: ${PLATFORM_FILE} beside the spec or in a parent folder)`)
    .option("--no-platform", "use no platform file")
    .action((spec: string, opts: { format: "text" | "json"; platform: PlatformOption }) => {
      const text = readSpec(spec);
      const platform = findPlatform(spec, opts.platform);
      if (opts.format === "text" && platform) process.stderr.write(`platform: ${platform.file}\n`);
      const { diagnostics } = check(text, spec, { exists, platform });
      print(diagnostics, opts.format);
      if (opts.format === "text" && !hasErrors(diagnostics)) process.stderr.write(`${spec}: ok${diagnostics.length ? ` (${diagnostics.length} ${diagnostics.length === 1 ? "note" : "notes"})` : ""}\n`);
      process.exitCode = hasErrors(diagnostics) ? EXIT.spec : EXIT.ok;
    });

  cli
    .command("generate")
    .description("write Terraform (HCL) and a CDKTF app for a spec")
    .argument("<spec>", "the spec file")
    .option("--out <dir>", "output folder", "out")
    .addOption(new Option("--target <target>", "what to write").choices(["hcl", "cdktf", "cdktn", "all"]).default("all"))
    .option("--synth", "also synthesize the CDKTF (or CDK Terrain) app into DIR/cdktf/cdktf.out (DIR/cdktn/cdktf.out)", false)
    .option("--templates <dir>", "a folder whose files shadow the built-in templates")
    .option("--platform <file>", `the platform file (default: ${PLATFORM_FILE} beside the spec or in a parent folder)`)
    .option("--no-platform", "use no platform file")
    .addOption(new Option("--form <form>", "root: a Terraform root module; module: a child module (no provider, no backend)").choices(["root", "module"]).default("root"))
    .option("--check", "write nothing; exit 1 when DIR differs from what would be generated", false)
    .addOption(new Option("--format <format>", "diagnostics as text or json").choices(["text", "json"]).default("text"))
    .option("--lock-timeout <seconds>", "how long to wait for another run on the same DIR", "60")
    .option("--allow-replace <address...>", "go ahead although these addresses are replaced or destroyed with data (see ldgen diff)")
    .option("--allow-data-loss", "go ahead whatever replacements and destroys lose", false)
    .action((spec: string, opts: GenerateOptions, command: Command) => {
      if (opts.templates && !fs.existsSync(opts.templates)) throw new UsageError(`--templates ${opts.templates}: no such folder`);
      const app = cdkApp(opts.target);
      if (opts.synth && !app) throw new UsageError("--synth needs a CDK target (--target cdktf, cdktn or all)");
      const lockTimeout = Number(opts.lockTimeout);
      if (!Number.isFinite(lockTimeout) || lockTimeout < 0) throw new UsageError(`--lock-timeout ${opts.lockTimeout}: give a number of seconds`);
      if (opts.synth) {
        const missing = missingPeers(app === "cdktn" ? CDKTN_PEERS : CDKTF_PEERS);
        if (missing) throw new UsageError(missing);
      }
      const text = readSpec(spec);
      const platform = findPlatform(spec, opts.platform);
      // What the last generate into DIR recorded: resources that only changed address move (hcl/moves.tf).
      const previous = diffing().previousSnapshot(opts.out);
      const result = generate(text, spec, opts.target, { exists, outDir: opts.out, templates: opts.templates, platform, form: opts.form, javascript: opts.synth, previous });
      print(result.diagnostics, opts.format);
      if (hasErrors(result.diagnostics)) {
        process.exitCode = EXIT.spec;
        return;
      }
      const targets = opts.target === "all" ? ["hcl", "cdktf"] : [opts.target];
      if (opts.check) {
        const expected = opts.synth ? { ...result.files, ...synthesizedFiles(result, app!) } : result.files;
        const differences = output().drift(opts.out, expected, targets);
        for (const d of differences) process.stderr.write(d + "\n");
        process.stderr.write(differences.length ? `${opts.out} is out of date: run ${regenerateCommand(spec, command)}\n` : `${opts.out} is up to date\n`);
        process.exitCode = differences.length ? EXIT.spec : EXIT.ok;
        return;
      }
      const prepare = opts.synth ? (staged: string) => synthesize(path.join(staged, app!), app!, result) : undefined;
      const d = diffing();
      const record = d.recordFor(result, spec);
      const side = { snapshot: record.plan, source: { file: spec, value: result.document!.value, position: result.document!.position } };
      const allowed = { all: opts.allowDataLoss, addresses: opts.allowReplace ?? [] };
      const guardWarnings: string[] = [];
      const guard = (manifest: import("./manifest").Manifest) => {
        const { refused, warnings } = d.guardReport(manifest, opts.out, side.snapshot, side.source, allowed);
        guardWarnings.push(...warnings);
        if (refused.length === 0) return;
        const lines = [`refusing to write ${opts.out}: ${refused.length === 1 ? "a change loses" : `${refused.length} changes lose`} data (nothing written)`];
        for (const c of refused) lines.push(`  ${d.lossLine(c)}`);
        lines.push(`to go ahead: ${regenerateCommand(spec, command)} --allow-replace ${refused.map((c) => c.address).join(" ")}  (or --allow-data-loss for every one); ldgen diff --out ${shellWord(opts.out)} ${shellWord(spec)} shows every change`);
        throw new Refused(lines.join("\n"));
      };
      let written: ReturnType<typeof import("./output").writeGenerated>;
      try {
        written = output().writeGenerated(opts.out, result.files, { targets, prepare, lockTimeoutMs: lockTimeout * 1000, record, guard });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        for (const w of guardWarnings) process.stderr.write(`ldgen: warning: ${w}\n`);
        process.stderr.write(`ldgen: ${error.message}\n`);
        process.exitCode = EXIT.flagged;
        return;
      }
      for (const w of [...guardWarnings, ...written.warnings]) process.stderr.write(`ldgen: warning: ${w}\n`);
      const changes = written.written.length + written.removed.length;
      const what = changes
        ? `wrote ${written.written.length}${written.removed.length ? `, removed ${written.removed.length}` : ""} of ldgen's files`
        : written.manifestWritten
          ? `already up to date; listed ldgen's files in .ldgen-manifest.json`
          : "already up to date";
      process.stderr.write(`${opts.out}: ${what}${opts.synth ? ` (${app === "cdktn" ? "CDK Terrain" : "CDKTF"} app synthesized)` : ""}\n`);
    });

  cli
    .command("diff")
    .description("what changes in AWS from one spec to another (or from what DIR holds): creates, updates, replacements, destroys, and what each loses")
    .argument("<specs...>", "OLD NEW (two spec files), or NEW with --out DIR")
    .option("--out <dir>", "compare NEW with the last generate into DIR (its .ldgen-manifest.json)")
    .addOption(new Option("--format <format>", "the report as text or json").choices(["text", "json"]).default("text"))
    .option("--platform <file>", `the platform file (default: ${PLATFORM_FILE} beside each spec or in a parent folder)`)
    .option("--no-platform", "use no platform file")
    .action((specs: string[], opts: { out?: string; format: "text" | "json"; platform: PlatformOption }) => {
      const d = diffing();
      const byDir = opts.out !== undefined;
      if (specs.length !== (byDir ? 1 : 2)) throw new UsageError(byDir ? `diff --out DIR takes one spec, NEW (got ${specs.length})` : `diff takes two specs, OLD and NEW (got ${specs.length}); or NEW with --out DIR`);
      const outDir = opts.out ?? "out";
      const newFile = specs[specs.length - 1];
      // Everything is read before anything is checked: a missing file or record is a usage error, whatever the specs say.
      const texts = specs.map(readSpec);
      let record: ReturnType<typeof d.recordOf> | undefined;
      if (byDir) {
        try {
          record = d.recordOf(opts.out!);
        } catch (error) {
          throw error instanceof d.NoRecord ? new UsageError(error.message) : error;
        }
      }
      // NEW is planned against what it is compared with (the record, or OLD's plan): resources that only change address move.
      const sides: ReturnType<typeof d.checkSide>[] = [];
      specs.forEach((file, i) => {
        const previous = i === specs.length - 1 ? (record?.plan ?? sides[0]?.snapshot) : undefined;
        sides.push(d.checkSide(texts[i], file, { outDir, platform: findPlatform(file, opts.platform), exists, previous }));
      });
      const diagnostics = sides.flatMap((s) => s.checked.diagnostics);
      if (sides.some((s) => !s.snapshot)) {
        print(diagnostics, opts.format);
        process.exitCode = EXIT.spec;
        return;
      }
      const next = sides[sides.length - 1];
      const old = record
        ? { snapshot: record.plan, source: { file: `${path.join(opts.out!, ".ldgen-manifest.json")} (${record.spec.file})`, value: record.spec.value } }
        : { snapshot: sides[0].snapshot!, source: sides[0].source };
      const changes = d.diffSnapshots(old.snapshot, next.snapshot!, { old: old.source, next: next.source! });
      process.stdout.write(d.report(changes, opts.format, { old: byDir ? opts.out! : specs[0], new: newFile }));
      process.exitCode = d.exitCode(changes);
    });

  cli
    .command("events")
    .description("write sample events: what each wired function receives, and what lands in each failure target nobody consumes, with JSON Schemas")
    .argument("<spec>", "the spec file")
    .option("--out <dir>", "output folder", "events")
    .addOption(new Option("--format <format>", "diagnostics as text or json").choices(["text", "json"]).default("text"))
    .option("--lock-timeout <seconds>", "how long to wait for another run on the same DIR", "60")
    .option("--platform <file>", `the platform file (default: ${PLATFORM_FILE} beside the spec or in a parent folder)`)
    .option("--no-platform", "use no platform file")
    .action((spec: string, opts: { out: string; format: "text" | "json"; lockTimeout: string; platform: PlatformOption }) => {
      const lockTimeout = Number(opts.lockTimeout);
      if (!Number.isFinite(lockTimeout) || lockTimeout < 0) throw new UsageError(`--lock-timeout ${opts.lockTimeout}: give a number of seconds`);
      const result = events(readSpec(spec), spec, { exists, platform: findPlatform(spec, opts.platform) });
      print(result.diagnostics, opts.format);
      if (hasErrors(result.diagnostics)) {
        process.exitCode = EXIT.spec;
        return;
      }
      const targets = [...new Set(Object.keys(result.files).map((f) => f.split("/")[0]))];
      const written = output().writeGenerated(opts.out, result.files, { targets, lockTimeoutMs: lockTimeout * 1000 });
      const samples = Object.keys(result.files).filter((f) => !f.endsWith(".schema.json")).length;
      process.stderr.write(`${opts.out}: ${samples} sample ${samples === 1 ? "event" : "events"}${written.written.length ? `, wrote ${written.written.length} of ldgen's files` : ", already up to date"}\n`);
    });

  cli
    .command("graph")
    .description("print the wiring as a Mermaid or Graphviz graph")
    .argument("<spec>", "the spec file")
    .addOption(new Option("--format <format>", "graph format").choices(["mermaid", "dot"]).default("mermaid"))
    .option("--platform <file>", `the platform file (default: ${PLATFORM_FILE} beside the spec or in a parent folder)`)
    .option("--no-platform", "use no platform file")
    .action((spec: string, opts: { format: "mermaid" | "dot"; platform: PlatformOption }) => {
      const text = readSpec(spec);
      const { diagnostics, model } = check(text, spec, { exists, platform: findPlatform(spec, opts.platform) });
      if (hasErrors(diagnostics) || !model) {
        print(diagnostics, "text");
        process.exitCode = EXIT.spec;
        return;
      }
      process.stdout.write(graph(model, opts.format));
    });

  cli
    .command("templates")
    .description("list the built-in templates (the paths a templates folder can shadow), or print the templates' context")
    .option("--context", "print the JSON Schema of the context every template receives", false)
    .action((opts: { context: boolean }) => {
      const { builtinTemplates, RESOURCE_TYPES } = require("../emit/templates") as typeof import("../emit/templates");
      if (opts.context) {
        const { contextSchema } = require("../emit/context") as typeof import("../emit/context");
        process.stdout.write(JSON.stringify(contextSchema(), null, 2) + "\n");
        return;
      }
      for (const file of builtinTemplates()) process.stdout.write(file + "\n");
      process.stdout.write(`hcl/types/<resource type>.hbs: rendered inside every resource of that type (${RESOURCE_TYPES.length} types, e.g. hcl/types/aws_sqs_queue.hbs)\n`);
      process.stdout.write("extra/hcl/<file>[.hbs], extra/cdktf/<file>[.hbs]: additional output files, rendered from the context (ldgen templates --context)\n");
    });

  // (the command's module is small; the importer itself loads when it runs)
  cli.addCommand((require("./import") as typeof import("./import")).importCommand().copyInheritedSettings(cli));

  cli
    .command("schema")
    .description("print the JSON Schema of the spec (or, with --platform, of ldgen.platform.yaml), for editors")
    .option("--platform", "the platform file's schema instead", false)
    .action((opts: { platform: boolean }) => {
      process.stdout.write(JSON.stringify(opts.platform ? platformJsonSchema() : jsonSchema(), null, 2) + "\n");
    });
  return cli;
}

export function main(argv: string[]): void {
  // `ldgen schema | head`: a reader that stops early is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    program().parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (error instanceof UsageError) {
      process.stderr.write(`ldgen: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else {
      // Node's errors already begin with their code ("EACCES: permission denied, open ..."): print it once.
      const e = error as NodeJS.ErrnoException;
      const prefix = e.code && !e.message.startsWith(e.code) ? `${e.code}: ` : "";
      process.stderr.write(`ldgen: ${prefix}${e.message}\n`);
      process.exitCode = EXIT.usage;
    }
  }
}
