#!/usr/bin/env node
// Regenerates the checked-in output of every example: examples/<name>/out/{hcl,cdktf}.
// Run through `npm run update:examples` (which builds first). Adding a folder adds an example.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const examples = path.join(root, "examples");
// A folder with a spec is an example; a folder without one (examples/platform) holds examples one level down,
// which the platform file beside them governs (the CLI finds it from the spec's folder).
const specs = [];
for (const name of fs.readdirSync(examples).sort()) {
  const dir = path.join(examples, name);
  if (!fs.statSync(dir).isDirectory()) continue;
  if (fs.existsSync(path.join(dir, "spec.yaml"))) specs.push(path.join("examples", name));
  else for (const sub of fs.readdirSync(dir).sort()) if (fs.existsSync(path.join(dir, sub, "spec.yaml"))) specs.push(path.join("examples", name, sub));
}
for (const folder of specs) {
  const spec = path.join(folder, "spec.yaml");
  const out = path.join(folder, "out");
  fs.rmSync(path.join(root, out), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, "bin", "ldgen.js"), "generate", spec, "--out", out], { cwd: root, stdio: "inherit" });
  if (fs.existsSync(path.join(root, folder, "..", "ldgen.platform.yaml"))) {
    // The platform examples are also written as child modules, for composing into an existing root.
    const moduleOut = path.join(folder, "module");
    fs.rmSync(path.join(root, moduleOut), { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(root, "bin", "ldgen.js"), "generate", spec, "--out", moduleOut, "--target", "hcl", "--form", "module"], { cwd: root, stdio: "inherit" });
  }
}
