import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { generate, type Generated } from "../generator";
import { diffSnapshots, snapshot, type Snapshot } from "../generator/diff";
import { synth } from "../generator/emit/synth";
import { describeWithTerraform } from "./support/terraform";
import { applyOffline, moduleNames, planAgainst, type Planned, type StateV4 } from "./support/tfstate";

/**
 * Terraform is the judge of moves and protection (issue 19, parts 3 and 4): version 1 of each spec is planned
 * and made a state (applyOffline), version 2 is planned against it. ONE applyOffline for every root, ONE
 * planAgainst for the roots that must plan, and one more for the roots whose plan must fail (a plan that fails
 * gives no plan for any root planned with it).
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-moves-tf-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const code = { code: "s3://artifacts/app.zip", runtime: "nodejs22.x", handler: "index.handler" };
const yaml = (spec: Record<string, unknown>) => stringify({ version: 1, name: "mv", ...spec });

/** v1: a queue feeding a mapping, a stream with a positioned mapping, a schedule, an inline failure queue; queue and function protected. */
const V1 = yaml({
  destinations: { jobs: { type: "sqs", protect: true } },
  sources: { clicks: { type: "kinesis", shards: 1 } },
  functions: {
    worker: { ...code, protect: true, triggers: [{ schedule: "rate(1 hour)" }], async: { onFailure: { type: "sqs" } }, events: [{ source: "clicks", startingPosition: "LATEST" }, { source: "jobs" }] },
  },
});
/** v2: every entry renamed with renamedFrom and its old AWS name, the inline failure queue given a name (matched against v1's record). */
const V2 = yaml({
  destinations: { tasks: { type: "sqs", protect: true, renamedFrom: "jobs", awsName: "mv-jobs" }, failures: { type: "sqs", awsName: "mv-worker-on-failure" } },
  sources: { clickstream: { type: "kinesis", shards: 1, renamedFrom: "clicks", awsName: "mv-clicks" } },
  functions: {
    processor: { ...code, renamedFrom: "worker", awsName: "mv-worker", protect: true, triggers: [{ schedule: "rate(1 hour)" }], async: { onFailure: "failures" }, events: [{ source: "clickstream", startingPosition: "LATEST" }, { source: "tasks" }] },
  },
});
/** A chain: state at `a`, a generate of `b` recorded (a -> b) and never applied, now `c` renamed from `b`. */
const CHAIN_V1 = yaml({ destinations: { a: { type: "sqs", protect: true } }, functions: { f: { ...code, events: [{ source: "a" }] } } });
const CHAIN_B = yaml({ destinations: { b: { type: "sqs", protect: true, awsName: "mv-a" } }, functions: { f: { ...code, events: [{ source: "b" }] } } });
const CHAIN_V2 = yaml({ destinations: { c: { type: "sqs", protect: true, awsName: "mv-a", renamedFrom: "b" } }, functions: { f: { ...code, events: [{ source: "c" }] } } });
/**
 * Protected, then replaced: the queue made FIFO and the mapping given a new starting position; in other roots the
 * stream given a new AWS name, the function made a container image (package_type forces a new function), the
 * function renamed by awsName (its log group follows). Terraform skips what depends on a resource that
 * failed, so each protected resource is replaced where nothing it waits for fails. (Removing an entry removes its
 * resource block and prevent_destroy with it: Terraform then destroys it without a word. That is what `ldgen diff`
 * and generate's refusal are for; docs/changing-specs.md.)
 */
const reader = (extra: Record<string, unknown> = {}) => ({ ...code, protect: true, events: [{ source: "clicks", startingPosition: "LATEST" }], ...extra });
const PROTECTED_V1 = yaml({ destinations: { jobs: { type: "sqs", protect: true } }, sources: { clicks: { type: "kinesis", shards: 1, protect: true } }, functions: { worker: reader() } });
const PROTECTED_V2 = yaml({
  destinations: { jobs: { type: "sqs", protect: true, fifo: true } },
  sources: { clicks: { type: "kinesis", shards: 1, protect: true } },
  functions: { worker: reader({ events: [{ source: "clicks", startingPosition: "TRIM_HORIZON" }] }) },
});
const STREAM_V2 = yaml({ destinations: { jobs: { type: "sqs", protect: true } }, sources: { clicks: { type: "kinesis", shards: 1, protect: true, awsName: "mv-clicks-2" } }, functions: { worker: reader() } });
const FUNCTION_V1 = yaml({ functions: { worker: { ...code, protect: true } } });
const FUNCTION_V2 = yaml({ functions: { worker: { code: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1" }, protect: true } } });
const LOGS_V2 = yaml({ functions: { worker: { ...code, protect: true, awsName: "mv-worker-2" } } });

function generated(name: string, text: string, target: "hcl" | "cdktf", previous?: Snapshot): Generated & { dir: string } {
  const dir = path.join(scratch, name);
  const result = generate(text, path.join(dir, "spec.yaml"), target, { outDir: dir, previous });
  const errors = result.diagnostics.filter((d) => d.severity === "error" || d.code === "LD282");
  if (errors.length) throw new Error(`${name}: ${JSON.stringify(errors)}`);
  for (const [file, content] of Object.entries(result.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return { ...result, dir };
}

/** The synthesized CDKTF stack folder of a generated app (a Terraform root in JSON). */
function synthesized(g: Generated & { dir: string }): string {
  synth(path.join(g.dir, "cdktf"));
  return path.join(g.dir, "cdktf", "cdktf.out", "stacks", "mv");
}

describeWithTerraform("moves and protection, judged by terraform", () => {
  const v1 = generated("v1", V1, "hcl");
  const previous = snapshot(v1.plan!);
  const v2 = generated("v2", V2, "hcl", previous);
  const v2cdk = generated("v2-cdktf", V2, "cdktf", previous);
  const chainV1 = generated("chain-v1", CHAIN_V1, "hcl");
  // What the never-applied generate of b recorded: its plan, and the move a -> b it made from a's record.
  const chainB = generated("chain-b", CHAIN_B, "hcl", snapshot(chainV1.plan!));
  const chainRecord = snapshot(chainB.plan!);
  const chainV2 = generated("chain-v2", CHAIN_V2, "hcl", chainRecord);
  const chainV2cdk = generated("chain-v2-cdktf", CHAIN_V2, "cdktf", chainRecord);
  const protectedV1 = generated("protected-v1", PROTECTED_V1, "hcl");
  const protectedV2 = generated("protected-v2", PROTECTED_V2, "hcl", snapshot(protectedV1.plan!));
  const streamV2 = generated("stream-v2", STREAM_V2, "hcl");
  const functionV1 = generated("function-v1", FUNCTION_V1, "hcl");
  const functionV2 = generated("function-v2", FUNCTION_V2, "hcl");
  const logsV2 = generated("logs-v2", LOGS_V2, "hcl");

  let planned: Record<string, Planned>;
  let failed: Record<string, Planned>;
  beforeAll(() => {
    const hcl = (g: { dir: string }) => path.join(g.dir, "hcl");
    // The CDKTF keys plan against the HCL v1's state: both apps have the same addresses (parity.test.ts).
    const applied = applyOffline({ rename: hcl(v1), "rename cdktf": hcl(v1), chain: hcl(chainV1), "chain cdktf": hcl(chainV1), protected: hcl(protectedV1), stream: hcl(protectedV1), function: hcl(functionV1), logs: hcl(functionV1) });
    // Each plan against the part of the state its roots make (a module in the state and not in the config is an orphan Terraform cannot plan).
    const names = moduleNames(["rename", "rename cdktf", "chain", "chain cdktf", "protected", "stream", "function", "logs"]);
    const only = (keys: string[]): StateV4 => ({ ...applied.state, resources: applied.state.resources.filter((r) => keys.some((k) => r.module === `module.${names.get(k)}` || r.module?.startsWith(`module.${names.get(k)}.`))) });
    const ok = { rename: hcl(v2), "rename cdktf": synthesized(v2cdk), chain: hcl(chainV2), "chain cdktf": synthesized(chainV2cdk) };
    planned = planAgainst(ok, only(Object.keys(ok)));
    const failing = { protected: hcl(protectedV2), stream: hcl(streamV2), function: hcl(functionV2), logs: hcl(logsV2) };
    failed = planAgainst(failing, only(Object.keys(failing)), {}, { expectFailure: true });
  });

  test("ldgen's moves are what it means to write: every resource of a renamed entry, the inline queue given a name", () => {
    expect(v2.plan!.moves.map((m) => `${m.from} -> ${m.to}`)).toEqual(
      expect.arrayContaining([
        "aws_sqs_queue.jobs -> aws_sqs_queue.tasks",
        "aws_sqs_queue.worker_on_failure -> aws_sqs_queue.failures",
        "aws_kinesis_stream.clicks -> aws_kinesis_stream.clickstream",
        "aws_lambda_function.worker -> aws_lambda_function.processor",
        "aws_cloudwatch_log_group.worker -> aws_cloudwatch_log_group.processor",
        "aws_lambda_event_source_mapping.worker_clicks -> aws_lambda_event_source_mapping.processor_clickstream",
        "aws_lambda_event_source_mapping.worker_jobs -> aws_lambda_event_source_mapping.processor_tasks",
      ]),
    );
    expect(chainV2.plan!.moves.map((m) => `${m.from} -> ${m.to}`)).toEqual(
      expect.arrayContaining(["aws_sqs_queue.a -> aws_sqs_queue.b", "aws_sqs_queue.b -> aws_sqs_queue.c"]),
    );
  });

  test.each([
    ["rename", "HCL"],
    ["rename cdktf", "the synthesized CDKTF stack"],
  ])("%s (%s): every move is a move in Terraform, and it destroys exactly what ldgen diff says it replaces", (key) => {
    const changes = planned[key].changes;
    for (const m of v2.plan!.moves) {
      const c = changes.find((x) => x.address === m.to);
      expect({ to: m.to, previous: c?.previousAddress }).toEqual({ to: m.to, previous: m.from });
    }
    // Nothing is destroyed for want of its config (what a missing move does), and no data holder is touched.
    expect(changes.filter((c) => c.actions.includes("delete") && !c.actions.includes("create"))).toEqual([]);
    const kept = ["aws_sqs_queue.tasks", "aws_sqs_queue.failures", "aws_kinesis_stream.clickstream", "aws_lambda_function.processor", "aws_cloudwatch_log_group.processor", "aws_lambda_event_source_mapping.processor_clickstream", "aws_lambda_event_source_mapping.processor_tasks"];
    for (const address of kept) expect({ address, actions: changes.find((c) => c.address === address)?.actions.filter((a) => a !== "no-op" && a !== "update") }).toEqual({ address, actions: [] });
    const terraformReplaces = changes.filter((c) => c.actions.includes("delete")).map((c) => c.address).sort();
    const ldgenReplaces = diffSnapshots(previous, snapshot(v2.plan!), { next: { file: "v2", value: {} } }).filter((c) => c.action === "replace" || c.action === "destroy").map((c) => c.address).sort();
    expect(terraformReplaces).toEqual(ldgenReplaces);
  });

  test.each(["chain", "chain cdktf"])("%s: a state at the chain's start moves through it to the resource", (key) => {
    const queue = planned[key].changes.find((c) => c.address === "aws_sqs_queue.c")!;
    expect({ previous: queue.previousAddress, actions: queue.actions }).toEqual({ previous: "aws_sqs_queue.a", actions: ["no-op"] });
    expect(planned[key].changes.filter((c) => c.actions.includes("delete"))).toEqual([]);
  });

  test("the CDKTF stack carries the moves as moved blocks, the chain's first link as a Moved element", () => {
    const stack = JSON.parse(fs.readFileSync(path.join(chainV2cdk.dir, "cdktf", "cdktf.out", "stacks", "mv", "cdk.tf.json"), "utf8"));
    expect(stack.moved).toEqual(expect.arrayContaining([{ from: "aws_sqs_queue.a", to: "aws_sqs_queue.b" }, { from: "aws_sqs_queue.b", to: "aws_sqs_queue.c" }]));
    expect(stack.resource.aws_sqs_queue.c.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("a plan that replaces a protected resource fails, naming each one", () => {
    const error = failed.protected.error ?? "";
    expect(error).toContain("Instance cannot be destroyed");
    const named = (key: string) => [...error.matchAll(new RegExp(`Resource\\s+module\\.${key}\\.(\\S+)\\s+has\\s+lifecycle\\.prevent_destroy`, "g"))].map((m) => m[1]).sort();
    expect(named("m_protected")).toEqual(["aws_lambda_event_source_mapping.worker_clicks", "aws_sqs_queue.jobs"]);
    expect(named("m_stream")).toEqual(["aws_kinesis_stream.clicks"]);
    expect(named("m_function")).toEqual(["aws_lambda_function.worker"]);
    expect(named("m_logs")).toEqual(["aws_cloudwatch_log_group.worker"]);
  });
});
