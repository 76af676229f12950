import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "./support/examples";

/**
 * The package as users get it: `npm pack`, then `npm install -g <tarball>` into an empty prefix
 * (which leaves devDependencies and optional peers out), and `npm ci --omit=dev` in a copy of the
 * repository. Both need the npm registry (or npm's cache), which CI has.
 */
const npm = (args: string[], cwd: string) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const CDK_PACKAGES = ["cdktf", "constructs", "@cdktf/provider-aws", "cdktn", "@cdktn/provider-aws"];

function packagesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const name of fs.readdirSync(modules)) {
      if (name.startsWith("@")) {
        for (const sub of fs.readdirSync(path.join(modules, name))) {
          found.push(`${name}/${sub}`);
          walk(path.join(modules, name, sub, "node_modules"));
        }
      } else if (!name.startsWith(".")) {
        found.push(name);
        walk(path.join(modules, name, "node_modules"));
      }
    }
  };
  walk(dir);
  return found;
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += sizeOf(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

describe("npm install -g of the packed package", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-install-"));
  const prefix = path.join(work, "prefix");
  let bin: string;

  beforeAll(() => {
    npm(["pack", "--pack-destination", work], ROOT);
    const tarball = fs.readdirSync(work).find((f) => f.endsWith(".tgz"))!;
    npm(["install", "-g", "--prefix", prefix, path.join(work, tarball)], work);
    bin = path.join(prefix, "bin", "ldgen");
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const run = (args: string[]) => spawnSync(bin, args, { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const spec = path.join(ROOT, "examples", "image-pipeline", "spec.yaml");

  it("installs no CDK package and stays small", () => {
    const modules = path.join(prefix, "lib", "node_modules");
    expect(packagesUnder(modules).filter((p) => CDK_PACKAGES.includes(p))).toEqual([]);
    const mb = sizeOf(modules) / 1024 / 1024;
    console.log(`installed size: ${mb.toFixed(1)} MB`);
    expect(mb).toBeLessThan(60);
  });

  it("starts from the bundle, with a code cache the installed node accepts (as bin/ldgen.js loads it)", () => {
    const load = path.join(prefix, "lib", "node_modules", "ldgen", "bin", "load.js");
    const code = `const { load, tuneJit } = require(${JSON.stringify(load)}); tuneJit(); const l = load(); console.log(JSON.stringify({ bundled: l.script !== undefined, rejected: l.script && l.script.cachedDataRejected }))`;
    const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
    expect(JSON.parse(r.stdout)).toEqual({ bundled: true, rejected: false });
  });

  it.each([
    ["validate", ["validate", spec], /ok/],
    ["schema", ["schema"], /"\$schema"/],
    ["graph", ["graph", spec], /^flowchart LR/],
  ])("runs %s", (_name, args, output) => {
    const r = run(args);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toMatch(output);
  });

  it.each(["hcl", "cdktf", "cdktn", "all"])("generates --target %s", (target) => {
    const out = path.join(work, `out-${target}`);
    const r = run(["generate", spec, "--out", out, "--target", target]);
    expect([r.status, r.stderr]).toEqual([0, expect.stringContaining("wrote")]);
    const folders = fs.readdirSync(out).filter((f) => !f.startsWith(".")).sort();
    expect(folders).toEqual(target === "all" ? ["cdktf", "hcl"] : [target]);
  });

  it("--synth without the CDK packages exits 2 naming the npm install command, writing nothing", () => {
    const out = path.join(work, "out-synth");
    const r = run(["generate", spec, "--out", out, "--synth"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("npm install -g cdktf@0.21.0 constructs@10.7.2 @cdktf/provider-aws@20.1.0");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("--target cdktn --synth without CDK Terrain exits 2 naming its npm install command, writing nothing", () => {
    const out = path.join(work, "out-synth-cdktn");
    const r = run(["generate", spec, "--out", out, "--target", "cdktn", "--synth"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("npm install -g cdktn@0.24.0 constructs@10.7.2 @cdktn/provider-aws@25.7.0");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("npm ci --omit=dev in a copy of the repository", () => {
  it("installs, builds and runs", () => {
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-clone-"));
    try {
      const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
      for (const rel of tracked.filter((f) => !f.startsWith("examples/") || f.endsWith("spec.yaml") || f.includes("/build/"))) {
        if (!fs.existsSync(path.join(ROOT, rel))) continue;
        fs.mkdirSync(path.dirname(path.join(clone, rel)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, rel), path.join(clone, rel));
      }
      npm(["ci", "--omit=dev"], clone);
      expect(packagesUnder(path.join(clone, "node_modules")).filter((p) => CDK_PACKAGES.includes(p) || p === "jest")).toEqual([]);
      const r = spawnSync(process.execPath, ["bin/ldgen.js", "generate", "examples/image-pipeline/spec.yaml", "--out", "out"], { cwd: clone, encoding: "utf8" });
      expect([r.status, r.stderr]).toEqual([0, expect.stringContaining("wrote")]);
      expect(fs.existsSync(path.join(clone, "out", "hcl", "wiring.tf"))).toBe(true);
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
    }
  });
});
