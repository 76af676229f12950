/**
 * Change pairs for `ldgen diff` (issue 19): a spec before and after one change, with what ldgen should report.
 * test/diff.test.ts asserts the reports; test/diff-terraform.test.ts has Terraform judge them (every delete it
 * plans reported as a destroy or replace at the same address, and no replace or destroy reported that it does not
 * plan). `want` lists every reported change by address (`action`, or `action:flag,flag` with the flags' `what`).
 */

type Spec = Record<string, unknown>;

const code = { code: "s3://artifacts/app.zip" };

/** The spec every pair changes: a queue fed by async results and consumed, a topic, a stream, an S3 trigger. */
export function base(): Spec {
  return {
    version: 1,
    name: "shop",
    region: "us-east-1",
    defaults: { runtime: "nodejs22.x", handler: "index.handler", memory: 256, timeout: 30 },
    destinations: {
      results: { type: "sqs" },
      alerts: { type: "sns", subscriptions: [{ protocol: "email", endpoint: "ops@example.com" }] },
    },
    sources: {
      clicks: { type: "kinesis", shards: 1 },
      jobs: { type: "sqs" },
    },
    functions: {
      worker: {
        ...code,
        timeout: 60,
        permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
        triggers: [{ s3: { bucket: "shop-uploads", events: ["s3:ObjectCreated:*"] } }],
        async: { retries: 1, maxEventAge: "1h", onSuccess: "results", onFailure: "alerts" },
      },
      consumer: {
        ...code,
        events: [
          { source: "results", batchSize: 10 },
          { source: "clicks", startingPosition: "LATEST", batchSize: 100 },
          { source: "jobs", batchSize: 5 },
        ],
      },
    },
  };
}

export interface Pair {
  name: string;
  change: (spec: Spec) => void;
  want: Record<string, string>;
  /** The spec key each listed change is pointed at (by address). */
  causes?: Record<string, string>;
}

const fns = (s: Spec) => s.functions as Record<string, Record<string, unknown>>;
const dests = (s: Spec) => s.destinations as Record<string, Record<string, unknown>>;
const srcs = (s: Spec) => s.sources as Record<string, Record<string, unknown>>;
const events = (s: Spec) => fns(s).consumer.events as Record<string, unknown>[];
function rename(map: Record<string, unknown>, from: string, to: string): void {
  const entries = Object.entries(map);
  for (const k of Object.keys(map)) delete map[k];
  for (const [k, v] of entries) map[k === from ? to : k] = v;
}

/** Every address of the base that carries the spec's name in its AWS name (a `name` change replaces them). */
const NAMED = {
  "aws_cloudwatch_log_group.consumer": "replace:logs",
  "aws_cloudwatch_log_group.worker": "replace:logs",
  "aws_iam_role.consumer": "replace",
  "aws_iam_role.worker": "replace",
  "aws_iam_role_policy.consumer": "replace",
  "aws_iam_role_policy.worker": "replace",
  "aws_kinesis_stream.clicks": "replace:records",
  "aws_lambda_event_source_mapping.consumer_clicks": "replace:position",
  "aws_lambda_event_source_mapping.consumer_jobs": "replace",
  "aws_lambda_event_source_mapping.consumer_results": "replace",
  "aws_lambda_function.consumer": "replace:versions",
  "aws_lambda_function.worker": "replace:versions",
  "aws_lambda_function_event_invoke_config.worker": "replace",
  "aws_lambda_permission.worker_s3": "replace",
  // (the notification names the function's ARN, which the replacement makes unknown)
  "aws_s3_bucket_notification.shop_uploads": "update",
  "aws_sns_topic.alerts": "replace:subscriptions",
  "aws_sns_topic_subscription.alerts_0": "replace",
  "aws_sqs_queue.jobs": "replace:messages",
  "aws_sqs_queue.results": "replace:messages",
};

export const PAIRS: Pair[] = [
  {
    name: "rename a destination queue: the queue and its mapping are destroyed",
    change: (s) => {
      rename(dests(s), "results", "outcomes");
      (fns(s).worker.async as Record<string, unknown>).onSuccess = "outcomes";
      events(s)[0].source = "outcomes";
    },
    want: {
      "aws_sqs_queue.results": "destroy:messages",
      "aws_sqs_queue.outcomes": "create",
      "aws_lambda_event_source_mapping.consumer_results": "destroy",
      "aws_lambda_event_source_mapping.consumer_outcomes": "create",
      "aws_iam_role_policy.worker": "update",
      "aws_iam_role_policy.consumer": "update",
      "aws_lambda_function_event_invoke_config.worker": "update",
    },
    causes: { "aws_sqs_queue.outcomes": "destinations.outcomes", "aws_lambda_function_event_invoke_config.worker": "functions.worker.async.onSuccess" },
  },
  {
    name: "Kinesis startingPosition LATEST -> TRIM_HORIZON replaces the mapping",
    change: (s) => void (events(s)[1].startingPosition = "TRIM_HORIZON"),
    want: { "aws_lambda_event_source_mapping.consumer_clicks": "replace:position" },
    causes: { "aws_lambda_event_source_mapping.consumer_clicks": "functions.consumer.events[1].startingPosition" },
  },
  {
    name: "Kinesis mapping moved to AT_TIMESTAMP",
    change: (s) => Object.assign(events(s)[1], { startingPosition: "AT_TIMESTAMP", startingTimestamp: "2024-01-01T00:00:00Z" }),
    want: { "aws_lambda_event_source_mapping.consumer_clicks": "replace:position" },
  },
  {
    name: "the spec's name replaces every named resource",
    change: (s) => void (s.name = "store"),
    want: NAMED,
    causes: { "aws_sqs_queue.results": "name" },
  },
  {
    name: "a function renamed: destroyed with its log group",
    change: (s) => {
      rename(fns(s), "consumer", "reader");
    },
    want: {
      "aws_lambda_function.consumer": "destroy:versions",
      "aws_cloudwatch_log_group.consumer": "destroy:logs",
      "aws_iam_role.consumer": "destroy",
      "aws_iam_role_policy.consumer": "destroy",
      "aws_lambda_event_source_mapping.consumer_clicks": "destroy:position",
      "aws_lambda_event_source_mapping.consumer_jobs": "destroy",
      "aws_lambda_event_source_mapping.consumer_results": "destroy",
      "aws_lambda_function.reader": "create",
      "aws_cloudwatch_log_group.reader": "create",
      "aws_iam_role.reader": "create",
      "aws_iam_role_policy.reader": "create",
      "aws_lambda_event_source_mapping.reader_clicks": "create",
      "aws_lambda_event_source_mapping.reader_jobs": "create",
      "aws_lambda_event_source_mapping.reader_results": "create",
      // The source queue's visibility timeout follows its consumer's timeout: same consumer timeout, no change.
    },
  },
  {
    name: "fifo on a source queue replaces it and its mapping",
    change: (s) => {
      srcs(s).jobs.fifo = true;
    },
    want: { "aws_sqs_queue.jobs": "replace:messages", "aws_lambda_event_source_mapping.consumer_jobs": "replace", "aws_iam_role_policy.consumer": "update" },
    causes: { "aws_sqs_queue.jobs": "sources.jobs.fifo" },
  },
  {
    name: "a topic renamed",
    change: (s) => {
      rename(dests(s), "alerts", "alarms");
      (fns(s).worker.async as Record<string, unknown>).onFailure = "alarms";
    },
    want: {
      "aws_sns_topic.alerts": "destroy:subscriptions",
      "aws_sns_topic_subscription.alerts_0": "destroy",
      "aws_sns_topic.alarms": "create",
      "aws_sns_topic_subscription.alarms_0": "create",
      "aws_iam_role_policy.worker": "update",
      "aws_lambda_function_event_invoke_config.worker": "update",
    },
  },
  {
    name: "an S3 trigger's bucket changes",
    change: (s) => void (((fns(s).worker.triggers as Record<string, Record<string, unknown>>[])[0].s3.bucket = "shop-inbox")),
    want: { "aws_s3_bucket_notification.shop_uploads": "destroy", "aws_s3_bucket_notification.shop_inbox": "create", "aws_lambda_permission.worker_s3": "replace" },
  },
  { name: "timeout: an update in place", change: (s) => void (fns(s).worker.timeout = 90), want: { "aws_lambda_function.worker": "update" }, causes: { "aws_lambda_function.worker": "functions.worker.timeout" } },
  { name: "memory from defaults: updates every function", change: (s) => void ((s.defaults as Spec).memory = 512), want: { "aws_lambda_function.worker": "update", "aws_lambda_function.consumer": "update" }, causes: { "aws_lambda_function.worker": "defaults.memory" } },
  { name: "batchSize: an update in place", change: (s) => void (events(s)[1].batchSize = 200), want: { "aws_lambda_event_source_mapping.consumer_clicks": "update" } },
  // A policy document that refers to a resource with a change planned is read at apply (Terraform's
  // read_because_dependency_pending): the role policy's `policy` is unknown in the plan, an update in place there,
  // though the document it reads then is the one it had.
  { name: "shards: the stream is updated in place", change: (s) => void (srcs(s).clicks.shards = 2), want: { "aws_kinesis_stream.clicks": "update", "aws_iam_role_policy.consumer": "update" } },
  { name: "logRetention: the log group is updated", change: (s) => void (fns(s).worker.logRetention = 90), want: { "aws_cloudwatch_log_group.worker": "update", "aws_iam_role_policy.worker": "update" } },
  {
    name: "a queue's retention: updated",
    change: (s) => void (dests(s).results.retention = "7d"),
    want: { "aws_sqs_queue.results": "update", "aws_iam_role_policy.worker": "update", "aws_iam_role_policy.consumer": "update" },
  },
  { name: "maxEventAge: the invoke config is updated", change: (s) => void ((fns(s).worker.async as Spec).maxEventAge = "2h"), want: { "aws_lambda_function_event_invoke_config.worker": "update" } },
  {
    name: "a subscription's endpoint replaces the subscription, not the topic",
    change: (s) => void (((dests(s).alerts.subscriptions as Spec[])[0].endpoint = "oncall@example.com")),
    want: { "aws_sns_topic_subscription.alerts_0": "replace" },
  },
  {
    name: "a managed policy added widens access",
    change: (s) => void (fns(s).consumer.managedPolicies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]),
    want: { "aws_iam_role_policy_attachment.consumer_AmazonS3ReadOnlyAccess": "create:managed-policy" },
  },
  { name: "a permissions boundary removed widens access", change: (s) => void delete fns(s).worker.permissionsBoundary, want: { "aws_iam_role.worker": "update:boundary" } },
  {
    name: "a statement added to a function's policies widens access",
    change: (s) => void (fns(s).worker.policies = [{ sid: "ReadOrders", actions: ["dynamodb:GetItem"], resources: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"] }]),
    want: { "aws_iam_role_policy.worker": "update:policy" },
  },
  {
    name: "a function added: creates only",
    change: (s) => void (fns(s).extra = { ...code }),
    want: { "aws_lambda_function.extra": "create", "aws_cloudwatch_log_group.extra": "create", "aws_iam_role.extra": "create", "aws_iam_role_policy.extra": "create" },
  },
  { name: "an S3 trigger removed", change: (s) => void delete fns(s).worker.triggers, want: { "aws_s3_bucket_notification.shop_uploads": "destroy", "aws_lambda_permission.worker_s3": "destroy" } },
  {
    name: "a created stream renamed: its records are lost",
    change: (s) => {
      rename(srcs(s), "clicks", "views");
      events(s)[1].source = "views";
    },
    want: {
      "aws_kinesis_stream.clicks": "destroy:records",
      "aws_kinesis_stream.views": "create",
      "aws_lambda_event_source_mapping.consumer_clicks": "destroy:position",
      "aws_lambda_event_source_mapping.consumer_views": "create",
      "aws_iam_role_policy.consumer": "update",
    },
  },
  { name: "an environment variable: updated", change: (s) => void (fns(s).worker.environment = { STAGE: "prod" }), want: { "aws_lambda_function.worker": "update" } },
  { name: "reportBatchItemFailures: updated", change: (s) => void (events(s)[2].reportBatchItemFailures = true), want: { "aws_lambda_event_source_mapping.consumer_jobs": "update" } },
  { name: "architecture: updated", change: (s) => void (fns(s).consumer.architecture = "arm64"), want: { "aws_lambda_function.consumer": "update" } },
  {
    name: "a qualifier: an alias created, the mapping and invoke config follow it",
    change: (s) => void (fns(s).worker.qualifier = "live"),
    want: { "aws_lambda_alias.worker": "create", "aws_lambda_function.worker": "update", "aws_lambda_function_event_invoke_config.worker": "replace", "aws_lambda_permission.worker_s3": "replace", "aws_s3_bucket_notification.shop_uploads": "update" },
  },
  {
    name: "an existing stream source's position changes",
    change: (s) => {
      srcs(s).orders = { type: "dynamodb", arn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000" };
      events(s)[1] = { source: "orders", startingPosition: "LATEST" };
      delete srcs(s).clicks;
    },
    want: {
      "aws_kinesis_stream.clicks": "destroy:records",
      "aws_lambda_event_source_mapping.consumer_clicks": "destroy:position",
      "aws_lambda_event_source_mapping.consumer_orders": "create",
      // reading an existing table's stream is access the role did not have
      "aws_iam_role_policy.consumer": "update:policy",
    },
  },
  {
    name: "a source queue renamed: its messages are lost",
    change: (s) => {
      rename(srcs(s), "jobs", "tasks");
      events(s)[2].source = "tasks";
    },
    want: {
      "aws_sqs_queue.jobs": "destroy:messages",
      "aws_sqs_queue.tasks": "create",
      "aws_lambda_event_source_mapping.consumer_jobs": "destroy",
      "aws_lambda_event_source_mapping.consumer_tasks": "create",
      "aws_iam_role_policy.consumer": "update",
    },
  },
  {
    name: "a source queue renamed with renamedFrom and its AWS name kept: moved",
    change: (s) => {
      rename(srcs(s), "jobs", "tasks");
      Object.assign(srcs(s).tasks, { renamedFrom: "jobs", awsName: "shop-jobs" });
      events(s)[2].source = "tasks";
    },
    // (the policy's statement for the queue is named after the source: its Sid changes)
    want: { "aws_sqs_queue.tasks": "move", "aws_lambda_event_source_mapping.consumer_tasks": "move", "aws_iam_role_policy.consumer": "update" },
  },
  {
    name: "renamedFrom without the AWS name: moved, and replaced for its new name",
    change: (s) => {
      rename(srcs(s), "jobs", "tasks");
      srcs(s).tasks.renamedFrom = "jobs";
      events(s)[2].source = "tasks";
    },
    want: { "aws_sqs_queue.tasks": "replace:messages", "aws_lambda_event_source_mapping.consumer_tasks": "replace", "aws_iam_role_policy.consumer": "update" },
  },
  {
    name: "a function renamed with renamedFrom and its AWS name kept: moved",
    change: (s) => {
      rename(fns(s), "consumer", "reader");
      Object.assign(fns(s).reader, { renamedFrom: "consumer", awsName: "shop-consumer" });
    },
    // (its policy document has a new address and renders the same: read as the one it replaces)
    want: Object.fromEntries(
      ["aws_cloudwatch_log_group.reader", "aws_iam_role.reader", "aws_iam_role_policy.reader", "aws_lambda_function.reader", ...["clicks", "jobs", "results"].map((s) => `aws_lambda_event_source_mapping.reader_${s}`)].map((a) => [a, "move"]),
    ),
  },
  { name: "no change", change: () => undefined, want: {} },
];

/** The base with its queues, topic, stream and functions protected (`protect: true`, `defaults.protect`). */
export function protectedBase(): Spec {
  const s = base();
  (s.defaults as Spec).protect = true;
  for (const entry of [...Object.values(dests(s)), ...Object.values(srcs(s))]) entry.protect = true;
  return s;
}

export interface ProtectedPair extends Pair {
  /** Whether Terraform's plan fails on it (a protected resource replaced), and so ldgen flags `plan-fails`. */
  fails: boolean;
}

/**
 * Changes of `protectedBase()`. `want` as in PAIRS, the flags' `what` after the losses'. Terraform reads
 * prevent_destroy from the configuration: a replacement fails the plan; a resource whose block is gone (a rename)
 * is destroyed all the same, its protection gone with the block.
 */
export const PROTECTED_PAIRS: ProtectedPair[] = [
  {
    name: "fifo on a protected source queue: the plan fails",
    fails: true,
    change: (s) => void (srcs(s).jobs.fifo = true),
    want: { "aws_sqs_queue.jobs": "replace:messages,plan-fails", "aws_lambda_event_source_mapping.consumer_jobs": "replace", "aws_iam_role_policy.consumer": "update" },
  },
  {
    name: "a protected function's stream mapping from another position: the plan fails",
    fails: true,
    change: (s) => void (events(s)[1].startingPosition = "TRIM_HORIZON"),
    want: { "aws_lambda_event_source_mapping.consumer_clicks": "replace:position,plan-fails" },
  },
  {
    name: "the spec's name under protection: the plan fails at every protected resource",
    fails: true,
    change: (s) => void (s.name = "store"),
    want: {
      ...NAMED,
      "aws_cloudwatch_log_group.consumer": "replace:logs,plan-fails",
      "aws_cloudwatch_log_group.worker": "replace:logs,plan-fails",
      "aws_kinesis_stream.clicks": "replace:records,plan-fails",
      "aws_lambda_event_source_mapping.consumer_clicks": "replace:position,plan-fails",
      "aws_lambda_function.consumer": "replace:versions,plan-fails",
      "aws_lambda_function.worker": "replace:versions,plan-fails",
      "aws_sns_topic.alerts": "replace:subscriptions,plan-fails",
      "aws_sqs_queue.jobs": "replace:messages,plan-fails",
      "aws_sqs_queue.results": "replace:messages,plan-fails",
    },
  },
  {
    name: "a protected queue renamed: destroyed all the same",
    fails: false,
    change: (s) => {
      rename(dests(s), "results", "outcomes");
      (fns(s).worker.async as Record<string, unknown>).onSuccess = "outcomes";
      events(s)[0].source = "outcomes";
    },
    want: {
      "aws_sqs_queue.results": "destroy:messages,protection-leaves",
      "aws_sqs_queue.outcomes": "create",
      "aws_lambda_event_source_mapping.consumer_results": "destroy",
      "aws_lambda_event_source_mapping.consumer_outcomes": "create",
      "aws_iam_role_policy.worker": "update",
      "aws_iam_role_policy.consumer": "update",
      "aws_lambda_function_event_invoke_config.worker": "update",
    },
  },
  {
    name: "a protected function renamed: destroyed all the same, with its log group and stream mapping",
    fails: false,
    change: (s) => rename(fns(s), "consumer", "reader"),
    want: {
      "aws_lambda_function.consumer": "destroy:versions,protection-leaves",
      "aws_cloudwatch_log_group.consumer": "destroy:logs,protection-leaves",
      "aws_iam_role.consumer": "destroy",
      "aws_iam_role_policy.consumer": "destroy",
      "aws_lambda_event_source_mapping.consumer_clicks": "destroy:position,protection-leaves",
      "aws_lambda_event_source_mapping.consumer_jobs": "destroy",
      "aws_lambda_event_source_mapping.consumer_results": "destroy",
      "aws_lambda_function.reader": "create",
      "aws_cloudwatch_log_group.reader": "create",
      "aws_iam_role.reader": "create",
      "aws_iam_role_policy.reader": "create",
      "aws_lambda_event_source_mapping.reader_clicks": "create",
      "aws_lambda_event_source_mapping.reader_jobs": "create",
      "aws_lambda_event_source_mapping.reader_results": "create",
    },
  },
  {
    name: "a protected queue renamed with renamedFrom and its AWS name kept: moved, no failure",
    fails: false,
    change: (s) => {
      rename(dests(s), "results", "outcomes");
      Object.assign(dests(s).outcomes, { renamedFrom: "results", awsName: "shop-results" });
      (fns(s).worker.async as Record<string, unknown>).onSuccess = "outcomes";
      events(s)[0].source = "outcomes";
    },
    want: { "aws_sqs_queue.outcomes": "move", "aws_lambda_event_source_mapping.consumer_outcomes": "move", "aws_iam_role_policy.worker": "update", "aws_iam_role_policy.consumer": "update" },
  },
  {
    name: "protection removed: no change in AWS",
    fails: false,
    change: (s) => {
      delete (s.defaults as Spec).protect;
      for (const entry of [...Object.values(dests(s)), ...Object.values(srcs(s))]) delete entry.protect;
    },
    want: {},
  },
  {
    name: "a protected queue's retention: an update, not refused",
    fails: false,
    change: (s) => void (dests(s).results.retention = "7d"),
    want: { "aws_sqs_queue.results": "update", "aws_iam_role_policy.worker": "update", "aws_iam_role_policy.consumer": "update" },
  },
];
