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

module.exports = { load };
