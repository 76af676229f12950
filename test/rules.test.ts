import * as fs from "node:fs";
import * as path from "node:path";
import { check, formatDiagnostic, RULES, type Diagnostic, type RuleCode } from "../generator";
import { MAX_SPEC_BYTES } from "../generator/parse/load";
import { RULE_GROUPS, ruleFixture } from "../generator/rules/catalog";

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.join(ROOT, "test/fixtures/rules");
const CODES = Object.keys(RULES).sort() as RuleCode[];
const exists = (p: string) => fs.existsSync(p);

/**
 * Every diagnostic for a spec, as the CLI would check it (local code paths looked up on disk). A fixture
 * with a `# platform: <file>` line is checked under that platform file (relative to the fixture).
 */
function diagnose(text: string, file = path.join(ROOT, "spec.yaml")): Diagnostic[] {
  const named = /^# platform: (\S+)/m.exec(text)?.[1];
  const platformFile = named && path.join(path.dirname(file), named);
  const platform = platformFile ? { file: platformFile, text: fs.readFileSync(platformFile, "utf8") } : undefined;
  return check(text, file, { exists, platform }).diagnostics;
}
const show = (ds: Diagnostic[]) => ds.map((d) => formatDiagnostic({ ...d, file: path.basename(d.file) })).join("\n");

/** A fixture's first line: `# expect: LD303 error at 14:18`. */
function expectationOf(text: string): { code: string; severity: string; line: number; col: number } {
  const m = /^# expect: (LD\d{3}) (error|warning|info) at (\d+):(\d+)\n/.exec(text);
  if (!m) throw new Error(`the first line must be "# expect: <CODE> <severity> at <line>:<col>" (got ${JSON.stringify(text.split("\n")[0])})`);
  return { code: m[1], severity: m[2], line: Number(m[3]), col: Number(m[4]) };
}

/** A fixture's text; LD005's is padded past the size limit here rather than committed at 32 MiB. */
function fixtureText(code: string): string {
  const text = fs.readFileSync(path.join(FIXTURES, `${code}.yaml`), "utf8");
  if (code !== "LD005") return text;
  const line = `# ${"padding ".repeat(12)}\n`;
  return text + line.repeat(Math.ceil(MAX_SPEC_BYTES / line.length) + 1);
}

/** Words that tell the reader what to do (or what the value must be). */
const FIX = /\b(use|set|remove|add|give|declare|rename|shorten|move|keep|send|split|write|fix|check|break|subscribe|build|attach|must be|expected|needs|did you mean)\b/;

describe("the catalog", () => {
  const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml"));

  test("every code has a fixture at ruleFixture(code)", () => {
    const missing = CODES.filter((code) => !fs.existsSync(path.join(ROOT, ruleFixture(code))));
    expect(missing).toEqual([]);
  });

  test.each(fixtures)("%s expects its own code, with the catalog's severity", (file) => {
    const want = expectationOf(fs.readFileSync(path.join(FIXTURES, file), "utf8"));
    expect(`${want.code}.yaml`).toBe(file);
    expect(RULES).toHaveProperty(want.code);
    expect(want.severity).toBe(RULES[want.code as RuleCode].severity);
  });

  test.each(CODES)("%s has a summary, a source and a group", (code) => {
    const rule: { summary: string; source: string } = RULES[code];
    expect(rule.summary).toMatch(/^[A-Z`].*\.$/);
    expect(rule.source === "ldgen" || /^https:\/\/\S+$/.test(rule.source)).toBe(true);
    expect(RULE_GROUPS).toHaveProperty(code[2]);
  });
});

describe.each(CODES)("rule %s", (code) => {
  const text = fixtureText(code);
  const want = expectationOf(text);
  const file = path.join(FIXTURES, `${code}.yaml`);
  const got = diagnose(text, file);

  test(`its fixture yields exactly ${want.code} (${want.severity}) at ${want.line}:${want.col}`, () => {
    const summary = got.map(({ code, severity, line, col }) => ({ code, severity, line, col }));
    expect({ summary, text: show(got) }).toEqual({ summary: [{ ...want }], text: expect.any(String) });
  });

  test("its message says what is wrong and how to fix it", () => {
    expect(got).toHaveLength(1);
    const [d] = got;
    expect(d.message.length).toBeGreaterThan(10);
    expect(d.message).toMatch(FIX);
    // Reading errors point at text; every other rule names the key in the user's words.
    if (!code.startsWith("LD0")) expect(d.path).not.toBe("");
  });
});

// ---------------------------------------------------------------------------------------------

const HEAD = "version: 1\nname: demo\nregion: us-east-2\n";
const WORKER = "  worker:\n    code: s3://bucket/worker.zip\n    runtime: nodejs20.x\n    handler: index.handler\n";
const DECLARED = [
  "destinations:",
  "  failures: { type: sqs }",
  "  alerts: { type: sns }",
  "  archive: { type: s3 }",
  "  bus: { type: eventbridge }",
  "sources:",
  "  clicks: { type: kinesis }",
  "  jobs: { type: sqs }",
  "  ordered: { type: sqs, fifo: true }",
  "  orders: { type: dynamodb, arn: 'arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000' }",
  "  cluster: { type: msk, arn: 'arn:aws:kafka:us-east-2:123456789012:cluster/orders/abcd-1234', topic: orders }",
  "  selfkafka: { type: kafka, bootstrapServers: ['b-1.example.com:9092'], topic: orders }",
  "  broker: { type: mq, arn: 'arn:aws:mq:us-east-2:123456789012:broker:orders:b-0123', queue: orders }",
  "  catalog: { type: docdb, arn: 'arn:aws:rds:us-east-2:123456789012:cluster:catalog', database: shop }",
  "",
].join("\n");

/** A spec whose function `worker` has one mapping, given as the inside of a YAML flow mapping. */
const withEvent = (event: string, fn = "") => `${HEAD}${DECLARED}functions:\n${WORKER}${fn}    events:\n      - { ${event} }\n`;
/** A spec whose function `worker` has an async config, given as the inside of a YAML flow mapping. */
const withAsync = (async: string) => `${HEAD}${DECLARED}functions:\n${WORKER}    triggers: [ { schedule: rate(1 hour) } ]\n    async: { ${async} }\n  other:\n    code: s3://bucket/other.zip\n    runtime: nodejs20.x\n    handler: index.handler\n`;
const TS = "startingTimestamp: '2026-01-01T00:00:00Z'";
const KEY = "arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** A spec whose source queue `jobs` has `deadLetter`, given as YAML; `top` adds top-level keys. */
const withDeadLetter = (deadLetter: string, top = "") => `${HEAD}${top}${DECLARED.replace("  jobs: { type: sqs }", `  jobs: { type: sqs, deadLetter: ${deadLetter} }`)}functions:\n${WORKER}    events:\n      - { source: jobs }\n`;
/** A spec whose function `worker` has one trigger, given as the inside of a YAML flow mapping. */
const withTrigger = (trigger: string) => `${HEAD}${DECLARED}functions:\n${WORKER}    triggers:\n      - { ${trigger} }\n`;

describe("not too strict: values AWS accepts pass", () => {
  const cases: [string, string][] = [
    ["kinesis retries -1", withEvent("source: clicks, startingPosition: LATEST, retries: -1")],
    ["kinesis retries 10000", withEvent("source: clicks, startingPosition: LATEST, retries: 10000")],
    ["kinesis maxRecordAge -1", withEvent("source: clicks, startingPosition: LATEST, maxRecordAge: -1")],
    ["kinesis maxRecordAge 60s", withEvent("source: clicks, startingPosition: LATEST, maxRecordAge: 60s")],
    ["kinesis maxRecordAge 7d", withEvent("source: clicks, startingPosition: LATEST, maxRecordAge: 7d")],
    ["kinesis onFailure S3", withEvent("source: clicks, startingPosition: LATEST, onFailure: archive")],
    ["kinesis onFailure SNS", withEvent("source: clicks, startingPosition: LATEST, onFailure: alerts")],
    ["kinesis onFailure SQS", withEvent("source: clicks, startingPosition: LATEST, onFailure: failures")],
    ["kinesis onFailure inline SQS", withEvent("source: clicks, startingPosition: LATEST, onFailure: { type: sqs }")],
    ["kinesis batchSize 10000 with batchWindow 300s", withEvent("source: clicks, startingPosition: LATEST, batchSize: 10000, batchWindow: 300")],
    ["kinesis batchSize 1", withEvent("source: clicks, startingPosition: TRIM_HORIZON, batchSize: 1")],
    ["kinesis parallelization 1", withEvent("source: clicks, startingPosition: LATEST, parallelization: 1")],
    ["kinesis parallelization 10", withEvent("source: clicks, startingPosition: LATEST, parallelization: 10")],
    ["kinesis tumblingWindow 0", withEvent("source: clicks, startingPosition: LATEST, tumblingWindow: 0")],
    ["kinesis tumblingWindow 15m", withEvent("source: clicks, startingPosition: LATEST, tumblingWindow: 15m")],
    ["kinesis splitBatchOnError and reportBatchItemFailures", withEvent("source: clicks, startingPosition: LATEST, splitBatchOnError: true, reportBatchItemFailures: true")],
    ["kinesis AT_TIMESTAMP with a timestamp", withEvent(`source: clicks, startingPosition: AT_TIMESTAMP, ${TS}`)],
    ["kinesis 5 filters (the default quota)", withEvent(`source: clicks, startingPosition: LATEST, filters: [${Array.from({ length: 5 }, (_, i) => `{ data: { n: [${i}] } }`).join(", ")}]`)],
    ["dynamodb onFailure S3", withEvent("source: orders, startingPosition: LATEST, onFailure: archive")],
    ["dynamodb onFailure SNS", withEvent("source: orders, startingPosition: TRIM_HORIZON, onFailure: alerts")],
    ["dynamodb onFailure SQS", withEvent("source: orders, startingPosition: LATEST, onFailure: failures")],
    ["dynamodb retries -1, maxRecordAge -1, tumblingWindow 15m", withEvent("source: orders, startingPosition: LATEST, retries: -1, maxRecordAge: -1, tumblingWindow: 15m")],
    ["dynamodb retries 10000, maxRecordAge 7d", withEvent("source: orders, startingPosition: LATEST, retries: 10000, maxRecordAge: 7d")],
    ["sqs batchSize 10000 with batchWindow 1s", withEvent("source: jobs, batchSize: 10000, batchWindow: 1s")],
    ["sqs batchSize 10 without a window", withEvent("source: jobs, batchSize: 10")],
    ["sqs maxConcurrency 2", withEvent("source: jobs, maxConcurrency: 2")],
    ["sqs maxConcurrency 1000", withEvent("source: jobs, maxConcurrency: 1000")],
    ["sqs 5 filters (the default quota)", withEvent(`source: jobs, filters: [${Array.from({ length: 5 }, (_, i) => `{ body: { n: [${i}] } }`).join(", ")}]`)],
    ["sqs reportBatchItemFailures", withEvent("source: jobs, reportBatchItemFailures: true")],
    ["fifo sqs batchSize 10", withEvent("source: ordered, batchSize: 10")],
    ["fifo sqs batchWindow 0", withEvent("source: ordered, batchSize: 10, batchWindow: 0")],
    ["msk AT_TIMESTAMP with a timestamp", withEvent(`source: cluster, startingPosition: AT_TIMESTAMP, ${TS}`)],
    ["msk onFailure S3", withEvent("source: cluster, startingPosition: LATEST, onFailure: archive")],
    ["msk onFailure SNS", withEvent("source: cluster, startingPosition: LATEST, onFailure: alerts")],
    ["kafka onFailure SQS, topic on the event", withEvent("source: selfkafka, startingPosition: TRIM_HORIZON, topic: payments, onFailure: failures")],
    ["kafka AT_TIMESTAMP with a timestamp", withEvent(`source: selfkafka, startingPosition: AT_TIMESTAMP, ${TS}`)],
    ["mq without startingPosition", withEvent("source: broker, batchSize: 10000, batchWindow: 300")],
    ["docdb LATEST", withEvent("source: catalog, startingPosition: LATEST")],
    ["docdb AT_TIMESTAMP with a timestamp", withEvent(`source: catalog, startingPosition: AT_TIMESTAMP, ${TS}`)],
    ["async retries 0", withAsync("retries: 0, onFailure: failures")],
    ["async retries 2", withAsync("retries: 2, onFailure: failures")],
    ["async maxEventAge 60s", withAsync("maxEventAge: 60s, onFailure: failures")],
    ["async maxEventAge 6h", withAsync("maxEventAge: 6h, onFailure: failures")],
    ["async onSuccess SQS, onFailure S3", withAsync("onSuccess: failures, onFailure: archive")],
    ["async onSuccess SNS, onFailure EventBridge", withAsync("onSuccess: alerts, onFailure: bus")],
    ["async onSuccess EventBridge, onFailure SNS", withAsync("onSuccess: bus, onFailure: alerts")],
    ["async onSuccess Lambda, onFailure Lambda", withAsync("onSuccess: other, onFailure: other")],
    ["async onFailure inline S3", withAsync("onFailure: { type: s3 }")],
    ["async onFailure by ARN in the same account and region", withAsync("onFailure: 'arn:aws:sqs:us-east-2:123456789012:failures'")],
    ["deadLetter maxReceiveCount 1", withDeadLetter("{ queue: failures, maxReceiveCount: 1 }")],
    ["deadLetter maxReceiveCount 1000", withDeadLetter("{ queue: failures, maxReceiveCount: 1000 }")],
    ["deadLetter by ARN in the spec's account and region", withDeadLetter("'arn:aws:sqs:us-east-2:123456789012:parked'", "account: '123456789012'\n")],
    ["schedule retries 0 and maxEventAge 60s", withTrigger("schedule: rate(1 hour), deadLetter: failures, retries: 0, maxEventAge: 60s")],
    ["eventPattern on a bus, retries 185 and maxEventAge 24h", withTrigger("eventPattern: { source: [shop] }, bus: bus, deadLetter: failures, retries: 185, maxEventAge: 24h")],
    ["sns trigger with a dead-letter queue", withTrigger("sns: alerts, deadLetter: failures")],
    ["monitoring on an existing dead-letter queue in the spec's account and region", withDeadLetter("'arn:aws:sqs:us-east-2:123456789012:parked'", "account: '123456789012'\nmonitoring: { notify: alerts }\n")],
    ["monitoring.notify a standard topic without a customer managed key", withEvent("source: clicks, startingPosition: LATEST").replace("destinations:", "monitoring: { notify: alerts }\ndestinations:")],
    ["sns trigger with a dead-letter queue by ARN in the spec's account and region", withTrigger("sns: alerts, deadLetter: 'arn:aws:sqs:us-east-2:123456789012:parked'").replace("region: us-east-2\n", "region: us-east-2\naccount: '123456789012'\n")],
    [
      "a source queue's visibilityTimeout of exactly 6x the timeout plus the window",
      `${HEAD}sources:\n  slow: { type: sqs, visibilityTimeout: 190s }\nfunctions:\n${WORKER}    timeout: 30s\n    events:\n      - { source: slow, batchWindow: 10s }\n`,
    ],
  ];

  test.each(cases)("%s", (_, spec) => {
    const got = diagnose(spec);
    expect(show(got)).toBe("");
  });
});

describe("boundaries: one past what AWS accepts fails with its code", () => {
  const cases: [string, { spec: string; want: RuleCode }][] = [
    ["kinesis retries -2", { spec: withEvent("source: clicks, startingPosition: LATEST, retries: -2"), want: "LD413" }],
    ["kinesis maxRecordAge 59s", { spec: withEvent("source: clicks, startingPosition: LATEST, maxRecordAge: 59"), want: "LD414" }],
    ["kinesis maxRecordAge 7d + 1s", { spec: withEvent("source: clicks, startingPosition: LATEST, maxRecordAge: 604801"), want: "LD414" }],
    ["kinesis batchSize 10001", { spec: withEvent("source: clicks, startingPosition: LATEST, batchSize: 10001"), want: "LD408" }],
    ["kinesis parallelization 0", { spec: withEvent("source: clicks, startingPosition: LATEST, parallelization: 0"), want: "LD415" }],
    ["kinesis onFailure Lambda", { spec: withEvent("source: clicks, startingPosition: LATEST, onFailure: worker"), want: "LD403" }],
    ["kinesis onFailure FIFO queue", { spec: withEvent("source: clicks, startingPosition: LATEST, onFailure: ordered"), want: "LD304" }],
    ["dynamodb without startingPosition", { spec: withEvent("source: orders"), want: "LD404" }],
    ["docdb without startingPosition", { spec: withEvent("source: catalog"), want: "LD404" }],
    ["msk without startingPosition", { spec: withEvent("source: cluster"), want: "LD404" }],
    ["mq with startingPosition", { spec: withEvent("source: broker, startingPosition: LATEST"), want: "LD405" }],
    ["mq onFailure", { spec: withEvent("source: broker, onFailure: failures"), want: "LD401" }],
    ["docdb onFailure", { spec: withEvent("source: catalog, startingPosition: LATEST, onFailure: failures"), want: "LD401" }],
    ["msk retries", { spec: withEvent("source: cluster, startingPosition: LATEST, retries: 3"), want: "LD412" }],
    ["sqs tumblingWindow", { spec: withEvent("source: jobs, tumblingWindow: 1m"), want: "LD412" }],
    ["sqs batchSize 11 without a window", { spec: withEvent("source: jobs, batchSize: 11"), want: "LD410" }],
    ["sqs batchWindow 301s", { spec: withEvent("source: jobs, batchWindow: 301"), want: "LD411" }],
    ["sqs maxConcurrency 1001", { spec: withEvent("source: jobs, maxConcurrency: 1001"), want: "LD417" }],
    ["kinesis maxConcurrency", { spec: withEvent("source: clicks, startingPosition: LATEST, maxConcurrency: 5"), want: "LD417" }],
    ["fifo sqs batchWindow 1s", { spec: withEvent("source: ordered, batchWindow: 1s"), want: "LD409" }],
    ["startingTimestamp without AT_TIMESTAMP", { spec: withEvent(`source: clicks, startingPosition: LATEST, ${TS}`), want: "LD406" }],
    ["a timestamp that is not RFC 3339", { spec: withEvent("source: clicks, startingPosition: AT_TIMESTAMP, startingTimestamp: '2026-01-01 00:00'"), want: "LD107" }],
    ["async retries -1", { spec: withAsync("retries: -1, onFailure: failures"), want: "LD301" }],
    ["async maxEventAge 6h + 1s", { spec: withAsync("maxEventAge: 21601, onFailure: failures"), want: "LD302" }],
    ["async onSuccess FIFO topic", { spec: withAsync("onSuccess: { type: sns, fifo: true }, onFailure: failures"), want: "LD304" }],
    ["async onSuccess Kinesis", { spec: withAsync("onSuccess: clicks, onFailure: failures"), want: "LD305" }],
    ["input on an s3 trigger (only EventBridge-rule triggers take it)", { spec: `${HEAD}destinations:\n  uploads: { type: s3 }\nfunctions:\n${WORKER}    triggers:\n      - { s3: { bucket: uploads }, input: { a: 1 } }\n`, want: "LD210" }],
    ["deadLetter maxReceiveCount 0", { spec: withDeadLetter("{ queue: failures, maxReceiveCount: 0 }"), want: "LD170" }],
    ["deadLetter maxReceiveCount 1001", { spec: withDeadLetter("{ queue: failures, maxReceiveCount: 1001 }"), want: "LD170" }],
    ["deadLetter a topic", { spec: withDeadLetter("alerts"), want: "LD270" }],
    ["a standard queue's deadLetter FIFO", { spec: withDeadLetter("ordered"), want: "LD271" }],
    ["a created queue's deadLetter in another account", { spec: withDeadLetter("'arn:aws:sqs:us-east-2:222222222222:parked'", "account: '123456789012'\n"), want: "LD273" }],
    ["a created queue's deadLetter in another region", { spec: withDeadLetter("'arn:aws:sqs:us-west-2:123456789012:parked'"), want: "LD273" }],
    ["schedule retries 186", { spec: withTrigger("schedule: rate(1 hour), retries: 186"), want: "LD171" }],
    ["eventPattern retries -1", { spec: withTrigger("eventPattern: { source: [shop] }, retries: -1"), want: "LD171" }],
    ["schedule maxEventAge 59s", { spec: withTrigger("schedule: rate(1 hour), maxEventAge: 59s"), want: "LD172" }],
    ["eventPattern maxEventAge 24h + 1s", { spec: withTrigger("eventPattern: { source: [shop] }, maxEventAge: 86401"), want: "LD172" }],
    ["schedule deadLetter a topic", { spec: withTrigger("schedule: rate(1 hour), deadLetter: alerts"), want: "LD270" }],
    ["eventPattern deadLetter FIFO", { spec: withTrigger("eventPattern: { source: [shop] }, deadLetter: ordered"), want: "LD271" }],
    ["eventPattern bus a queue", { spec: withTrigger("eventPattern: { source: [shop] }, bus: failures"), want: "LD275" }],
    ["schedule on a bus", { spec: withTrigger("schedule: rate(1 hour), bus: bus"), want: "LD276" }],
    ["sns trigger deadLetter in another region", { spec: withTrigger("sns: alerts, deadLetter: 'arn:aws:sqs:us-west-2:123456789012:parked'"), want: "LD180" }],
    ["sns trigger deadLetter in another account", { spec: withTrigger("sns: alerts, deadLetter: 'arn:aws:sqs:us-east-2:222222222222:parked'").replace("region: us-east-2\n", "region: us-east-2\naccount: '123456789012'\n"), want: "LD180" }],
    ["sns trigger deadLetter encrypted with a customer managed key", { spec: withTrigger("sns: alerts, deadLetter: failures").replace("failures: { type: sqs }", `failures: { type: sqs, kmsKey: '${KEY}' }`), want: "LD181" }],
    ["schedule deadLetter encrypted with a customer managed key", { spec: withTrigger("schedule: rate(1 hour), deadLetter: failures").replace("failures: { type: sqs }", `failures: { type: sqs, kmsKey: '${KEY}' }`), want: "LD181" }],
    ["monitoring.notify encrypted with a customer managed key", { spec: withEvent("source: clicks, startingPosition: LATEST").replace("destinations:", "monitoring: { notify: alerts }\ndestinations:").replace("alerts: { type: sns }", `alerts: { type: sns, kmsKey: '${KEY}' }`), want: "LD181" }],
    ["monitoring on a dead-letter queue in another region", { spec: withDeadLetter("'arn:aws:sqs:us-west-2:123456789012:parked'").replace("sources:", "monitoring: { notify: alerts }\nsources:").replace("jobs: { type: sqs, deadLetter", "jobs: { type: sqs, arn: 'arn:aws:sqs:us-west-2:123456789012:jobs', deadLetter").replace("      - { source: jobs }\n", "      - { source: clicks, startingPosition: LATEST }\n"), want: "LD182" }],
    ["monitoring.notify a queue", { spec: withEvent("source: clicks, startingPosition: LATEST").replace("destinations:", "monitoring: { notify: failures }\ndestinations:"), want: "LD274" }],
    ["an SQS source read from another account", { spec: withEvent("source: 'arn:aws:sqs:us-east-2:222222222222:jobs'", "    role: arn:aws:iam::123456789012:role/worker\n"), want: "LD701" }],
  ];

  test.each(cases)("%s", (_, { spec, want }) => {
    const got = diagnose(spec);
    expect(show(got)).toBe(show(got.filter((d) => d.code === want)));
    expect(got.map((d) => d.code)).toEqual([want]);
  });
});

describe("a spec with many problems", () => {
  const spec = [
    "version: 1",
    "name: demo",
    "region: us-east-2",
    "destinations:",
    "  failures: { type: sqs }",
    "  archive: { type: s3 }",
    "sources:",
    "  jobs: { type: sqs, visibilityTimeout: 10s }",
    "  clicks: { type: kinesis }",
    "functions:",
    "  worker:",
    "    code: s3://bucket/worker.zip",
    "    runtime: nodejs20.x",
    "    handler: index.handler",
    "    timout: 30", // 15 LD101
    "    timeout: 30",
    "    async:",
    "      retries: 5", // 18 LD301
    "      onSuccess: archive", // 19 LD303
    "      onFailure: failures",
    "    events:",
    "      - source: jobs", // 22 (LD501 is reported at line 8)
    "        onFailure: failures", // 23 LD401
    "      - source: clicks", // 24 LD404
    "        maxConcurrency: 4", // 25 LD417
    "      - source: nowhere", // 26 LD201
  ].join("\n");

  test("reports every one of them in one run, in line order", () => {
    const got = diagnose(spec).map((d) => `${d.line} ${d.code}`);
    expect(got).toEqual(["8 LD501", "15 LD101", "17 LD330", "18 LD301", "19 LD303", "23 LD401", "24 LD404", "25 LD417", "26 LD201"]);
  });
});

describe("created source queues", () => {
  const cases: [string, { event: string; timeout: string; want: number }][] = [
    ["6x the timeout", { event: "source: jobs", timeout: "60", want: 360 }],
    ["6x the timeout plus the batching window", { event: "source: jobs, batchSize: 100, batchWindow: 20s", timeout: "60", want: 380 }],
    ["at least AWS's default 30s", { event: "source: jobs", timeout: "3", want: 30 }],
  ];
  test.each(cases)("get a visibility timeout of %s", (_, { event, timeout, want }) => {
    const checked = check(`${HEAD}sources:\n  jobs: { type: sqs }\nfunctions:\n${WORKER}    timeout: ${timeout}\n    events:\n      - { ${event} }\n`, "spec.yaml");
    expect(show(checked.diagnostics)).toBe("");
    const queue = checked.plan!.files.flatMap((f) => f.resources).find((r) => r.type === "aws_sqs_queue" && r.label === "jobs")!;
    expect(queue.body).toContainEqual({ attr: "visibility_timeout_seconds", value: { t: "num", v: want } });
  });
});

describe("docs/rules.md", () => {
  const { render } = require("../scripts/rules-doc.js") as { render: (catalog: unknown) => string };
  const page = render({ RULES, RULE_GROUPS, ruleFixture });

  test("is what scripts/rules-doc.js generates from the catalog (run `npm run docs`)", () => {
    expect(fs.readFileSync(path.join(ROOT, "docs/rules.md"), "utf8")).toBe(page);
  });

  test.each(CODES)("lists %s with its severity and fixture", (code) => {
    expect(page).toContain(`| ${code} | ${RULES[code].severity} |`);
    expect(page).toContain(`](../${ruleFixture(code)})`);
  });
});

describe("graph and defaults", () => {
  const fn = (name: string, async: string) => `  ${name}:\n    code: s3://bucket/${name}.zip\n    runtime: nodejs20.x\n    handler: index.handler\n    triggers: [ { schedule: rate(1 hour) } ]\n    async: { ${async} }\n`;
  const cases: [string, { spec: string; want: string[] }][] = [
    [
      "a self-loop and a cycle through it are both reported",
      { spec: `${HEAD}${DECLARED}functions:\n${fn("a", "onSuccess: b, onFailure: a")}${fn("b", "onSuccess: a, onFailure: failures")}`, want: ["LD602 functions.a.async.onSuccess", "LD601 functions.a.async.onFailure"] },
    ],
    [
      "a cycle of three is reported once, at its first function",
      {
        spec: `${HEAD}${DECLARED}functions:\n${fn("a", "onSuccess: b, onFailure: failures")}${fn("b", "onSuccess: c, onFailure: failures")}${fn("c", "onSuccess: a, onFailure: failures")}`,
        want: ["LD602 functions.a.async.onSuccess"],
      },
    ],
    [
      "defaults.async without onFailure: one note per function it applies to, at defaults.async",
      {
        spec: `${HEAD}defaults:\n  runtime: nodejs20.x\n  handler: index.handler\n  async: { retries: 0 }\nfunctions:\n  a: { code: s3://bucket/a.zip, triggers: [ { schedule: rate(1 hour) } ] }\n  b: { code: s3://bucket/b.zip, triggers: [ { sns: 'arn:aws:sns:us-east-2:123456789012:t' } ] }\n  c: { code: s3://bucket/c.zip }\n`,
        want: ["LD307 defaults.async", "LD307 defaults.async"],
      },
    ],
    [
      "defaults.async and a dead-letter queue on a function only a mapping invokes: no LD306, LD307 or LD330",
      {
        spec: `${HEAD}${DECLARED}defaults:\n  deadLetterQueue: failures\n  async: { retries: 0, onFailure: alerts }\nfunctions:\n${WORKER}    events: [ { source: jobs } ]\n`,
        want: [],
      },
    ],
    [
      "an explicit async on a function only a mapping invokes: LD330 instead of LD307",
      {
        spec: `${HEAD}${DECLARED}functions:\n${WORKER}    events: [ { source: jobs } ]\n    async: { retries: 0 }\n`,
        want: ["LD330 functions.worker.async"],
      },
    ],
    [
      "a dead-letter queue from defaults with an onFailure: at defaults.deadLetterQueue",
      {
        spec: `${HEAD}${DECLARED}defaults:\n  deadLetterQueue: failures\nfunctions:\n${fn("a", "onFailure: alerts")}`,
        want: ["LD306 defaults.deadLetterQueue"],
      },
    ],
    [
      "an Amazon MQ source without a queue and a DocumentDB source without a database",
      {
        spec: `${HEAD}sources:\n  broker: { type: mq, arn: 'arn:aws:mq:us-east-2:123456789012:broker:orders:b-0123' }\n  catalog: { type: docdb, arn: 'arn:aws:rds:us-east-2:123456789012:cluster:catalog' }\nfunctions:\n${WORKER}    events:\n      - { source: broker }\n      - { source: catalog, startingPosition: LATEST }\n`,
        want: ["LD103 sources.broker", "LD103 sources.catalog"],
      },
    ],
  ];
  test.each(cases)("%s", (_, { spec, want }) => {
    const got = diagnose(spec);
    expect({ got: got.map((d) => `${d.code} ${d.path}`), text: show(got) }).toEqual({ got: want, text: expect.any(String) });
  });
});

describe("round 2: the boundaries AWS draws, both sides", () => {
  const fn = (lines: string, runtime = "nodejs22.x") => `${HEAD}functions:\n  worker:\n    code: s3://bucket/worker.zip\n    runtime: ${runtime}\n    handler: index.handler\n${lines}`;
  const trigger = (t: string, decl = "") => `${HEAD}${decl}functions:\n  worker:\n    code: s3://bucket/worker.zip\n    runtime: nodejs22.x\n    handler: index.handler\n    triggers:\n${t}`;
  const bucket = (name: string) => trigger(`      - s3: { bucket: '${name}' }\n`).replace("functions:", "functions:");
  const env = (bytes: number) => fn(`    environment:\n      BIG: '${"x".repeat(bytes - 3)}'\n`);
  const layers = (n: number) => fn(`    layers:\n${Array.from({ length: n }, (_, i) => `      - arn:aws:lambda:us-east-2:123456789012:layer:l${i}:1\n`).join("")}`);
  const sched = (e: string) => trigger(`      - schedule: '${e}'\n`);
  const kafka = (server: string) => `${HEAD}sources:\n  k: { type: kafka, bootstrapServers: [ '${server}' ], topic: t }\nfunctions:\n${WORKER}    events:\n      - { source: k, startingPosition: LATEST }\n`;
  const retention = (r: string) => `${HEAD}sources:\n  jobs: { type: sqs, retention: ${r} }\nfunctions:\n${WORKER}    events:\n      - { source: jobs }\n`;
  const tf = (c: string) => `${HEAD}terraform:\n  requiredVersion: '${c}'\nfunctions:\n${WORKER}`;
  const filters = (n: number) => withEvent(`source: jobs, filters: [${Array.from({ length: n }, (_, i) => `{ body: { n: [${i}] } }`).join(", ")}]`);
  const s3Pair = (a: string, b: string) => trigger(`      - s3: { bucket: uploads, ${a} }\n      - s3: { bucket: uploads, ${b} }\n`, "destinations:\n  uploads: { type: s3 }\n");

  const pass: [string, string][] = [
    ["runtime nodejs22.x", fn("")],
    ["runtime python3.13", fn("", "python3.13")],
    ["runtime provided.al2023", fn("", "provided.al2023")],
    ["runtime ruby3.4", fn("", "ruby3.4")],
    ["environment of exactly 4096 bytes", env(4096)],
    ["an environment name of two characters, with a digit and '_'", fn("    environment: { A_1: x, AB: y }\n")],
    ["5 layers", layers(5)],
    ["a bucket name of 3 characters", trigger("      - s3: { bucket: abc }\n").replace(/$/, "")],
    ["a bucket name of 63 characters, with '.' and '-'", trigger(`      - s3: { bucket: 'a.b-${"c".repeat(59)}' }\n`)],
    ["rate(1 minute)", sched("rate(1 minute)")],
    ["rate(2 hours)", sched("rate(2 hours)")],
    ["cron with ? in day-of-week", sched("cron(0 12 * * ? *)")],
    ["cron with steps, ranges and names", sched("cron(0/15 8-17 ? * MON-FRI *)")],
    ["cron with L in day-of-month", sched("cron(0 0 L * ? *)")],
    ["cron with # in day-of-week", sched("cron(0 10 ? * 6#3 2026-2030)")],
    ["an S3 event from the end of AWS's list", trigger("      - s3: { bucket: uploads, events: [ 's3:ObjectRemoved:DeleteMarkerCreated', 's3:LifecycleExpiration:*' ] }\n", "destinations:\n  uploads: { type: s3 }\n")],
    ["two notifications with prefixes that do not overlap", s3Pair("prefix: a/", "prefix: b/")],
    ["two notifications with the same prefix for different events", s3Pair("prefix: a/, events: [ 's3:ObjectCreated:*' ]", "prefix: a/, events: [ 's3:ObjectRemoved:*' ]")],
    ["two notifications with suffixes that do not overlap", s3Pair("suffix: .jpg", "suffix: .png")],
    ["February 29 of a leap year", withEvent("source: clicks, startingPosition: AT_TIMESTAMP, startingTimestamp: '2024-02-29T23:59:59+14:00'")],
    ["a Kafka port of 65535", kafka("b-1.example.com:65535")],
    ["a Kafka IPv4 and port", kafka("10.0.0.1:9092")],
    ["a Kafka IPv6 and port", kafka("[fd00::1]:9092")],
    ["an SQS retention of 60s", retention("60")],
    ["an SQS retention of 14d", retention("14d")],
    ["a pessimistic Terraform constraint", tf("~> 1.5")],
    ["a Terraform range", tf(">= 1.5.0, < 2.0.0")],
    ["maxConcurrency equal to reservedConcurrency", withEvent("source: jobs, maxConcurrency: 5", "    reservedConcurrency: 5\n")],
    ["an event pattern with matchers", trigger("      - eventPattern: { source: [ aws.s3 ], detail: { size: [ { numeric: [ '>', 0 ] } ], key: [ { prefix: in/ } ] } }\n")],
  ];
  test.each(pass)("passes: %s", (_, spec) => expect(show(diagnose(spec).filter((d) => d.code !== "LD217"))).toBe(""));

  const fail: [string, { spec: string; want: RuleCode }][] = [
    ["an unknown runtime", { spec: fn("", "nodejs20"), want: "LD110" }],
    ["a runtime past its deprecation date (python3.9, 2025-12-15)", { spec: fn("", "python3.9"), want: "LD111" }],
    ["environment of 4097 bytes", { spec: env(4097), want: "LD114" }],
    ["an environment name of one character", { spec: fn("    environment: { A: x }\n"), want: "LD112" }],
    ["6 layers", { spec: layers(6), want: "LD117" }],
    ["a bucket name of 2 characters", { spec: bucket("ab"), want: "LD118" }],
    ["a bucket name of 64 characters", { spec: bucket("a".repeat(64)), want: "LD118" }],
    ["a bucket name with two adjacent periods", { spec: bucket("a..b"), want: "LD118" }],
    ["a bucket given by ARN", { spec: bucket("arn:aws:s3:::uploads"), want: "LD119" }],
    ["an sns trigger on a declared topic whose ARN names a FIFO topic", { spec: trigger("      - sns: t\n", "destinations:\n  t: { type: sns, arn: 'arn:aws:sns:us-east-2:123456789012:t.fifo' }\n"), want: "LD215" }],
    ["rate(0 minutes)", { spec: sched("rate(0 minutes)"), want: "LD121" }],
    ["rate(2 minute)", { spec: sched("rate(2 minute)"), want: "LD121" }],
    ["cron with five fields", { spec: sched("cron(0 12 * * ?)"), want: "LD122" }],
    ["cron with ? in both day fields", { spec: sched("cron(0 12 ? * ? *)"), want: "LD122" }],
    ["cron minute 60", { spec: sched("cron(60 12 * * ? *)"), want: "LD122" }],
    ["two notifications where a prefix starts the other", { spec: s3Pair("prefix: a/", "prefix: a/b/"), want: "LD216" }],
    ["one notification for a prefix and one for a suffix", { spec: s3Pair("prefix: a/", "suffix: .png"), want: "LD216" }],
    ["ObjectCreated:* overlapping ObjectCreated:Put", { spec: s3Pair("events: [ 's3:ObjectCreated:*' ]", "events: [ 's3:ObjectCreated:Put' ]"), want: "LD216" }],
    ["February 29 of a common year", { spec: withEvent("source: clicks, startingPosition: AT_TIMESTAMP, startingTimestamp: '2023-02-29T00:00:00Z'"), want: "LD124" }],
    ["hour 24", { spec: withEvent("source: clicks, startingPosition: AT_TIMESTAMP, startingTimestamp: '2026-01-01T24:00:00Z'"), want: "LD124" }],
    ["a Kafka port of 65536", { spec: kafka("b-1.example.com:65536"), want: "LD125" }],
    ["an SQS retention of 14d + 1s", { spec: retention("1209601"), want: "LD126" }],
    ["a Terraform constraint with a typo", { spec: tf(">= 1.5.0,, < 2"), want: "LD127" }],
    ["6 filters (past the default quota)", { spec: filters(6), want: "LD422" }],
    ["11 filters", { spec: filters(11), want: "LD418" }],
    ["maxConcurrency one above reservedConcurrency", { spec: withEvent("source: jobs, maxConcurrency: 6", "    reservedConcurrency: 5\n"), want: "LD424" }],
    ["an event pattern matcher object with two keys", { spec: trigger("      - eventPattern: { detail: { key: [ { prefix: a, suffix: b } ] } }\n"), want: "LD123" }],
    ["a filter whose leaf is a number", { spec: withEvent("source: jobs, filters: [ { body: { n: 1 } } ]"), want: "LD123" }],
  ];
  test.each(fail)("fails: %s", (_, { spec, want }) => {
    const got = diagnose(spec).filter((d) => d.code !== "LD217");
    expect(got.map((d) => d.code)).toEqual([want]);
  });

  test.each([
    ["A", "A_VALUE"],
    ["9x", "V_9x"],
    ["a-b", "a_b"],
  ])("LD112 suggests a valid name for %s: %s", (name, suggested) => {
    const [d] = diagnose(fn(`    environment: { '${name}': x }\n`)).filter((d) => d.code === "LD112");
    expect(d.message).toContain(`for example to "${suggested}"`);
  });
});

describe("graph: loops through S3, SNS and SQS, found in linear time", () => {
  const f = (name: string, extra: string) => `  ${name}:\n    code: s3://bucket/${name}.zip\n    runtime: nodejs22.x\n    handler: index.handler\n${extra}`;
  const cases: [string, { spec: string; want: string[] }][] = [
    ["through SNS: results published to the topic that invokes the function", { spec: `${HEAD}destinations:\n  t: { type: sns }\nfunctions:\n${f("a", "    triggers: [ { sns: t } ]\n    async: { onSuccess: t, onFailure: { type: sqs } }\n")}`, want: ["LD603 functions.a.async.onSuccess"] }],
    ["through S3: failures written to the bucket that triggers the function", { spec: `${HEAD}destinations:\n  b: { type: s3 }\nfunctions:\n${f("a", "    triggers: [ { s3: { bucket: b } } ]\n    async: { onFailure: b }\n")}`, want: ["LD603 functions.a.async.onFailure"] }],
    [
      "through two functions and a topic, reported once",
      {
        spec: `${HEAD}destinations:\n  t: { type: sns }\nfunctions:\n${f("a", "    triggers: [ { sns: t } ]\n    async: { onSuccess: b, onFailure: { type: sqs } }\n")}${f("b", "    async: { onSuccess: t, onFailure: { type: sqs } }\n")}`,
        want: ["LD603 functions.a.async.onSuccess"],
      },
    ],
    [
      // A mapping invokes c synchronously, so c's destinations never fire: no loop, and LD330 says why.
      "no loop: back through the async config of a function only a queue invokes",
      { spec: `${HEAD}destinations:\n  q: { type: sqs }\nfunctions:\n${f("a", "    async: { onSuccess: b, onFailure: { type: sqs } }\n")}${f("b", "    async: { onSuccess: q, onFailure: { type: sqs } }\n")}${f("c", "    events: [ { source: q } ]\n    async: { onSuccess: a, onFailure: { type: sqs } }\n")}`, want: ["LD330 functions.c.async"] },
    ],
    ["no loop: a queue read by another function", { spec: `${HEAD}destinations:\n  q: { type: sqs }\nfunctions:\n${f("a", "    triggers: [ { schedule: rate(1 hour) } ]\n    async: { onSuccess: q, onFailure: { type: sqs } }\n")}${f("b", "    events: [ { source: q } ]\n")}`, want: [] }],
  ];
  test.each(cases)("%s", (_, { spec, want }) => {
    const got = diagnose(spec).filter((d) => d.code !== "LD307");
    expect(got.map((d) => `${d.code} ${d.path}`)).toEqual(want);
  });

  test("a 300-function cycle of Lambda destinations with a second edge each is one LD602", () => {
    // Every simple path used to be walked: 36 functions took 44 s. Components are linear.
    const n = 300;
    const fns = Array.from({ length: n }, (_, i) => f(`f${i}`, `    async: { onSuccess: f${(i + 1) % n}, onFailure: f${(i + 2) % n} }\n`)).join("");
    const got = diagnose(`${HEAD}functions:\n${fns}`);
    expect(got.map((d) => `${d.code} ${d.path}`)).toEqual(["LD602 functions.f0.async.onFailure"]); // the shortest cycle takes the longer hops
  });
});
