import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { check, type Plan } from "../generator";
import { diffSnapshots, snapshot, type Change, type Snapshot } from "../generator/diff";
import { refsIn, splitRef } from "../generator/diff/snapshot";
import { LOSSES } from "../generator/diff/losses";
import { emitHcl } from "../generator/emit/hcl";
import type { Item, Value } from "../generator/plan/view";
import { kitchenSinkSpec } from "./cdktf-specs";
import { base, PAIRS, PROTECTED_PAIRS, protectedBase } from "./support/diff-pairs";
import { EXTRA_SPEC, mutatePlan } from "./support/mutate";
import { ROOT } from "./support/examples";
import { describeWithTerraform, type PlanJson } from "./support/terraform";
import { applyOffline, moduleNames, planAgainst, type Change as TfChange, type StateV4 } from "./support/tfstate";

/**
 * Terraform judges `ldgen diff` (issue 19). Each case is a spec before and after a change: v1 is planned and
 * applied offline (test/support/tfstate.ts), v2 is planned against that state at the same module address with
 * -refresh=false, and every resource Terraform deletes (a destroy, or the delete of a replace) must be one ldgen
 * reports as destroyed or replaced, and the other way round; loss flags only where Terraform deletes; creates and
 * updates in place the same as Terraform's. The cases are the pairs of test/support/diff-pairs.ts (one state of
 * their common v1, copied to each pair's module), every attribute of every resource changed at once (the kitchen
 * sink and the extra spec: what the replacement table was made from, so the table stays honest), moves, and
 * protection (a protected v1 and its changes: a protected replacement fails the plan, those cases batched in one
 * expectFailure run; a protected resource whose block is gone is destroyed). generate's refusal runs on the
 * command line against the same plans. One applyOffline, one planAgainst, one failing planAgainst.
 */

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-diff-tf-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function writeRoot(dir: string, plan: Plan, model: ReturnType<typeof check>["model"], extra: Record<string, string> = {}): string {
  const hcl = path.join(dir, "hcl");
  fs.mkdirSync(hcl, { recursive: true });
  for (const [name, text] of Object.entries({ ...emitHcl(plan, { specFile: "spec.yaml", templates: [], model }), ...extra })) fs.writeFileSync(path.join(hcl, name), text);
  return hcl;
}

/** A spec checked as the CLI checks it: a NEW planned against what it is compared with (`previous`: its moves). */
function checked(text: string, file: string, outDir: string, previous?: Snapshot) {
  const c = check(text, file, { outDir, exists: fs.existsSync, previous });
  const errors = c.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || !c.plan) throw new Error(`${file}: ${JSON.stringify(errors)}`);
  return c;
}

const source = (c: ReturnType<typeof check>, file: string) => ({ file, value: c.document!.value, position: c.document!.position });

/** A plan whose resource at `from` is at `to` (same body), with every reference to it following: what a move makes. */
function relabel(plan: Plan, from: string, to: string): Plan {
  const fix = (v: Value): Value =>
    v.t === "ref" && v.address === from ? { ...v, address: to } : v.t === "list" ? { ...v, items: v.items.map(fix) } : v.t === "map" ? { ...v, entries: v.entries.map(([k, x]) => [k, fix(x)]) } : v.t === "encode" ? { ...v, value: fix(v.value) } : v;
  const body = (items: Item[]): Item[] => items.map((i) => ("attr" in i ? { attr: i.attr, value: fix(i.value) } : { ...i, body: body(i.body) }));
  const label = to.split(".").pop()!;
  return {
    ...plan,
    files: plan.files.map((f) => ({ ...f, resources: f.resources.map((r) => ({ ...r, ...(`${r.type}.${r.label}` === from && { label }), body: body(r.body), dependsOn: r.dependsOn.map((d) => (d === from ? to : d)) })) })),
    outputs: plan.outputs.map((o) => ({ ...o, value: fix(o.value) })),
    moves: [{ from, to, origin: [] }],
  };
}

/**
 * The state a plan of `keys` runs against: for each case, the resources of the root its v1 was applied as
 * (`cases[key].state`, a module of `applied`), at the module address planAgainst gives the key. (Each root has its
 * own provider block: a copy's provider is its own module's. A module left out would be an orphan whose provider
 * is gone, which fails the plan.)
 */
function stateFor(applied: StateV4, appliedKeys: string[], keys: string[], stateOf: (key: string) => string): StateV4 {
  const from = moduleNames(appliedKeys);
  const to = moduleNames(keys);
  const resources = keys.flatMap((key) => {
    const [a, b] = [`module.${from.get(stateOf(key))}`, `module.${to.get(key)}`];
    const move = (x: string) => x.replace(`${a}.`, `${b}.`);
    return applied.resources.filter((r) => r.module === a).map((r) => ({ ...r, module: b, provider: move(r.provider), instances: r.instances.map((i) => ({ ...i, ...(i.dependencies && { dependencies: i.dependencies.map(move) }) })) }));
  });
  return { ...applied, resources };
}

interface Case {
  name: string;
  v1: string;
  v2: string;
  /** What ldgen reports. */
  changes: Change[];
  /** The v1 root's key in the state (shared v1s are copied from it). */
  state: string;
  /** The spec files (on disk) of a pair: what the command line runs on. */
  files?: { v1: string; v2: string };
  /** A protected resource replaced: Terraform's plan fails (the expectFailure run). */
  fails?: boolean;
  /** The addresses v1 protects. */
  protectedInV1?: string[];
  /** What each v2 resource refers to or waits for (its references and depends_on). */
  needs?: Record<string, string[]>;
}

/** A resource Terraform deletes that holds data or position (what ldgen must flag as a loss): read from the plan's `before`. */
function holdsData(change: TfChange, plan: PlanJson): boolean {
  const rc = plan.resource_changes.find((r) => r.address === change.address) as { type: string; change: { before: Record<string, unknown> | null } } | undefined;
  if (!rc || !LOSSES[rc.type]) return false;
  if (rc.type !== "aws_lambda_event_source_mapping") return true;
  const before = rc.change.before;
  // A stream mapping (Kinesis, DynamoDB, Kafka) has a position; an SQS one has none.
  return !!before && (before.starting_position != null || ["self_managed_event_source", "amazon_managed_kafka_event_source_config", "self_managed_kafka_event_source_config"].some((k) => Array.isArray(before[k]) && (before[k] as unknown[]).length > 0));
}

const ldgenBin = path.join(ROOT, "bin", "ldgen.js");
function ldgen(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [ldgenBin, ...args, "--no-platform", ...(args[0] === "generate" ? ["--target", "hcl"] : [])], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stderr: r.stderr };
}
const tree = (d: string) => fs.readdirSync(d, { recursive: true }).map(String).sort().map((f) => [f, fs.statSync(path.join(d, f)).isFile() ? fs.readFileSync(path.join(d, f)).toString("base64") : "dir"]);

/** Each check collects every case that disagrees, so one run shows them all. */
function disagreements<T>(keys: string[], judge: (key: string) => T | undefined): { case: string; disagreement: T }[] {
  const out: { case: string; disagreement: T }[] = [];
  for (const key of keys) {
    const d = judge(key);
    if (d !== undefined) out.push({ case: key, disagreement: d });
  }
  return out;
}

describeWithTerraform("ldgen diff against Terraform's plan", () => {
  const cases: Record<string, Case> = {};
  let planned: Record<string, { changes: TfChange[]; json: PlanJson }> = {};
  const refusedBy: Record<string, { error: string; refused: string[] }> = {};

  beforeAll(() => {
    // The pairs: one v1, applied once.
    const v1Text = stringify(base());
    const v1File = path.join(scratch, "v1.yaml");
    fs.writeFileSync(v1File, v1Text);
    const v1 = checked(v1Text, v1File, path.join(scratch, "pairs-v1"));
    const baseRoot = writeRoot(path.join(scratch, "pairs-v1"), v1.plan!, v1.model);
    PAIRS.forEach((pair, i) => {
      const spec = base();
      pair.change(spec);
      const file = path.join(scratch, `pair${i}.yaml`);
      fs.writeFileSync(file, stringify(spec));
      const v2 = checked(fs.readFileSync(file, "utf8"), file, path.join(scratch, `pair${i}`), snapshot(v1.plan!));
      const root = writeRoot(path.join(scratch, `pair${i}`), v2.plan!, v2.model);
      const changes = diffSnapshots(snapshot(v1.plan!), snapshot(v2.plan!), { old: source(v1, v1File), next: source(v2, file) });
      cases[`pair${i}`] = { name: pair.name, v1: baseRoot, v2: root, state: "pairs", changes, files: { v1: v1File, v2: file } };
    });
    // Every attribute at once, of every resource type ldgen writes.
    const specs = { kitchen: kitchenSinkSpec(path.join(scratch, "kitchen")), extra: path.join(scratch, "extra.yaml") };
    fs.writeFileSync(specs.extra, EXTRA_SPEC);
    for (const [key, file] of Object.entries(specs)) {
      const c = checked(fs.readFileSync(file, "utf8"), file, path.join(scratch, `${key}-v1`));
      const mutated = mutatePlan(c.plan!, "ldgen-changed.zip");
      const v1Root = writeRoot(path.join(scratch, `${key}-v1`), c.plan!, c.model);
      // The changed code: another file beside each zip the spec names (as scripts/replacement-table.js does).
      for (const r of Object.values(snapshot(c.plan!).resources)) {
        const filename = r.attrs.filename as { file?: string } | undefined;
        if (filename?.file) fs.writeFileSync(path.resolve(v1Root, filename.file.replace(/[^/]+$/, "ldgen-changed.zip")), "another zip");
      }
      const v2Root = writeRoot(path.join(scratch, `${key}-v2`), mutated, c.model);
      cases[key] = { name: `every attribute of ${key}`, v1: v1Root, v2: v2Root, state: key, changes: diffSnapshots(snapshot(c.plan!), snapshot(mutated), { next: source(c, file) }) };
    }
    // Moves of ldgen's labels (as a new ldgen's labels would make them): the results queue at a new address, the
    // same queue in AWS; a function and everything that refers to it. (renamedFrom's moves are pairs.)
    const moves: [string, string, string][] = [
      ["moved", "aws_sqs_queue.results", "aws_sqs_queue.outcomes"],
      ["movedFunction", "aws_lambda_function.worker", "aws_lambda_function.processor"],
    ];
    for (const [key, from, to] of moves) {
      const moved = relabel(v1.plan!, from, to);
      // (the plan's moves are written as hcl/moves.tf)
      const root = writeRoot(path.join(scratch, key), moved, v1.model);
      cases[key] = { name: `${from} moved to ${to}`, v1: baseRoot, v2: root, state: "pairs", changes: diffSnapshots(snapshot(v1.plan!), snapshot(moved), { old: source(v1, v1File), next: source(v1, v1File) }) };
    }

    // Protection: a protected v1 (applied with the others), its changes; those Terraform refuses are planned apart.
    const protectedV1File = path.join(scratch, "protected.yaml");
    fs.writeFileSync(protectedV1File, stringify(protectedBase()));
    const pv1 = checked(fs.readFileSync(protectedV1File, "utf8"), protectedV1File, path.join(scratch, "protected-v1"));
    const protectedRoot = writeRoot(path.join(scratch, "protected-v1"), pv1.plan!, pv1.model);
    const protectedInV1 = Object.entries(snapshot(pv1.plan!).resources).filter(([, r]) => r.protect).map(([a]) => a);
    PROTECTED_PAIRS.forEach((pair, i) => {
      const spec = protectedBase();
      pair.change(spec);
      const file = path.join(scratch, `protected${i}.yaml`);
      fs.writeFileSync(file, stringify(spec));
      const v2 = checked(fs.readFileSync(file, "utf8"), file, path.join(scratch, `protected${i}`), snapshot(pv1.plan!));
      const root = writeRoot(path.join(scratch, `protected${i}`), v2.plan!, v2.model);
      const changes = diffSnapshots(snapshot(pv1.plan!), snapshot(v2.plan!), { old: source(pv1, protectedV1File), next: source(v2, file) });
      const needs: Record<string, string[]> = {};
      for (const f of v2.plan!.files) {
        for (const r of f.resources) needs[`${r.mode === "data" ? "data." : ""}${r.type}.${r.label}`] = [...r.dependsOn];
      }
      for (const [address, r] of Object.entries(snapshot(v2.plan!).resources)) for (const v of Object.values(r.attrs)) needs[address].push(...refsIn(v).map((x) => splitRef(x).address));
      cases[`protected${i}`] = { name: `protected: ${pair.name}`, v1: protectedRoot, v2: root, state: "protected", changes, fails: pair.fails, protectedInV1, needs };
    });

    const v1Roots = { pairs: baseRoot, protected: protectedRoot, kitchen: cases.kitchen.v1, extra: cases.extra.v1 };
    const applied = applyOffline(v1Roots);
    const planOf = (keys: string[], options = {}) => planAgainst(Object.fromEntries(keys.map((k) => [k, cases[k].v2])), stateFor(applied.state, Object.keys(v1Roots), keys, (k) => cases[k].state), {}, options);
    planned = planOf(Object.keys(cases).filter((k) => !cases[k].fails));
    // One run for every case whose plan fails: the error names each protected instance the plan would destroy.
    const failing = Object.keys(cases).filter((k) => cases[k].fails);
    const failed = planOf(failing, { expectFailure: true });
    const names = moduleNames(failing);
    for (const key of failing) {
      const error = (failed[key].error ?? "").replace(/\s+/g, " ");
      const refused = [...error.matchAll(/Resource module\.(\w+)\.(\S+?) has lifecycle\.prevent_destroy set/g)].filter((m) => m[1] === names.get(key)).map((m) => m[2]);
      refusedBy[key] = { error, refused: [...new Set(refused)].sort() };
    }
    // (LDGEN_DIFF_TF_DUMP=FILE keeps the plans and ldgen's reports, to look into a disagreement without planning again)
    if (process.env.LDGEN_DIFF_TF_DUMP) fs.writeFileSync(process.env.LDGEN_DIFF_TF_DUMP, JSON.stringify({ planned, cases }));
  });

  /** The cases Terraform plans (every one but those whose plan fails). */
  const all = () => Object.keys(cases).filter((k) => !cases[k].fails);
  const deletes = (changes: TfChange[]) => changes.filter((c) => c.actions.includes("delete")).map((c) => c.address).sort();
  const creates = (changes: TfChange[]) => changes.filter((c) => c.actions.length === 1 && c.actions[0] === "create").map((c) => c.address).sort();
  const updates = (changes: TfChange[]) => changes.filter((c) => c.actions.length === 1 && c.actions[0] === "update" && !c.address.startsWith("data.")).map((c) => c.address).sort();
  const ours = (changes: Change[], ...actions: string[]) => changes.filter((c) => actions.includes(c.action)).map((c) => c.address).sort();
  const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

  it("covers at least 25 change pairs, every attribute, and the moves", () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(25);
    expect(all().length).toBe(PAIRS.length + 4 + PROTECTED_PAIRS.filter((p) => !p.fails).length);
    // (a plan per case: none was left out of the run)
    expect(Object.keys(planned).sort()).toEqual(all().sort());
    expect(Object.keys(refusedBy).length).toBe(PROTECTED_PAIRS.filter((p) => p.fails).length);
  });

  it("every delete Terraform plans is a destroy or replace ldgen reports at the same address, and the other way round", () => {
    const wrong = disagreements(all(), (key) => {
      const terraform = deletes(planned[key].changes);
      const ldgen = ours(cases[key].changes, "destroy", "replace");
      return same(terraform, ldgen) ? undefined : { name: cases[key].name, terraformOnly: terraform.filter((a) => !ldgen.includes(a)), ldgenOnly: ldgen.filter((a) => !terraform.includes(a)) };
    });
    expect(wrong).toEqual([]);
  });

  it("a replacement is forced by the attributes Terraform names", () => {
    const wrong = disagreements(all(), (key) => {
      const out: Record<string, { terraform: string[]; ldgen: string[] }> = {};
      for (const c of planned[key].changes) {
        if (!(c.actions.includes("delete") && c.actions.includes("create"))) continue;
        const terraform = [...new Set((c.replacePaths ?? []).map((p) => (p as unknown[]).filter((x) => typeof x === "string").join(".")))].sort();
        const ldgen = [...new Set((cases[key].changes.find((x) => x.address === c.address)?.forcedBy ?? []).map((p) => p.replace(/\.\d+(?=\.|$)/g, "")))].sort();
        // (Terraform names the block where ldgen names the attribute inside it: `destination_config` for `destination_config.on_failure.destination`)
        const covered = terraform.every((t) => ldgen.some((l) => l === t || l.startsWith(`${t}.`))) && ldgen.every((l) => terraform.some((t) => l === t || l.startsWith(`${t}.`)));
        if (!covered) out[c.address] = { terraform, ldgen };
      }
      return Object.keys(out).length ? out : undefined;
    });
    expect(wrong).toEqual([]);
  });

  it("flags a loss exactly where Terraform deletes something that holds data or position", () => {
    const wrong = disagreements(all(), (key) => {
      const flagged = cases[key].changes.filter((c) => c.flags.some((f) => f.kind === "loss")).map((c) => c.address).sort();
      const terraform = planned[key].changes.filter((c) => c.actions.includes("delete") && holdsData(c, planned[key].json)).map((c) => c.address).sort();
      return same(flagged, terraform) ? undefined : { name: cases[key].name, unflagged: terraform.filter((a) => !flagged.includes(a)), flaggedNotDeleted: flagged.filter((a) => !terraform.includes(a)) };
    });
    expect(wrong).toEqual([]);
  });

  it("creates and updates in place are Terraform's", () => {
    // Terraform plans an update in place of what reads a data source it defers to apply, because a resource the
    // document refers to changes (read_because_dependency_pending): ldgen reports those updates too (see engine.ts).
    const wrong = disagreements(all(), (key) => {
      const c = cases[key];
      const terraform = { creates: creates(planned[key].changes), updates: updates(planned[key].changes) };
      const ldgen = { creates: ours(c.changes, "create"), updates: ours(c.changes, "update") };
      return same(terraform.creates, ldgen.creates) && same(terraform.updates, ldgen.updates) ? undefined : { name: c.name, terraform, ldgen };
    });
    expect(wrong).toEqual([]);
  });

  // generate's refusal, on the command line, judged by the same plans: it refuses exactly what Terraform deletes
  // with data, names each address, what it loses and the spec line; it writes nothing; the flags let it through.
  const REFUSALS: [RegExp, boolean][] = [
    [/^the spec's name/, true],
    [/^Kinesis startingPosition LATEST/, true],
    [/^a function renamed/, true],
    [/^fifo on a source queue/, true],
    [/^a topic renamed/, true],
    [/^an S3 trigger's bucket/, false],
    [/^timeout/, false],
  ];
  const pairKey = (name: RegExp) => all().find((k) => name.test(cases[k].name))!;
  const LOSS_LINE = /^ {2}(\S+) is (?:destroyed|replaced \([^)]*\)): .* \((\S+?):(\d+):(\d+): (\S+?)( \(no longer in the spec\))?\)$/;

  it.each(REFUSALS.map(([name, refused]) => [name.source, name, refused] as const))("generate of %s: refused exactly where Terraform deletes data, nothing written, allowed by the flags", (_, name, refused) => {
    const key = pairKey(name);
    const { v1, v2 } = cases[key].files!;
    const [dir, other] = [`refuse-${key}`, `allow-${key}`];
    for (const d of [dir, other]) expect(ldgen(["generate", path.basename(v1), "--out", d], scratch).code).toBe(0);
    const terraform = planned[key].changes.filter((c) => c.actions.includes("delete") && holdsData(c, planned[key].json)).map((c) => c.address).sort();
    expect(terraform.length > 0).toBe(refused);
    const before = tree(path.join(scratch, dir));
    const r = ldgen(["generate", path.basename(v2), "--out", dir], scratch);
    if (!refused) {
      expect([r.code, r.stderr]).toEqual([0, expect.not.stringContaining("refusing")]);
      return;
    }
    expect([r.code, r.stderr]).toEqual([4, expect.stringContaining(`refusing to write ${dir}:`)]);
    expect(tree(path.join(scratch, dir))).toEqual(before);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("  "));
    const named = lines.map((l) => LOSS_LINE.exec(l)?.[1] ?? `unreadable: ${l}`).sort();
    expect(named).toEqual(terraform);
    const text = fs.readFileSync(v2, "utf8").split("\n");
    for (const line of lines) {
      const [, address, file, row, col, specPath, gone] = LOSS_LINE.exec(line)!;
      const change = cases[key].changes.find((c) => c.address === address)!;
      // What is lost, in the words `ldgen diff` uses; the spec line is in the new spec, at the key (or, for a key
      // that is gone, at its nearest parent that is still there).
      for (const f of change.flags.filter((x) => x.kind === "loss")) expect(line).toContain(f.message);
      expect([file, specPath]).toEqual([path.basename(v2), change.cause.path]);
      const at = text[Number(row) - 1]?.slice(Number(col) - 1) ?? "";
      // (a key is pointed at where it is written, a list item at its value)
      const keyAt = /\.([A-Za-z][\w-]*)$|^([A-Za-z][\w-]*)$/.exec(specPath);
      if (!gone && keyAt) expect([specPath, at]).toEqual([specPath, expect.stringMatching(new RegExp(`^${keyAt[1] ?? keyAt[2]}:`))]);
      else expect([specPath, at.trim().length > 0]).toEqual([specPath, true]);
    }
    expect(ldgen(["generate", path.basename(v2), "--out", dir, "--allow-replace", ...terraform], scratch).code).toBe(0);
    expect(tree(path.join(scratch, dir))).not.toEqual(before);
    expect(ldgen(["diff", "--out", dir, path.basename(v2)], scratch).code).toBe(0);
    expect(ldgen(["generate", path.basename(v2), "--out", other, "--allow-data-loss"], scratch).code).toBe(0);
  });

  it("a protected replacement fails Terraform's plan where ldgen diff says it will", () => {
    // Terraform plans nothing that waits for a resource whose plan failed: a protected function that waits for its
    // protected log group is not reached, and not named. So: every address Terraform names is one ldgen flags, and
    // each one ldgen flags that Terraform does not name waits (through references and depends_on) for one it names.
    const wrong = disagreements(Object.keys(refusedBy), (key) => {
      const c = cases[key];
      const ldgen = c.changes.filter((x) => x.flags.some((f) => f.what === "plan-fails")).map((x) => x.address).sort();
      const { refused, error } = refusedBy[key];
      const reaches = (from: string, seen = new Set<string>()): boolean => (c.needs![from] ?? []).some((a) => refused.includes(a) || (!seen.has(a) && (seen.add(a), reaches(a, seen))));
      const unexplained = ldgen.filter((a) => !refused.includes(a) && !reaches(a));
      const unflagged = refused.filter((a) => !ldgen.includes(a));
      return refused.length && !unexplained.length && !unflagged.length ? undefined : { name: c.name, terraform: refused, ldgen, unexplained, unflagged, error: refused.length ? undefined : error.slice(0, 400) };
    });
    expect(wrong).toEqual([]);
  });

  it("a protected resource whose block is gone is destroyed, as ldgen diff warns", () => {
    const keys = all().filter((k) => cases[k].protectedInV1);
    const wrong = disagreements(keys, (key) => {
      const terraform = deletes(planned[key].changes).filter((a) => cases[key].protectedInV1!.includes(a));
      const ldgen = cases[key].changes.filter((c) => c.flags.some((f) => f.what === "protection-leaves")).map((c) => c.address).sort();
      return same(terraform, ldgen) ? undefined : { name: cases[key].name, terraform, ldgen };
    });
    expect(wrong).toEqual([]);
    // (the cases hold such destroys: the check is not empty)
    expect(keys.some((k) => cases[k].changes.some((c) => c.flags.some((f) => f.what === "protection-leaves")))).toBe(true);
  });

  it("every move ldgen reports is one Terraform makes (previous address and all), and the other way round", () => {
    const wrong = disagreements(all(), (key) => {
      const terraform = planned[key].changes.filter((c) => c.previousAddress).map((c) => `${c.previousAddress} -> ${c.address}`).sort();
      const ldgen = cases[key].changes.filter((c) => c.from).map((c) => `${c.from} -> ${c.address}`).sort();
      return same(terraform, ldgen) ? undefined : { name: cases[key].name, terraform, ldgen };
    });
    expect(wrong).toEqual([]);
    // (renamedFrom's pairs move: the check is not empty)
    expect(all().filter((k) => cases[k].changes.some((c) => c.from)).length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ["moved", "aws_sqs_queue.outcomes", "aws_sqs_queue.results"],
    ["movedFunction", "aws_lambda_function.processor", "aws_lambda_function.worker"],
  ])("%s: a move is a move in both, and nothing else changes", (key, to, from) => {
    const terraform = planned[key].changes.filter((c) => c.previousAddress || !c.actions.every((a) => a === "no-op" || a === "read"));
    expect(terraform).toEqual([expect.objectContaining({ address: to, previousAddress: from, actions: ["no-op"] })]);
    expect(cases[key].changes.map((c) => [c.address, c.action, c.from])).toEqual([[to, "move", from]]);
  });
});
