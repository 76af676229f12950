#!/usr/bin/env node
// The app of this repository as a CDKTF project (cdktf.json): one stack per bundled example, named
// after its folder, each synthesized by ldgen's own `generate --synth` path, gathered into one
// cdktf.out with one manifest. Each stack keeps its state in terraform.tfstate.d/<example>.tfstate.
// `npx cdktf synth` runs it with CDKTF_OUTDIR set; offline, run `npm run build && node scripts/cdktf-app.js`.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
if (!fs.existsSync(path.join(root, "dist", "index.js"))) throw new Error("ldgen is not built: run `npm run build` first");
const { generate } = require(path.join(root, "dist", "index.js"));
const { synth } = require(path.join(root, "dist", "emit", "synth.js"));

const outdir = path.resolve(process.env.CDKTF_OUTDIR || path.join(root, "cdktf.out"));
const manifest = { version: undefined, stacks: {} };
const work = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-cdktf-app-"));
try {
  fs.rmSync(path.join(outdir, "stacks"), { recursive: true, force: true });
  for (const name of fs.readdirSync(path.join(root, "examples")).sort()) {
    const spec = path.join(root, "examples", name, "spec.yaml");
    if (!fs.existsSync(spec)) continue;
    const out = path.join(work, name);
    const result = generate(fs.readFileSync(spec, "utf8"), spec, "cdktf", { outDir: out, exists: fs.existsSync });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`${spec} has errors:\n${errors.map((d) => d.message).join("\n")}`);
    for (const [file, text] of Object.entries(result.files)) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), text);
    }
    synth(path.join(out, "cdktf"));
    const built = path.join(out, "cdktf", "cdktf.out");
    const own = JSON.parse(fs.readFileSync(path.join(built, "manifest.json"), "utf8"));
    // Stacks are named after the example folder: two examples may share a spec name (complete, image-pipeline).
    const [stack, entry] = Object.entries(own.stacks)[0];
    manifest.stacks[name] = {
      ...entry,
      name,
      constructPath: name,
      stackMetadataPath: `stacks/${name}/metadata.json`,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
    };
    fs.cpSync(path.join(built, "stacks", stack), path.join(outdir, "stacks", name), { recursive: true });
    const file = path.join(outdir, "stacks", name, "cdk.tf.json");
    const config = JSON.parse(fs.readFileSync(file, "utf8"));
    config.terraform.backend = { local: { path: `../../../terraform.tfstate.d/${name}.tfstate` } };
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    manifest.version = own.version;
  }
  fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  process.stderr.write(`synthesized ${Object.keys(manifest.stacks).join(", ")} into ${path.relative(process.cwd(), outdir) || "."}\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
