#!/usr/bin/env node
// Makes the CLI start fast: dist/cli/ldgen.bundle.js is dist/cli/main.js with the modules it loads (ours,
// commander, yaml, handlebars, diff) in one file, so node resolves and reads one file instead of about 150,
// and dist/cli/ldgen.bundle.cache is V8's code cache for it, made by running the bundle once on a bundled
// example, so a run starts with the functions it needs already compiled. bin/ldgen.js uses both when they
// are there and (in a checkout) not older than any file of dist/, and dist/cli/main.js otherwise; V8 ignores a cache made by
// another version of node. The peer packages (cdktf, cdktn) and typescript stay outside: only `--synth` loads them.
//
// `node scripts/bundle.js` after tsc (npm run build). Without esbuild (`npm ci --omit=dev`) it makes no bundle and the
// CLI runs from dist/ as it is; `--optional` (npm's prepare) says nothing about it.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "dist", "cli", "main.js");
const bundle = path.join(root, "dist", "cli", "ldgen.bundle.js");
const cache = path.join(root, "dist", "cli", "ldgen.bundle.cache");

let esbuild;
try {
  esbuild = require("esbuild");
} catch {
  // The CLI then runs from dist/ as tsc wrote it (slower to start); test/load.test.ts fails where the bundle is missing.
  for (const file of [bundle, cache]) fs.rmSync(file, { force: true });
  if (!process.argv.includes("--optional")) console.error("scripts/bundle.js: esbuild is not installed (npm install), so the CLI runs unbundled and starts slower");
  process.exit(0);
}

fs.rmSync(cache, { force: true });
const tmp = (file) => `${file}.${process.pid}.tmp`;
// Written beside and renamed into place: a CLI started meanwhile reads the old bundle or the new one, never half of one.
let built;
try {
  [built] = esbuild.buildSync({
    entryPoints: [entry],
    outfile: bundle,
    write: false,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["typescript", "cdktf", "cdktn", "constructs", "@cdktf/*", "@cdktn/*"],
    logLevel: "warning",
    legalComments: "none",
  }).outputFiles;
} catch (error) {
  // esbuild is there but cannot run (its platform binary missing: --omit=optional, another OS's node_modules).
  fs.rmSync(bundle, { force: true });
  if (!process.argv.includes("--optional")) console.error(`scripts/bundle.js: esbuild failed (${String(error.message).split("\n")[0]}), so the CLI runs unbundled and starts slower`);
  process.exit(0);
}
fs.writeFileSync(tmp(bundle), built.contents);
fs.renameSync(tmp(bundle), bundle);

// The code cache: run the bundle as bin/ldgen.js does, validating and generating a bundled example into a
// scratch folder, and keep what V8 compiled. Its output is thrown away; a failure leaves no cache, not a broken one.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-bundle-"));
try {
  const spec = path.join(root, "examples", "image-pipeline", "spec.yaml");
  const warm = `
    const { load, tuneJit } = require(${JSON.stringify(path.join(root, "bin", "load.js"))});
    // Under the flags bin/ldgen.js sets: V8 accepts a cache only from a run with the same flags.
    tuneJit();
    const loaded = load({ cache: false });
    for (const argv of [["validate", ${JSON.stringify(spec)}], ["generate", ${JSON.stringify(spec)}, "--out", ${JSON.stringify(path.join(scratch, "out"))}, "--target", "hcl", "--no-platform"]]) {
      loaded.exports.main(["node", "ldgen", ...argv]);
    }
    const sha = require("node:crypto").createHash("sha1").update(require("node:fs").readFileSync(${JSON.stringify(bundle)}, "utf8")).digest();
    process.exitCode = 0;
    require("node:fs").writeFileSync(${JSON.stringify(tmp(cache))}, Buffer.concat([sha, loaded.script.createCachedData()]));
  `;
  const run = spawnSync(process.execPath, ["-e", warm], { cwd: scratch, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (run.status === 0 && fs.existsSync(tmp(cache))) fs.renameSync(tmp(cache), cache);
  else console.error(`scripts/bundle.js: no code cache (the CLI still starts from the bundle):\n${run.stderr}`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(tmp(cache), { force: true });
}
