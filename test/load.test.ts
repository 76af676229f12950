import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

// bin/load.js: the CLI starts from the bundle (scripts/bundle.js) only while it is as new as dist/cli/main.js,
// and uses a code cache only when it was made from exactly that bundle.
const LOAD = path.join(__dirname, "..", "bin", "load.js");

function layout(): { root: string; main: string; bundle: string; cache: string; run: () => { which: string; cached: boolean | undefined; rejected: boolean | undefined } } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-load-"));
  fs.mkdirSync(path.join(root, "bin"));
  fs.mkdirSync(path.join(root, "dist", "cli"), { recursive: true });
  fs.copyFileSync(LOAD, path.join(root, "bin", "load.js"));
  const main = path.join(root, "dist", "cli", "main.js");
  const bundle = path.join(root, "dist", "cli", "ldgen.bundle.js");
  const cache = path.join(root, "dist", "cli", "ldgen.bundle.cache");
  fs.writeFileSync(main, 'exports.which = "main";\n');
  fs.writeFileSync(bundle, 'exports.which = "bundle"; exports.dir = __dirname; exports.resolves = typeof require.resolve;\n');
  const run = () => {
    const code = `const l = require(${JSON.stringify(path.join(root, "bin", "load.js"))}).load(); console.log(JSON.stringify({ which: l.exports.which, cached: l.script && l.script.cachedDataRejected === false, rejected: l.script && l.script.cachedDataRejected }))`;
    const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout);
  };
  return { root, main, bundle, cache, run };
}

const age = (file: string, seconds: number) => {
  const t = Date.now() / 1000 - seconds;
  fs.utimesSync(file, t, t);
};

describe("bin/load.js", () => {
  it("in a checkout, runs the bundle when it is as new as dist/cli/main.js, and dist/cli/main.js when it is older or missing", () => {
    const l = layout();
    try {
      fs.writeFileSync(path.join(l.root, "tsconfig.json"), "{}");
      age(l.main, 60);
      expect(l.run().which).toBe("bundle");
      // tsc --incremental rewrote one module after the bundle was made: the bundle is stale.
      fs.mkdirSync(path.join(l.root, "dist", "emit"));
      const module = path.join(l.root, "dist", "emit", "hcl.js");
      fs.writeFileSync(module, "");
      age(l.bundle, 30);
      expect(l.run().which).toBe("main");
      age(module, 60);
      expect(l.run().which).toBe("bundle");
      age(l.bundle, 120); // tsc ran after the bundle was made: the bundle is stale
      expect(l.run().which).toBe("main");
      fs.rmSync(l.bundle);
      expect(l.run().which).toBe("main");
    } finally {
      fs.rmSync(l.root, { recursive: true, force: true });
    }
  });

  it("in an installed package (no tsconfig.json), runs the bundle whatever the files' times", () => {
    const l = layout();
    try {
      age(l.bundle, 120);
      expect(l.run().which).toBe("bundle");
      fs.rmSync(l.bundle);
      expect(l.run().which).toBe("main");
    } finally {
      fs.rmSync(l.root, { recursive: true, force: true });
    }
  });

  it("uses a code cache made from this bundle, ignores one made from another, and survives one V8 rejects", () => {
    const l = layout();
    try {
      age(l.main, 60);
      const source = fs.readFileSync(l.bundle, "utf8");
      const sha = (text: string) => crypto.createHash("sha1").update(text).digest();
      // Not a cache of this bundle: never handed to V8.
      fs.writeFileSync(l.cache, Buffer.concat([sha(source + " "), Buffer.from("garbage")]));
      expect(l.run()).toEqual({ which: "bundle", cached: false });
      // This bundle's hash but bytes V8 did not write: V8 rejects them and compiles as usual.
      fs.writeFileSync(l.cache, Buffer.concat([sha(source), Buffer.from("garbage")]));
      expect(l.run()).toMatchObject({ which: "bundle", rejected: true });
    } finally {
      fs.rmSync(l.root, { recursive: true, force: true });
    }
  });

  it("is what the built CLI runs from, with a code cache V8 accepts (made under the flags bin/ldgen.js sets)", () => {
    const dist = path.join(__dirname, "..", "dist", "cli");
    expect(fs.existsSync(path.join(dist, "ldgen.bundle.js"))).toBe(true);
    const code = `const { load, tuneJit } = require(${JSON.stringify(LOAD)}); tuneJit(); const l = load(); console.log(JSON.stringify({ bundled: l.script !== undefined, rejected: l.script && l.script.cachedDataRejected, main: typeof l.exports.main }))`;
    const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
    expect(JSON.parse(r.stdout)).toEqual({ bundled: true, rejected: false, main: "function" });
  });
});

describe("bin/load.js jitFlags", () => {
  const { jitFlags } = require(LOAD) as { jitFlags: (o?: { v8?: string; execArgv?: string[]; nodeOptions?: string }) => string[] };

  it("raises V8 11's interrupt budget eightfold (Node 20), so that a one-second run optimizes only the code that stays hot", () => {
    expect(jitFlags({ v8: "11.3.244.8-node.33", execArgv: [], nodeOptions: "" })).toEqual(["--interrupt-budget=540672"]);
  });

  it("leaves other V8 versions alone (they tier up by other counts, and may not know the flag)", () => {
    expect(jitFlags({ v8: "12.4.254.21-node.33", execArgv: [], nodeOptions: "" })).toEqual([]);
    expect(jitFlags({ v8: "10.2.154.26-node.26", execArgv: [], nodeOptions: "" })).toEqual([]);
  });

  it("leaves a budget the user set, on the command line or in NODE_OPTIONS", () => {
    expect(jitFlags({ v8: "11.3.244.8", execArgv: ["--interrupt-budget=1000"], nodeOptions: "" })).toEqual([]);
    expect(jitFlags({ v8: "11.3.244.8", execArgv: [], nodeOptions: "--max-old-space-size=512 --interrupt_budget=1000" })).toEqual([]);
    expect(jitFlags({ v8: "11.3.244.8", execArgv: ["--interrupt-budget-for-feedback-allocation=10"], nodeOptions: "" })).toEqual(["--interrupt-budget=540672"]);
  });

  it("is set by the CLI without a word on stderr", () => {
    const r = spawnSync(process.execPath, [path.join(__dirname, "..", "bin", "ldgen.js"), "--version"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("is set by the CLI before it loads, so that V8 accepts the code cache made under it", () => {
    // A preloaded hook reports what V8 did with the cache bin/ldgen.js gave the bundle (without the flags it is
    // rejected, silently: the CLI then only starts slower).
    const hook = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-hook-")), "hook.js");
    fs.writeFileSync(
      hook,
      `const vm = require("node:vm");
      const Script = vm.Script;
      vm.Script = class extends Script {
        constructor(source, options) {
          super(source, options);
          process.on("exit", () => process.stderr.write(JSON.stringify({ cached: options?.cachedData !== undefined, rejected: this.cachedDataRejected }) + "\\n"));
        }
      };`,
    );
    try {
      const r = spawnSync(process.execPath, ["--require", hook, path.join(__dirname, "..", "bin", "ldgen.js"), "--version"], { encoding: "utf8" });
      expect([r.status, JSON.parse(r.stderr)]).toEqual([0, { cached: true, rejected: false }]);
    } finally {
      fs.rmSync(path.dirname(hook), { recursive: true, force: true });
    }
  });
});
