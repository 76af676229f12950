import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { check, generate } from "../generator";
import { snapshot, type Snapshot } from "../generator/diff";
import { s3Code, specYaml } from "./support/spec";

/** Plan.moves (issue 19, part 4): renamedFrom, moves matched against the previous record, recorded moves kept; and what each target writes. */

const fn = (extra: Record<string, unknown> = {}) => ({ ...s3Code, runtime: "nodejs22.x", ...extra });
const moves = (sections: Record<string, unknown>, previous?: Snapshot) => {
  const result = check(specYaml(sections), "spec.yaml", { previous });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(JSON.stringify(errors));
  return { moves: result.plan!.moves.map((m) => `${m.from} -> ${m.to}`), codes: result.diagnostics.map((d) => d.code) };
};
const planOf = (sections: Record<string, unknown>) => check(specYaml(sections), "spec.yaml").plan!;
const codesOf = (sections: Record<string, unknown>) => check(specYaml(sections), "spec.yaml").diagnostics.map((d) => `${d.code} ${d.path}`);

const schedule = { triggers: [{ schedule: "rate(1 hour)" }] };

describe("renamedFrom: every resource of the entry (and those labelled after it) moves", () => {
  const cases: [string, { given: Record<string, unknown>; want: string[]; warns?: boolean }][] = [
    [
      "an SQS destination with its old AWS name: the queue and the mapping labelled after it",
      { given: { destinations: { tasks: { type: "sqs", renamedFrom: "jobs", awsName: "app-jobs" } }, functions: { w: fn({ events: [{ source: "tasks" }] }) } }, want: ["aws_sqs_queue.jobs -> aws_sqs_queue.tasks", "aws_lambda_event_source_mapping.w_jobs -> aws_lambda_event_source_mapping.w_tasks"] },
    ],
    [
      "an SNS destination: the topic, its subscription, the trigger's permission and subscription",
      {
        given: { destinations: { news: { type: "sns", renamedFrom: "alerts", awsName: "app-alerts", subscriptions: [{ protocol: "email", endpoint: "a@example.com" }] } }, functions: { w: fn({ triggers: [{ sns: "news" }] }) } },
        want: ["aws_sns_topic.alerts -> aws_sns_topic.news", "aws_sns_topic_subscription.alerts_0 -> aws_sns_topic_subscription.news_0"],
      },
    ],
    ["an EventBridge bus", { given: { destinations: { events: { type: "eventbridge", renamedFrom: "bus", awsName: "app-bus" } }, functions: { w: fn({ ...schedule, async: { onSuccess: "events" } }) } }, want: ["aws_cloudwatch_event_bus.bus -> aws_cloudwatch_event_bus.events"] }],
    ["an S3 bucket", { given: { destinations: { store: { type: "s3", renamedFrom: "archive", awsName: "app-archive" } }, functions: { w: fn({ ...schedule, async: { onFailure: "store" } }) } }, want: ["aws_s3_bucket.archive -> aws_s3_bucket.store"] }],
    [
      "a Kinesis source: the stream and the positioned mapping",
      { given: { sources: { stream: { type: "kinesis", shards: 1, renamedFrom: "clicks", awsName: "app-clicks" } }, functions: { w: fn({ events: [{ source: "stream", startingPosition: "LATEST" }] }) } }, want: ["aws_kinesis_stream.clicks -> aws_kinesis_stream.stream", "aws_lambda_event_source_mapping.w_clicks -> aws_lambda_event_source_mapping.w_stream"] },
    ],
    [
      "an existing DynamoDB source: only the mapping is ldgen's",
      { given: { sources: { orders: { type: "dynamodb", arn: "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000", renamedFrom: "table" } }, functions: { w: fn({ events: [{ source: "orders", startingPosition: "LATEST" }] }) } }, want: ["aws_lambda_event_source_mapping.w_table -> aws_lambda_event_source_mapping.w_orders"] },
    ],
    [
      "a function with its old AWS name: function, role, policy, log group, alias, invoke config, trigger, inline queue",
      {
        given: { functions: { worker: fn({ renamedFrom: "w", awsName: "app-w", qualifier: "live", ...schedule, async: { onFailure: { type: "sqs", awsName: "app-w-on-failure" } } }) } },
        want: [
          "aws_cloudwatch_event_rule.w_schedule -> aws_cloudwatch_event_rule.worker_schedule",
          "aws_cloudwatch_event_target.w_schedule -> aws_cloudwatch_event_target.worker_schedule",
          "aws_cloudwatch_log_group.w -> aws_cloudwatch_log_group.worker",
          "aws_iam_role.w -> aws_iam_role.worker",
          "aws_iam_role_policy.w -> aws_iam_role_policy.worker",
          "aws_lambda_alias.w -> aws_lambda_alias.worker",
          "aws_lambda_function.w -> aws_lambda_function.worker",
          "aws_lambda_function_event_invoke_config.w -> aws_lambda_function_event_invoke_config.worker",
          "aws_lambda_permission.w_schedule -> aws_lambda_permission.worker_schedule",
          "aws_sqs_queue.w_on_failure -> aws_sqs_queue.worker_on_failure",
        ],
      },
    ],
    [
      "a function's awsName names what is written inside it: its inline queue and that queue's dead-letter queue keep theirs too",
      {
        given: { functions: { worker: fn({ renamedFrom: "w", awsName: "app-w", ...schedule, async: { onFailure: { type: "sqs", deadLetter: { maxReceiveCount: 2 } } } }) } },
        want: ["aws_sqs_queue.w_on_failure -> aws_sqs_queue.worker_on_failure", "aws_sqs_queue.w_on_failure_dlq -> aws_sqs_queue.worker_on_failure_dlq"],
      },
    ],
    [
      "without awsName the moves still come, with LD282: AWS replaces what the name names",
      { given: { destinations: { tasks: { type: "sqs", renamedFrom: "jobs" } }, functions: { w: fn({ events: [{ source: "tasks" }] }) } }, want: ["aws_sqs_queue.jobs -> aws_sqs_queue.tasks", "aws_lambda_event_source_mapping.w_jobs -> aws_lambda_event_source_mapping.w_tasks"], warns: true },
    ],
  ];
  test.each(cases)("%s", (_, { given, want, warns = false }) => {
    const got = moves(given);
    expect(got.moves.filter((m) => want.includes(m)).sort()).toEqual([...want].sort());
    // Each moved address: the old one is no longer declared, the new one is.
    const addresses = new Set(planOf(given).files.flatMap((f) => f.resources.map((r) => `${r.type}.${r.label}`)));
    for (const m of got.moves) expect([m, addresses.has(m.split(" -> ")[0]), addresses.has(m.split(" -> ")[1])]).toEqual([m, false, true]);
    expect(got.codes.includes("LD282")).toBe(warns);
  });

  test("an inline entry's AWS name follows its owner's awsName, unless it has its own", () => {
    const plan = planOf({ destinations: { q: { type: "sqs", awsName: "legacy-q", deadLetter: {} } }, functions: { w: fn({ awsName: "legacy-w", ...schedule, async: { onFailure: { type: "sqs" }, onSuccess: { type: "sqs", awsName: "own" } } }), v: fn({ events: [{ source: "q" }], ...schedule, async: { onFailure: { type: "sqs" } } }) } });
    const names = Object.fromEntries(plan.files.flatMap((f) => f.resources).filter((r) => r.type === "aws_sqs_queue").map((r) => [r.label, (r.body.find((i) => "attr" in i && i.attr === "name") as { value: { v: string } }).value.v]));
    expect(names).toEqual({ q: "legacy-q", q_dlq: "legacy-q-dlq", w_on_failure: "legacy-w-on-failure", w_on_success: "own", v_on_failure: "app-v-on-failure" });
  });

  test("LD282 names each resource AWS still replaces, with its old and new name", () => {
    const result = check(specYaml({ functions: { worker: fn({ renamedFrom: "w" }) } }), "spec.yaml");
    const warning = result.diagnostics.find((d) => d.code === "LD282")!;
    expect(warning.path).toBe("functions.worker.renamedFrom");
    expect(warning.message).toContain("aws_lambda_function.worker (app-w -> app-worker)");
    expect(warning.message).toContain("aws_cloudwatch_log_group.worker (/aws/lambda/app-w -> /aws/lambda/app-worker)");
    expect(warning.message).toContain("set awsName: app-w on worker to keep aws_lambda_function.worker (its role, log group and rules follow it)");
  });
});

describe("renamedFrom and awsName mistakes", () => {
  test.each([
    ["an entry that is still declared", { destinations: { jobs: { type: "sqs" }, tasks: { type: "sqs", renamedFrom: "jobs" } }, functions: { w: fn({ events: [{ source: "tasks" }, { source: "jobs" }] }) } }, ["LD281 destinations.tasks.renamedFrom"]],
    ["the entry itself", { destinations: { tasks: { type: "sqs", renamedFrom: "tasks" } }, functions: { w: fn({ events: [{ source: "tasks" }] }) } }, ["LD281 destinations.tasks.renamedFrom"]],
    ["a name two entries claim", { destinations: { a: { type: "sqs", renamedFrom: "old" }, b: { type: "sqs", renamedFrom: "old" } }, functions: { w: fn({ events: [{ source: "a" }, { source: "b" }] }) } }, ["LD281 destinations.b.renamedFrom"]],
    ["a chain in one spec (c <- b <- a)", { destinations: { b: { type: "sqs", renamedFrom: "a" }, c: { type: "sqs", renamedFrom: "b" } }, functions: { w: fn({ events: [{ source: "b" }, { source: "c" }] }) } }, ["LD281 destinations.c.renamedFrom"]],
    ["renamedFrom on an inline destination (not a key there)", { functions: { w: fn({ ...schedule, async: { onFailure: { type: "sqs", renamedFrom: "x" } } }) } }, ["LD101 functions.w.async.onFailure.renamedFrom"]],
    ["awsName of a FIFO queue without .fifo", { destinations: { q: { type: "sqs", fifo: true, awsName: "app-q" } }, functions: { w: fn({ events: [{ source: "q" }] }) } }, ["LD284 destinations.q.awsName"]],
    ["awsName on an entry given by arn", { destinations: { q: { type: "sqs", arn: "arn:aws:sqs:us-east-1:123456789012:q", awsName: "app-q" } }, functions: { w: fn({ events: [{ source: "q" }] }) } }, ["LD210 destinations.q.awsName"]],
    ["awsName on an existing function", { functions: { w: { arn: "arn:aws:lambda:us-east-1:123456789012:function:w", awsName: "w2", async: { retries: 0 } } } }, ["LD210 functions.w.awsName"]],
  ])("%s", (_, given, want) => {
    const codes = codesOf(given as Record<string, unknown>).filter((c) => /^LD(281|284|210|101) /.test(c));
    expect(codes).toEqual(want);
  });

  test("the chain message says how to rename in one step", () => {
    const result = check(specYaml({ destinations: { b: { type: "sqs", renamedFrom: "a" }, c: { type: "sqs", renamedFrom: "b" } }, functions: { w: fn({ events: [{ source: "b" }, { source: "c" }] }) } }), "spec.yaml");
    expect(result.diagnostics.find((d) => d.code === "LD281")!.message).toContain("rename in one step (renamedFrom: a) and remove b");
  });
});

describe("moves matched against the previous generate's record", () => {
  const v1 = { functions: { w: fn({ ...schedule, async: { onFailure: { type: "sqs" } } }) } };
  const previous = snapshot(planOf(v1));

  test("an inline destination given a name that keeps its AWS name moves (and nothing else does)", () => {
    const v2 = { destinations: { failures: { type: "sqs", awsName: "app-w-on-failure" } }, functions: { w: fn({ ...schedule, async: { onFailure: "failures" } }) } };
    expect(moves(v2, previous).moves).toEqual(["aws_sqs_queue.w_on_failure -> aws_sqs_queue.failures"]);
  });

  test("named without keeping the AWS name: a new queue, no move", () => {
    const v2 = { destinations: { failures: { type: "sqs" } }, functions: { w: fn({ ...schedule, async: { onFailure: "failures" } }) } };
    expect(moves(v2, previous).moves).toEqual([]);
  });

  test("ldgen's own labels changed between versions: named resources by name, the others once what they refer to has moved", () => {
    // The record of an older ldgen that labelled the function's resources `w_fn` and its trigger's `w_cron`.
    const relabel = (a: string) => a.replace(/\.w$/, ".w_fn").replace(/\.w_schedule$/, ".w_cron");
    const old: Snapshot = JSON.parse(JSON.stringify(previous, (k, v) => (typeof v === "string" ? v.replace(/^(aws_[a-z_]+|data\.aws_[a-z_]+)\.(w|w_schedule)(\.[a-z_]+)?$/, (_, t, l, attr = "") => `${relabel(`${t}.${l}`)}${attr}`) : v)));
    old.resources = Object.fromEntries(Object.entries(old.resources).map(([a, r]) => [relabel(a), r]));
    const got = moves(v1, old).moves;
    expect(got).toEqual(
      expect.arrayContaining([
        "aws_lambda_function.w_fn -> aws_lambda_function.w",
        "aws_iam_role.w_fn -> aws_iam_role.w",
        "aws_cloudwatch_event_rule.w_cron -> aws_cloudwatch_event_rule.w_schedule",
        // no name: same attributes once the function and rule it names have moved
        "aws_lambda_permission.w_cron -> aws_lambda_permission.w_schedule",
        "aws_cloudwatch_event_target.w_cron -> aws_cloudwatch_event_target.w_schedule",
      ]),
    );
    // Data sources are read again, never moved.
    expect(got.filter((m) => m.startsWith("data."))).toEqual([]);
  });

  test("two gone resources that look alike pair with nothing (which is which would be a guess)", () => {
    const two = { destinations: { a: { type: "sqs", awsName: "same-name" }, b: { type: "sqs", awsName: "same-name" } }, functions: { w: fn({ events: [{ source: "a" }, { source: "b" }] }) } };
    const old = snapshot(planOf(two));
    const renamed = { destinations: { c: { type: "sqs", awsName: "same-name" }, d: { type: "sqs", awsName: "same-name" } }, functions: { w: fn({ events: [{ source: "c" }, { source: "d" }] }) } };
    expect(moves(renamed, old).moves.filter((m) => m.startsWith("aws_sqs_queue"))).toEqual([]);
  });
});

describe("recorded moves are kept until they can go", () => {
  const spec = { destinations: { c: { type: "sqs" } }, functions: { w: fn({ events: [{ source: "c" }] }) } };
  const base = snapshot(planOf(spec));
  const withMoves = (list: { from: string; to: string }[]): Snapshot => ({ ...base, moves: list });

  test.each([
    ["kept while its to is declared", [{ from: "aws_sqs_queue.b", to: "aws_sqs_queue.c" }], ["aws_sqs_queue.b -> aws_sqs_queue.c"]],
    ["dropped once its from is declared again (Terraform refuses it)", [{ from: "aws_sqs_queue.c", to: "aws_sqs_queue.x" }], []],
    ["dropped when its to is gone", [{ from: "aws_sqs_queue.b", to: "aws_sqs_queue.gone" }], []],
    [
      "a chain kept link by link while it reaches a declared address",
      [
        { from: "aws_sqs_queue.a", to: "aws_sqs_queue.b" },
        { from: "aws_sqs_queue.b", to: "aws_sqs_queue.c" },
      ],
      ["aws_sqs_queue.a -> aws_sqs_queue.b", "aws_sqs_queue.b -> aws_sqs_queue.c"],
    ],
  ])("%s", (_, recorded, want) => {
    expect(moves(spec, withMoves(recorded)).moves).toEqual(want);
  });

  test("the manifest's record keeps them: a generate records the moves it wrote", () => {
    const result = check(specYaml(spec), "spec.yaml", { previous: withMoves([{ from: "aws_sqs_queue.b", to: "aws_sqs_queue.c" }]) });
    expect(snapshot(result.plan!).moves).toEqual([{ from: "aws_sqs_queue.b", to: "aws_sqs_queue.c" }]);
  });
});

describe("what each target writes for a move", () => {
  const v2 = specYaml({ destinations: { c: { type: "sqs", renamedFrom: "b", awsName: "app-a", protect: true } }, functions: { w: fn({ events: [{ source: "c" }] }) } });
  const previous: Snapshot = { resources: {}, moves: [{ from: "aws_sqs_queue.a", to: "aws_sqs_queue.b" }] };
  const files = { ...generate(v2, "spec.yaml", "all", { previous }).files, ...generate(v2, "spec.yaml", "cdktn", { previous }).files };

  test("HCL: hcl/moves.tf, one moved block per move, each saying why", () => {
    const text = files["hcl/moves.tf"];
    expect(text).toContain("moved {\n  from = aws_sqs_queue.b\n  to   = aws_sqs_queue.c\n}");
    expect(text).toContain("# destinations.c.renamedFrom\nmoved {\n  from = aws_lambda_event_source_mapping.w_b\n  to   = aws_lambda_event_source_mapping.w_c\n}");
    expect(text).toContain("# kept from an earlier generate (ldgen cannot see whether it was applied)\nmoved {\n  from = aws_sqs_queue.a\n  to   = aws_sqs_queue.b\n}");
  });

  test("HCL: no moves, no moves.tf", () => {
    expect(Object.keys(generate(specYaml({ functions: { w: fn() } }), "spec.yaml", "hcl").files)).not.toContain("hcl/moves.tf");
  });

  test.each(["cdktf", "cdktn"])("%s: the row at the new address moves from the old one; a chain's first link is a Moved element", (app) => {
    const wiring = files[`${app}/wiring.ts`];
    expect(wiring).toMatch(/ {6}c: \{\n[\s\S]*?moveFrom: "aws_sqs_queue\.b",\n {6}\},/);
    expect(wiring).toContain('moveFrom: "aws_lambda_event_source_mapping.w_b",');
    expect(wiring).toContain('new Moved(this, "moved.0", this.address("aws_sqs_queue.a"), this.address("aws_sqs_queue.b"));');
    expect(wiring).toContain("(element as TerraformResource).moveFromId(this.address(moveFrom));");
  });

  test("a team's hcl/moves.tf.hbs shadows the built-in one, with each move's from, to, origin and why", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-moves-"));
    try {
      fs.mkdirSync(path.join(folder, "hcl"), { recursive: true });
      fs.writeFileSync(path.join(folder, "hcl/moves.tf.hbs"), "{{header}}\n{{#each moves}}\n# team: {{origin}}\nmoved {\nfrom = {{from}}\nto = {{to}}\n}\n{{/each}}\n");
      const text = generate(v2, "spec.yaml", "hcl", { previous, templates: folder }).files["hcl/moves.tf"];
      expect(text).toContain("# team: destinations.c.renamedFrom\nmoved {\n  from = aws_sqs_queue.b\n  to   = aws_sqs_queue.c\n}");
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("the built-in CDK partials print what the native printer prints", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-moves-"));
    try {
      fs.mkdirSync(path.join(folder, "cdktf/partials"), { recursive: true });
      fs.copyFileSync(path.resolve(__dirname, "../templates/cdktf/partials/rows.hbs"), path.join(folder, "cdktf/partials/rows.hbs"));
      const viaPartials = generate(v2, "spec.yaml", "cdktf", { previous, templates: folder }).files;
      expect(viaPartials["cdktf/wiring.ts"]).toBe(files["cdktf/wiring.ts"]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
