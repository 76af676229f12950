import { SOURCE_TYPES } from "../kinds/registry";
import { LIMITS, type Range } from "../limits";
import { formatDuration } from "./duration";
import { TRIGGER_KEYS, TRIGGERS, triggerSettings } from "../kinds/triggers/registry";
import { bool, duration, int, list, object, oneOf, str, stringMap, type Field } from "./fields";
import { arn, deadLetter, declaredDestination, reference, renamedFrom } from "./reference";

/** What the spec file may contain (see SPEC.md). Semantics that need more than one value live in `rules/`. */
export { ARN, arn, destination, destinationFields, reference } from "./reference";
export { DESTINATION_TYPES, SOURCE_TYPES } from "../kinds/registry";

export const source = object(
  "An event source read through an event source mapping.",
  {
    type: oneOf("The kind of source.", SOURCE_TYPES),
    arn: arn("An existing source: referenced, never created."),
    shards: int("Kinesis shard count (created streams).", 1, 100000, "LD106"),
    fifo: bool("A FIFO queue (created SQS sources)."),
    visibilityTimeout: duration("SQS visibility timeout (created queues).", LIMITS.visibilityTimeout.min, LIMITS.visibilityTimeout.max, "LD106"),
    retention: duration("SQS message retention or Kinesis retention.", LIMITS.sqsRetention.min, LIMITS.streamRetention.max, "LD106"),
    topic: str("Kafka topic."),
    bootstrapServers: list("Self-managed Kafka bootstrap servers (host:port).", str()),
    secret: arn("Secrets Manager secret for Kafka, Amazon MQ or DocumentDB authentication."),
    queue: str("Amazon MQ queue name to read."),
    database: str("DocumentDB database to read."),
    collection: str("DocumentDB collection to read (default: all)."),
    kmsKey: arn("A customer-managed KMS key the source is encrypted with."),
    deadLetter,
    tags: stringMap("Tags for this resource."),
    protect: bool("Terraform refuses to destroy (or replace) the stream or queue ldgen creates: lifecycle prevent_destroy."),
    awsName: str("The AWS name of the stream or queue ldgen creates (default <spec name>-<entry name>): set it to the old name to keep it through a rename.", {
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      format: "letters, digits, '.', '-' and '_', starting with a letter or digit",
    }),
    renamedFrom,
  },
  ["type"],
);

const span = (r: Range) => `${r.min}..${r.max}`;
const spanOf = (r: Range) => `${formatDuration(r.min)}..${formatDuration(r.max)}`;

const async = object("Asynchronous invocation: retries, event age and destinations.", {
  retries: int(`Retries after a failed invocation (${span(LIMITS.asyncRetries)}).`, LIMITS.asyncRetries.min, LIMITS.asyncRetries.max, "LD301"),
  maxEventAge: duration(`How long Lambda keeps an event (${spanOf(LIMITS.maxEventAge)}).`, LIMITS.maxEventAge.min, LIMITS.maxEventAge.max, "LD302"),
  onSuccess: reference,
  onFailure: reference,
});

/** A trigger entry: its kind's key (each kind module gives its shape), `name`, and the settings some kind takes. */
const trigger = object(`An asynchronous invoker; exactly one of ${TRIGGER_KEYS.join(", ")}.`, {
  name: str("Label for this trigger's resources (default: its kind).", { pattern: /^[a-z][a-z0-9-]{0,31}$/, format: "lowercase letters, digits and '-'" }),
  ...Object.fromEntries(TRIGGER_KEYS.map((key) => [key, TRIGGERS[key].field])),
  ...triggerSettings(),
});

const event = object("An event source mapping.", {
  name: str("Label suffix for this mapping (default: the source's name).", { pattern: /^[a-z][a-z0-9-]{0,63}$/, format: "lowercase letters, digits and '-'" }),
  source: reference,
  batchSize: int(`Records per batch (${span(LIMITS.batchSize)}).`, LIMITS.batchSize.min, LIMITS.batchSize.max, "LD408"),
  batchWindow: duration(`Maximum batching window (${LIMITS.batchWindow.min}..${LIMITS.batchWindow.max}s).`, LIMITS.batchWindow.min, LIMITS.batchWindow.max, "LD411"),
  startingPosition: oneOf("Where a stream or Kafka mapping starts.", ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]),
  startingTimestamp: str("RFC 3339 time, with AT_TIMESTAMP.", {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    format: "an RFC 3339 time such as 2026-01-01T00:00:00Z",
  }),
  retries: int("Retries of a failed batch (-1 = until the record expires).", LIMITS.mappingRetries.min, LIMITS.mappingRetries.max, "LD413"),
  maxRecordAge: duration(`Oldest record sent (-1 = unlimited, or ${spanOf(LIMITS.maxRecordAge)}).`, LIMITS.maxRecordAge.min, LIMITS.maxRecordAge.max, "LD414", true),
  splitBatchOnError: bool("Split a failed batch in two and retry."),
  parallelization: int(`Concurrent batches per shard (${span(LIMITS.parallelization)}).`, LIMITS.parallelization.min, LIMITS.parallelization.max, "LD415"),
  tumblingWindow: duration(`Tumbling window (${LIMITS.tumblingWindow.min}..${formatDuration(LIMITS.tumblingWindow.max)}).`, LIMITS.tumblingWindow.min, LIMITS.tumblingWindow.max, "LD416"),
  reportBatchItemFailures: bool("The function reports partial batch failures."),
  filters: list("Event filter patterns.", { kind: "any" }, LIMITS.filters, "LD418"),
  maxConcurrency: int(`SQS: maximum concurrent invocations (${span(LIMITS.maxConcurrency)}).`, LIMITS.maxConcurrency.min, LIMITS.maxConcurrency.max, "LD417"),
  enabled: bool("Whether the mapping polls."),
  onFailure: reference,
  onSuccess: reference,
  topic: str("Kafka topic (overrides the source's)."),
  consumerGroupId: str("Kafka consumer group."),
}, ["source"]);

const code: Field = {
  kind: "stringOr",
  doc: "A local zip (relative to the spec), s3://bucket/key, or { image: <uri> }.",
  string: { kind: "string", pattern: /^(s3:\/\/[^/]+\/.+|[^:]+\.zip)$/, format: "a local .zip path or s3://bucket/key" },
  object: object("A container image.", { image: str("The image URI.") }, ["image"]),
};

/** `<service>:<action>`, with `*` and `?` wildcards in the action: what IAM accepts in `Action`. */
export const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const POLICY_ARN = /^arn:aws[a-zA-Z-]*:iam::(aws|\d{12}):policy\/.+$/;
const policyArn = (doc: string) => str(doc, { pattern: POLICY_ARN, format: "a managed policy ARN, arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<name>" });

const statement = object(
  "One statement of the function's own permissions, appended to its role's policy.",
  {
    sid: str("Statement id: letters and digits (default Policy<n>, its position in the list).", { pattern: /^[A-Za-z0-9]+$/, format: "letters and digits only", rule: "LD154" }),
    actions: list("IAM actions, <service>:<action> (wildcards * and ? allowed in the action).", str("An IAM action.", { pattern: IAM_ACTION, format: "an IAM action, <service>:<action> (e.g. dynamodb:GetItem)", rule: "LD150" })),
    resources: list("ARNs, names of spec entries (their ARN), or <name>/* (their ARN followed by /*).", str("An ARN, a spec name, or <name>/*.")),
  },
  ["actions", "resources"],
);

const vpc = object("The function's VPC: its vpc_config; the role gets AWSLambdaVPCAccessExecutionRole.", {
  subnets: list("Subnet ids (at most 16).", str("A subnet id.", { pattern: /^subnet-[0-9a-f]+$/, format: "a subnet id, subnet-<hex>" }), 16),
  securityGroups: list("Security group ids (at most 5).", str("A security group id.", { pattern: /^sg-[0-9a-f]+$/, format: "a security group id, sg-<hex>" }), 5),
});

const LOG_RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const functionFields = {
  code,
  runtime: str("Runtime identifier, e.g. nodejs20.x."),
  handler: str("Handler, e.g. index.handler."),
  memory: int(`Memory in MB (${span(LIMITS.memory)}).`, LIMITS.memory.min, LIMITS.memory.max, "LD106"),
  timeout: duration(`Timeout (${spanOf(LIMITS.timeout)}).`, LIMITS.timeout.min, LIMITS.timeout.max, "LD106"),
  architecture: oneOf("Instruction set.", ["x86_64", "arm64"]),
  environment: stringMap("Environment variables."),
  description: str("Description."),
  reservedConcurrency: int("Reserved concurrent executions (0 stops the function).", 0, 1000000, "LD106"),
  layers: list(`Layer version ARNs (at most ${LIMITS.layers}).`, arn("A layer version ARN."), LIMITS.layers, "LD117"),
  tracing: oneOf("X-Ray tracing.", ["Active", "PassThrough"]),
  logRetention: { kind: "integer", doc: "Log retention in days (default 30).", oneOf: LOG_RETENTION, rule: "LD106" } as Field,
  role: str("An existing role (name or ARN) that receives the permissions instead of a created role."),
  arn: str("An existing function: only its wiring is created.", { pattern: /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, format: "a Lambda function ARN" }),
  qualifier: str("Alias or version the async config, mappings and triggers attach to; on a created function, ldgen publishes versions and creates this alias.", {
    pattern: /^[A-Za-z0-9_$-]+$/,
    format: "an alias name or version",
  }),
  policies: list("The function's own permissions, appended to its role's policy document.", statement),
  managedPolicies: list("Managed policy ARNs attached to the function's role.", policyArn("A managed policy ARN.")),
  permissionsBoundary: policyArn("A managed policy ARN set as the created role's permissions boundary."),
  vpc,
  deadLetterQueue: reference,
  tags: stringMap("Tags for this function."),
  protect: bool("Terraform refuses to destroy (or replace) the function, its log group and alias, and its mappings that hold a stream position: lifecycle prevent_destroy."),
  awsName: str("The function's AWS name (default <spec name>-<function name>), also its role's and log group's: set it to the old name to keep them through a rename.", {
    pattern: /^[A-Za-z0-9_-]+$/,
    format: "letters, digits, '-' and '_'",
  }),
  renamedFrom,
  triggers: list("Asynchronous invokers.", trigger),
  async,
  events: list("Event source mappings.", event),
} satisfies Record<string, Field>;

const { arn: _a, qualifier: _q, role: _r, awsName: _n, renamedFrom: _f, ...defaultable } = functionFields;
void [_a, _q, _r, _n, _f];

/** `defaults`: every function key that makes sense for all functions (the spec's, and the platform file's beneath it). */
export const defaultsField = object("Merged into every created function, key by key.", defaultable);

/** A Terraform backend: `backend "<type>" { <config> }` in the root form. */
export const backendField = object(
  "The Terraform backend of the root form (and of the CDKTF app).",
  {
    type: str("Backend type: s3, gcs, azurerm, remote, local, ...", { pattern: /^[a-z][a-z0-9_]*$/, format: "a backend type such as s3" }),
    config: { kind: "map", doc: "The backend's settings, as written inside its block.", of: { kind: "any" } },
  },
  ["type"],
);

/** Version constraints and backend for the emitted `versions.tf`. */
export const terraformField = object("Version constraints for versions.tf, and the backend.", {
  requiredVersion: str("Terraform version constraint."),
  awsProvider: str("hashicorp/aws version constraint."),
  backend: backendField,
});

export const specSchema = object(
  "An ldgen spec: Lambda functions, what invokes them, and where their results go.",
  {
    version: int("Spec version: 1.", 1, 1, "LD006"),
    name: str("Prefix of every AWS name ldgen creates.", { pattern: /^[a-z][a-z0-9-]{0,31}$/, format: "lowercase letters, digits and '-', starting with a letter, at most 32 characters" }),
    region: str("AWS region for the provider.", { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d$/, format: "an AWS region such as us-east-2" }),
    account: str("The 12-digit id of the account the functions live in: S3 invoke permissions carry it as source_account.", { pattern: /^\d{12}$/, format: "a 12-digit AWS account id" }),
    partition: oneOf("The partition of every ARN ldgen composes (default aws); referenced ARNs must be in it.", ["aws", "aws-cn", "aws-us-gov"]),
    tags: stringMap("Tags on every taggable resource ldgen creates."),
    defaults: defaultsField,
    destinations: { kind: "map", doc: "Named targets results are sent to.", of: declaredDestination },
    sources: { kind: "map", doc: "Named event sources.", of: source },
    functions: { kind: "map", doc: "Lambda functions, created or existing.", of: object("A Lambda function.", functionFields) },
    monitoring: object("CloudWatch alarms on every failure path, notifying an SNS topic.", {
      notify: { ...reference, doc: "The SNS topic every alarm notifies: a declared name, an ARN, or an inline { type: sns }." } as Field,
      iteratorAge: duration("Kinesis and DynamoDB mappings: alarm when the newest record read is older than this (default 1m).", 1, 7 * 86400, "LD106"),
      offsetLag: int("Kafka and Amazon MSK mappings: alarm when the consumer group is this many records behind (default 1000).", 1, 1_000_000_000, "LD106"),
      messageAge: duration("Also alarm when the oldest message in a failure queue is older than this.", 1, 14 * 86400, "LD106"),
    }, ["notify"]),
    terraform: terraformField,
  },
  ["version", "name", "functions"],
);
