import type { StateResource } from "./read";

type Values = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const qualified = (name: unknown, qualifier: unknown) => (s(qualifier) ? `${s(name)}:${s(qualifier)}` : s(name));
const onBus = (bus: unknown, rest: string) => (s(bus) && s(bus) !== "default" ? `${s(bus)}/${rest}` : rest);

/**
 * The ID `terraform import` (and an `import {}` block) takes for each resource type, from each resource's
 * "Import" section in the hashicorp/aws docs. A type not listed imports by its `id`.
 */
export const IMPORT_IDS: Readonly<Record<string, (v: Values) => string>> = {
  aws_lambda_function: (v) => s(v.function_name),
  aws_lambda_alias: (v) => `${s(v.function_name)}/${s(v.name)}`,
  aws_lambda_function_event_invoke_config: (v) => qualified(v.function_name, v.qualifier),
  aws_lambda_event_source_mapping: (v) => s(v.uuid) || s(v.id),
  aws_lambda_permission: (v) => `${qualified(v.function_name, v.qualifier)}/${s(v.statement_id)}`,
  aws_iam_role: (v) => s(v.name),
  aws_iam_role_policy: (v) => `${s(v.role)}:${s(v.name)}`,
  aws_iam_role_policy_attachment: (v) => `${s(v.role)}/${s(v.policy_arn)}`,
  aws_iam_policy: (v) => s(v.arn),
  aws_cloudwatch_log_group: (v) => s(v.name),
  aws_cloudwatch_metric_alarm: (v) => s(v.alarm_name),
  aws_cloudwatch_event_bus: (v) => s(v.name),
  aws_cloudwatch_event_rule: (v) => onBus(v.event_bus_name, s(v.name)),
  aws_cloudwatch_event_target: (v) => onBus(v.event_bus_name, `${s(v.rule)}/${s(v.target_id)}`),
  aws_scheduler_schedule: (v) => `${s(v.group_name) || "default"}/${s(v.name)}`,
  aws_sqs_queue: (v) => s(v.url) || s(v.id),
  aws_sqs_queue_policy: (v) => s(v.queue_url),
  aws_sqs_queue_redrive_policy: (v) => s(v.queue_url),
  aws_sqs_queue_redrive_allow_policy: (v) => s(v.queue_url),
  aws_sns_topic: (v) => s(v.arn),
  aws_sns_topic_policy: (v) => s(v.arn),
  aws_sns_topic_subscription: (v) => s(v.arn),
  aws_s3_bucket: (v) => s(v.bucket),
  aws_s3_bucket_notification: (v) => s(v.bucket),
  aws_s3_bucket_policy: (v) => s(v.bucket),
  aws_s3_bucket_server_side_encryption_configuration: (v) => s(v.bucket),
  aws_s3_bucket_public_access_block: (v) => s(v.bucket),
  aws_s3_bucket_versioning: (v) => s(v.bucket),
  aws_s3_bucket_lifecycle_configuration: (v) => s(v.bucket),
  aws_kinesis_stream: (v) => s(v.name),
  aws_dynamodb_table: (v) => s(v.name),
};

export function importId(r: StateResource): string {
  const make = IMPORT_IDS[r.type];
  return make ? make(r.values) : s(r.values.id);
}
