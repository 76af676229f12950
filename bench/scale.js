#!/usr/bin/env node
// The scale benchmark (issue 12): `npm run bench -- --scale [--sizes 100,1000,10000] [--runs 3] [--timeout 900]`.
// Writes bench/synthetic.js's spec at each size and times, as whole processes, side by side in the same run
// (the commands take turns within each round, so that a drift in the machine's speed touches all of them):
//   validate, generate --target hcl, generate --target cdktf, generate --target cdktf --synth, the
//   hand-written CDKTF app (bench/handwritten/main.js) synthesizing the same resources, and `ldgen diff` of the
//   spec and its next version (bench/synthetic.js's `changed`: every function updated, 100 mappings replaced).
// Prints medians of wall time, CPU time (user + system, the synth child included) and peak RSS, then the ratios
// against the issue's targets. Numbers, not assertions: nothing here fails a build; the machine may be shared,
// so prefer the CPU-time ratios of one run over absolute times.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { syntheticSpec } = require("./synthetic");

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "bin", "ldgen.js");
const handwritten = path.join(__dirname, "handwritten", "main.js");

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}
const sizes = option("sizes", "100,1000,10000").split(",").map(Number);
const runs = Number(option("runs", process.env.RUNS || 3));
const timeout = Number(option("timeout", 900)) * 1000;
const only = option("commands", "validate,hcl,cdktf,synth,handwritten,diff").split(",");

const GNU_TIME = "/usr/bin/time";
if (spawnSync(GNU_TIME, ["-f", "%e", "true"]).status !== 0) {
  console.error("the scale benchmark needs GNU time at /usr/bin/time (apt-get install time) for CPU time and peak memory");
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-scale-"));
const commands = (n, spec) => {
  const out = (what) => path.join(work, `out-${n}-${what}`);
  const next = spec.replace(/\.yaml$/, "-next.yaml");
  const all = [
    ["validate", [cli, "validate", spec], {}],
    ["hcl", [cli, "generate", spec, "--out", out("hcl"), "--target", "hcl"], {}],
    ["cdktf", [cli, "generate", spec, "--out", out("cdktf"), "--target", "cdktf"], {}],
    ["synth", [cli, "generate", spec, "--out", out("synth"), "--target", "cdktf", "--synth"], {}],
    ["handwritten", [handwritten, String(n)], { CDKTF_OUTDIR: out("handwritten"), CHECKPOINT_DISABLE: "1" }],
    // (exit 4: the change flags losses, as it should)
    ["diff", [cli, "diff", spec, next], {}, [4]],
  ];
  return all.filter(([name]) => only.includes(name));
};

/** One whole-process run: wall and CPU seconds and peak RSS (MB), or the reason it failed. */
function measure(args, env, codes = [0]) {
  const r = spawnSync(GNU_TIME, ["-f", "@@ %e %U %S %M", process.execPath, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) return { failed: r.error.code === "ETIMEDOUT" ? `timeout ${timeout / 1000}s` : r.error.message };
  const line = r.stderr.split("\n").reverse().find((l) => l.startsWith("@@ "));
  if (!line) return { failed: "no timing" };
  const [wall, user, sys, rss] = line.slice(3).split(" ").map(Number);
  if (!codes.includes(r.status)) {
    const why = r.stderr.split("\n").filter((l) => l && !l.startsWith("@@ ") && !/^Command exited/.test(l)).slice(0, 3).join(" | ");
    return { failed: `exit ${r.status}: ${why.slice(0, 160)}`, wall, cpu: user + sys, rss: rss / 1024 };
  }
  return { wall, cpu: user + sys, rss: rss / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

const results = {}; // results[n][command] = { wall, cpu, rss, failed }
console.log(`ldgen scale benchmark: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${runs} runs a command, sizes ${sizes.join(", ")}`);

// A small spec, cold: the start-up cost every user pays.
{
  const small = path.join(root, "examples", "image-pipeline", "spec.yaml");
  const times = [];
  for (let i = 0; i < Math.max(runs, 5); i++) times.push(measure([cli, "validate", small], {}));
  const ok = times.filter((t) => !t.failed);
  results.small = { wall: median(ok.map((t) => t.wall)), cpu: median(ok.map((t) => t.cpu)), rss: Math.max(...ok.map((t) => t.rss)) };
  console.log(`validate examples/image-pipeline (cold): wall ${results.small.wall.toFixed(2)} s, cpu ${results.small.cpu.toFixed(2)} s, peak ${results.small.rss.toFixed(0)} MB`);
}

for (const n of sizes) {
  const spec = path.join(work, `scale-${n}.yaml`);
  fs.writeFileSync(spec, syntheticSpec(n));
  fs.writeFileSync(spec.replace(/\.yaml$/, "-next.yaml"), syntheticSpec(n, { changed: true }));
  const list = commands(n, spec);
  const samples = Object.fromEntries(list.map(([name]) => [name, []]));
  const dead = new Set();
  for (let round = 0; round < runs; round++) {
    for (const [name, args, env, codes] of list) {
      if (dead.has(name)) continue;
      const t = measure(args, env, codes);
      samples[name].push(t);
      if (t.failed) dead.add(name); // a command that failed (or timed out) once is not run again at this size
      process.stderr.write(`  ${n} ${name} round ${round + 1}: ${t.failed ? `FAILED (${t.failed})` : `${t.wall.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s cpu, ${t.rss.toFixed(0)} MB`}\n`);
    }
  }
  results[n] = {};
  for (const [name] of list) {
    const ok = samples[name].filter((t) => !t.failed);
    const failed = samples[name].find((t) => t.failed)?.failed;
    results[n][name] = ok.length && !failed
      ? { wall: median(ok.map((t) => t.wall)), cpu: median(ok.map((t) => t.cpu)), rss: Math.max(...ok.map((t) => t.rss)), runs: ok.length }
      : { failed: failed ?? "no run" };
  }
  fs.rmSync(path.join(work), { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
}
fs.rmSync(work, { recursive: true, force: true });

// The table: one row per size, one column per command (median CPU s / median wall s / peak MB).
const names = commands(0, "").map(([name]) => name);
const title = { validate: "validate", hcl: "generate --target hcl", cdktf: "generate --target cdktf", synth: "--synth", handwritten: "hand-written CDKTF app", diff: "diff of two versions" };
const cell = (r) => (!r ? "" : r.failed ? `failed: ${r.failed}` : `${r.cpu.toFixed(2)} s cpu / ${r.wall.toFixed(2)} s wall / ${r.rss.toFixed(0)} MB`);
console.log("");
console.log(`| functions | ${names.map((n) => title[n]).join(" | ")} |`);
console.log(`|---|${names.map(() => "---").join("|")}|`);
for (const n of sizes) console.log(`| ${n.toLocaleString("en")} | ${names.map((name) => cell(results[n][name])).join(" | ")} |`);

// The issue's targets, as ratios of medians measured in this run (CPU time; wall in brackets).
console.log("");
const ratio = (a, b, key) => (a && b && !a.failed && !b.failed ? a[key] / b[key] : NaN);
const fmt = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : "n/a");
const verdict = (x, limit) => (Number.isFinite(x) ? (x <= limit ? "met" : "NOT met") : "not measured");
const targets = [];
const at = (n) => results[n] ?? {};
if (sizes.includes(1000)) {
  const hand = at(1000).handwritten;
  for (const [name, limit] of [["hcl", 0.1], ["cdktf", 0.2], ["synth", 1.3]]) {
    const cpu = ratio(at(1000)[name], hand, "cpu");
    targets.push([`1,000 functions: ${title[name]} / hand-written synth <= ${limit}x`, `${fmt(cpu)} cpu (${fmt(ratio(at(1000)[name], hand, "wall"))} wall)`, verdict(cpu, limit)]);
  }
  // What the CDK target adds to the shared check (parse, rules, plan): the emitter and writing its files.
  const { validate, cdktf } = at(1000);
  if (validate && cdktf && !validate.failed && !cdktf.failed) targets.push(["1,000 functions: generate --target cdktf - validate (the CDK emitter and writing)", `${(cdktf.cpu - validate.cpu).toFixed(2)} s cpu (${fmt((cdktf.cpu - validate.cpu) / hand?.cpu)} of the hand-written synth)`, "(information)"]);
  // Issue 19: comparing two versions costs under two checks of one.
  const cpu = ratio(at(1000).diff, at(1000).validate, "cpu");
  targets.push(["1,000 functions: diff of two versions / validate of one <= 2x", `${fmt(cpu)} cpu (${fmt(ratio(at(1000).diff, at(1000).validate, "wall"))} wall)`, verdict(cpu, 2)]);
  const hcl = at(1000).hcl;
  if (hcl && !hcl.failed) targets.push(["1,000 functions: generate --target hcl peak memory < 200 MB", `${hcl.rss.toFixed(0)} MB`, hcl.rss < 200 ? "met" : "NOT met"]);
}
if (sizes.includes(1000) && sizes.includes(10000)) {
  for (const name of names) {
    const cpu = ratio(at(10000)[name], at(1000)[name], "cpu");
    targets.push([`1,000 -> 10,000 functions: ${title[name]} grows <= 12x`, `${fmt(cpu)} cpu (${fmt(ratio(at(10000)[name], at(1000)[name], "wall"))} wall)`, verdict(cpu, 12)]);
  }
}
targets.push(["validate of a small spec, cold, < 0.25 s", `${results.small.wall.toFixed(2)} s wall, ${results.small.cpu.toFixed(2)} s cpu`, results.small.wall < 0.25 ? "met" : results.small.cpu < 0.25 ? "met in CPU time (wall includes waiting for a shared CPU)" : "NOT met"]);
console.log("| target | measured | |");
console.log("|---|---|---|");
for (const [what, value, v] of targets) console.log(`| ${what} | ${value} | ${v} |`);
