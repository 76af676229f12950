#!/usr/bin/env node
// The import benchmark (issue 20): `npm run bench -- --import [--functions 1000] [--runs 5]`.
// `terraform show -json` of the state of bench/synthetic.js's spec at 1,000 functions, made without planning
// 1,000 functions: bench/import-show-10.json is the state of the 10-function spec as test/support/tfstate.ts's
// applyOffline made it (terraform 1.11.4, hashicorp/aws 5.100.0) in test/import-terraform.test.ts, whose corpus
// holds that spec (`LDGEN_BENCH_SHOW=bench/import-show-10.json npx jest test/import-terraform.test.ts` writes it
// again), and the 1,000-function state is that block of ten repeated with its numbers shifted (fn-00000..
// fn-00009 become fn-00010..fn-00019, and so on), the one shared topic kept once. Then times `ldgen import FILE
// --out SPEC` as a whole process (wall, CPU, peak RSS; median of --runs). Numbers, not assertions.
// `--plan`: the same of a plan instead (every ARN, URL and ID unknown, filled in from the configuration):
// bench/import-plan-10.json is the first plan of the 10-function spec (`LDGEN_BENCH_PLAN=bench/import-plan-10.json`
// with the same jest command writes it again), repeated the same way in its planned values, resource changes and
// configuration.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "bin", "ldgen.js");
const BLOCK = path.join(__dirname, "import-show-10.json");
const PLAN_BLOCK = path.join(__dirname, "import-plan-10.json");

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** The show JSON of `n` functions (a multiple of 10) from the 10-function block. */
function showOf(n) {
  const block = JSON.parse(fs.readFileSync(BLOCK, "utf8"));
  const resources = block.values.root_module.resources;
  const shared = resources.filter((r) => !/\d{5}/.test(r.address));
  const own = JSON.stringify(resources.filter((r) => /\d{5}/.test(r.address)));
  const out = [...shared];
  for (let k = 0; k < n / 10; k++) {
    // fn-00001, fn_00001 and (in statement ids) Fn00001, likewise for streams.
    const shifted = own.replace(/(fn|stream|Fn|Stream)([-_]?)(\d{5})/g, (_, what, sep, digits) => `${what}${sep}${String(Number(digits) + 10 * k).padStart(5, "0")}`);
    out.push(...JSON.parse(shifted));
  }
  return { ...block, values: { root_module: { ...block.values.root_module, resources: out } } };
}

/** fn-00001, fn_00001 and (in statement ids) Fn00001, likewise for streams, shifted by `by`. */
const shift = (text, by) => text.replace(/(fn|stream|Fn|Stream)([-_]?)(\d{5})/g, (_, what, sep, digits) => `${what}${sep}${String(Number(digits) + by).padStart(5, "0")}`);

/** Each list's own entries (those of numbered resources) repeated `n / 10` times, the shared ones once. */
function repeated(list, n, key) {
  const shared = list.filter((x) => !/\d{5}/.test(key(x)));
  const own = JSON.stringify(list.filter((x) => /\d{5}/.test(key(x))));
  const out = [...shared];
  for (let k = 0; k < n / 10; k++) out.push(...JSON.parse(shift(own, 10 * k)));
  return out;
}

/** The plan JSON of `n` functions (a multiple of 10) from the 10-function plan. */
function planOf(n) {
  const block = JSON.parse(fs.readFileSync(PLAN_BLOCK, "utf8"));
  const byAddress = (x) => x.address;
  return {
    ...block,
    planned_values: { root_module: { resources: repeated(block.planned_values.root_module.resources, n, byAddress) } },
    resource_changes: repeated(block.resource_changes, n, byAddress),
    configuration: { ...block.configuration, root_module: { ...block.configuration.root_module, resources: repeated(block.configuration.root_module.resources, n, byAddress) } },
  };
}

function main() {
  const n = Number(option("functions", 1000));
  const runs = Number(option("runs", process.env.RUNS || 5));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-import-bench-"));
  const fromPlan = process.argv.includes("--plan");
  const input = path.join(work, `${fromPlan ? "plan" : "show"}-${n}.json`);
  const show = fromPlan ? planOf(n) : showOf(n);
  fs.writeFileSync(input, JSON.stringify(show));
  const functions = (fromPlan ? show.planned_values : show.values).root_module.resources.filter((r) => r.type === "aws_lambda_function").length;
  const times = [];
  const rss = [];
  const cpu = [];
  const load = os.loadavg()[0];
  for (let i = 0; i < runs; i++) {
    const spec = path.join(work, `spec-${i}.yaml`);
    const r = spawnSync("/usr/bin/time", ["-f", "@@ %e %U %S %M", process.execPath, cli, "import", input, "--out", spec], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const line = r.stderr.split("\n").reverse().find((l) => l.startsWith("@@ "));
    if (r.status !== 0 || !line) {
      console.error(`ldgen import failed (exit ${r.status}):\n${r.stderr.slice(0, 2000)}`);
      process.exit(1);
    }
    const [wall, user, sys, kb] = line.slice(3).split(" ").map(Number);
    times.push(wall);
    cpu.push(user + sys);
    rss.push(kb / 1024);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bytes = fs.statSync(input).size;
  console.log(`ldgen import, ${functions} functions (${(bytes / 1e6).toFixed(1)} MB of show JSON of a ${fromPlan ? "plan" : "state"}): wall median ${median(times).toFixed(2)} s, CPU median ${median(cpu).toFixed(2)} s, peak RSS median ${median(rss).toFixed(0)} MB (${runs} runs; load average ${load.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end; target: wall under 2 s)`);
  fs.rmSync(work, { recursive: true, force: true });
}

// Run directly, or through scripts/bench.js --import.
if (require.main === module || process.argv.includes("--import")) main();

module.exports = { showOf, planOf };
