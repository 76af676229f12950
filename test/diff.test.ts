import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { check } from "../generator";
import { diffSnapshots, exitCode, formatText, snapshot, toJson, type Change, type Snapshot } from "../generator/diff";
import { REPLACEMENTS } from "../generator/diff/replacements";
import { tablePath } from "../generator/diff/snapshot";
import { kitchenSinkSpec } from "./cdktf-specs";
import { base, PAIRS, PROTECTED_PAIRS, protectedBase } from "./support/diff-pairs";
import { ROOT } from "./support/examples";

function side(text: string, file: string, previous?: Snapshot) {
  const checked = check(text, file, { previous });
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${file}: ${JSON.stringify(errors)}`);
  return { snapshot: snapshot(checked.plan!), source: { file, value: checked.document!.value, position: checked.document!.position } };
}

function diffOf(change: (s: Record<string, unknown>) => void, from = base): Change[] {
  const v2 = from();
  change(v2);
  const old = side(stringify(from()), "v1.yaml");
  // (NEW is planned against OLD, as the CLI plans it: what only changes address moves)
  const next = side(stringify(v2), "v2.yaml", old.snapshot);
  return diffSnapshots(old.snapshot, next.snapshot, { old: old.source, next: next.source });
}

const reported = (changes: Change[]) => Object.fromEntries(changes.map((c) => [c.address, c.flags.length ? `${c.action}:${c.flags.map((f) => f.what).join(",")}` : c.action]));

describe("ldgen diff: what each change does", () => {
  it.each(PAIRS.map((p) => [p.name, p] as const))("%s", (_, pair) => {
    const changes = diffOf(pair.change);
    expect(reported(changes)).toEqual(pair.want);
    for (const [address, cause] of Object.entries(pair.causes ?? {})) expect([address, changes.find((c) => c.address === address)?.cause.path]).toEqual([address, cause]);
  });

  it.each(PROTECTED_PAIRS.map((p) => [p.name, p] as const))("protected: %s", (_, pair) => {
    const changes = diffOf(pair.change, protectedBase);
    expect(reported(changes)).toEqual(pair.want);
    expect(changes.some((c) => c.flags.some((f) => f.what === "plan-fails"))).toBe(pair.fails);
  });

  it("names the attribute that forces a replacement, and where the spec changed it", () => {
    const [c] = diffOf((s) => void (((s.functions as any).consumer.events[1].startingPosition = "TRIM_HORIZON")));
    expect(c).toMatchObject({ action: "replace", forcedBy: ["starting_position"], cause: { file: "v2.yaml", path: "functions.consumer.events[1].startingPosition" } });
    expect(c.cause.line).toBeGreaterThan(1);
    expect(c.flags[0].message).toMatch(/starts again at TRIM_HORIZON: every record still in the stream is read again/);
  });

  it("says what a LATEST mapping skips", () => {
    const changes = diffOf((s) => void (s.name = "store"));
    expect(changes.find((c) => c.address === "aws_lambda_event_source_mapping.consumer_clicks")!.flags[0].message).toMatch(/starts again at LATEST: records written meanwhile are skipped/);
  });

  it("points a destroy at the old spec's key, which the new one no longer has", () => {
    const changes = diffOf((s) => void delete (s.functions as any).worker.triggers);
    const c = changes.find((x) => x.action === "destroy")!;
    expect(c.cause).toMatchObject({ file: "v1.yaml", path: "functions.worker.triggers" });
  });

  type Edit = (s: any) => void;
  const cases: [string, Edit, number][] = [
    ["no change", () => undefined, 0],
    ["safe changes only", (s) => void (s.functions.worker.timeout = 90), 3],
    ["a flagged loss", (s) => void (s.sources.jobs.fifo = true), 4],
    ["widened access alone", (s) => void delete s.functions.worker.permissionsBoundary, 4],
  ];
  it.each(cases)("exit status: %s -> %s", (_, change, code) => {
    expect(exitCode(diffOf(change))).toBe(code);
  });
});

describe("ldgen diff: the reports", () => {
  const changes = () => diffOf((s: any) => {
    s.sources.jobs.fifo = true;
    s.functions.worker.timeout = 90;
  });

  it("groups the text by action and marks flagged changes", () => {
    const text = formatText(changes(), "ldgen diff v1.yaml -> v2.yaml");
    const lines = text.split("\n");
    expect(lines[0]).toBe("ldgen diff v1.yaml -> v2.yaml: 2 to replace, 2 to update in place; 1 flagged");
    expect(lines.indexOf("Replace (destroyed, then created anew):")).toBeLessThan(lines.indexOf("Update in place:"));
    expect(lines).toContain("  ! -/+ aws_sqs_queue.jobs: fifo_queue, name force replacement");
    expect(lines).toContain("    ~ aws_lambda_function.worker: timeout");
  });

  it("gives JSON in the documented shape", () => {
    const json = JSON.parse(JSON.stringify(toJson(changes(), { old: "v1.yaml", new: "v2.yaml" })));
    expect(Object.keys(json)).toEqual(["version", "old", "new", "provider", "summary", "exit", "changes"]);
    expect(json.summary).toEqual({ create: 0, update: 2, replace: 2, destroy: 0, move: 0, flagged: 1 });
    expect(json.exit).toBe(4);
    const queue = json.changes.find((c: any) => c.address === "aws_sqs_queue.jobs");
    expect(Object.keys(queue)).toEqual(["address", "type", "action", "attributes", "forcedBy", "flags", "cause", "origin"]);
    expect(queue).toMatchObject({ type: "aws_sqs_queue", action: "replace", forcedBy: ["fifo_queue", "name"], flags: [{ kind: "loss", what: "messages" }], cause: { path: "sources.jobs.fifo", file: "v2.yaml" }, origin: "sources.jobs" });
  });
});

describe("ldgen diff: moves", () => {
  it("reads a moved resource as the same resource, and a move alone as a move", () => {
    const old = side(stringify(base()), "v1.yaml");
    const v2 = base();
    const next = side(stringify(v2), "v2.yaml");
    // As the moves of `renamedFrom` make them: the same resource at a new address.
    const renamed = { ...next.snapshot, resources: { ...next.snapshot.resources }, moves: [{ from: "aws_sqs_queue.results", to: "aws_sqs_queue.outcomes" }] };
    renamed.resources["aws_sqs_queue.outcomes"] = renamed.resources["aws_sqs_queue.results"];
    delete renamed.resources["aws_sqs_queue.results"];
    const changes = diffSnapshots(old.snapshot, renamed, { old: old.source, next: next.source });
    const queue = changes.find((c) => c.address === "aws_sqs_queue.outcomes")!;
    expect([queue.action, queue.from, queue.flags]).toEqual(["move", "aws_sqs_queue.results", []]);
    expect(changes.some((c) => c.action === "destroy")).toBe(false);
  });
});

describe("the replacement table", () => {
  it("knows every attribute of every resource the kitchen sink and the examples write", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-table-"));
    try {
      const specs = [kitchenSinkSpec(dir), ...fs.readdirSync(path.join(ROOT, "examples")).map((e) => path.join(ROOT, "examples", e, "spec.yaml")).filter((f) => fs.existsSync(f))];
      const missing = new Set<string>();
      for (const spec of specs) {
        const checked = check(fs.readFileSync(spec, "utf8"), spec, { exists: fs.existsSync });
        for (const r of Object.values(snapshot(checked.plan!).resources)) {
          if (r.data) continue;
          // (package_type is written only with an image, and a function's code kind never changes in place)
          for (const p of Object.keys(r.attrs)) if (REPLACEMENTS[r.type]?.[tablePath(p)] === undefined && p !== "package_type") missing.add(`${r.type}.${tablePath(p)}`);
        }
      }
      expect([...missing]).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- The command line -----------------------------------------------------------------------------

function ldgen(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "ldgen.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ldgen diff and generate on the command line", () => {
  let dir: string;
  const write = (name: string, spec: Record<string, unknown> | string) => fs.writeFileSync(path.join(dir, name), typeof spec === "string" ? spec : stringify(spec));
  const tree = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d, { recursive: true }).map(String).sort().map((f) => [f, fs.statSync(path.join(d, f)).isFile() ? fs.readFileSync(path.join(d, f), "utf8") : ""]) : []);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-diff-"));
    write("v1.yaml", base());
    const v2 = base();
    (v2.sources as any).jobs.fifo = true;
    write("v2.yaml", v2);
    const v3 = base();
    (v3.functions as any).worker.timeout = 90;
    write("v3.yaml", v3);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["v1.yaml", "v1.yaml", 0],
    ["v1.yaml", "v3.yaml", 3],
    ["v1.yaml", "v2.yaml", 4],
  ])("diff %s %s exits %i", (a, b, code) => {
    expect(ldgen(["diff", a, b, "--no-platform"], dir).code).toBe(code);
  });

  it("--format json prints the report on stdout", () => {
    const r = ldgen(["diff", "v1.yaml", "v2.yaml", "--format", "json", "--no-platform"], dir);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1, old: "v1.yaml", new: "v2.yaml", exit: 4 });
  });

  it.each([
    ["an OLD that does not parse", ["diff", "bad.yaml", "v1.yaml"], 1, /bad\.yaml:\d+:\d+: error LD001/],
    ["an OLD with spec errors", ["diff", "wrong.yaml", "v1.yaml"], 1, /wrong\.yaml:\d+:\d+: error LD/],
    ["one spec without --out", ["diff", "v1.yaml"], 2, /diff takes two specs/],
    ["two specs with --out", ["diff", "--out", "out", "v1.yaml", "v2.yaml"], 2, /takes one spec/],
    ["a DIR without a manifest", ["diff", "--out", "empty", "v1.yaml"], 2, /empty has no \.ldgen-manifest\.json/],
    ["a manifest of an older ldgen", ["diff", "--out", "old", "v1.yaml"], 2, /written by an older ldgen \(manifest version 1\)/],
    ["a missing spec", ["diff", "v1.yaml", "nope.yaml"], 2, /cannot read nope\.yaml: no such file/],
    ["a NEW that does not parse", ["diff", "v1.yaml", "bad.yaml"], 1, /^bad\.yaml:\d+:\d+: error LD001/m],
    ["a NEW with spec errors", ["diff", "v1.yaml", "wrong.yaml"], 1, /^wrong\.yaml:3:\d+: error LD\d+: functions\.f\.cod/m],
    ["a DIR that does not exist", ["diff", "--out", "nowhere", "v1.yaml"], 2, /nowhere has no \.ldgen-manifest\.json/],
    ["a manifest that is not JSON", ["diff", "--out", "corrupt", "v1.yaml"], 2, /corrupt\/\.ldgen-manifest\.json is not a manifest ldgen wrote/],
    ["a manifest whose record is damaged", ["diff", "--out", "damaged", "v1.yaml"], 2, /damaged\/\.ldgen-manifest\.json: its record of the last generate is missing or damaged/],
    ["a manifest whose plan is not a plan", ["diff", "--out", "garbled", "v1.yaml"], 2, /garbled\/\.ldgen-manifest\.json: its record of the plan is not one this ldgen reads/],
    ["a manifest of a newer ldgen", ["diff", "--out", "newer", "v1.yaml"], 2, /written by a newer ldgen \(manifest version 3; this one reads up to 2\): upgrade ldgen/],
  ])("%s: a clear error", (_, args, code, message) => {
    write("bad.yaml", "version: 1\nname: [unclosed\n");
    write("wrong.yaml", "version: 1\nname: app\nfunctions: { f: { cod: x } }\n");
    fs.mkdirSync(path.join(dir, "empty"));
    const manifest = (folder: string, text: string) => {
      fs.mkdirSync(path.join(dir, folder));
      fs.writeFileSync(path.join(dir, folder, ".ldgen-manifest.json"), text);
    };
    manifest("old", JSON.stringify({ generator: "ldgen", version: 1, files: {} }));
    manifest("corrupt", '{"generator": "ldgen", "version": 2, "files": {');
    manifest("damaged", JSON.stringify({ generator: "ldgen", version: 2, files: {}, spec: { file: "v1.yaml", value: {} }, plan: "garbage" }));
    manifest("garbled", JSON.stringify({ generator: "ldgen", version: 2, files: {}, spec: { file: "v1.yaml", value: {} }, plan: { resources: { "aws_sqs_queue.x": { type: 1 } }, moves: [] } }));
    manifest("newer", JSON.stringify({ generator: "ldgen", version: 3, files: {}, spec: { file: "v1.yaml", value: {} }, plan: { resources: {}, moves: [] } }));
    const before = tree(dir);
    const r = ldgen([...args, "--no-platform"], dir);
    expect([r.code, r.stderr]).toEqual([code, expect.stringMatching(message)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(tree(dir)).toEqual(before);
  });

  it("generate records the plan; diff --out compares with it", () => {
    expect(ldgen(["generate", "v1.yaml", "--out", "out", "--target", "hcl", "--no-platform"], dir).code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "out", ".ldgen-manifest.json"), "utf8"));
    expect(manifest.version).toBe(2);
    expect(Object.keys(manifest.plan.resources)).toContain("aws_sqs_queue.jobs");
    expect(ldgen(["diff", "--out", "out", "v1.yaml", "--no-platform"], dir).code).toBe(0);
    const r = ldgen(["diff", "--out", "out", "v2.yaml", "--no-platform"], dir);
    expect([r.code, r.stdout]).toEqual([4, expect.stringContaining("! -/+ aws_sqs_queue.jobs: fifo_queue, name force replacement")]);
  });

  it("generate refuses a loss, naming the address, the loss and the spec line; nothing written", () => {
    expect(ldgen(["generate", "v1.yaml", "--out", "out", "--no-platform"], dir).code).toBe(0);
    const before = tree(path.join(dir, "out"));
    const r = ldgen(["generate", "v2.yaml", "--out", "out", "--no-platform"], dir);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/refusing to write out: a change loses data \(nothing written\)/);
    expect(r.stderr).toMatch(/aws_sqs_queue\.jobs is replaced \(fifo_queue, name force it\): every message in the queue .* \(v2\.yaml:\d+:\d+: sources\.jobs\.fifo\)/);
    expect(r.stderr).toMatch(/--allow-replace aws_sqs_queue\.jobs/);
    expect(tree(path.join(dir, "out"))).toEqual(before);
  });

  it.each([
    ["--allow-replace with the address", ["--allow-replace", "aws_sqs_queue.jobs"]],
    ["--allow-data-loss", ["--allow-data-loss"]],
  ])("generate goes ahead with %s", (_, flags) => {
    expect(ldgen(["generate", "v1.yaml", "--out", "out", "--no-platform"], dir).code).toBe(0);
    const r = ldgen(["generate", "v2.yaml", "--out", "out", "--no-platform", ...flags], dir);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining("warning: allowed: aws_sqs_queue.jobs is replaced")]);
    expect(ldgen(["diff", "--out", "out", "v2.yaml", "--no-platform"], dir).code).toBe(0);
  });

  it("--allow-replace of another address is still refused", () => {
    expect(ldgen(["generate", "v1.yaml", "--out", "out", "--no-platform"], dir).code).toBe(0);
    const r = ldgen(["generate", "v2.yaml", "--out", "out", "--no-platform", "--allow-replace", "aws_sqs_queue.results"], dir);
    expect([r.code, r.stderr]).toEqual([4, expect.stringContaining("--allow-replace aws_sqs_queue.results: no change of that address loses data")]);
  });

  it("safe changes and widened access are written (access with a warning); the first generate is never refused", () => {
    expect(ldgen(["generate", "v2.yaml", "--out", "out", "--no-platform"], dir).code).toBe(0);
    const v4 = base();
    (v4.sources as any).jobs.fifo = true;
    delete (v4.functions as any).worker.permissionsBoundary;
    write("v4.yaml", v4);
    const r = ldgen(["generate", "v4.yaml", "--out", "out", "--no-platform"], dir);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining("warning: aws_iam_role.worker: widens access: its permissions boundary is removed")]);
  });

  it("an older ldgen's manifest: generate keeps its ownership, warns it cannot check, and records the plan", () => {
    expect(ldgen(["generate", "v1.yaml", "--out", "out", "--target", "hcl", "--no-platform"], dir).code).toBe(0);
    const file = path.join(dir, "out", ".ldgen-manifest.json");
    const { files } = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ generator: "ldgen", version: 1, files }, null, 2) + "\n");
    fs.writeFileSync(path.join(dir, "out", "hcl", "backend.tf"), "# mine\n");
    const r = ldgen(["generate", "v2.yaml", "--out", "out", "--target", "hcl", "--no-platform"], dir);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining("records no earlier plan (an older ldgen wrote it)")]);
    expect(fs.readFileSync(path.join(dir, "out", "hcl", "backend.tf"), "utf8")).toBe("# mine\n");
    expect(JSON.parse(fs.readFileSync(file, "utf8")).version).toBe(2);
  });
});
