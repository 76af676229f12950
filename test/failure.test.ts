import { check, graph } from "../generator";
import { addresses, findResource, planOf, plain, s3Code, specYaml } from "./support/spec";

/** Plan tests for failure handling end to end: redrive policies, trigger dead letters, alarms. */
const ACCOUNT = "123456789012";
const consumer = (source: string) => ({ functions: { worker: { ...s3Code, events: [{ source }] } } });
const body = (sections: Record<string, unknown>, addr: string) => {
  const r = findResource(planOf(sections), addr);
  if (!r) throw new Error(`no ${addr} in ${addresses(planOf(sections)).join(", ")}`);
  return plain(r.body);
};

describe("deadLetter on SQS entries", () => {
  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    [
      "a created source queue with a declared dead-letter queue: its redrive_policy",
      { sources: { jobs: { type: "sqs", deadLetter: { queue: "parked", maxReceiveCount: 3 } } }, destinations: { parked: { type: "sqs" } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs",
      { redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.parked.arn}", maxReceiveCount: 3 } } },
    ],
    [
      "the queue's reference alone, default maxReceiveCount 5",
      { sources: { jobs: { type: "sqs", deadLetter: "parked" } }, destinations: { parked: { type: "sqs" } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs",
      { redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.parked.arn}", maxReceiveCount: 5 } } },
    ],
    [
      "no queue: ldgen creates <queue>-dlq, kept 14 days",
      { sources: { jobs: { type: "sqs", deadLetter: { maxReceiveCount: 2 } } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs_dlq",
      { name: "app-jobs-dlq", message_retention_seconds: 1209600 },
    ],
    [
      "an inline FIFO queue's dead-letter queue is FIFO",
      { sources: { jobs: { type: "sqs", fifo: true, deadLetter: {} } }, ...consumer("jobs") },
      "aws_sqs_queue.jobs_dlq",
      { name: "app-jobs-dlq.fifo", fifo_queue: true },
    ],
    [
      "a created dead-letter queue allows redrive from exactly its queues",
      { sources: { a: { type: "sqs", deadLetter: "parked" }, b: { type: "sqs", deadLetter: "parked" } }, destinations: { parked: { type: "sqs" } }, functions: { worker: { ...s3Code, events: [{ source: "a" }, { source: "b" }] } } },
      "aws_sqs_queue_redrive_allow_policy.parked",
      { queue_url: "${aws_sqs_queue.parked.url}", redrive_allow_policy: { jsonencode: { redrivePermission: "byQueue", sourceQueueArns: ["${aws_sqs_queue.a.arn}", "${aws_sqs_queue.b.arn}"] } } },
    ],
    [
      "an existing queue: aws_sqs_queue_redrive_policy at its URL",
      { sources: { jobs: { type: "sqs", arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`, deadLetter: { queue: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs-dlq`, maxReceiveCount: 1000 } } }, ...consumer("jobs") },
      "aws_sqs_queue_redrive_policy.jobs",
      { queue_url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`, redrive_policy: { jsonencode: { deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs-dlq`, maxReceiveCount: 1000 } } },
    ],
    [
      "an inline destination queue takes deadLetter too",
      { functions: { f: { ...s3Code, async: { onFailure: { type: "sqs", deadLetter: { maxReceiveCount: 1 } } } } } },
      "aws_sqs_queue.f_on_failure",
      { redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.f_on_failure_dlq.arn}", maxReceiveCount: 1 } } },
    ],
  ])("%s", (_name, sections, addr, want) => expect(body(sections, addr)).toMatchObject(want));

  /** `n` queues sharing the dead-letter queue `parked`, all drained by one function. */
  const shared = (n: number) => {
    const names = Array.from({ length: n }, (_, i) => `q${String(i + 1).padStart(2, "0")}`);
    return {
      sources: Object.fromEntries(names.map((q) => [q, { type: "sqs", deadLetter: "parked" }])),
      destinations: { parked: { type: "sqs" } },
      functions: { worker: { ...s3Code, events: names.map((source) => ({ source })) } },
    };
  };
  it.each<[number, Record<string, unknown>, string[]]>([
    [10, { redrivePermission: "byQueue", sourceQueueArns: Array.from({ length: 10 }, (_, i) => `\${aws_sqs_queue.q${String(i + 1).padStart(2, "0")}.arn}`) }, []],
    [11, { redrivePermission: "allowAll" }, ["LD277 warning sources.q11.deadLetter"]],
  ])("%i queues sharing one dead-letter queue: its redrive allow policy, and what ldgen says", (n, want, said) => {
    expect(body(shared(n), "aws_sqs_queue_redrive_allow_policy.parked")).toEqual({ queue_url: "${aws_sqs_queue.parked.url}", redrive_allow_policy: { jsonencode: want } });
    const diagnostics = check(specYaml(shared(n)), "spec.yaml").diagnostics.filter((d) => d.code === "LD277");
    expect(diagnostics.map((d) => `${d.code} ${d.severity} ${d.path}`)).toEqual(said);
  });

  it("an existing dead-letter queue gets no redrive allow policy (ldgen does not own it)", () => {
    const plan = planOf({ sources: { jobs: { type: "sqs", deadLetter: `arn:aws:sqs:us-east-1:${ACCOUNT}:parked` } }, ...consumer("jobs") });
    expect(addresses(plan).filter((a) => a.includes("redrive"))).toEqual([]);
  });
});

describe("trigger dead letters, retries and buses", () => {
  const fn = (triggers: unknown[]) => ({ ...s3Code, triggers });
  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    [
      "an sns trigger's dead letters: the subscription's redrive policy",
      { destinations: { alerts: { type: "sns" }, parked: { type: "sqs" } }, functions: { f: fn([{ sns: "alerts", deadLetter: "parked" }]) } },
      "aws_sns_topic_subscription.f_sns",
      { redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.parked.arn}" } } },
    ],
    [
      "a schedule's dead letters and retry policy on its target",
      { destinations: { parked: { type: "sqs" } }, functions: { f: fn([{ schedule: "rate(1 hour)", deadLetter: "parked", retries: 0, maxEventAge: 60 }]) } },
      "aws_cloudwatch_event_target.f_schedule",
      { dead_letter_config: [{ arn: "${aws_sqs_queue.parked.arn}" }], retry_policy: [{ maximum_retry_attempts: 0, maximum_event_age_in_seconds: 60 }] },
    ],
    [
      "retries alone: the event age is EventBridge's default, written",
      { functions: { f: fn([{ eventPattern: { source: ["x"] }, retries: 185 }]) } },
      "aws_cloudwatch_event_target.f_events",
      { retry_policy: [{ maximum_retry_attempts: 185, maximum_event_age_in_seconds: 86400 }] },
    ],
    [
      "an event pattern on a created bus: rule and target on it",
      { destinations: { orders: { type: "eventbridge" } }, functions: { f: fn([{ eventPattern: { source: ["x"] }, bus: "orders" }]) } },
      "aws_cloudwatch_event_target.f_events",
      { event_bus_name: "${aws_cloudwatch_event_bus.orders.name}" },
    ],
    [
      "an inline dead-letter queue for a rule is <function>-<trigger>-dlq, kept 14 days",
      { functions: { f: fn([{ eventPattern: { source: ["x"] }, deadLetter: { type: "sqs" } }]) } },
      "aws_sqs_queue.f_events_dlq",
      { name: "app-f-events-dlq", message_retention_seconds: 1209600 },
    ],
  ])("%s", (_name, sections, addr, want) => expect(body(sections, addr)).toMatchObject(want));

  it("one queue policy per dead-letter queue: a statement per trigger, its service, its exact source ARN", () => {
    const sections = {
      destinations: { alerts: { type: "sns" }, parked: { type: "sqs" } },
      functions: { f: fn([{ sns: "alerts", deadLetter: "parked" }, { schedule: "rate(1 hour)", deadLetter: "parked" }]) },
    };
    const doc = body(sections, "data.aws_iam_policy_document.parked_queue_policy");
    expect(doc.statement).toEqual([
      {
        sid: "DeadLettersFromFSns",
        effect: "Allow",
        actions: ["sqs:SendMessage"],
        resources: ["${aws_sqs_queue.parked.arn}"],
        principals: [{ type: "Service", identifiers: ["sns.amazonaws.com"] }],
        condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: ["${aws_sns_topic.alerts.arn}"] }],
      },
      {
        sid: "DeadLettersFromFSchedule",
        effect: "Allow",
        actions: ["sqs:SendMessage"],
        resources: ["${aws_sqs_queue.parked.arn}"],
        principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
        condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: ["${aws_cloudwatch_event_rule.f_schedule.arn}"] }],
      },
    ]);
    expect(body(sections, "aws_sqs_queue_policy.parked")).toEqual({ queue_url: "${aws_sqs_queue.parked.url}", policy: "${data.aws_iam_policy_document.parked_queue_policy.json}" });
  });

  it("an existing dead-letter queue: no queue policy resource, the document as an output", () => {
    const plan = planOf({ functions: { f: fn([{ schedule: "rate(1 hour)", deadLetter: `arn:aws:sqs:us-east-1:${ACCOUNT}:parked` }]) } });
    expect(addresses(plan).filter((a) => a.startsWith("aws_sqs_queue_policy"))).toEqual([]);
    expect(plan.outputs.map((o) => o.name)).toContain("parked_queue_policy_json");
  });

  it("no failure settings: the target has no dead-letter or retry block", () => {
    expect(Object.keys(body({ functions: { f: fn([{ schedule: "rate(1 hour)" }]) } }, "aws_cloudwatch_event_target.f_schedule")).sort()).toEqual(["arn", "rule", "target_id"]);
  });
});

describe("deadLetter on a topic's own subscriptions", () => {
  const email = { protocol: "email", endpoint: "ops@example.com" };
  const topic = (deadLetter: unknown, extra: Record<string, unknown> = {}) => ({ type: "sns", ...extra, subscriptions: [email, { protocol: "https", endpoint: "https://hooks.example.com/x", deadLetter }] });
  const asFailure = { functions: { f: { ...s3Code, async: { onFailure: "alerts" } } } };
  const statement = (sid: string, queueArn: string, topicArn: string) => ({
    sid,
    effect: "Allow",
    actions: ["sqs:SendMessage"],
    resources: [queueArn],
    principals: [{ type: "Service", identifiers: ["sns.amazonaws.com"] }],
    condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: [topicArn] }],
  });

  it.each<[string, Record<string, unknown>, [string, Record<string, unknown>][]]>([
    [
      "a declared queue: the subscription's redrive policy, and a queue policy letting the topic send",
      { destinations: { alerts: topic("parked"), parked: { type: "sqs" } }, ...asFailure },
      [
        ["aws_sns_topic_subscription.alerts_1", { topic_arn: "${aws_sns_topic.alerts.arn}", protocol: "https", endpoint: "https://hooks.example.com/x", redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.parked.arn}" } } }],
        ["aws_sns_topic_subscription.alerts_0", { topic_arn: "${aws_sns_topic.alerts.arn}", protocol: "email", endpoint: "ops@example.com" }],
        ["data.aws_iam_policy_document.parked_queue_policy", { statement: [statement("DeadLettersFromAlerts1", "${aws_sqs_queue.parked.arn}", "${aws_sns_topic.alerts.arn}")] }],
        ["aws_sqs_queue_policy.parked", { queue_url: "${aws_sqs_queue.parked.url}", policy: "${data.aws_iam_policy_document.parked_queue_policy.json}" }],
      ],
    ],
    [
      "an inline queue: <topic>-subscription-<i>-dlq, kept 14 days",
      { destinations: { alerts: topic({ type: "sqs" }) }, ...asFailure },
      [
        ["aws_sns_topic_subscription.alerts_1", { topic_arn: "${aws_sns_topic.alerts.arn}", protocol: "https", endpoint: "https://hooks.example.com/x", redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.alerts_subscription_1_dlq.arn}" } } }],
        ["aws_sqs_queue.alerts_subscription_1_dlq", { name: "app-alerts-subscription-1-dlq", message_retention_seconds: 1209600 }],
        ["data.aws_iam_policy_document.alerts_subscription_1_dlq_queue_policy", { statement: [statement("DeadLettersFromAlerts1", "${aws_sqs_queue.alerts_subscription_1_dlq.arn}", "${aws_sns_topic.alerts.arn}")] }],
      ],
    ],
    [
      "a FIFO topic and a FIFO queue",
      { destinations: { alerts: topic("parked", { fifo: true }), parked: { type: "sqs", fifo: true } }, functions: { f: s3Code } },
      [["aws_sns_topic_subscription.alerts_1", { topic_arn: "${aws_sns_topic.alerts.arn}", protocol: "https", endpoint: "https://hooks.example.com/x", redrive_policy: { jsonencode: { deadLetterTargetArn: "${aws_sqs_queue.parked.arn}" } } }]],
    ],
    [
      "a trigger and a subscription sharing a queue: one statement each, both from the topic",
      { destinations: { alerts: topic("parked"), parked: { type: "sqs" } }, functions: { g: { ...s3Code, triggers: [{ sns: "alerts", deadLetter: "parked" }] } } },
      [["data.aws_iam_policy_document.parked_queue_policy", { statement: [statement("DeadLettersFromGSns", "${aws_sqs_queue.parked.arn}", "${aws_sns_topic.alerts.arn}"), statement("DeadLettersFromAlerts1", "${aws_sqs_queue.parked.arn}", "${aws_sns_topic.alerts.arn}")] }]],
    ],
  ])("%s", (_name, sections, want) => {
    for (const [addr, b] of want) expect([addr, body(sections, addr)]).toEqual([addr, addr.startsWith("aws_sqs_queue.") ? expect.objectContaining(b) : b]);
  });

  it("an existing queue: no queue policy resource; the document, with the topic as source, as an output", () => {
    const plan = planOf({ destinations: { alerts: topic(`arn:aws:sqs:us-east-1:${ACCOUNT}:parked`) }, ...asFailure });
    expect(addresses(plan).filter((a) => a.startsWith("aws_sqs_queue_policy"))).toEqual([]);
    expect(plain(findResource(plan, "data.aws_iam_policy_document.parked_queue_policy")!.body)).toEqual({ statement: [statement("DeadLettersFromAlerts1", `arn:aws:sqs:us-east-1:${ACCOUNT}:parked`, "${aws_sns_topic.alerts.arn}")] });
    expect(plan.outputs.find((o) => o.name === "parked_queue_policy_json")?.description).toContain("the SNS topic alerts");
  });

  const at = (destinations: string, fifo = destinations.includes("fifo: true")) =>
    [
      "version: 1",
      "name: app",
      "region: us-east-1",
      `account: '${ACCOUNT}'`,
      "destinations:",
      destinations,
      "  parked: { type: sqs }",
      "  ordered: { type: sqs, fifo: true }",
      "functions:",
      "  f:",
      "    code: s3://artifacts/app.zip",
      "    runtime: nodejs20.x",
      "    handler: index.handler",
      fifo ? "    async: { onFailure: parked }" : "    async: { onFailure: alerts }",
      "",
    ].join("\n");
  it.each<[string, string, string]>([
    ["a topic as deadLetter", "  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: other } ] }\n  other: { type: sns }", "LD270 error at 6:89 destinations.alerts.subscriptions[0].deadLetter"],
    ["a standard topic, a FIFO queue", "  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: ordered } ] }", "LD271 error at 6:89 destinations.alerts.subscriptions[0].deadLetter"],
    ["a FIFO topic, a standard queue", "  alerts: { type: sns, fifo: true, subscriptions: [ { protocol: sqs, endpoint: x, deadLetter: parked } ] }", "LD271 error at 6:95 destinations.alerts.subscriptions[0].deadLetter"],
    ["a queue in another region", "  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: 'arn:aws:sqs:us-west-2:123456789012:p' } ] }", "LD180 error at 6:89 destinations.alerts.subscriptions[0].deadLetter"],
    ["a queue in another account", "  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: 'arn:aws:sqs:us-east-1:222222222222:p' } ] }", "LD180 error at 6:89 destinations.alerts.subscriptions[0].deadLetter"],
    ["a queue encrypted with a customer managed key (a warning)", "  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: keyed } ] }\n  keyed: { type: sqs, kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/k' }", "LD181 warning at 6:89 destinations.alerts.subscriptions[0].deadLetter"],
    ["an existing topic: its subscriptions are not written (a warning), nor their dead-letter queues", "  alerts: { type: sns, arn: 'arn:aws:sns:us-east-1:123456789012:alerts', subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: nowhere } ] }", "LD183 warning at 6:74 destinations.alerts.subscriptions"],
    ["an undeclared name", "  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: nowhere } ] }", "LD201 error at 6:89 destinations.alerts.subscriptions[0].deadLetter"],
  ])("%s: one diagnostic at the deadLetter", (_name, destinations, want) => {
    const got = check(at(destinations), "spec.yaml").diagnostics.filter((d) => d.code !== "LD806" && (d.severity === "error" || d.code.startsWith("LD18")));
    expect(got.map((d) => `${d.code} ${d.severity} at ${d.line}:${d.col} ${d.path}`)).toEqual([want]);
  });
  it.each<[string, unknown[], string]>([
    ["no dead-letter queue", [{ protocol: "email", endpoint: "ops@example.com" }], "subscribers: those notifications are lost unless the subscription has a dead-letter queue (deadLetter on the subscription or the sns trigger)."],
    ["every subscription has one", [{ protocol: "email", endpoint: "ops@example.com", deadLetter: "parked" }], "subscribers: SNS moved the ones it could not deliver for email ops@example.com to parked: look there."],
    [
      "one of two has one",
      [{ protocol: "email", endpoint: "ops@example.com", deadLetter: "parked" }, { protocol: "https", endpoint: "https://x.example.com" }],
      "subscribers: SNS moved the ones it could not deliver for email ops@example.com to parked: look there. For the other subscriptions, those notifications are lost unless the subscription has a dead-letter queue (deadLetter on the subscription or the sns trigger).",
    ],
  ])("the failed-notifications alarm says where undelivered notifications went: %s", (_name, subscriptions, end) => {
    const plan = planOf({ monitoring: { notify: "ops" }, destinations: { ops: { type: "sns" }, alerts: { type: "sns", subscriptions }, parked: { type: "sqs" } }, ...asFailure });
    const description = plain(findResource(plan, "aws_cloudwatch_metric_alarm.alerts_notifications_failed")!.body).alarm_description as string;
    expect(description.endsWith(end)).toBe(true);
  });

  it("the error names the fix", () => {
    const [d] = check(at("  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: a@b.c, deadLetter: ordered } ] }"), "spec.yaml").diagnostics.filter((x) => x.code === "LD271");
    expect(d.message).toBe('a standard topic needs a standard dead-letter queue (got the FIFO queue "ordered"); use a standard queue');
  });
});

describe("monitoring: one alarm per failure path", () => {
  const alarms = (sections: Record<string, unknown>) =>
    planOf({ monitoring: { notify: "ops" }, ...sections, destinations: { ops: { type: "sns" }, ...((sections.destinations as object) ?? {}) } })
      .files.flatMap((f) => f.resources)
      .filter((r) => r.type === "aws_cloudwatch_metric_alarm")
      .map((r) => {
        const b = plain(r.body);
        return [r.label, b.metric_name, b.statistic, b.threshold, b.dimensions] as const;
      });

  it.each<[string, Record<string, unknown>, unknown[]]>([
    [
      "an async config with a destination: dropped events and delivery failures, plus the failure queue",
      { destinations: { failed: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onFailure: "failed" } } } },
      [
        ["f_async_events_dropped", "AsyncEventsDropped", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["f_destination_delivery_failures", "DestinationDeliveryFailures", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["failed_messages_visible", "ApproximateNumberOfMessagesVisible", "Maximum", 0, { QueueName: "${aws_sqs_queue.failed.name}" }],
      ],
    ],
    [
      "an async config without destinations: only dropped events",
      { functions: { f: { ...s3Code, async: { retries: 0 } } } },
      [["f_async_events_dropped", "AsyncEventsDropped", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }]],
    ],
    [
      "a function dead-letter topic: DeadLetterErrors and failed notifications",
      { destinations: { dlq: { type: "sns" } }, functions: { f: { ...s3Code, deadLetterQueue: "dlq" } } },
      [
        ["f_dead_letter_errors", "DeadLetterErrors", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["dlq_notifications_failed", "NumberOfNotificationsFailed", "Sum", 0, { TopicName: "${aws_sns_topic.dlq.name}" }],
      ],
    ],
    [
      "a failure topic whose subscription has a dead-letter queue: failed notifications, and that queue's waiting messages",
      { destinations: { alerts: { type: "sns", subscriptions: [{ protocol: "email", endpoint: "ops@example.com", deadLetter: "parked" }] }, parked: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onFailure: "alerts" } } } },
      [
        ["f_async_events_dropped", "AsyncEventsDropped", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["f_destination_delivery_failures", "DestinationDeliveryFailures", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["alerts_notifications_failed", "NumberOfNotificationsFailed", "Sum", 0, { TopicName: "${aws_sns_topic.alerts.name}" }],
        ["parked_messages_visible", "ApproximateNumberOfMessagesVisible", "Maximum", 0, { QueueName: "${aws_sqs_queue.parked.name}" }],
      ],
    ],
    [
      "a Kinesis mapping: IteratorAge in milliseconds (default 1m)",
      { sources: { s: { type: "kinesis" } }, functions: { f: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST" }] } } },
      [["f_s_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.f.function_name}" }]],
    ],
    [
      "a Kafka mapping: OffsetLag (default 1000)",
      { sources: { k: { type: "kafka", bootstrapServers: ["b:9092"], topic: "t" } }, functions: { f: { ...s3Code, events: [{ source: "k", startingPosition: "LATEST" }] } } },
      [["f_k_offset_lag", "OffsetLag", "Maximum", 1000, { FunctionName: "${aws_lambda_function.f.function_name}" }]],
    ],
    [
      "two stream mappings on one function: an IteratorAge alarm per mapping, on the function's one series",
      { sources: { s: { type: "kinesis" }, t: { type: "dynamodb", arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t/stream/2026-01-01T00:00:00.000` } }, functions: { f: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST" }, { source: "t", startingPosition: "LATEST" }] } } },
      [
        ["f_s_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["f_t_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.f.function_name}" }],
      ],
    ],
    [
      "two Kafka mappings and a stream on one function: an alarm per mapping",
      {
        sources: { k: { type: "kafka", bootstrapServers: ["b:9092"], topic: "t" }, m: { type: "msk", arn: `arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/c/abc`, topic: "u" }, s: { type: "kinesis" } },
        functions: { f: { ...s3Code, events: [{ source: "k", startingPosition: "LATEST" }, { source: "s", startingPosition: "LATEST" }, { source: "m", startingPosition: "LATEST" }] } },
      },
      [
        ["f_s_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["f_k_offset_lag", "OffsetLag", "Maximum", 1000, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["f_m_offset_lag", "OffsetLag", "Maximum", 1000, { FunctionName: "${aws_lambda_function.f.function_name}" }],
      ],
    ],
    [
      "stream mappings on two functions: one alarm each",
      { sources: { s: { type: "kinesis" } }, functions: { f: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST" }] }, g: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST" }] } } },
      [
        ["f_s_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["g_s_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.g.function_name}" }],
      ],
    ],
    [
      "a function invoked through its alias: FunctionName, the aggregate of every version and alias",
      { sources: { s: { type: "kinesis" } }, functions: { f: { ...s3Code, qualifier: "live", events: [{ source: "s", startingPosition: "LATEST" }] } } },
      [["f_s_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.f.function_name}" }]],
    ],
    [
      "an existing function and an existing dead-letter queue: names from their ARNs",
      { sources: { q: { type: "sqs", deadLetter: `arn:aws:sqs:us-east-1:${ACCOUNT}:parked` } }, functions: { f: { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:billing`, role: "billing-role", events: [{ source: "q" }] } } },
      [["parked_messages_visible", "ApproximateNumberOfMessagesVisible", "Maximum", 0, { QueueName: "parked" }]],
    ],
    [
      "an existing queue and topic declared by name with their ARNs: the names in their ARNs, not <spec>-<name>",
      {
        destinations: { legacy: { type: "sqs", arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:legacy-dlq` }, alerts: { type: "sns", arn: `arn:aws:sns:us-east-1:${ACCOUNT}:team-alerts` } },
        sources: { q: { type: "sqs", deadLetter: "legacy" }, s: { type: "kinesis" } },
        functions: { f: { ...s3Code, events: [{ source: "q" }, { source: "s", startingPosition: "LATEST", onFailure: "alerts" }] } },
      },
      [
        ["f_s_iterator_age", "IteratorAge", "Maximum", 60000, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["alerts_notifications_failed", "NumberOfNotificationsFailed", "Sum", 0, { TopicName: "team-alerts" }],
        ["legacy_messages_visible", "ApproximateNumberOfMessagesVisible", "Maximum", 0, { QueueName: "legacy-dlq" }],
      ],
    ],
    [
      "a function a schedule invokes, without an async config: its dropped events, with Lambda's defaults",
      { functions: { f: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }] } } },
      [["f_async_events_dropped", "AsyncEventsDropped", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }]],
    ],
    [
      "a function that is only another's Lambda destination: its dropped events too",
      { functions: { f: { ...s3Code, async: { onSuccess: "g" } }, g: s3Code } },
      [
        ["f_async_events_dropped", "AsyncEventsDropped", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["f_destination_delivery_failures", "DestinationDeliveryFailures", "Sum", 0, { FunctionName: "${aws_lambda_function.f.function_name}" }],
        ["g_async_events_dropped", "AsyncEventsDropped", "Sum", 0, { FunctionName: "${aws_lambda_function.g.function_name}" }],
      ],
    ],
    [
      "an SQS mapping and an S3 trigger alone: no failure path, no alarm",
      { sources: { q: { type: "sqs" } }, functions: { f: { ...s3Code, events: [{ source: "q" }] } } },
      [],
    ],
  ])("%s", (_name, sections, want) => expect(alarms(sections)).toEqual(want));

  it("every alarm notifies the topic, treats missing data as not breaching, and says what failed and where the records are", () => {
    const plan = planOf({
      monitoring: { notify: "ops", messageAge: "30m", iteratorAge: "2m" },
      destinations: { ops: { type: "sns" }, failed: { type: "sqs" } },
      sources: { s: { type: "kinesis" } },
      functions: { f: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST", onFailure: "failed" }] } },
    });
    const all = plan.files.flatMap((f) => f.resources).filter((r) => r.type === "aws_cloudwatch_metric_alarm").map((r) => plain(r.body));
    expect(all.map((a) => a.alarm_name)).toEqual(["app-f-s-iterator-age", "app-failed-messages-visible", "app-failed-message-age"]);
    for (const a of all) expect(a).toMatchObject({ alarm_actions: ["${aws_sns_topic.ops.arn}"], treat_missing_data: "notBreaching", comparison_operator: "GreaterThanThreshold" });
    expect(all[0]).toMatchObject({ threshold: 120000 });
    expect(all[0].alarm_description).toMatch(/f is falling behind s.*older than 2m.*Records that fail go to failed/);
    expect(all[2]).toMatchObject({ metric_name: "ApproximateAgeOfOldestMessage", threshold: 1800 });
    expect(all[1].alarm_description).toMatch(/waiting in the failed queue \(from f reading s\)/);
  });

  it("the alarms of a function with several stream mappings say that they read one series", () => {
    const plan = planOf({
      monitoring: { notify: "ops" },
      destinations: { ops: { type: "sns" }, failed: { type: "sqs" } },
      sources: { s: { type: "kinesis" }, t: { type: "kinesis" }, u: { type: "dynamodb", arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/u/stream/2026-01-01T00:00:00.000` } },
      functions: { f: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST", onFailure: "failed" }, { source: "t", startingPosition: "LATEST" }, { source: "u", startingPosition: "LATEST", onFailure: "failed" }] } },
    });
    const description = (label: string) => plain(findResource(plan, `aws_cloudwatch_metric_alarm.${label}`)!.body).alarm_description;
    expect(description("f_s_iterator_age")).toBe(
      "f is falling behind s: the last record it read was older than 1m (IteratorAge, in milliseconds). Records that fail go to failed. CloudWatch reports IteratorAge per function, not per mapping, so this alarm reads the function's figure across s, t and u.",
    );
    expect(description("f_t_iterator_age")).toBe(
      "f is falling behind t: the last record it read was older than 1m (IteratorAge, in milliseconds). CloudWatch reports IteratorAge per function, not per mapping, so this alarm reads the function's figure across s, t and u.",
    );
  });

  it("two Kafka mappings of one source: the description counts the mappings rather than naming the source twice", () => {
    const plan = planOf({
      monitoring: { notify: "ops" },
      destinations: { ops: { type: "sns" } },
      sources: { k: { type: "kafka", bootstrapServers: ["b:9092"], topic: "t" } },
      functions: { f: { ...s3Code, events: [{ source: "k", startingPosition: "LATEST" }, { source: "k", name: "again", topic: "u", startingPosition: "LATEST" }] } },
    });
    expect(plain(findResource(plan, "aws_cloudwatch_metric_alarm.f_again_offset_lag")!.body).alarm_description).toBe(
      "f is more than 1000 records behind on k (OffsetLag). CloudWatch reports OffsetLag per function, not per mapping, so this alarm reads the function's figure across its 2 mappings of k.",
    );
  });

  it("a triggered function without an async config: the alarm says Lambda's defaults and that the events are lost", () => {
    const plan = planOf({ monitoring: { notify: "ops" }, destinations: { ops: { type: "sns" } }, functions: { f: { ...s3Code, triggers: [{ sns: "ops" }] } } });
    expect(plain(findResource(plan, "aws_cloudwatch_metric_alarm.f_async_events_dropped")!.body).alarm_description).toBe(
      "f dropped asynchronous events after 2 retries or 6h of waiting. They are lost: give the function an async onFailure destination to keep them.",
    );
  });

  it("no monitoring: no alarm", () => {
    const plan = planOf({ destinations: { failed: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onFailure: "failed" } } } });
    expect(addresses(plan).filter((a) => a.startsWith("aws_cloudwatch_metric_alarm"))).toEqual([]);
  });
});

describe("graph of the failure paths", () => {
  const drawn = (sections: Record<string, unknown>) => {
    const dot = graph(check(specYaml(sections), "spec.yaml").model!, "dot");
    const labels = Object.fromEntries([...dot.matchAll(/^\s*(n\d+) \[label="([^"]+)"/gm)].map((m) => [m[1], m[2]]));
    return [...dot.matchAll(/^\s*(n\d+) -> (n\d+)(?: \[label="([^"]+)")?/gm)].map((m) => `${labels[m[1]]} -> ${labels[m[2]]}${m[3] ? ` (${m[3]})` : ""}`);
  };

  it("two rules on one bus are two nodes, each fed by the bus; an undeliverable event leaves from its own rule", () => {
    const edges = drawn({
      destinations: { bus: { type: "eventbridge" } },
      functions: {
        a: { ...s3Code, async: { onFailure: "bus" }, triggers: [{ eventPattern: { source: ["shop.orders"] }, bus: "bus", deadLetter: { type: "sqs" } }] },
        b: { ...s3Code, triggers: [{ eventPattern: { source: ["lambda"] }, bus: "bus" }] },
      },
    });
    expect(edges).toEqual(
      expect.arrayContaining(["bus -> rule: shop.orders", "rule: shop.orders -> a", "bus -> rule: lambda", "rule: lambda -> b", "a -> bus (on failure)", "rule: shop.orders -> a-events-dlq (undeliverable)"]),
    );
    expect(edges).not.toContain("rule: lambda -> a-events-dlq (undeliverable)");
  });

  it("a topic's subscription with a dead-letter queue: a dashed edge from the topic to the queue", () => {
    const edges = drawn({
      destinations: { alerts: { type: "sns", subscriptions: [{ protocol: "email", endpoint: "ops@example.com", deadLetter: { type: "sqs" } }] } },
      functions: { a: { ...s3Code, async: { onFailure: "alerts" } } },
    });
    expect(edges).toContain("alerts -> alerts-subscription-0-dlq (undeliverable to email ops@example.com)");
    const dot = graph(check(specYaml({ destinations: { alerts: { type: "sns", subscriptions: [{ protocol: "email", endpoint: "x@y.z", deadLetter: { type: "sqs" } }] } }, functions: { a: s3Code } }), "spec.yaml").model!, "dot");
    expect(dot).toMatch(/n\d+ -> n\d+ \[label="undeliverable to email x@y.z", style=dashed, color=firebrick, fontcolor=firebrick\];/);
  });

  it("two functions on the same schedule: two rules", () => {
    const dot = graph(check(specYaml({ functions: { a: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }] }, b: { ...s3Code, triggers: [{ schedule: "rate(1 hour)" }] } } }), "spec.yaml").model!, "dot");
    expect(dot.match(/\[label="rate\(1 hour\)"/g)).toHaveLength(2);
  });

  it("the alarm node counts the alarms ldgen writes", () => {
    const edges = drawn({ monitoring: { notify: "ops" }, destinations: { ops: { type: "sns" }, failed: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onFailure: "failed" } } } });
    expect(edges).toContain("3 CloudWatch alarms -> ops (notify)");
  });
});
