import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { check, generate } from "../generator";
import { templateContext } from "../generator/emit/context";
import { address } from "../generator/plan/view";
import { s3Code, specYaml } from "./support/spec";

/** `protect` (issue 19, part 3): which resources carry `lifecycle { prevent_destroy = true }`, in the plan and in each target. */

const PLATFORM = "ldgen.platform.yaml";
const platformOf = (require: Record<string, unknown>) => ({ file: PLATFORM, text: `version: 1\nrequire: ${JSON.stringify(require)}\n` });

function checked(sections: Record<string, unknown>, require?: Record<string, unknown>) {
  const result = check(specYaml(sections), "spec.yaml", require ? { platform: platformOf(require) } : {});
  return { ...result, codes: result.diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`) };
}

/** The protected addresses of a spec, sorted. */
function protectedOf(sections: Record<string, unknown>, require?: Record<string, unknown>): string[] {
  const { plan, diagnostics } = checked(sections, require);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length || !plan) throw new Error(`unexpected errors: ${JSON.stringify(errors)}`);
  return plan.files.flatMap((f) => f.resources).filter((r) => r.protect).map(address).sort();
}

const worker = (extra: Record<string, unknown> = {}) => ({ ...s3Code, runtime: "nodejs22.x", ...extra });
const stream = { clicks: { type: "kinesis", shards: 1 } };
const kinesisEvent = { source: "clicks", startingPosition: "LATEST" };

describe("what an entry's protect covers", () => {
  const cases: [string, { given: Record<string, unknown>; require?: Record<string, unknown>; want: string[] }][] = [
    ["an SQS destination: the queue, not its mapping or policies", { given: { destinations: { jobs: { type: "sqs", protect: true } }, functions: { w: worker({ events: [{ source: "jobs" }] }) } }, want: ["aws_sqs_queue.jobs"] }],
    ["an SNS destination: the topic, not its subscriptions", { given: { destinations: { alerts: { type: "sns", protect: true, subscriptions: [{ protocol: "email", endpoint: "a@example.com" }] } }, functions: { w: worker({ triggers: [{ sns: "alerts" }] }) } }, want: ["aws_sns_topic.alerts"] }],
    ["an EventBridge bus", { given: { destinations: { bus: { type: "eventbridge", protect: true } }, functions: { w: worker({ triggers: [{ schedule: "rate(1 hour)" }], async: { onSuccess: "bus" } }) } }, want: ["aws_cloudwatch_event_bus.bus"] }],
    ["an S3 bucket", { given: { destinations: { archive: { type: "s3", protect: true } }, functions: { w: worker({ triggers: [{ schedule: "rate(1 hour)" }], async: { onFailure: "archive" } }) } }, want: ["aws_s3_bucket.archive"] }],
    ["a Kinesis source: the stream, not the mapping (the function's)", { given: { sources: { clicks: { type: "kinesis", shards: 1, protect: true } }, functions: { w: worker({ events: [kinesisEvent] }) } }, want: ["aws_kinesis_stream.clicks"] }],
    [
      "a function: the function, its log group, its alias and its stream mapping; not its role, SQS mapping or invoke config",
      { given: { sources: { ...stream, jobs: { type: "sqs" } }, functions: { w: worker({ protect: true, qualifier: "live", events: [kinesisEvent, { source: "jobs" }], triggers: [{ schedule: "rate(1 hour)" }], async: { retries: 0 } }) } }, want: ["aws_cloudwatch_log_group.w", "aws_lambda_alias.w", "aws_lambda_event_source_mapping.w_clicks", "aws_lambda_function.w"] },
    ],
    ["an existing function: its stream mapping only", { given: { sources: stream, functions: { w: { arn: "arn:aws:lambda:us-east-1:123456789012:function:w", protect: true, events: [kinesisEvent] } } }, want: ["aws_lambda_event_source_mapping.w_clicks"] }],
    ["defaults.protect: every created function, not an existing one", { given: { defaults: { protect: true }, functions: { a: worker(), b: worker(), c: { arn: "arn:aws:lambda:us-east-1:123456789012:function:c", async: { retries: 0 } } } }, want: ["aws_cloudwatch_log_group.a", "aws_cloudwatch_log_group.b", "aws_lambda_function.a", "aws_lambda_function.b"] }],
    ["a function's own protect: false over defaults.protect", { given: { defaults: { protect: true }, functions: { a: worker({ protect: false }), b: worker() } }, want: ["aws_cloudwatch_log_group.b", "aws_lambda_function.b"] }],
    [
      "an inline destination inherits its function's protect; its own protect wins",
      { given: { functions: { w: worker({ protect: true, triggers: [{ schedule: "rate(1 hour)" }], async: { onFailure: { type: "sqs" }, onSuccess: { type: "sqs", protect: false } } }) } }, want: ["aws_cloudwatch_log_group.w", "aws_lambda_function.w", "aws_sqs_queue.w_on_failure"] },
    ],
    ["a queue's inline dead-letter queue inherits the queue's protect", { given: { destinations: { jobs: { type: "sqs", protect: true, deadLetter: { maxReceiveCount: 3 } } }, functions: { w: worker({ events: [{ source: "jobs" }] }) } }, want: ["aws_sqs_queue.jobs", "aws_sqs_queue.jobs_dlq"] }],
    ["protect: false protects nothing", { given: { destinations: { jobs: { type: "sqs", protect: false } }, functions: { w: worker({ protect: false, events: [{ source: "jobs" }] }) } }, want: [] }],
    [
      "require.protect [sqs]: every queue ldgen creates, inline ones too, without a protect key",
      { given: { destinations: { jobs: { type: "sqs" }, alerts: { type: "sns" } }, functions: { w: worker({ events: [{ source: "jobs" }], triggers: [{ sns: "alerts" }], async: { onFailure: { type: "sqs" } } }) } }, require: { protect: ["sqs"] }, want: ["aws_sqs_queue.jobs", "aws_sqs_queue.w_on_failure"] },
    ],
    ["require.protect [lambda, kinesis]: functions and streams", { given: { sources: stream, functions: { w: worker({ events: [kinesisEvent] }) } }, require: { protect: ["lambda", "kinesis"] }, want: ["aws_cloudwatch_log_group.w", "aws_kinesis_stream.clicks", "aws_lambda_event_source_mapping.w_clicks", "aws_lambda_function.w"] }],
  ];
  test.each(cases)("%s", (_, { given, require, want }) => {
    expect(protectedOf(given, require)).toEqual(want);
  });
});

describe("protect diagnostics", () => {
  test("protect: false on an entry of a required kind is LD811 at the value, naming the platform file's line", () => {
    const { diagnostics } = checked({ destinations: { jobs: { type: "sqs", protect: false } }, functions: { w: worker({ protect: false, events: [{ source: "jobs" }] }) } }, { protect: ["sqs"] });
    const ld811 = diagnostics.filter((d) => d.code === "LD811");
    // Only the queue: functions are not a required kind here.
    expect(ld811.map((d) => [d.severity, d.line, d.message.includes(`required by ${PLATFORM}:2: require.protect`)])).toEqual([["error", 6, true]]);
  });

  test("protect: false in defaults under require.protect [lambda] is LD811 at defaults.protect", () => {
    const { diagnostics } = checked({ defaults: { protect: false }, functions: { w: worker() } }, { protect: ["lambda"] });
    expect(diagnostics.filter((d) => d.code === "LD811").map((d) => d.line)).toEqual([4]);
  });

  test("protect on an entry given by arn is LD280 (a warning): nothing of it is created", () => {
    const { diagnostics, plan } = checked({
      destinations: { audit: { type: "sqs", arn: "arn:aws:sqs:us-east-1:123456789012:audit", protect: true } },
      functions: { w: { arn: "arn:aws:lambda:us-east-1:123456789012:function:w", protect: true, async: { onFailure: "audit" } } },
    });
    expect(diagnostics.filter((d) => d.code === "LD280").map((d) => [d.severity, d.line])).toEqual([
      ["warning", 7],
      ["warning", 11],
    ]);
    expect(plan!.files.flatMap((f) => f.resources).filter((r) => r.protect)).toEqual([]);
  });

  test("require.protect names only kinds the spec uses (a typo is an error in the platform file)", () => {
    const { diagnostics } = checked({ functions: { w: worker() } }, { protect: ["sqs", "funtion"] });
    expect(diagnostics.map((d) => `${d.code} ${d.file}`)).toContain(`LD104 ${PLATFORM}`);
  });
});

describe("protect in the emitted code", () => {
  const spec = specYaml({
    sources: stream,
    destinations: { jobs: { type: "sqs", protect: true } },
    functions: { w: worker({ protect: true, events: [kinesisEvent, { source: "jobs" }] }) },
  });
  const all = { ...generate(spec, "spec.yaml", "all").files, ...generate(spec, "spec.yaml", "cdktn").files };

  /** The HCL block of one resource. */
  const hclBlock = (file: string, type: string, label: string) => {
    const text = all[`hcl/${file}`];
    const start = text.indexOf(`resource "${type}" "${label}" {`);
    return text.slice(start, text.indexOf("\n}\n", start) + 2);
  };

  test.each([
    ["destinations.tf", "aws_sqs_queue", "jobs", true],
    ["functions.tf", "aws_lambda_function", "w", true],
    ["functions.tf", "aws_cloudwatch_log_group", "w", true],
    ["wiring.tf", "aws_lambda_event_source_mapping", "w_clicks", true],
    ["wiring.tf", "aws_lambda_event_source_mapping", "w_jobs", false],
    ["iam.tf", "aws_iam_role", "w", false],
  ])("HCL: %s %s.%s has a lifecycle block: %s", (file, type, label, want) => {
    const block = hclBlock(file, type, label);
    expect(block).toContain(`resource "${type}"`);
    expect(block.includes("  lifecycle {\n    prevent_destroy = true\n  }\n")).toBe(want);
  });

  test("HCL: the lifecycle block comes before depends_on", () => {
    expect(hclBlock("functions.tf", "aws_lambda_function", "w")).toMatch(/lifecycle \{\n    prevent_destroy = true\n  \}\n\n  depends_on = \[/);
  });

  test.each(["cdktf", "cdktn"])("%s: protected rows carry lifecycle: { preventDestroy: true }, the others none", (app) => {
    const wiring = all[`${app}/wiring.ts`];
    // Row by row: the text from a row's key to the next row's key at the same depth.
    const rows = [...wiring.matchAll(/^ {6}(\w+): \{\n([\s\S]*?)^ {6}\},$/gm)].map((m) => [m[1], m[2].includes("lifecycle: {\n          preventDestroy: true,\n        },")]);
    const protectedRows = rows.filter(([, p]) => p).map(([k]) => k).sort();
    expect(protectedRows).toEqual(["jobs", "w", "w", "w_clicks"]);
  });

  test("the built-in partials print what the native printer prints (a shadowed partial renders it)", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-protect-"));
    try {
      fs.mkdirSync(path.join(folder, "hcl/partials"), { recursive: true });
      fs.copyFileSync(path.resolve(__dirname, "../templates/hcl/partials/resource.hbs"), path.join(folder, "hcl/partials/resource.hbs"));
      const viaPartials = generate(spec, "spec.yaml", "hcl", { templates: folder }).files;
      for (const name of Object.keys(viaPartials)) expect([name, viaPartials[name]]).toEqual([name, all[name]]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("the template context says which entries are protected", () => {
    const { model } = check(spec, "spec.yaml");
    const context = templateContext(model!, { header: "#", target: "hcl", form: "root" });
    expect(context.functions.map((f) => [f.name, f.protect])).toEqual([["w", true]]);
    expect([...context.destinations, ...context.sources].map((e) => [e.name, e.protect])).toEqual([
      ["jobs", true],
      ["clicks", false],
    ]);
  });
});
