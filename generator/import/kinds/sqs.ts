import { toLabel } from "../../model/names";
import { planned } from "../compare";
import { oneOf, type ImportKind } from "./kind";
import { kmsKeyOf, seconds, tagsOf } from "./values";

/** SQS's defaults for what the spec leaves unset (ldgen writes them only when asked). */
const RETENTION = 345600;
const VISIBILITY = 30;

/**
 * `aws_sqs_queue` named by the wiring -> a `destinations` (or `sources`) entry: fifo, KMS key, retention, visibility,
 * tags. After the plan: a queue whose retention ldgen would change (a dead-letter queue keeping SQS's default, where
 * ldgen gives dead letters 14 days) says its retention.
 */
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
        const kmsKey = kmsKeyOf(ctx, v.kms_master_key_id);
        if (kmsKey) entry.kmsKey = kmsKey;
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
  afterPlan(ctx, plan) {
    // ldgen gives a queue that receives dead letters 14 days, not SQS's 4: a queue that keeps SQS's default says so.
    const values = planned(plan, ctx);
    let changed = false;
    for (const { resource: r, key } of ctx.referenced("aws_sqs_queue")) {
      const entry = ctx.draft.destinations[key] ?? ctx.draft.sources[key];
      const have = r.values.message_retention_seconds;
      if (!entry || entry.arn !== undefined || entry.retention !== undefined || typeof have !== "number") continue;
      const want = values.attribute(`aws_sqs_queue.${toLabel(key)}`, "message_retention_seconds");
      if (typeof want === "number" && want !== have) {
        entry.retention = seconds(have);
        changed = true;
      }
    }
    return changed;
  },
};
