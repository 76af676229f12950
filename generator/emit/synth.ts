import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The child process that runs a generated app: transpiles `main.ts` with the TypeScript compiler
 * and runs it as a CommonJS module whose `__dirname` is where the app will live (`argv[2]`).
 */
const RUNNER = `
const fs = require("node:fs");
const Module = require("node:module");
const [, source, location, typescript] = process.argv;
const ts = require(typescript);
const { outputText } = ts.transpileModule(fs.readFileSync(source, "utf8"), {
  fileName: location,
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
});
const main = new Module(location, null);
main.filename = location;
main.paths = []; // only NODE_PATH: ldgen's own cdktf, even beside an app with its own node_modules
main._compile(outputText, location);
`;

/** The node_modules folders that hold ldgen's own cdktf, constructs and AWS provider bindings. */
function ownModules(): string[] {
  const folders = ["cdktf", "constructs", "@cdktf/provider-aws"].map((name) => {
    const pkg = path.dirname(require.resolve(`${name}/package.json`));
    return path.resolve(pkg, ...name.split("/").map(() => ".."));
  });
  return [...new Set(folders)];
}

export interface SynthOptions {
  /**
   * The folder the app will live in once written, when `dir` is a staging copy: its `__dirname`,
   * against which local code paths resolve. Default: `dir`.
   */
  location?: string;
}

/**
 * Runs the generated CDKTF app in `dir` with ldgen's own dependencies (no npm install): writes
 * `dir/cdktf.out/stacks/<name>/cdk.tf.json`. Throws when the app fails or writes no stack.
 */
export function synth(dir: string, options: SynthOptions = {}): void {
  const source = path.join(dir, "main.ts");
  if (!fs.existsSync(source)) throw new Error(`cdktf synth: ${source} does not exist (generate with --target cdktf or all)`);
  const location = path.resolve(options.location ?? dir, "main.ts");
  const outdir = path.resolve(dir, "cdktf.out");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: ownModules().join(path.delimiter), CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  delete env.CDKTF_TARGET_STACK_ID;
  const run = spawnSync(process.execPath, ["-e", RUNNER, source, location, require.resolve("typescript")], {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cdktf synth of ${location} could not run: ${run.error.message}`);
  if (run.status !== 0) {
    const output = `${run.stderr}\n${run.stdout}`.trim().split("\n").slice(0, 40).join("\n");
    throw new Error(`cdktf synth of ${location} failed (exit ${run.status ?? run.signal}):\n${output}`);
  }
  const stacks = path.join(outdir, "stacks");
  const written = fs.existsSync(stacks) ? fs.readdirSync(stacks).filter((s) => fs.existsSync(path.join(stacks, s, "cdk.tf.json"))) : [];
  if (written.length === 0) throw new Error(`cdktf synth of ${location} wrote no stack`);
}
