#!/usr/bin/env node
// Regenerates the checked-in output of every example: examples/<name>/out/{hcl,cdktf}.
// Run through `npm run update:examples` (which builds first). Adding a folder adds an example.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const examples = path.join(root, "examples");
for (const name of fs.readdirSync(examples).sort()) {
  const spec = path.join("examples", name, "spec.yaml");
  if (!fs.existsSync(path.join(root, spec))) continue;
  const out = path.join("examples", name, "out");
  fs.rmSync(path.join(root, out), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, "bin", "ldgen.js"), "generate", spec, "--out", out], { cwd: root, stdio: "inherit" });
}
