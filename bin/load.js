"use strict";
// Loads the CLI: the bundle (dist/cli/ldgen.bundle.js) with V8's code cache when `npm run build` made them
// (scripts/bundle.js) and, in a checkout, they are not older than any file of dist/; else dist/cli/main.js. The bundle starts
// in about two thirds of the time: one file instead of about 150, its functions compiled already.
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

const dist = path.join(__dirname, "..", "dist", "cli");

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest time a `.js` file of a folder tree (but the bundle) was written: about a hundred stats. */
function newestScript(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestScript(file));
    else if (entry.name.endsWith(".js") && !entry.name.startsWith("ldgen.bundle")) newest = Math.max(newest, mtime(file) ?? 0);
  }
  return newest;
}

/** `{ exports, script }`: the CLI module's exports, and the compiled bundle (undefined when it was not used). */
function load({ cache = true } = {}) {
  const main = path.join(dist, "main.js");
  const file = path.join(dist, "ldgen.bundle.js");
  const bundled = mtime(file);
  // In a checkout, tsc may have rebuilt dist/ after the bundle was made (all of it, or with --watch or
  // --incremental only the files that changed): a bundle older than any file of dist/ is stale. An installed
  // package's dist/ is never rebuilt (and npm does not keep the files' times).
  const checkout = mtime(path.join(__dirname, "..", "tsconfig.json")) !== undefined;
  if (bundled === undefined || (checkout && bundled < newestScript(path.join(dist, "..")))) return { exports: require(main), script: undefined };
  const vm = require("node:vm");
  const source = fs.readFileSync(file, "utf8");
  // The cache holds the bundle's SHA-1 first: V8 itself checks only the length of the source it was made from.
  let cachedData;
  if (cache) {
    try {
      const data = fs.readFileSync(path.join(dist, "ldgen.bundle.cache"));
      const sha = require("node:crypto").createHash("sha1").update(source).digest();
      if (data.length > sha.length && sha.equals(data.subarray(0, sha.length))) cachedData = data.subarray(sha.length);
    } catch {
      // No cache: compile as usual.
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dist);
  mod.loaded = true;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dist);
  return { exports: mod.exports, script };
}

/**
 * The V8 flags the CLI sets for itself before it loads: `[]` but on V8 11 (Node 20), and none a user set.
 *
 * ldgen runs for about a second. V8 11 optimizes a function (TurboFan, on helper threads) once it has run
 * about 66 KB of bytecode, three or more times over: in a run this short, much of that compiling ends after
 * the work it was for (a third of the CPU time of generating 1,000 functions). Eight times the budget
 * optimizes only the code that stays hot: at 1,000 functions about 28% less CPU and 10% less wall time, at
 * 10,000 no change (README, Development). Other V8 versions tier up by other counts and may not know the
 * flag (V8 prints an error for an unknown one), so they are left as they are.
 */
function jitFlags({ v8 = process.versions.v8, execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? "" } = {}) {
  if (!/^11\./.test(v8)) return [];
  // (Node 20 refuses this flag in NODE_OPTIONS, exit 9: a user sets it on node's command line; NODE_OPTIONS is read in case a later node allows it.)
  if ([...execArgv, ...nodeOptions.split(/\s+/)].some((a) => /^--interrupt[-_]budget(=|$)/.test(a))) return [];
  return [`--interrupt-budget=${8 * 67584}`];
}

/** Sets `jitFlags()`: call it first, before the code it tunes is loaded. */
function tuneJit() {
  const flags = jitFlags();
  if (flags.length) require("node:v8").setFlagsFromString(flags.join(" "));
}

module.exports = { load, jitFlags, tuneJit };
