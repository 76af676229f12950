import { toLabel } from "../../model/names";
import { oneOf, type ImportKind } from "./kind";
import { isKmsKeyArn, seconds, tagsOf } from "./values";

/** SQS's defaults for what the spec leaves unset (ldgen writes them only when asked). */
const RETENTION = 345600;
const VISIBILITY = 30;

/** `aws_sqs_queue` named by the wiring -> a `destinations` (or `sources`) entry: fifo, KMS key, retention, visibility, tags. */
export const queues: ImportKind = {
  name: "sqs queues",
  phase: 30,
  defaults: {
    aws_sqs_queue: { delay_seconds: 0, max_message_size: 262144, message_retention_seconds: RETENTION, receive_wait_time_seconds: 0, visibility_timeout_seconds: VISIBILITY, fifo_queue: false, content_based_deduplication: false, kms_data_key_reuse_period_seconds: oneOf(300, 0), sqs_managed_sse_enabled: (v) => !v.kms_master_key_id, deduplication_scope: (v) => (v.fifo_queue ? "queue" : ""), fifo_throughput_limit: (v) => (v.fifo_queue ? "perQueue" : "") },
  },
  endpoints: {
    aws_sqs_queue: {
      key: (r, ctx) => ctx.key(r, String(r.values.name ?? r.name).replace(/\.fifo$/, ""), "name"),
      entry(r, ctx, key) {
        const v = r.values;
        const entry: Record<string, unknown> = { type: "sqs" };
        if (v.fifo_queue === true) entry.fifo = true;
        if (isKmsKeyArn(v.kms_master_key_id)) entry.kmsKey = v.kms_master_key_id;
        if (typeof v.message_retention_seconds === "number" && v.message_retention_seconds !== RETENTION) entry.retention = seconds(v.message_retention_seconds);
        if (typeof v.visibility_timeout_seconds === "number" && v.visibility_timeout_seconds !== VISIBILITY) entry.visibilityTimeout = seconds(v.visibility_timeout_seconds);
        const tags = tagsOf(v);
        if (tags) entry.tags = tags;
        ctx.claim(r, `aws_sqs_queue.${toLabel(key)}`, ["destinations", key]);
        return entry;
      },
    },
  },
  run() {},
};
