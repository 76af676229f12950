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
    return false;
  },
};
