import { toLabel } from "../../model/names";
import { PROVIDER, type ImportKind } from "./kind";
import { kmsKeyOf, nonEmpty, tagsOf } from "./values";

/**
 * `aws_sns_topic` named by the wiring -> a `destinations` entry: fifo, KMS key, tags, and its subscriptions that
 * are not a function's (those are `sns` triggers, kinds/triggers.ts), each with its dead-letter queue.
 */
export const topics: ImportKind = {
  name: "sns topics",
  phase: 30,
  defaults: {
    aws_sns_topic: { fifo_topic: false, content_based_deduplication: false, signature_version: 0, tracing_config: "PassThrough", application_success_feedback_sample_rate: 0, firehose_success_feedback_sample_rate: 0, http_success_feedback_sample_rate: 0, lambda_success_feedback_sample_rate: 0, sqs_success_feedback_sample_rate: 0, owner: PROVIDER, policy: PROVIDER },
    aws_sns_topic_subscription: { confirmation_timeout_in_minutes: 1, endpoint_auto_confirms: false, raw_message_delivery: false, confirmation_was_authenticated: PROVIDER, pending_confirmation: PROVIDER, owner_id: PROVIDER },
  },
  endpoints: {
    aws_sns_topic: {
      key: (r, ctx) => ctx.key(r, String(r.values.name ?? r.name).replace(/\.fifo$/, ""), "name"),
      entry(r, ctx, key) {
        const v = r.values;
        const entry: Record<string, unknown> = { type: "sns" };
        if (v.fifo_topic === true) entry.fifo = true;
        const kmsKey = kmsKeyOf(ctx, v.kms_master_key_id);
        if (kmsKey) entry.kmsKey = kmsKey;
        const tags = tagsOf(v);
        if (tags) entry.tags = tags;
        ctx.claim(r, `aws_sns_topic.${toLabel(key)}`, ["destinations", key]);
        const subscriptions: Record<string, unknown>[] = [];
        for (const s of ctx.resources("aws_sns_topic_subscription")) {
          const sv = s.values;
          if (sv.topic_arn !== v.arn || ctx.claimed(s) || !nonEmpty(sv.protocol) || !nonEmpty(sv.endpoint)) continue;
          if (sv.protocol === "lambda") {
            // (a function the import holds has its subscription as an sns trigger, kinds/triggers.ts)
            ctx.leaveOut(s, `it subscribes ${sv.endpoint}, a function the import does not hold, to ${r.address}, which ldgen takes over: ldgen writes a topic's Lambda subscriptions from its functions' sns triggers, so this one stays in its root, where topic_arn must then be the value ${JSON.stringify(v.arn)} instead of a reference to ${r.address}`);
            continue;
          }
          const subscription: Record<string, unknown> = { protocol: sv.protocol, endpoint: sv.endpoint };
          const deadLetter = nonEmpty(sv.redrive_policy) ? (JSON.parse(sv.redrive_policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn : undefined;
          if (deadLetter) subscription.deadLetter = ctx.reference(deadLetter, "destination", { address: s.address, attribute: "redrive_policy" });
          ctx.claim(s, `aws_sns_topic_subscription.${toLabel(key)}_${subscriptions.length}`, ["destinations", key, "subscriptions", subscriptions.length]);
          subscriptions.push(subscription);
        }
        if (subscriptions.length) entry.subscriptions = subscriptions;
        return entry;
      },
    },
  },
  run() {},
};
