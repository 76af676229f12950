import { addresses, findResource, planOf, plain, s3Code } from "./support/spec";

const ACCOUNT = "123456789012";
const statementsOf = (sections: Record<string, unknown>, label = "f") => {
  const doc = findResource(planOf(sections), `data.aws_iam_policy_document.${label}`)!;
  return (plain(doc.body).statement as Record<string, unknown>[]).map((s) => ({ sid: s.sid, actions: s.actions, resources: s.resources }));
};
const logs = { sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["${aws_cloudwatch_log_group.f.arn}:*"] };

describe("IAM: one statement per edge, on exactly that ARN", () => {
  it.each<[string, Record<string, unknown>, unknown[]]>([
    ["SQS destination", { destinations: { q: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onFailure: "q" } } } }, [{ sid: "SendToQ", actions: ["sqs:SendMessage"], resources: ["${aws_sqs_queue.q.arn}"] }, logs]],
    ["SNS destination", { destinations: { t: { type: "sns" } }, functions: { f: { ...s3Code, async: { onFailure: "t" } } } }, [{ sid: "PublishToT", actions: ["sns:Publish"], resources: ["${aws_sns_topic.t.arn}"] }, logs]],
    [
      "EventBridge destination by ARN",
      { functions: { f: { ...s3Code, async: { onSuccess: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/audit`, onFailure: { type: "sqs" } } } } },
      [
        { sid: "PutEventsOnAudit", actions: ["events:PutEvents"], resources: [`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/audit`] },
        { sid: "SendToFOnFailure", actions: ["sqs:SendMessage"], resources: ["${aws_sqs_queue.f_on_failure.arn}"] },
        logs,
      ],
    ],
    ["Lambda destination", { functions: { f: { ...s3Code, async: { onFailure: "g" } }, g: s3Code } }, [{ sid: "InvokeG", actions: ["lambda:InvokeFunction"], resources: ["${aws_lambda_function.g.arn}"] }, logs]],
    [
      "S3 destination",
      { destinations: { archive: { type: "s3" } }, functions: { f: { ...s3Code, async: { onFailure: "archive" } } } },
      [
        { sid: "ListBucketArchive", actions: ["s3:ListBucket"], resources: ["${aws_s3_bucket.archive.arn}"] },
        { sid: "PutObjectsInArchive", actions: ["s3:PutObject"], resources: ["${aws_s3_bucket.archive.arn}/*"] },
        logs,
      ],
    ],
    [
      "KMS-encrypted destination",
      { destinations: { q: { type: "sqs", kmsKey: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k` } }, functions: { f: { ...s3Code, async: { onFailure: "q" } } } },
      [
        { sid: "EncryptForQ", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [`arn:aws:kms:us-east-1:${ACCOUNT}:key/k`] },
        { sid: "SendToQ", actions: ["sqs:SendMessage"], resources: ["${aws_sqs_queue.q.arn}"] },
        logs,
      ],
    ],
    [
      "SQS source",
      { sources: { jobs: { type: "sqs" } }, functions: { f: { ...s3Code, events: [{ source: "jobs" }] } } },
      [{ sid: "ReadFromJobs", actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], resources: ["${aws_sqs_queue.jobs.arn}"] }, logs],
    ],
    [
      "DynamoDB stream source",
      { functions: { f: { ...s3Code, events: [{ source: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/stream/2026-01-01T00:00:00.000`, startingPosition: "LATEST" }] } } },
      [
        {
          sid: "ReadFromOrders",
          actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
          resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/stream/2026-01-01T00:00:00.000`],
        },
        logs,
      ],
    ],
    [
      "the same queue as success and failure target",
      { destinations: { q: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onSuccess: "q", onFailure: "q" } } } },
      [{ sid: "SendToQ", actions: ["sqs:SendMessage"], resources: ["${aws_sqs_queue.q.arn}"] }, logs],
    ],
  ])("%s", (_name, sections, want) => expect(statementsOf(sections)).toEqual(want));

  it("sends to and grants a Lambda destination at its alias", () => {
    const plan = planOf({ functions: { f: { ...s3Code, async: { onFailure: "g" } }, g: { ...s3Code, qualifier: "live" } } });
    expect(statementsOf({ functions: { f: { ...s3Code, async: { onFailure: "g" } }, g: { ...s3Code, qualifier: "live" } } })[0]).toEqual({
      sid: "InvokeG",
      actions: ["lambda:InvokeFunction"],
      resources: ["${aws_lambda_alias.g.arn}"],
    });
    expect(plain(findResource(plan, "aws_lambda_function_event_invoke_config.f")!.body).destination_config).toEqual([{ on_failure: [{ destination: "${aws_lambda_alias.g.arn}" }] }]);
  });

  it("grants an MSK mapping with IAM authentication its cluster, topic and consumer group, each on its own ARN", () => {
    const cluster = `arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/orders/abc-1`;
    const sections = { sources: { c: { type: "msk", arn: cluster, topic: "placed" } }, functions: { f: { ...s3Code, events: [{ source: "c", startingPosition: "LATEST" }] } } };
    expect(statementsOf(sections)).toEqual([
      { sid: "CommitOffsetsOnC", actions: ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"], resources: [`arn:aws:kafka:us-east-1:${ACCOUNT}:group/orders/abc-1/app-f`] },
      { sid: "ConnectToC", actions: ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"], resources: [cluster] },
      { sid: "DescribePollerNetwork", actions: ["ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"], resources: ["*"] },
      { sid: "ReadFromC", actions: ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"], resources: [cluster] },
      { sid: "ReadTopicOfC", actions: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], resources: [`arn:aws:kafka:us-east-1:${ACCOUNT}:topic/orders/abc-1/placed`] },
      logs,
    ]);
  });

  it("never grants a wildcard resource", () => {
    const sections = {
      destinations: { q: { type: "sqs" }, t: { type: "sns" }, b: { type: "s3" }, e: { type: "eventbridge" } },
      sources: { s: { type: "kinesis" } },
      functions: { f: { ...s3Code, async: { onSuccess: "q", onFailure: "b" }, events: [{ source: "s", startingPosition: "LATEST", onFailure: "t" }] } },
    };
    for (const s of statementsOf(sections)) for (const r of s.resources as string[]) expect(r).not.toBe("*");
  });

  it("attaches the policy to a spec role instead of creating one", () => {
    const plan = planOf({ functions: { f: { ...s3Code, role: `arn:aws:iam::${ACCOUNT}:role/service-role/team-role`, async: { onFailure: { type: "sqs" } } } } });
    expect(addresses(plan)).not.toContain("aws_iam_role.f");
    expect(plain(findResource(plan, "aws_iam_role_policy.f")!.body).role).toBe("team-role");
    expect(plain(findResource(plan, "aws_lambda_function.f")!.body).role).toBe(`arn:aws:iam::${ACCOUNT}:role/service-role/team-role`);
  });

  it("prints the policy an existing function's role needs when no role is given", () => {
    const plan = planOf({ functions: { f: { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`, async: { onFailure: { type: "sqs" } } } } });
    expect(addresses(plan).filter((a) => a.startsWith("aws_iam_role"))).toEqual([]);
    expect(plan.outputs.map((o) => o.name)).toContain("f_required_policy_json");
  });

  it("attaches AWS's X-Ray policy for active tracing rather than a wildcard statement", () => {
    const plan = planOf({ functions: { f: { ...s3Code, tracing: "Active" } } });
    expect(plain(findResource(plan, "aws_iam_role_policy_attachment.f_tracing")!.body).policy_arn).toBe("arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
  });
});

describe("resources", () => {
  it("gives each created function a role, a log group and a policy", () => {
    expect(addresses(planOf({ functions: { f: s3Code } }))).toEqual([
      "aws_cloudwatch_log_group.f",
      "aws_iam_role.f",
      "aws_iam_role_policy.f",
      "aws_lambda_function.f",
      "data.aws_iam_policy_document.f",
      "data.aws_iam_policy_document.lambda_assume_role",
    ]);
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    ["a local zip", "build/f.zip", { filename: "../../build/f.zip", source_code_hash: "hash:../../build/f.zip" }],
    ["an S3 object", "s3://bucket/path/f.zip", { s3_bucket: "bucket", s3_key: "path/f.zip" }],
    ["an image", { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1" }, { package_type: "Image", image_uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1" }],
  ])("packages code from %s", (_name, code, want) => {
    const zip = typeof code === "string" ? { runtime: "nodejs20.x", handler: "i.h" } : {};
    const fn = plain(findResource(planOf({ functions: { f: { code, ...zip } } }), "aws_lambda_function.f")!.body);
    expect(fn).toMatchObject(want);
  });

  it("always writes retries and event age on an invoke config", () => {
    const config = plain(findResource(planOf({ functions: { f: { ...s3Code, async: { onFailure: { type: "sqs" } } } } }), "aws_lambda_function_event_invoke_config.f")!.body);
    expect(config).toMatchObject({ maximum_retry_attempts: 2, maximum_event_age_in_seconds: 21600 });
  });

  it("makes the invoke config and mappings wait for the policy", () => {
    const plan = planOf({ sources: { s: { type: "sqs" } }, functions: { f: { ...s3Code, async: { onFailure: { type: "sqs" } }, events: [{ source: "s" }] } } });
    expect(findResource(plan, "aws_lambda_function_event_invoke_config.f")!.dependsOn).toEqual(["aws_iam_role_policy.f"]);
    expect(findResource(plan, "aws_lambda_event_source_mapping.f_s")!.dependsOn).toEqual(["aws_iam_role_policy.f"]);
  });

  it.each<[string, Record<string, unknown>, number]>([
    ["six times the consumer's timeout", { timeout: 60 }, 360],
    ["plus the batching window", { timeout: 60, batchWindow: 20 }, 380],
    ["at least AWS's default", { timeout: 3 }, 30],
  ])("gives a created source queue a visibility timeout of %s", (_name, { timeout, batchWindow }, want) => {
    const plan = planOf({ sources: { s: { type: "sqs" } }, functions: { f: { ...s3Code, timeout, events: [{ source: "s", ...(batchWindow ? { batchWindow } : {}) }] } } });
    expect(plain(findResource(plan, "aws_sqs_queue.s")!.body).visibility_timeout_seconds).toBe(want);
  });

  it("names FIFO queues with .fifo", () => {
    const plan = planOf({ sources: { s: { type: "sqs", fifo: true } }, functions: { f: { ...s3Code, events: [{ source: "s" }] } } });
    expect(plain(findResource(plan, "aws_sqs_queue.s")!.body)).toMatchObject({ name: "app-s.fifo", fifo_queue: true });
  });

  it("puts every function's trigger on one bucket into one notification", () => {
    const trigger = { s3: { bucket: "uploads", prefix: "in/" } };
    const plan = planOf({ functions: { f: { ...s3Code, triggers: [trigger] }, g: { ...s3Code, triggers: [{ s3: { bucket: "uploads", prefix: "out/" } }] } } });
    const notification = plain(findResource(plan, "aws_s3_bucket_notification.uploads")!.body);
    expect((notification.lambda_function as unknown[]).length).toBe(2);
    expect(findResource(plan, "aws_s3_bucket_notification.uploads")!.dependsOn).toEqual(["aws_lambda_permission.f_s3", "aws_lambda_permission.g_s3"]);
  });

  it("groups notifications by the real bucket: one bucket written two ways is one notification", () => {
    // `uploads` is created as app-uploads; a trigger naming app-uploads means the same bucket.
    const plan = planOf({
      destinations: { uploads: { type: "s3" } },
      functions: { f: { ...s3Code, triggers: [{ s3: { bucket: "uploads", prefix: "a/" } }] }, g: { ...s3Code, triggers: [{ s3: { bucket: "app-uploads", prefix: "b/" } }] } },
    });
    const notifications = plan.files.flatMap((f) => f.resources).filter((r) => r.type === "aws_s3_bucket_notification");
    expect(notifications.map((n) => [n.label, plain(n.body).bucket, (plain(n.body).lambda_function as unknown[]).length])).toEqual([["uploads", "${aws_s3_bucket.uploads.id}", 2]]);
  });

  it("keeps two buckets whose names make one label apart, each with a label of its own", () => {
    const plan = planOf({ functions: { f: { ...s3Code, triggers: [{ s3: { bucket: "my.bucket" } }, { s3: { bucket: "my-bucket" } }] } } });
    const notifications = plan.files.flatMap((f) => f.resources).filter((r) => r.type === "aws_s3_bucket_notification");
    expect(notifications.map((n) => [n.label, plain(n.body).bucket])).toEqual([
      ["my_bucket", "my.bucket"],
      ["my_bucket_2", "my-bucket"],
    ]);
  });

  it("names an existing bucket declared by ARN by its name, not by a resource ldgen does not create", () => {
    const plan = planOf({ destinations: { up: { type: "s3", arn: "arn:aws:s3:::legacy-uploads" } }, functions: { f: { ...s3Code, triggers: [{ s3: { bucket: "up" } }] } } });
    expect(plain(findResource(plan, "aws_s3_bucket_notification.up")!.body).bucket).toBe("legacy-uploads");
    expect(plain(findResource(plan, "aws_lambda_permission.f_s3")!.body).source_arn).toBe("arn:aws:s3:::legacy-uploads");
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["schedule", { schedule: "rate(5 minutes)" }, ["aws_cloudwatch_event_rule.f_schedule", "aws_cloudwatch_event_target.f_schedule", "aws_lambda_permission.f_schedule"]],
    ["event pattern", { eventPattern: { source: ["aws.s3"] } }, ["aws_cloudwatch_event_rule.f_events", "aws_cloudwatch_event_target.f_events", "aws_lambda_permission.f_events"]],
    ["SNS topic", { sns: { type: "sns" } }, ["aws_lambda_permission.f_sns", "aws_sns_topic.f_sns", "aws_sns_topic_subscription.f_sns"]],
  ])("wires a %s trigger with its permission", (_name, trigger, want) => {
    const all = addresses(planOf({ functions: { f: { ...s3Code, triggers: [trigger] } } }));
    for (const a of want) expect(all).toContain(a);
  });

  const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:s`;
  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    [
      "MSK",
      { type: "msk", arn: `arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/c/abc`, topic: "orders", secret: SECRET },
      { startingPosition: "LATEST" },
      { topics: ["orders"], source_access_configuration: [{ type: "SASL_SCRAM_512_AUTH", uri: SECRET }], amazon_managed_kafka_event_source_config: [{ consumer_group_id: "app-f" }], batch_size: 100 },
    ],
    [
      "self-managed Kafka",
      { type: "kafka", bootstrapServers: ["b1:9092", "b2:9092"], topic: "orders" },
      { startingPosition: "TRIM_HORIZON", consumerGroupId: "billing" },
      { topics: ["orders"], self_managed_event_source: [{ endpoints: { KAFKA_BOOTSTRAP_SERVERS: "b1:9092,b2:9092" } }], self_managed_kafka_event_source_config: [{ consumer_group_id: "billing" }] },
    ],
    [
      "Amazon MQ",
      { type: "mq", arn: `arn:aws:mq:us-east-1:${ACCOUNT}:broker:b:b-1`, queue: "jobs", secret: SECRET },
      {},
      { queues: ["jobs"], source_access_configuration: [{ type: "BASIC_AUTH", uri: SECRET }] },
    ],
    [
      "DocumentDB",
      { type: "docdb", arn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:docs`, database: "app", collection: "orders", secret: SECRET },
      { startingPosition: "LATEST" },
      { document_db_event_source_config: [{ database_name: "app", collection_name: "orders" }], source_access_configuration: [{ type: "BASIC_AUTH", uri: SECRET }] },
    ],
  ])("writes what a %s mapping needs", (_name, source, event, want) => {
    const plan = planOf({ sources: { s: source }, functions: { f: { ...s3Code, events: [{ source: "s", ...event }] } } });
    expect(plain(findResource(plan, "aws_lambda_event_source_mapping.f_s")!.body)).toMatchObject(want);
  });

  it("writes every event source mapping key", () => {
    const plan = planOf({
      sources: { s: { type: "kinesis" } },
      functions: {
        f: {
          ...s3Code,
          events: [
            {
              source: "s",
              startingPosition: "AT_TIMESTAMP",
              startingTimestamp: "2026-01-01T00:00:00Z",
              batchSize: 500,
              batchWindow: "10s",
              retries: 5,
              maxRecordAge: "2h",
              splitBatchOnError: true,
              parallelization: 4,
              tumblingWindow: "1m",
              reportBatchItemFailures: true,
              filters: [{ data: { kind: ["click"] } }],
              enabled: false,
              onFailure: { type: "sns" },
            },
          ],
        },
      },
    });
    expect(plain(findResource(plan, "aws_lambda_event_source_mapping.f_s")!.body)).toMatchObject({
      starting_position: "AT_TIMESTAMP",
      starting_position_timestamp: "2026-01-01T00:00:00Z",
      batch_size: 500,
      maximum_batching_window_in_seconds: 10,
      maximum_retry_attempts: 5,
      maximum_record_age_in_seconds: 7200,
      bisect_batch_on_function_error: true,
      parallelization_factor: 4,
      tumbling_window_in_seconds: 60,
      function_response_types: ["ReportBatchItemFailures"],
      enabled: false,
      filter_criteria: [{ filter: [{ pattern: '{"data":{"kind":["click"]}}' }] }],
      destination_config: [{ on_failure: [{ destination_arn: "${aws_sns_topic.f_s_on_failure.arn}" }] }],
    });
  });
});

describe("a plan and model are the caller's", () => {
  // The library hands out its plan and model. Some of their values are shared by every run in the process (the
  // two flags, the policies' "Allow" and action lists, the paths of `defaults` keys): a caller that changes what
  // it was given must not change what the next run writes or where its diagnostics point.
  const { generate } = require("../generator") as typeof import("../generator");
  const file = "/specs/spec.yaml";
  const text = [
    "version: 1",
    "name: owned",
    "defaults: { runtime: nodejs16.x, handler: index.handler, code: s3://b/f.zip }",
    "destinations: { q: { type: sqs }, dlq: { type: sqs } }",
    "functions:",
    "  f: { async: { onFailure: dlq }, triggers: [{ schedule: rate(1 hour) }], events: [{ source: q, enabled: false }] }",
    "",
  ].join("\n");
  const run = () => {
    const out = generate(text, file, "all", { outDir: "/specs/out" });
    return { files: out.files, diagnostics: out.diagnostics, out };
  };

  it("changing them changes no later run", () => {
    const first = run();
    expect(first.diagnostics.map((d) => `${d.code} ${d.line}:${d.col} ${d.path}`)).toContain("LD111 3:22 defaults.runtime");
    // Change every value, list and path the caller was given (what ldgen froze stays as it is).
    const tamper = (value: unknown, seen = new Set<unknown>()): void => {
      if (typeof value !== "object" || value === null || seen.has(value)) return;
      seen.add(value);
      const o = value as Record<string, unknown>;
      for (const key of Object.keys(o)) tamper(o[key], seen);
      const attempt = (change: () => void) => {
        try {
          change();
        } catch {
          // frozen
        }
      };
      if (Array.isArray(o)) attempt(() => o.push("tampered"));
      else if (typeof o.v === "boolean") attempt(() => (o.v = !o.v));
      else if (typeof o.v === "string") attempt(() => (o.v = "tampered"));
    };
    tamper(first.out.plan);
    tamper(first.out.model);
    const second = run();
    expect(Object.keys(second.files).length).toBeGreaterThan(5);
    expect(second.files).toEqual(first.files);
    expect(second.diagnostics).toEqual(first.diagnostics);
  });
});
