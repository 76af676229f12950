#!/usr/bin/env node
// Measures the CLI as a user runs it: wall time (median of N runs) and peak memory of each command.
// `npm run bench` (after `npm run build`). Numbers, not assertions: nothing here fails a build.
"use strict";
// `npm run bench -- --scale`: the scale benchmark of bench/scale.js instead (synthetic specs of 100 to 10,000 functions).
if (process.argv.includes("--scale")) {
  require("../bench/scale.js");
  return;
}
// `npm run bench -- --import`: `ldgen import` of a 1,000-function state (bench/import.js).
if (process.argv.includes("--import")) {
  require("../bench/import.js");
  return;
}
const { spawnSync } = require("node:child_process");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "bin", "ldgen.js");
const out = path.join(os.tmpdir(), "ldgen-bench");
const runs = Number(process.env.RUNS || 7);
const cases = [
  ["node -e 0 (baseline)", ["-e", "0"]],
  ["validate image-pipeline", [cli, "validate", "examples/image-pipeline/spec.yaml"]],
  ["generate complete --target hcl", [cli, "generate", "examples/complete/spec.yaml", "--out", out, "--target", "hcl"]],
  ["generate complete (hcl + cdktf)", [cli, "generate", "examples/complete/spec.yaml", "--out", out]],
  ["generate complete --synth", [cli, "generate", "examples/complete/spec.yaml", "--out", out, "--synth"]],
];
const hasTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;
for (const [name, args] of cases) {
  const times = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const r = hasTime
      ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { cwd: root, encoding: "utf8" })
      : spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (hasTime) rss = Math.max(rss, Number(r.stderr.trim().split("\n").pop()) || 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${name.padEnd(34)} median ${median.toFixed(0).padStart(5)} ms   min ${times[0].toFixed(0).padStart(5)} ms${hasTime ? `   peak RSS ${(rss / 1024).toFixed(0)} MB` : ""}`);
}
