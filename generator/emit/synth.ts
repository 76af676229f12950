import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { CDK_FLAVORS, type CdkFlavor } from "./cdk-flavors";

/**
 * The child process that runs a generated app: each `.ts` file of the app is loaded as CommonJS, from
 * the JavaScript the emitter made for it when the file is the one it was made from (stdin: by real path,
 * the file's SHA-256 and its JavaScript), else transpiled with the TypeScript compiler (the options of
 * `javascriptOf`), and resolves packages through NODE_PATH only: ldgen's own cdktf, even beside an app
 * with its own node_modules.
 */
const RUNNER = `
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const [, entry, typescript] = process.argv;
// Constructs record where they were created (debugging metadata, never in cdk.tf.json); naming the
// functions of a trace without its line numbers spares locating each frame in the app's source.
Error.prepareStackTrace = (error, frames) => [String(error), ...frames.map((f) => "    at " + (f.getFunctionName() || "<anonymous>"))].join("\\n");
const compiled = JSON.parse(fs.readFileSync(0, "utf8") || "{}");
let ts;
function transpile(text, file) {
  ts ??= require(typescript);
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ESNext, esModuleInterop: true };
  return ts.transpileModule(text, { fileName: file, compilerOptions: options }).outputText;
}
require.extensions[".ts"] = (module, file) => {
  module.paths = [];
  const text = fs.readFileSync(file, "utf8");
  const known = compiled[file];
  const same = known !== undefined && known.sha256 === crypto.createHash("sha256").update(text).digest("hex");
  module._compile(same ? known.javascript : transpile(text, file), file);
};
Module._load(entry, null, true);
`;

/** The node_modules folders that hold ldgen's own core library, constructs and AWS provider bindings. */
function ownModules(flavor: CdkFlavor): string[] {
  const { core, provider } = CDK_FLAVORS[flavor];
  const folders = [core, "constructs", provider].map((name) => {
    let pkg: string;
    try {
      pkg = path.dirname(require.resolve(`${name}/package.json`));
    } catch {
      throw new Error(`${flavor} synth needs ${name} installed beside ldgen`);
    }
    return path.resolve(pkg, ...name.split("/").map(() => ".."));
  });
  return [...new Set(folders)];
}

export interface SynthOptions {
  /** Which libraries the app is written against. Default `cdktf`. */
  flavor?: CdkFlavor;
  /** The app's entry file, relative to its folder. Default `main.ts`. */
  entry?: string;
  /** The Node.js executable to run the app with. Default: the one running ldgen. */
  node?: string;
  /**
   * JavaScript to run for files of the app (paths relative to `dir`) instead of transpiling them, each
   * with the TypeScript it was made from: used only while the file on disk is that text.
   */
  compiled?: Record<string, { source: string; javascript: string }>;
}

/** The emitter's JavaScript for the files of one CDK app (`Generated.javascript`, by output path), as `SynthOptions.compiled`. */
export function compiledApp(generated: { files: Record<string, string>; javascript?: Record<string, string> }, flavor: CdkFlavor): SynthOptions["compiled"] {
  const compiled: NonNullable<SynthOptions["compiled"]> = {};
  for (const [rel, javascript] of Object.entries(generated.javascript ?? {})) {
    if (rel.startsWith(`${flavor}/`)) compiled[rel.slice(flavor.length + 1)] = { source: generated.files[rel], javascript };
  }
  return compiled;
}

/**
 * Runs the generated CDK app in `dir` with ldgen's own dependencies (no npm install): writes
 * `dir/cdktf.out/stacks/<name>/cdk.tf.json`. Throws when the app fails or writes no stack.
 * Nothing in the app depends on where `dir` is: it may be a staging copy of the final folder.
 */
export function synth(dir: string, options: SynthOptions = {}): void {
  const flavor = options.flavor ?? "cdktf";
  const entry = path.resolve(dir, options.entry ?? "main.ts");
  if (!fs.existsSync(entry)) throw new Error(`${flavor} synth: ${entry} does not exist (generate with --target ${flavor}${flavor === "cdktf" ? " or all" : ""})`);
  const outdir = path.resolve(dir, "cdktf.out");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: ownModules(flavor).join(path.delimiter), CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  delete env.CDKTF_TARGET_STACK_ID;
  delete env.CDKTF_CONTEXT_JSON;
  const compiled: Record<string, { sha256: string; javascript: string }> = {};
  for (const [rel, { source, javascript }] of Object.entries(options.compiled ?? {})) {
    const file = path.resolve(dir, rel);
    // Node names a module by its real path.
    if (fs.existsSync(file)) compiled[fs.realpathSync(file)] = { sha256: createHash("sha256").update(source).digest("hex"), javascript };
  }
  const run = spawnSync(options.node ?? process.execPath, ["-e", RUNNER, entry, require.resolve("typescript")], {
    cwd: dir,
    env,
    input: JSON.stringify(compiled),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`${flavor} synth of ${entry} could not run: ${run.error.message}`);
  if (run.status !== 0) {
    const output = `${run.stderr}\n${run.stdout}`.trim().split("\n").slice(0, 40).join("\n");
    throw new Error(`${flavor} synth of ${entry} failed (exit ${run.status ?? run.signal}):\n${output}`);
  }
  const stacks = path.join(outdir, "stacks");
  const written = fs.existsSync(stacks) ? fs.readdirSync(stacks).filter((s) => fs.existsSync(path.join(stacks, s, "cdk.tf.json"))) : [];
  if (written.length === 0) throw new Error(`${flavor} synth of ${entry} wrote no stack`);
}
