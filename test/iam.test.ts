import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "./support/examples";
import { findResource, planOf, plain, s3Code, specYaml } from "./support/spec";
import type { Plan } from "../generator";
import { KMS, LOGS as LOG_GRANT, MSK_IAM, POLLER_NETWORK, READ, SECRET, SEND, type Grant } from "../generator/plan/iam-table";

/**
 * The IAM statements of every destination and source kind, exactly: actions and resources, as AWS documents
 * them for the function's execution role:
 * - destinations: invocation-async-retain-records.html#invocation-async-destinations (execution role permissions);
 * - SQS: services-sqs-configure.html (AWSLambdaSQSQueueExecutionRole); Kinesis: with-kinesis.html; DynamoDB:
 *   with-ddb.html (AWSLambdaDynamoDBExecutionRole); MSK: with-msk.html (kafka:DescribeClusterV2,
 *   kafka:GetBootstrapBrokers; with IAM auth kafka-cluster:*); self-managed Kafka: with-kafka.html
 *   (secretsmanager:GetSecretValue); Amazon MQ: with-mq.html#events-mq-permissions (mq:DescribeBroker,
 *   secretsmanager:GetSecretValue); DocumentDB: with-documentdb.html (rds:DescribeDBClusters,
 *   rds:DescribeDBClusterParameters, rds:DescribeDBSubnetGroups, secretsmanager:GetSecretValue, kms:Decrypt);
 * - the network interfaces of Kafka, MSK, Amazon MQ and DocumentDB pollers: AWSLambdaVPCAccessExecutionRole.
 */
const ACCOUNT = "123456789012";
const ARN = {
  kinesis: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/clicks`,
  msk: `arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/orders/abc-1`,
  mq: `arn:aws:mq:us-east-1:${ACCOUNT}:broker:orders:b-1`,
  docdb: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:catalog`,
  secret: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:broker-login`,
  key: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`,
  topic: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`,
  queue: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
  bus: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/audit`,
  bucket: "arn:aws:s3:::archive",
};
/** The poller of a VPC source (MSK, Kafka, MQ, DocumentDB) looks up its VPC and security groups: EC2 Describe takes only "*". */
const POLLER = { sid: "DescribePollerNetwork", actions: ["ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"], resources: ["*"] };
const LOGS = { sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["${aws_cloudwatch_log_group.f.arn}:*"] };
const VPC = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";

function iamOf(plan: Plan) {
  const doc = findResource(plan, "data.aws_iam_policy_document.f")!;
  const statements = (plain(doc.body).statement as Record<string, unknown>[]).map((s) => ({ sid: s.sid, actions: s.actions, resources: s.resources }));
  const managed = plan.files
    .flatMap((f) => f.resources)
    .filter((r) => r.type === "aws_iam_role_policy_attachment")
    .map((r) => plain(r.body).policy_arn);
  return { statements, managed };
}

type Case = [string, { given: Record<string, unknown>; want: { statements: unknown[]; managed: unknown[] } }];
const fn = (extra: Record<string, unknown>) => ({ functions: { f: { ...s3Code, ...extra } } });

describe("IAM of every destination kind", () => {
  it.each<Case>([
    ["SQS by ARN", { given: fn({ async: { onFailure: ARN.queue } }), want: { statements: [{ sid: "SendToJobs", actions: ["sqs:SendMessage"], resources: [ARN.queue] }, LOGS], managed: [] } }],
    ["SNS by ARN", { given: fn({ async: { onFailure: ARN.topic } }), want: { statements: [{ sid: "PublishToAlerts", actions: ["sns:Publish"], resources: [ARN.topic] }, LOGS], managed: [] } }],
    ["EventBridge bus by ARN", { given: fn({ async: { onFailure: ARN.bus } }), want: { statements: [{ sid: "PutEventsOnAudit", actions: ["events:PutEvents"], resources: [ARN.bus] }, LOGS], managed: [] } }],
    [
      "S3 bucket by ARN (objects and the bucket)",
      {
        given: fn({ async: { onFailure: ARN.bucket } }),
        want: {
          statements: [{ sid: "ListBucketArchive", actions: ["s3:ListBucket"], resources: [ARN.bucket] }, { sid: "PutObjectsInArchive", actions: ["s3:PutObject"], resources: [`${ARN.bucket}/*`] }, LOGS],
          managed: [],
        },
      },
    ],
    [
      "Lambda function (created)",
      { given: { functions: { f: { ...s3Code, async: { onFailure: "g" } }, g: s3Code } }, want: { statements: [{ sid: "InvokeG", actions: ["lambda:InvokeFunction"], resources: ["${aws_lambda_function.g.arn}"] }, LOGS], managed: [] } },
    ],
    [
      "a KMS-encrypted SNS topic (the key: Decrypt and GenerateDataKey)",
      {
        given: { destinations: { t: { type: "sns", kmsKey: ARN.key } }, ...fn({ async: { onFailure: "t" } }) },
        want: { statements: [{ sid: "EncryptForT", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [ARN.key] }, { sid: "PublishToT", actions: ["sns:Publish"], resources: ["${aws_sns_topic.t.arn}"] }, LOGS], managed: [] },
      },
    ],
    [
      "a dead-letter queue (SNS)",
      { given: fn({ deadLetterQueue: ARN.topic }), want: { statements: [{ sid: "PublishToAlerts", actions: ["sns:Publish"], resources: [ARN.topic] }, LOGS], managed: [] } },
    ],
  ])("%s", (_name, { given, want }) => expect(iamOf(planOf(given))).toEqual(want));
});

describe("IAM of every source kind", () => {
  it.each<Case>([
    [
      "SQS",
      { given: fn({ events: [{ source: ARN.queue }] }), want: { statements: [{ sid: "ReadFromJobs", actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], resources: [ARN.queue] }, LOGS], managed: [] } },
    ],
    [
      "Kinesis, KMS-encrypted (the key: Decrypt)",
      {
        given: { sources: { clicks: { type: "kinesis", arn: ARN.kinesis, kmsKey: ARN.key } }, ...fn({ events: [{ source: "clicks", startingPosition: "LATEST" }] }) },
        want: {
          statements: [
            { sid: "DecryptFromClicks", actions: ["kms:Decrypt"], resources: [ARN.key] },
            {
              sid: "ReadFromClicks",
              actions: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams"],
              resources: [ARN.kinesis],
            },
            LOGS,
          ],
          managed: [],
        },
      },
    ],
    [
      "Kinesis through an enhanced fan-out consumer (read on the stream, subscribe on the consumer)",
      {
        given: { sources: { clicks: { type: "kinesis", arn: `${ARN.kinesis}/consumer/lambda:1704067200` } }, ...fn({ events: [{ source: "clicks", startingPosition: "LATEST" }] }) },
        want: {
          statements: [
            {
              sid: "ReadFromClicks",
              actions: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams"],
              resources: [ARN.kinesis],
            },
            { sid: "SubscribeToClicks", actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"], resources: [`${ARN.kinesis}/consumer/lambda:1704067200`] },
            LOGS,
          ],
          managed: [],
        },
      },
    ],
    [
      "Amazon MSK with SASL/SCRAM (Secrets Manager), in the cluster's VPC",
      {
        given: { sources: { c: { type: "msk", arn: ARN.msk, topic: "orders", secret: ARN.secret } }, ...fn({ events: [{ source: "c", startingPosition: "LATEST" }] }) },
        want: {
          statements: [
            POLLER,
            { sid: "ReadFromC", actions: ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"], resources: [ARN.msk] },
            { sid: "ReadSecretForC", actions: ["secretsmanager:GetSecretValue"], resources: [ARN.secret] },
            LOGS,
          ],
          managed: [VPC],
        },
      },
    ],
    [
      "self-managed Kafka with a secret",
      {
        given: { sources: { k: { type: "kafka", bootstrapServers: ["b-1.example.com:9092"], topic: "orders", secret: ARN.secret } }, ...fn({ events: [{ source: "k", startingPosition: "LATEST" }] }) },
        want: { statements: [POLLER, { sid: "ReadSecretForK", actions: ["secretsmanager:GetSecretValue"], resources: [ARN.secret] }, LOGS], managed: [VPC] },
      },
    ],
    [
      "Amazon MQ with its broker login (Secrets Manager)",
      {
        given: { sources: { b: { type: "mq", arn: ARN.mq, queue: "orders", secret: ARN.secret } }, ...fn({ events: [{ source: "b" }] }) },
        want: {
          statements: [POLLER, { sid: "ReadFromB", actions: ["mq:DescribeBroker"], resources: [ARN.mq] }, { sid: "ReadSecretForB", actions: ["secretsmanager:GetSecretValue"], resources: [ARN.secret] }, LOGS],
          managed: [VPC],
        },
      },
    ],
    [
      "DocumentDB with its login (Secrets Manager) and a KMS key",
      {
        given: { sources: { d: { type: "docdb", arn: ARN.docdb, database: "shop", secret: ARN.secret, kmsKey: ARN.key } }, ...fn({ events: [{ source: "d", startingPosition: "LATEST" }] }) },
        want: {
          statements: [
            { sid: "DecryptFromD", actions: ["kms:Decrypt"], resources: [ARN.key] },
            POLLER,
            { sid: "ReadFromD", actions: ["rds:DescribeDBClusterParameters", "rds:DescribeDBClusters", "rds:DescribeDBSubnetGroups"], resources: [ARN.docdb] },
            { sid: "ReadSecretForD", actions: ["secretsmanager:GetSecretValue"], resources: [ARN.secret] },
            LOGS,
          ],
          managed: [VPC],
        },
      },
    ],
    [
      "a stream mapping's on-failure destination (SQS)",
      {
        given: { sources: { clicks: { type: "kinesis", arn: ARN.kinesis } }, ...fn({ events: [{ source: "clicks", startingPosition: "LATEST", onFailure: ARN.queue }] }) },
        want: {
          statements: [
            {
              sid: "ReadFromClicks",
              actions: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams"],
              resources: [ARN.kinesis],
            },
            { sid: "SendToJobs", actions: ["sqs:SendMessage"], resources: [ARN.queue] },
            LOGS,
          ],
          managed: [],
        },
      },
    ],
  ])("%s", (_name, { given, want }) => expect(iamOf(planOf(given))).toEqual(want));

  it.each([
    ["Amazon MQ", { b: { type: "mq", arn: ARN.mq, queue: "orders" } }, {}],
    ["DocumentDB", { b: { type: "docdb", arn: ARN.docdb, database: "shop", secret: ARN.secret } }, { startingPosition: "LATEST" }],
    ["Amazon MSK", { b: { type: "msk", arn: ARN.msk, topic: "orders" } }, { startingPosition: "LATEST" }],
    ["self-managed Kafka", { b: { type: "kafka", bootstrapServers: ["broker-1.example.com:9092"], topic: "orders", secret: ARN.secret } }, { startingPosition: "LATEST" }],
  ])("lets the %s poller describe its VPC and security groups, on * (EC2 Describe has no resource-level permissions)", (_name, sources, event) => {
    const plan = planOf({ sources, ...fn({ events: [{ source: "b", ...event }] }) });
    expect(iamOf(plan).statements).toContainEqual({ sid: "DescribePollerNetwork", actions: ["ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"], resources: ["*"] });
  });

  it("grants * only for the two EC2 Describe actions, and only to functions that poll a VPC source", () => {
    const vpc = planOf({ sources: { d: { type: "docdb", arn: ARN.docdb, database: "shop", secret: ARN.secret } }, ...fn({ events: [{ source: "d", startingPosition: "LATEST" }], async: { onFailure: ARN.bucket } }) });
    const wildcard = iamOf(vpc).statements.filter((s) => (s.resources as string[]).some((r) => r === "*" || r.endsWith(":*:*")));
    expect(wildcard.map((s) => s.actions)).toEqual([["ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"]]);
    const stream = planOf({ sources: { k: { type: "kinesis", arn: ARN.kinesis } }, ...fn({ events: [{ source: "k", startingPosition: "LATEST" }] }) });
    expect(iamOf(stream).statements.flatMap((s) => s.resources as string[]).filter((r) => r === "*")).toEqual([]);
  });
});

describe("the order of a policy's statements", () => {
  // Two destinations whose statement ids differ first at J and Y (`policies` keep the spec's order).
  const spec = fn({ async: { onSuccess: `arn:aws:sqs:us-east-1:${ACCOUNT}:yak`, onFailure: `arn:aws:sqs:us-east-1:${ACCOUNT}:jay` } });
  const ENGLISH = ["SendToJay", "SendToYak", "WriteLogs"];

  it("is English alphabetical order", () => {
    expect(iamOf(planOf(spec)).statements.map((s) => s.sid)).toEqual(ENGLISH);
  });

  it("matches an English collator on 100,000 random ids (letters and digits, as LD154 requires)", () => {
    const { sidOrder } = require("../generator/plan/iam") as typeof import("../generator/plan/iam");
    const english = new Intl.Collator("en");
    const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const id = () => Array.from({ length: 1 + random(8) }, () => chars[random(chars.length)]).join("");
    const flipCase = (s: string) => [...s].map((c) => (random(2) ? c.toUpperCase() : c.toLowerCase())).join("");
    const wrong: string[][] = [];
    for (let i = 0; i < 100_000; i++) {
      const a = id();
      const b = random(3) ? id() : flipCase(a);
      if (Math.sign(sidOrder(a, b)) !== Math.sign(english.compare(a, b))) wrong.push([a, b]);
    }
    expect(wrong).toEqual([]);
  });

  it("does not depend on the machine's locale (Lithuanian sorts y before j)", () => {
    // (the precondition: this node has the locale, so the child below would sort differently by locale)
    expect(new Intl.Collator("lt").compare("y", "j")).toBeLessThan(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldgen-locale-"));
    try {
      fs.writeFileSync(path.join(dir, "spec.yaml"), specYaml(spec));
      const env = { ...process.env, LC_ALL: "lt_LT.UTF-8", LANG: "lt_LT.UTF-8" };
      const run = spawnSync(process.execPath, [path.join(ROOT, "bin", "ldgen.js"), "generate", "spec.yaml", "--out", "out", "--target", "hcl", "--no-platform"], { cwd: dir, encoding: "utf8", env });
      expect(run.stderr).not.toMatch(/error/);
      const sids = [...fs.readFileSync(path.join(dir, "out", "hcl", "iam.tf"), "utf8").matchAll(/sid\s+= "(\w+)"/g)].map((m) => m[1]);
      expect(sids.filter((s) => s !== "LambdaAssumeRole")).toEqual(ENGLISH);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the IAM table", () => {
  // Statements use the table's action lists as they are (sorted once here, not per statement).
  const grants: Grant[] = [...Object.values(SEND), ...Object.values(READ), ...Object.values(MSK_IAM), ...Object.values(KMS), SECRET, LOG_GRANT, POLLER_NETWORK].flat();
  it.each(grants.map((g) => [g.verb, g.actions] as const))("%s: actions sorted and unique", (_, actions) => {
    expect(actions).toEqual([...new Set(actions)].sort());
  });
});
