import type { Path } from "../diagnostics";
import { LIMITS } from "../limits";

/** Everything a reference can point at: the union of destination and source kinds. */
export type EndpointType = "sqs" | "sns" | "eventbridge" | "s3" | "lambda" | "kinesis" | "dynamodb" | "msk" | "kafka" | "mq" | "docdb";

/** A queue, topic, bus, bucket, stream, cluster or function that something sends to or reads from. */
export interface Endpoint {
  /** The spec name, the derived name of an inline object, or the ARN itself. */
  name: string;
  /** Terraform label (for created endpoints) and the stem of labels derived from it. */
  label: string;
  type: EndpointType;
  /** Where it is declared (or referenced, for ARNs). */
  path: Path;
  /** Existing resource; undefined when ldgen creates it (or, for kafka, when it has no ARN). */
  arn?: string;
  created: boolean;
  /** The AWS name ldgen gives a created resource (`<spec>-<name>`, `.fifo` included); an existing one's, the name in its ARN. */
  awsName: string;
  fifo: boolean;
  kmsKey?: string;
  retention?: number;
  /** Declared visibility timeout (SQS); the effective one is computed by the plan. */
  visibilityTimeout?: number;
  subscriptions: Subscription[];
  shards?: number;
  topic?: string;
  bootstrapServers?: string[];
  secret?: string;
  queue?: string;
  database?: string;
  collection?: string;
  tags: Record<string, string>;
  /** For type lambda: the function, when it is declared in the spec. */
  fn?: LambdaFunction;
  /** SQS: where messages go after `maxReceiveCount` receives (the queue's redrive policy). */
  deadLetter?: DeadLetter;
  /** Whether Terraform must refuse to destroy what ldgen creates for it (`protect`, inherited or required; see model/protect.ts). */
  protect?: boolean;
  /** The `protect` key that decided it, when one did (its own, its owner's, or `defaults.protect`). */
  protectAt?: Path;
}

/** An SNS topic's `subscriptions` entry, written as an `aws_sns_topic_subscription`. */
export interface Subscription {
  protocol: string;
  endpoint: string;
  /** The entry. */
  path: Path;
  /** The SQS queue SNS sends what it cannot deliver to (the subscription's redrive policy). */
  deadLetter?: Edge;
}

/** An SQS redrive policy: the dead-letter queue and how often a message is received before it moves there. */
export interface DeadLetter {
  edge: Edge;
  maxReceiveCount: number;
  /** The `deadLetter` key. */
  path: Path;
}

/** Top-level `monitoring`: one CloudWatch alarm per failure path, notifying an SNS topic. */
export interface Monitoring {
  path: Path;
  notify?: Edge;
  /** Seconds; the alarm compares in milliseconds. */
  iteratorAge: number;
  offsetLag: number;
  /** Seconds; adds an ApproximateAgeOfOldestMessage alarm on each failure queue. */
  messageAge?: number;
}

export type Code =
  | { kind: "zip"; path: string }
  | { kind: "s3"; bucket: string; key: string }
  | { kind: "image"; uri: string };

export interface AsyncConfig {
  path: Path;
  retries: number;
  maxEventAge: number;
  onSuccess?: Edge;
  onFailure?: Edge;
  /** Whether the spec names an on-failure destination (even one that did not resolve). */
  failureDeclared: boolean;
}

/** One use of an endpoint, with the spec path that made it (for diagnostics). */
export interface Edge {
  target: Endpoint;
  path: Path;
}

export interface Mapping {
  path: Path;
  label: string;
  source: Edge;
  batchSize?: number;
  batchWindow?: number;
  startingPosition?: "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";
  startingTimestamp?: string;
  retries?: number;
  maxRecordAge?: number;
  splitBatchOnError?: boolean;
  parallelization?: number;
  tumblingWindow?: number;
  reportBatchItemFailures?: boolean;
  filters: unknown[];
  maxConcurrency?: number;
  enabled?: boolean;
  onFailure?: Edge;
  onSuccess?: Edge;
  topic?: string;
  consumerGroupId?: string;
}

/** What every trigger has, whatever its kind. */
export interface TriggerBase {
  /** Terraform label of its resources: `<function>_<name or kind stem>`. */
  label: string;
  /** The trigger's entry, `functions.<fn>.triggers[i]`. */
  path: Path;
  /** Where the invoker puts what it could not deliver (an SNS subscription's or an EventBridge target's dead-letter queue). */
  deadLetter?: Edge;
}

/** What schedules and event patterns share: an EventBridge rule whose target is the function. */
export interface RuleTrigger extends TriggerBase {
  /** The EventBridge rule's name, `<spec>-<function>-<trigger>`. */
  awsName: string;
  input?: unknown;
  /** The target's retry policy: EventBridge's defaults (185 retries, 24h) unless set. */
  retries?: number;
  maxEventAge?: number;
  /** The event bus the rule listens on; undefined: the default bus. */
  bus?: Edge;
}

export interface S3Trigger extends TriggerBase {
  kind: "s3";
  bucket: string;
  /** The bucket's entry, when it is a bucket the spec declares. */
  bucketEndpoint?: Endpoint;
  events: string[];
  prefix?: string;
  suffix?: string;
}

export interface SnsTrigger extends TriggerBase {
  kind: "sns";
  topic: Edge;
}

export interface ScheduleTrigger extends RuleTrigger {
  kind: "schedule";
  expression: string;
}

export interface EventPatternTrigger extends RuleTrigger {
  kind: "eventPattern";
  pattern: unknown;
}

/** What invokes a function asynchronously; each kind's resolving and planning lives in its module under `kinds/triggers/`. */
export type Trigger = S3Trigger | SnsTrigger | ScheduleTrigger | EventPatternTrigger;

/** A resource of a `policies` statement: a literal ARN (or `*`), or a spec entry's ARN (with `/*` for `<name>/*`). */
export type PolicyResource = { kind: "arn"; arn: string } | { kind: "entry"; endpoint: Endpoint; suffix?: string };

/** One of the function's own statements (`policies`), appended after the edge statements. */
export interface PolicyStatement {
  path: Path;
  /** The statement id: the spec's `sid`, else `Policy<n>` (1-based position in the list). */
  sid: string;
  actions: string[];
  resources: PolicyResource[];
}

export interface LambdaFunction {
  name: string;
  label: string;
  path: Path;
  /** `<spec>-<name>` for created functions; the ARN's function name for existing ones. */
  awsName: string;
  /** Existing function: only its wiring is created. */
  arn?: string;
  /** Existing role name or ARN that receives the permissions. */
  role?: string;
  code?: Code;
  runtime?: string;
  handler?: string;
  memory?: number;
  timeout: number;
  architecture?: "x86_64" | "arm64";
  environment: Record<string, string>;
  description?: string;
  reservedConcurrency?: number;
  layers: string[];
  tracing?: "Active" | "PassThrough";
  logRetention?: number;
  qualifier?: string;
  /** The function's own permissions, after the edge statements in its policy document. */
  policies: PolicyStatement[];
  /** Managed policy ARNs attached to its role. */
  managedPolicies: string[];
  /** Permissions boundary of the created role. */
  permissionsBoundary?: string;
  vpc?: { subnets: string[]; securityGroups: string[] };
  /**
   * Whether something in the spec invokes it asynchronously (a trigger, or being a Lambda destination):
   * only then do `defaults.async` apply and do its destinations fire. Existing functions count as invoked.
   */
  asyncInvoked: boolean;
  deadLetterQueue?: Edge;
  tags: Record<string, string>;
  triggers: Trigger[];
  async?: AsyncConfig;
  events: Mapping[];
  /** Where each key came from: its own entry or `defaults`. */
  origin: Record<string, Path>;
  /** The endpoint that stands for this function when it is named as a destination. */
  endpoint: Endpoint;
  /** Whether Terraform must refuse to destroy what holds its data (`protect`, from defaults or required; see model/protect.ts). */
  protect?: boolean;
  /** The `protect` key that decided it, when one did (its own, its owner's, or `defaults.protect`). */
  protectAt?: Path;
}

/** The one resolved model: defaults applied, references resolved. Later stages never see YAML. */
export interface Model {
  file: string;
  name: string;
  region?: string;
  /** The account the functions live in, when the spec says (`account`). */
  account?: string;
  /** `aws`, `aws-cn` or `aws-us-gov`: the partition of every ARN ldgen composes. */
  partition: Partition;
  tags: Record<string, string>;
  terraform: { requiredVersion: string; awsProvider: string; backend?: { type: string; config: Record<string, unknown> } };
  functions: LambdaFunction[];
  /** Every endpoint ldgen knows of, declared, inline or by ARN; each once. */
  endpoints: Endpoint[];
  monitoring?: Monitoring;
  /** The declared entries that say `renamedFrom`, checked (model/renames.ts). */
  renames: Rename[];
}

/** A declared entry's `renamedFrom`: its resources move from the old name's addresses (plan/moves.ts). */
export interface Rename {
  section: string;
  from: string;
  to: string;
  /** The `renamedFrom` key. */
  path: Path;
}

export type Partition = "aws" | "aws-cn" | "aws-us-gov";
export const PARTITIONS: readonly Partition[] = ["aws", "aws-cn", "aws-us-gov"];

export const DEFAULT_TIMEOUT = 3;
/** SQS redrive: receives before a message moves to the dead-letter queue. */
export const DEFAULT_MAX_RECEIVE_COUNT = 5;
/** Alarm thresholds when `monitoring` gives none: one minute behind a stream, 1000 records behind a Kafka topic. */
export const DEFAULT_ITERATOR_AGE = 60;
export const DEFAULT_OFFSET_LAG = 1000;
/** Days a created log group keeps its logs unless `logRetention` says otherwise. */
export const DEFAULT_LOG_RETENTION = 30;
export const DEFAULT_ASYNC_RETRIES = 2;
export const DEFAULT_MAX_EVENT_AGE = LIMITS.maxEventAge.max;
export const DEFAULT_REQUIRED_VERSION = ">= 1.5.0";
export const DEFAULT_AWS_PROVIDER = ">= 5.100.0, < 7.0.0";
