#!/usr/bin/env node
// Which attribute changes make Terraform replace a resource, asked of the AWS provider itself (issue 19):
// `node scripts/replacement-table.js` (after `npm run build`; needs terraform and the provider mirror the tests use).
//
// For each base spec (the kitchen sink of test/cdktf-specs.ts, which reaches every resource type, block and
// attribute ldgen writes, and every example) it plans the generated root and builds the state an apply would
// leave (test/support/tfstate.ts applyOffline), then changes every attribute ldgen writes in every resource at
// once (test/support/mutate.ts: a literal to another valid literal; a reference changes with what it refers to,
// which is renamed and so replaced) and plans that against the state, -refresh=false, all bases in one terraform run. The provider's
// `replace_paths` for each resource name the attributes that force its replacement. The table is written to
// generator/diff/replacements.ts with the provider and terraform versions; attributes no change reached are
// listed on stderr (and left out of the table: `ldgen diff` reads them as updates in place).
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Module = require("node:module");

const root = path.resolve(__dirname, "..");
const dist = (p) => require(path.join(root, "dist", p));
const { check } = dist("index.js");
const { emitHcl } = dist("emit/hcl.js");
const { snapshot, tablePath } = dist("diff/snapshot.js");

/** The tests' TypeScript support (the state builder), bundled by esbuild and run as if it were in test/. */
function testSupport() {
  const esbuild = require("esbuild");
  const [out] = esbuild.buildSync({
    stdin: { contents: `module.exports = { ...require("./support/tfstate"), ...require("./support/terraform"), ...require("./cdktf-specs"), ...require("./support/mutate") };`, resolveDir: path.join(root, "test"), loader: "ts" },
    bundle: true,
    platform: "node",
    format: "cjs",
    write: false,
    external: ["yaml"],
  }).outputFiles;
  const m = new Module(path.join(root, "test", "replacement-support.js"));
  m.paths = Module._nodeModulePaths(path.join(root, "test"));
  m._compile(out.text, m.id);
  return m.exports;
}

// ---- Reading the plans ------------------------------------------------------------------------------

function valueAt(object, p) {
  let v = object;
  for (const part of p.split(".")) {
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v) && !/^\d+$/.test(part)) v = v[0];
    v = v?.[/^\d+$/.test(part) ? Number(part) : part];
  }
  return v;
}


const stripIndexes = (p) => p.filter((x) => typeof x !== "number").join(".");

function main() {
  const support = testSupport();
  const missing = support.terraformMissing();
  if (missing) {
    console.error(`scripts/replacement-table.js: ${missing}`);
    process.exit(2);
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-replacements-"));
  try {
    const bases = { kitchen: support.kitchenSinkSpec(path.join(scratch, "kitchen")), extra: path.join(scratch, "extra.yaml") };
    fs.writeFileSync(bases.extra, support.EXTRA_SPEC);
    // (the examples are copied: the changed code is written beside each zip a spec names)
    for (const name of fs.readdirSync(path.join(root, "examples"))) {
      if (!fs.existsSync(path.join(root, "examples", name, "spec.yaml"))) continue;
      fs.cpSync(path.join(root, "examples", name), path.join(scratch, "examples", name), { recursive: true, filter: (src) => path.basename(src) !== "out" });
      bases[name.replace(/[^a-z0-9]/g, "_")] = path.join(scratch, "examples", name, "spec.yaml");
    }
    const before = {};
    const after = {};
    const snapshots = {};
    for (const [key, spec] of Object.entries(bases)) {
      const outDir = path.join(scratch, "v1", key);
      const checked = check(fs.readFileSync(spec, "utf8"), spec, { outDir, exists: fs.existsSync });
      if (!checked.plan || checked.diagnostics.some((d) => d.severity === "error")) throw new Error(`${spec}: ${JSON.stringify(checked.diagnostics)}`);
      const zip = "ldgen-changed.zip";
      for (const [version, plan] of [["v1", checked.plan], ["v2", support.mutatePlan(checked.plan, zip)]]) {
        const dir = path.join(scratch, version, key, "hcl");
        fs.mkdirSync(dir, { recursive: true });
        for (const [name, text] of Object.entries(emitHcl(plan, { specFile: "spec.yaml", templates: [], model: checked.model }))) fs.writeFileSync(path.join(dir, name), text);
        (version === "v1" ? before : after)[key] = dir;
      }
      // The changed code: another file beside each zip the spec names.
      for (const r of Object.values(snapshot(checked.plan).resources)) {
        if (r.attrs.filename && typeof r.attrs.filename === "object") fs.writeFileSync(path.resolve(before[key], r.attrs.filename.file.replace(/[^/]+$/, zip)), "another zip");
      }
      snapshots[key] = snapshot(checked.plan);
    }
    const applied = support.applyOffline(before);
    const planned = support.planAgainst(after, applied.state);
    const table = {};
    const unmeasured = new Set();
    const notes = [];
    const terraformVersion = JSON.parse(require("node:child_process").execFileSync("terraform", ["version", "-json"], { encoding: "utf8" })).terraform_version;
    for (const [key, result] of Object.entries(planned)) {
      const changes = new Map(result.json.resource_changes.map((c) => [c.address, c]));
      const replaced = new Map(result.changes.map((c) => [c.address, c]));
      for (const [address, r] of Object.entries(snapshots[key].resources)) {
        if (r.data) continue;
        const change = changes.get(address);
        const paths = (replaced.get(address)?.replacePaths ?? []).map(stripIndexes);
        for (const p of Object.keys(r.attrs)) {
          const tp = tablePath(p);
          const was = change && valueAt(change.change.before, p);
          const now = change && valueAt(change.change.after, p);
          const unknown = change && valueAt(change.change.after_unknown, p);
          const measured = change && (unknown === true || JSON.stringify(was) !== JSON.stringify(now));
          if (!measured) {
            if (table[r.type]?.[tp] === undefined) unmeasured.add(`${r.type}.${tp}`);
            continue;
          }
          unmeasured.delete(`${r.type}.${tp}`);
          const forced = paths.some((q) => q === tp || tp.startsWith(`${q}.`) || q.startsWith(`${tp}.`));
          table[r.type] ??= {};
          if (table[r.type][tp] !== undefined && table[r.type][tp] !== forced) notes.push(`${r.type}.${tp}: forces replacement in one resource and not in another (${address}); recorded as forcing`);
          table[r.type][tp] = table[r.type][tp] || forced;
        }
        if (replaced.get(address)?.actions.includes("delete") && paths.length === 0) notes.push(`${address} (${key}) is replaced with no replace_paths`);
      }
    }
    const provider = fs.readdirSync(path.join(support.providerMirror(), "registry.terraform.io", "hashicorp", "aws")).sort().pop();
    const sorted = Object.fromEntries(Object.keys(table).sort().map((t) => [t, Object.fromEntries(Object.keys(table[t]).sort().map((a) => [a, table[t][a]]))]));
    const text = `// Generated by scripts/replacement-table.js from the AWS provider's own plans: do not edit; run it again (after npm run build).
// For each resource type ldgen writes, each attribute path (indexes of repeated blocks left out) and whether a change
// of it makes Terraform replace the resource (replace_paths of a plan against a state, -refresh=false).

/** The provider and terraform the table was made with. */
export const PROVIDER = ${JSON.stringify({ provider: `registry.terraform.io/hashicorp/aws ${provider}`, terraform: terraformVersion }, null, 2).replace(/"(\w+)":/g, "$1:")};

export const REPLACEMENTS: Readonly<Record<string, Readonly<Record<string, boolean>>>> = ${JSON.stringify(sorted, null, 2)};
`;
    fs.writeFileSync(path.join(root, "generator", "diff", "replacements.ts"), text);
    for (const n of notes) console.error(`note: ${n}`);
    for (const u of [...unmeasured].sort()) console.error(`not measured (no change reached it): ${u}`);
    console.error(`generator/diff/replacements.ts: ${Object.values(sorted).reduce((n, t) => n + Object.keys(t).length, 0)} attributes of ${Object.keys(sorted).length} types, provider ${provider}, terraform ${terraformVersion}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main();
