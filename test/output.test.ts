import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generate } from "../generator";
import { fileOpCount, recover, STAGING_PREFIX } from "../generator/cli/commit";
import { recordFor } from "../generator/cli/diff";
import { writeGenerated } from "../generator/cli/output";
import { acquireLock, LOCK_FILE } from "../generator/cli/lock";
import { readTree, ROOT } from "./support/examples";

/**
 * Safe output: ldgen owns exactly the files in DIR/.ldgen-manifest.json, replaces them as one set,
 * and never moves, copies or deletes anything else under DIR, whatever interrupts it.
 */
const BIN = path.join(ROOT, "bin", "ldgen.js");
/** Two examples with their code in S3, so that the output does not depend on where DIR is. */
const SPECS = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-specs-"));
function s3Spec(example: string): string {
  const file = path.join(SPECS, `${example}.yaml`);
  const text = fs.readFileSync(path.join(ROOT, "examples", example, "spec.yaml"), "utf8");
  fs.writeFileSync(file, text.replace(/code: build\/([\w-]+\.zip)/g, "code: s3://artifacts/$1"));
  return file;
}
const A = s3Spec("image-pipeline");
const B = s3Spec("kinesis-dlq");

/**
 * The CLI. These tests switch DIR between unrelated specs, which loses every queue of the first: generate's
 * refusal of that (test/diff.test.ts) is allowed here.
 */
function ldgen(args: string[], env: Record<string, string> = {}) {
  if (args[0] === "generate") args = [...args, "--allow-data-loss"];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const scratch = (root = os.tmpdir()) => fs.mkdtempSync(path.join(root, "ldgen-out-"));

/** Files a team keeps beside generated code, and Terraform's and npm's working files. */
const USER_FILES: Record<string, string> = {
  "hcl/backend.tf": 'terraform {\n  backend "s3" {}\n}\n',
  "hcl/terraform.tfvars": 'region = "eu-west-1"\n',
  "hcl/team_override.tf": "# override\n",
  "hcl/terraform.tfstate": '{"version": 4, "serial": 7}\n',
  "hcl/.terraform.lock.hcl": "# lock\n",
  "hcl/.terraform/providers/marker": "provider\n",
  "cdktf/node_modules/cdktf/package.json": "{}\n",
  "cdktf/terraform.tfstate": '{"version": 4}\n',
  "notes.md": "ours\n",
};

function addUserFiles(dir: string): void {
  for (const [rel, text] of Object.entries(USER_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

const userFilesOf = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([rel]) => rel in USER_FILES));
const generatedOf = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([rel]) => !(rel in USER_FILES)));

/** The generated set (and manifest) of each spec, as a clean run writes it. */
const expected: Record<string, Record<string, string>> = {};
beforeAll(() => {
  for (const spec of [A, B]) {
    const out = path.join(scratch(), "out");
    expect(ldgen(["generate", spec, "--out", out]).code).toBe(0);
    expected[spec] = readTree(out);
  }
});

/** A DIR holding spec A's output and the user's files (copied from one made once). */
let pristine: string;
function seeded(root?: string): string {
  if (!pristine) {
    pristine = path.join(scratch(), "out");
    expect(ldgen(["generate", A, "--out", pristine]).code).toBe(0);
    addUserFiles(pristine);
  }
  const out = path.join(scratch(root), "out");
  fs.cpSync(pristine, out, { recursive: true });
  return out;
}

/** Puts DIR back to spec A's output and the user's files. */
function reseed(out: string): void {
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(pristine, out, { recursive: true });
}

function expectNoLeftovers(out: string): void {
  expect(fs.readdirSync(out).filter((n) => n.startsWith(STAGING_PREFIX) || n.startsWith(".ldgen-journal") || n === LOCK_FILE)).toEqual([]);
}

describe("ownership by manifest", () => {
  it("keeps every file ldgen did not write, byte for byte, and --check ignores them", () => {
    const out = seeded();
    expect(ldgen(["generate", B, "--out", out]).code).toBe(0);
    const tree = readTree(out);
    expect(userFilesOf(tree)).toEqual(USER_FILES);
    expect(generatedOf(tree)).toEqual(expected[B]);
    expect(ldgen(["generate", B, "--out", out, "--check"]).code).toBe(0);
  });

  it("removes the files of the previous spec that the new one does not generate", () => {
    const out = seeded();
    expect(fs.existsSync(path.join(out, "hcl/triggers.tf"))).toBe(true);
    expect(ldgen(["generate", B, "--out", out]).code).toBe(0);
    expect(fs.existsSync(path.join(out, "hcl/triggers.tf"))).toBe(false);
  });

  it("stages and replaces only the files that changed: an up-to-date run writes nothing", () => {
    const out = seeded();
    const files = generate(fs.readFileSync(A, "utf8"), A, "all", { exists: fs.existsSync, outDir: out }).files;
    const before = readTree(out);
    const inodes = (tree: Record<string, string>) => Object.fromEntries(Object.keys(tree).map((rel) => [rel, fs.statSync(path.join(out, rel)).ino]));
    const untouched = inodes(before);
    // Up to date: no file staged (one operation: the staging folder), none replaced.
    expect(writeGenerated(out, files, { targets: ["hcl", "cdktf"] })).toMatchObject({ written: [], removed: [], manifestWritten: false });
    expect(fileOpCount()).toBe(1);
    expect(readTree(out)).toEqual(before);
    // One file changed: it alone is staged and replaced (a new inode); every other file stays as it was.
    const changed = { ...files, "hcl/iam.tf": files["hcl/iam.tf"] + "# changed\n" };
    expect(writeGenerated(out, changed, { targets: ["hcl", "cdktf"] }).written).toEqual(["hcl/iam.tf"]);
    const after = inodes(readTree(out));
    for (const rel of Object.keys(untouched)) if (rel !== "hcl/iam.tf" && rel !== ".ldgen-manifest.json") expect([rel, after[rel]]).toEqual([rel, untouched[rel]]);
    expect(after["hcl/iam.tf"]).not.toBe(untouched["hcl/iam.tf"]);
    expect(fs.readFileSync(path.join(out, "hcl", "iam.tf"), "utf8")).toBe(changed["hcl/iam.tf"]);
    expectNoLeftovers(out);
  });

  it("--target hcl leaves the cdktf target's files alone", () => {
    const out = seeded();
    const before = readTree(path.join(out, "cdktf"));
    expect(ldgen(["generate", B, "--out", out, "--target", "hcl"]).code).toBe(0);
    expect(readTree(path.join(out, "cdktf"))).toEqual(before);
    expect(readTree(path.join(out, "hcl"), (rel) => `hcl/${rel}` in USER_FILES)).toEqual(
      Object.fromEntries(Object.entries(expected[B]).filter(([rel]) => rel.startsWith("hcl/")).map(([rel, t]) => [rel.slice(4), t])),
    );
  });

  it("takes over a folder from an older ldgen (no manifest) by the generated header", () => {
    const out = seeded();
    fs.rmSync(path.join(out, ".ldgen-manifest.json"));
    fs.writeFileSync(path.join(out, "hcl", "old_extra.tf"), "# Generated by ldgen from spec.yaml. Do not edit.\n");
    expect(ldgen(["generate", B, "--out", out]).code).toBe(0);
    const tree = readTree(out);
    expect(userFilesOf(tree)).toEqual(USER_FILES);
    expect(generatedOf(tree)).toEqual(expected[B]);
  });

  it("stops, changing nothing, where a file it did not write is in the way", () => {
    const out = seeded();
    fs.writeFileSync(path.join(out, "hcl", "sources.tf"), "# the team's own sources\n");
    const before = readTree(out);
    const r = ldgen(["generate", B, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hcl\/sources\.tf exists and ldgen did not write it/);
    expect(readTree(out)).toEqual(before);
    expectNoLeftovers(out);
  });

  it("--check prints the command that regenerates with the same options", () => {
    const out = seeded();
    const templates = path.join(ROOT, "templates");
    const r = ldgen(["generate", B, "--out", out, "--target", "hcl", "--templates", templates, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n").pop()).toBe(`${out} is out of date: run ldgen generate ${B} --out ${out} --target hcl --templates ${templates}`);
    // Running it as printed regenerates exactly that, and keeps the user's files.
    expect(ldgen(["generate", B, "--out", out, "--target", "hcl", "--templates", templates]).code).toBe(0);
    expect(userFilesOf(readTree(out))).toEqual(USER_FILES);
    expect(ldgen(["generate", B, "--out", out, "--target", "hcl", "--check"]).code).toBe(0);
  });

  it.each([
    ["--platform FILE", ["--platform", path.join(ROOT, "examples/platform/ldgen.platform.yaml")]],
    ["--no-platform", ["--no-platform"]],
  ])("--check carries %s over to the printed command", (_name, option) => {
    const out = path.join(scratch(), "out");
    const spec = path.join(ROOT, "examples/platform/payments/spec.yaml");
    const r = ldgen(["generate", spec, "--out", out, ...option, "--check"]);
    expect(r.stderr.trim().split("\n").pop()).toBe(`${out} is out of date: run ldgen generate ${spec} --out ${out} ${option.join(" ")}`);
  });

  it("refuses a manifest that lists a path outside its target folders, deleting nothing", () => {
    const out = seeded();
    const victim = path.join(path.dirname(out), "victim.txt");
    fs.writeFileSync(victim, "secret");
    const manifestFile = path.join(out, ".ldgen-manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    manifest.files["hcl/../../victim.txt"] = "0".repeat(64);
    manifest.files["hcl/../hcl/terraform.tfstate"] = "0".repeat(64);
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const before = readTree(out);
    for (const args of [["generate", B, "--out", out], ["generate", B, "--out", out, "--check"]]) {
      const r = ldgen(args);
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining("is not a manifest ldgen wrote: it lists")]);
    }
    expect(fs.readFileSync(victim, "utf8")).toBe("secret");
    expect(readTree(out)).toEqual(before);
  });

  it("never follows a journal that names a path outside its target folders", () => {
    const out = seeded();
    const victim = path.join(path.dirname(out), "victim.txt");
    fs.writeFileSync(victim, "secret");
    fs.writeFileSync(path.join(out, ".ldgen-journal.json"), JSON.stringify({ staging: ".ldgen-staging-x", replace: [], remove: ["hcl/../../victim.txt", "hcl/terraform.tfstate"] }));
    expect(ldgen(["generate", A, "--out", out]).code).toBe(0);
    expect(fs.readFileSync(victim, "utf8")).toBe("secret");
    expect(userFilesOf(readTree(out))).toEqual(USER_FILES);
    expectNoLeftovers(out);
  });

  it("keeps a listed file that was changed since, or replaced by a folder, when it is no longer generated", () => {
    const out = seeded();
    fs.appendFileSync(path.join(out, "hcl", "triggers.tf"), "# the team's note\n");
    const manifestFile = path.join(out, ".ldgen-manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    manifest.files["hcl/old.tf"] = "0".repeat(64);
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    fs.mkdirSync(path.join(out, "hcl", "old.tf"));
    fs.writeFileSync(path.join(out, "hcl", "old.tf", "keep"), "keep");
    const check = ldgen(["generate", B, "--out", out, "--check"]);
    expect(check.stderr).not.toMatch(/stale: .*(triggers|old)\.tf/);
    const r = ldgen(["generate", B, "--out", out]);
    expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/warning: kept .*triggers\.tf: ldgen wrote it, no longer generates it, and it was changed since/)]);
    expect(fs.readFileSync(path.join(out, "hcl", "triggers.tf"), "utf8")).toContain("# the team's note");
    expect(fs.readFileSync(path.join(out, "hcl", "old.tf", "keep"), "utf8")).toBe("keep");
    expect(Object.keys(JSON.parse(fs.readFileSync(manifestFile, "utf8")).files)).not.toEqual(expect.arrayContaining(["hcl/triggers.tf"]));
  });

  it.each([
    ["a file", (p: string) => fs.writeFileSync(p, "x"), /is not a folder/],
    ["a dangling symbolic link", (p: string) => fs.symlinkSync(path.join(path.dirname(p), "missing"), p), /is a symbolic link to .*missing, which does not exist/],
  ])("exits 2 when --out is %s", (_name, make, message) => {
    const out = path.join(scratch(), "out");
    make(out);
    const r = ldgen(["generate", A, "--out", out]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(message)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("stops an output pipe early without an error", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" schema | head -c 10`], { encoding: "utf8" });
    expect([r.status, r.stderr]).toEqual([0, ""]);
  });

  it("prints each error code once", () => {
    const file = path.join(scratch(), "a-file");
    fs.writeFileSync(file, "x");
    const r = ldgen(["generate", A, "--out", path.join(file, "out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/(^|\n)ldgen: ENOTDIR: not a directory/);
    expect(r.stderr).not.toMatch(/ENOTDIR: ENOTDIR/);
  });
});

describe("one commit for the whole run", () => {
  it("aborted at every file operation, leaves the old set exactly, with the user's files", () => {
    // In this process (the hook throws where a failure could happen), so that each of the many runs is quick.
    const out = seeded();
    const before = readTree(out);
    const generated = generate(fs.readFileSync(B, "utf8"), B, "all", { outDir: out });
    const files = generated.files;
    // (with what the CLI records of the run, as the expected trees were written by it)
    const record = recordFor(generated, B);
    const probe = seeded();
    writeGenerated(probe, files, { targets: ["hcl", "cdktf"], record });
    const count = fileOpCount();
    expect(count).toBeGreaterThan(Object.keys(files).length * 2); // writes, backups, renames, removals
    const outcomes = new Set<string>();
    try {
      for (let n = 1; n <= count; n++) {
        process.env.LDGEN_TEST_ABORT_AT = String(n);
        let failed = false;
        try {
          writeGenerated(out, files, { targets: ["hcl", "cdktf"], record });
        } catch (error) {
          failed = true;
          expect([n, (error as Error).message]).toEqual([n, expect.stringContaining(`aborted at file operation ${n}`)]);
        }
        if (failed) {
          // Nothing changed: not the generated files, not the user's, and no leftovers.
          expect({ n, tree: readTree(out) }).toEqual({ n, tree: before });
        } else {
          // Interrupted only in the cleanup after the commit: the new set is in place; the next run removes the rest.
          const release = acquireLock(out, 1000);
          recover(out);
          release();
          expect({ n, tree: generatedOf(readTree(out)) }).toEqual({ n, tree: expected[B] });
          reseed(out);
        }
        expectNoLeftovers(out);
        outcomes.add(failed ? "old" : "new");
      }
    } finally {
      delete process.env.LDGEN_TEST_ABORT_AT;
    }
    expect(outcomes.has("old")).toBe(true);
  });

  it("killed at every file operation, leaves whole files and, once recovered, the old or the new set", () => {
    const out = seeded();
    const old = generatedOf(readTree(out));
    let n = 1;
    const outcomes = new Set<string>();
    for (; n < 200; n++) {
      const r = ldgen(["generate", B, "--out", out], { LDGEN_TEST_KILL_AT: String(n) });
      if (r.code === 0) break;
      expect([n, r.signal]).toEqual([n, "SIGKILL"]);
      const tree = readTree(out);
      expect({ n, user: userFilesOf(tree) }).toEqual({ n, user: USER_FILES });
      // Before recovery every generated file is whole: its old or its new bytes.
      for (const [rel, text] of Object.entries(generatedOf(tree))) {
        if (rel.startsWith(".ldgen") || rel.includes(STAGING_PREFIX)) continue;
        expect({ n, rel, whole: text === old[rel] || text === expected[B][rel] }).toEqual({ n, rel, whole: true });
      }
      const release = acquireLock(out, 1000);
      recover(out);
      release();
      const after = generatedOf(readTree(out));
      const which = JSON.stringify(after) === JSON.stringify(old) ? "old" : JSON.stringify(after) === JSON.stringify(expected[B]) ? "new" : "mixed";
      expect({ n, which }).not.toEqual({ n, which: "mixed" });
      outcomes.add(which);
      expectNoLeftovers(out);
      reseed(out); // the old set again, for the next round
    }
    expect(outcomes).toEqual(new Set(["old", "new"]));
  });

  it("SIGKILLed at varied delays, recovers to the old or the new set", async () => {
    const out = seeded();
    const old = generatedOf(readTree(out));
    for (const delay of [0, 40, 80, 120, 160, 200, 260, 320, 400, 600]) {
      const child = spawn(process.execPath, [BIN, "generate", B, "--out", out], { cwd: ROOT, stdio: "ignore" });
      const closed = new Promise((r) => child.on("close", r)); // listening from the start: a quick run may end before the kill
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await closed;
      const release = acquireLock(out, 5000);
      recover(out);
      release();
      const tree = readTree(out);
      expect(userFilesOf(tree)).toEqual(USER_FILES);
      const after = generatedOf(tree);
      expect([delay, [old, expected[B]].some((set) => JSON.stringify(set) === JSON.stringify(after))]).toEqual([delay, true]);
      expectNoLeftovers(out);
      reseed(out);
    }
  });

  it("the next run removes what killed runs left, but keeps an older ldgen's leftovers that hold state", () => {
    const out = seeded();
    fs.mkdirSync(path.join(out, `${STAGING_PREFIX}abc123`, "new", "hcl"), { recursive: true });
    const generatedOnly = path.join(path.dirname(out), ".out.ldgen-Xy12Zq");
    fs.mkdirSync(path.join(generatedOnly, "hcl"), { recursive: true });
    fs.writeFileSync(path.join(generatedOnly, "hcl", "main.tf"), "# Generated by ldgen from spec.yaml. Do not edit.\n");
    fs.mkdirSync(path.join(generatedOnly, "cdktf"), { recursive: true });
    fs.writeFileSync(path.join(generatedOnly, "cdktf", "package.json"), "{}");
    const withState = path.join(path.dirname(out), ".out.ldgen-Ab3xY9");
    fs.mkdirSync(path.join(withState, "hcl"), { recursive: true });
    fs.writeFileSync(path.join(withState, "hcl", "terraform.tfstate"), '{"serial": 42}');
    const r = ldgen(["generate", A, "--out", out]);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining(`warning: kept ${withState}: an interrupted older ldgen left files there that it did not write (.out.ldgen-Ab3xY9/hcl/terraform.tfstate)`)]);
    expectNoLeftovers(out);
    expect(fs.existsSync(generatedOnly)).toBe(false);
    expect(fs.readFileSync(path.join(withState, "hcl", "terraform.tfstate"), "utf8")).toBe('{"serial": 42}');
  });
});

describe("concurrent runs", () => {
  it("two specs into one DIR at the same moment end as one complete output", async () => {
    const out = seeded();
    const run = (spec: string) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, "generate", spec, "--out", out, "--allow-data-loss"], { cwd: ROOT, stdio: "ignore" }).on("close", resolve));
    for (let i = 0; i < 8; i++) {
      const codes = await Promise.all([run(A), run(B)]);
      expect(codes).toEqual([0, 0]);
      const tree = readTree(out);
      expect(userFilesOf(tree)).toEqual(USER_FILES);
      const gen = JSON.stringify(generatedOf(tree));
      expect([i, gen === JSON.stringify(expected[A]) || gen === JSON.stringify(expected[B])]).toEqual([i, true]);
      expectNoLeftovers(out);
    }
  });

  it("a second run waits for the lock, then exits 2 naming the holder", () => {
    const out = seeded();
    const release = acquireLock(out, 1000);
    try {
      const r = ldgen(["generate", B, "--out", out, "--lock-timeout", "1"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`another ldgen run holds ${path.join(out, LOCK_FILE)} (process ${process.pid}`);
    } finally {
      release();
    }
    expect(generatedOf(readTree(out))).toEqual(expected[A]);
  });

  it.each([
    ["an empty lock file, 10 s old", true, "", 10_000],
    ["another host's lock (or another container's), 11 minutes old", true, JSON.stringify({ pid: 1, host: "elsewhere", since: "2026-01-01T00:00:00Z" }), 11 * 60_000],
    ["another host's lock, 1 minute old", false, JSON.stringify({ pid: 1, host: "elsewhere", since: "2026-01-01T00:00:00Z" }), 60_000],
  ])("%s: taken over %s", (_name, taken, text, age) => {
    const out = seeded();
    const lock = path.join(out, LOCK_FILE);
    fs.writeFileSync(lock, text);
    const then = (Date.now() - age) / 1000;
    fs.utimesSync(lock, then, then);
    const r = ldgen(["generate", B, "--out", out, "--lock-timeout", "1"]);
    expect(r.code).toBe(taken ? 0 : 2);
    expect(generatedOf(readTree(out))).toEqual(taken ? expected[B] : { ...expected[A], [LOCK_FILE]: text });
  });

  it("takes over the lock of a dead process", () => {
    const out = seeded();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const pidns = fs.readlinkSync("/proc/self/ns/pid");
    fs.writeFileSync(path.join(out, LOCK_FILE), JSON.stringify({ pid: Number(dead), host: os.hostname(), pidns, since: "2026-01-01T00:00:00Z" }));
    expect(ldgen(["generate", B, "--out", out, "--lock-timeout", "1"]).code).toBe(0);
    expect(generatedOf(readTree(out))).toEqual(expected[B]);
    expectNoLeftovers(out);
  });
});

describe("DIR on another filesystem", () => {
  const shm = "/dev/shm";
  const onTmpfs = fs.existsSync(shm) && fs.statSync(shm).dev !== fs.statSync(os.tmpdir()).dev;
  (onTmpfs ? it : it.skip)("writes into a folder on tmpfs, and through a symlink to it from another filesystem", () => {
    const out = seeded(shm);
    expect(ldgen(["generate", B, "--out", out]).code).toBe(0);
    expect(generatedOf(readTree(out))).toEqual(expected[B]);
    const link = path.join(scratch(), "linked-out");
    fs.symlinkSync(out, link);
    expect(ldgen(["generate", A, "--out", link]).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    const tree = readTree(out);
    expect(userFilesOf(tree)).toEqual(USER_FILES);
    expect(generatedOf(tree)).toEqual(expected[A]);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
