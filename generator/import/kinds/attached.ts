import { planned } from "../compare";
import type { StateResource } from "../read";
import type { ImportKind } from "./kind";

/**
 * What ldgen writes beside a resource, found by what it is attached to: the attribute that names its resource
 * (a queue policy's `queue_url`). After the spec is planned, each such plan resource that no kind claimed takes
 * the input's resource of the same type on the same queue, topic or bucket.
 */
const ATTACHED: Readonly<Record<string, readonly string[]>> = {
  aws_sqs_queue_policy: ["queue_url"],
  aws_sqs_queue_redrive_policy: ["queue_url"],
  aws_sqs_queue_redrive_allow_policy: ["queue_url"],
  aws_sns_topic_policy: ["arn"],
  aws_s3_bucket_notification: ["bucket"],
  aws_cloudwatch_metric_alarm: ["alarm_name"],
  aws_lambda_permission: ["function_name", "statement_id"],
  aws_cloudwatch_event_rule: ["name", "event_bus_name"],
  aws_cloudwatch_event_target: ["rule", "target_id"],
};

export const attached: ImportKind = {
  name: "attached resources",
  phase: 90,
  defaults: {
    aws_cloudwatch_metric_alarm: { actions_enabled: true, datapoints_to_alarm: 0, evaluate_low_sample_count_percentiles: "", insufficient_data_actions: [], ok_actions: [], threshold_metric_id: "", unit: "", extended_statistic: "" },
  },
  run() {},
  afterPlan(ctx, plan) {
    const values = planned(plan, ctx);
    const index = new Map<string, Map<string, StateResource>>();
    for (const [at, r] of values.resources) {
      const keys = r.mode === "resource" ? ATTACHED[r.type] : undefined;
      if (!keys || ctx.claimAt(at)) continue;
      let byKey = index.get(r.type);
      if (!byKey) {
        byKey = new Map();
        for (const s of ctx.resources(r.type)) if (!ctx.claimed(s)) byKey.set(keys.map((k) => String(s.values[k] ?? "")).join("\0"), s);
        index.set(r.type, byKey);
      }
      const want = keys.map((k) => values.attribute(at, k));
      if (want.some((w) => w === undefined)) continue;
      const id = want.map((w) => String(w)).join("\0");
      const source = byKey.get(id);
      if (!source) continue;
      byKey.delete(id);
      ctx.claim(source, at, r.origin as (string | number)[]);
    }
    // A policy on a queue, topic or bucket ldgen takes over, that ldgen does not write: it stays in its root, which
    // must then name what it is attached to by value (the resource leaves that root's configuration).
    for (const [type, { attribute, owner, by }] of Object.entries(OWNED_POLICIES)) {
      for (const s of ctx.resources(type)) {
        const value = s.values[attribute];
        const target = ctx.claimed(s) || typeof value !== "string" || value === "" ? undefined : by.map((b) => ctx.find(owner, b, value)).find((r) => r !== undefined);
        if (target && ctx.claimed(target)) ctx.leaveOut(s, `it is attached to ${target.address}, which ldgen takes over, but ldgen writes no ${type} for it: it stays in this root, where ${attribute} must then be the value ${JSON.stringify(value)} instead of a reference to ${target.address}`);
      }
    }
    return false;
  },
};

/** Policies that name the queue, topic or bucket they are attached to (`attribute`, the owner's `by`). */
const OWNED_POLICIES: Readonly<Record<string, { attribute: string; owner: string; by: string[] }>> = {
  aws_sqs_queue_policy: { attribute: "queue_url", owner: "aws_sqs_queue", by: ["url", "id"] },
  aws_sqs_queue_redrive_policy: { attribute: "queue_url", owner: "aws_sqs_queue", by: ["url", "id"] },
  aws_sqs_queue_redrive_allow_policy: { attribute: "queue_url", owner: "aws_sqs_queue", by: ["url", "id"] },
  aws_sns_topic_policy: { attribute: "arn", owner: "aws_sns_topic", by: ["arn"] },
  aws_s3_bucket_policy: { attribute: "bucket", owner: "aws_s3_bucket", by: ["bucket"] },
};
