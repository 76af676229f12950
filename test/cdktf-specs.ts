import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Specs the CDKTF tests use beside the examples: one that reaches every resource type, block and
 * attribute the plan can emit, and one whose user strings need escaping everywhere. Each is written
 * into a folder with the local zip it names.
 */

const ZIP = path.join(__dirname, "..", "examples", "image-pipeline", "build", "process-image.zip");

function write(dir: string, text: string): string {
  fs.mkdirSync(path.join(dir, "build"), { recursive: true });
  fs.copyFileSync(ZIP, path.join(dir, "build", "fn.zip"));
  const file = path.join(dir, "spec.yaml");
  fs.writeFileSync(file, text);
  return file;
}

/** Every resource type, nested block and optional attribute ldgen writes (19 types; kafka, msk, mq, docdb). */
export const KITCHEN_SINK = `version: 1
name: kitchen-sink
region: eu-west-1
tags: { team: platform }
terraform: { requiredVersion: ">= 1.6.0", awsProvider: ">= 5.100.0, < 6.0.0" }
defaults:
  runtime: nodejs20.x
  handler: index.handler
destinations:
  results-bus: { type: eventbridge }
  archive: { type: s3 }
  alerts: { type: sns, subscriptions: [ { protocol: email, endpoint: ops@example.com } ] }
  results: { type: sqs, fifo: false, retention: 4d, kmsKey: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555" }
sources:
  stream: { type: kinesis, shards: 2 }
  table: { type: dynamodb, arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000" }
  kafka-cluster: { type: kafka, topic: orders, bootstrapServers: [ "b1.example.com:9092", "b2.example.com:9092" ] }
  msk-cluster: { type: msk, arn: "arn:aws:kafka:eu-west-1:123456789012:cluster/demo/abc", topic: events }
  jobs: { type: sqs }
  broker: { type: mq, arn: "arn:aws:mq:eu-west-1:123456789012:broker:demo:b-1234", queue: orders, secret: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mq-abc" }
  docs: { type: docdb, arn: "arn:aws:rds:eu-west-1:123456789012:cluster:docs", database: app, collection: orders, secret: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:docdb-abc" }
functions:
  worker:
    code: build/fn.zip
    architecture: arm64
    memory: 512
    timeout: 30
    description: "Does the work"
    environment: { STAGE: prod, WEIRD_KEY: "v" }
    reservedConcurrency: 5
    layers: [ "arn:aws:lambda:eu-west-1:123456789012:layer:deps:3" ]
    tracing: Active
    logRetention: 14
    tags: { owner: me, "weird-key.name": "v" }
    vpc: { subnets: [ subnet-0a1b2c3d, subnet-0e1f2a3b ], securityGroups: [ sg-0a1b2c3d ] }
    permissionsBoundary: "arn:aws:iam::123456789012:policy/team-boundary"
    managedPolicies: [ "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess" ]
    policies:
      - { sid: ReadOrders, actions: [ "dynamodb:GetItem", "dynamodb:Query" ], resources: [ "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", archive/* ] }
      - { actions: [ "sqs:SendMessage" ], resources: [ jobs ] }
    triggers:
      - schedule: "rate(5 minutes)"
      - eventPattern: { source: [ "aws.ec2" ], detail-type: [ "EC2 Instance State-change Notification" ] }
      - sns: alerts
      - s3: { bucket: uploads-bucket, events: [ "s3:ObjectCreated:*" ], suffix: .jpg }
    async:
      retries: 0
      maxEventAge: 60s
      onSuccess: results-bus
      onFailure: archive
    events:
      - source: stream
        startingPosition: TRIM_HORIZON
        batchSize: 50
        batchWindow: 5s
        parallelization: 2
        tumblingWindow: 60s
        retries: 5
        maxRecordAge: 1h
        splitBatchOnError: true
        onFailure: results
      - source: table
        startingPosition: LATEST
      - source: jobs
        batchSize: 20
        batchWindow: 2s
        maxConcurrency: 5
        filters: [ { body: { kind: [ "a\${b}" ] } } ]
      - source: kafka-cluster
        startingPosition: LATEST
      - source: msk-cluster
        startingPosition: LATEST
        consumerGroupId: my-group
  code-in-s3:
    code: s3://artifacts-bucket/fn.zip
    role: arn:aws:iam::123456789012:role/existing
    qualifier: live
  image:
    deadLetterQueue: results
    events:
      - source: broker
      - source: docs
        startingPosition: LATEST
    code: { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:latest" }
`;

export const kitchenSinkSpec = (dir: string) => write(dir, KITCHEN_SINK);

/** User strings with every sequence that needs escaping in HCL, TypeScript or Terraform JSON. */
export const ESCAPES = {
  team: 'a ${var.x} %{ if true }b%{ endif } "q" back\\slash',
  unicode: "ünïcødé ✓ 😀",
  description: 'line1\nline2 ${aws_x.y} %{for} "quoted" \\ back `tick` é',
  environment: {
    DOLLAR: "${HOME} $${x} $$ %{x} %%{y} % $",
    QUOTES: "'single' \"double\" `back`",
    NEWLINES: "a\nb\r\nc\td",
    UNICODE: "日本語 — ✓ 😀 \u2028 sep",
  },
  // Environment names are identifiers (LD112); a key that needs quoting is a tag's.
  functionTags: { "${k}": "%{v}", "weird-key.name": "v" },
};

export function escapesSpec(dir: string): string {
  const spec = {
    version: 1,
    name: "escapes",
    tags: { team: ESCAPES.team, "odd key ${x}": ESCAPES.unicode },
    functions: {
      fn: {
        code: "build/fn.zip",
        runtime: "nodejs20.x",
        handler: "index.handler",
        description: ESCAPES.description,
        environment: ESCAPES.environment,
        tags: ESCAPES.functionTags,
      },
    },
  };
  // JSON is YAML: every string is written exactly, escapes and all.
  return write(dir, JSON.stringify(spec, null, 2));
}

/** A folder and zip names with every character that needs escaping in a Terraform, HCL or TypeScript string. */
export const HOSTILE_DIR = 'we"ird ${x} %{y} \\ $${z} ü `t`';
export const HOSTILE_ZIP = 'a"b ${c} %{d} \\e ✓.zip';

/** Local zips in hostile folders: returns the spec's path (inside `dir/<HOSTILE_DIR>`). */
export function localZipSpec(dir: string): string {
  const root = path.join(dir, HOSTILE_DIR);
  fs.mkdirSync(path.join(root, "build"), { recursive: true });
  fs.copyFileSync(ZIP, path.join(root, "build", HOSTILE_ZIP));
  fs.copyFileSync(ZIP, path.join(root, "plain.zip"));
  const spec = {
    version: 1,
    name: "local-zip",
    defaults: { runtime: "nodejs20.x", handler: "index.handler" },
    functions: {
      hostile: { code: `build/${HOSTILE_ZIP}` },
      plain: { code: "./plain.zip" },
    },
  };
  const file = path.join(root, "spec.yaml");
  fs.writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

/**
 * Keys JavaScript treats specially, in every map that comes from the spec, strings written decomposed
 * (`e` + U+0301, which Terraform reads as `é`), and merge keys (issue 21). The spec's `__proto__` tag has a value
 * that needs every escape: cdk.tf.json must carry it as the HCL does.
 */
export const PROTO_VALUE = 'spec-proto "q" \\ ${x} %{y}';
export const HOSTILE_KEYS_SPEC = `version: 1
name: hostile-keys
tags: { __proto__: ${JSON.stringify(PROTO_VALUE)}, constructor: spec-ctor, "cafe\u0301": spec-cafe }
functions:
  first: &base
    runtime: nodejs22.x
    handler: index.handler
    code: s3://artifacts-bucket/first.zip
    tags: { toString: fn-tostring, hasOwnProperty: fn-hop }
  fn:
    <<: *base
    code: s3://artifacts-bucket/fn.zip
    description: "d\u00e9j\u0061\u0300 vu"
    environment: { constructor: env-ctor, toString: env-tostring, hasOwnProperty: env-hop }
    triggers:
      - eventPattern: { source: [ my.app ], detail: { __proto__: [ p ], constructor: [ c ], "e\u0301": [ e ] } }
        input: { __proto__: 1, toString: 2, "cafe\u0301": 3 }
    events:
      - source: jobs
        filters: [ { body: { __proto__: [ x ], constructor: [ y ] } } ]
sources:
  jobs: { type: sqs, tags: { __proto__: queue-proto } }
`;
