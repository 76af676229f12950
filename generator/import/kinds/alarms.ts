import type { ImportKind } from "./kind";
import { first, nonEmpty, seconds } from "./values";

/** The metrics of ldgen's failure-path alarms (docs/spec.md, Failure handling), by namespace. */
const LDGEN_METRICS: Readonly<Record<string, ReadonlySet<string>>> = {
  "AWS/Lambda": new Set(["AsyncEventsDropped", "DestinationDeliveryFailures", "DeadLetterErrors", "IteratorAge", "OffsetLag"]),
  "AWS/SQS": new Set(["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"]),
  "AWS/SNS": new Set(["NumberOfNotificationsFailed"]),
};
const DEFAULT_ITERATOR_AGE_MS = 60_000;
const DEFAULT_OFFSET_LAG = 1000;

/**
 * Alarms on the failure paths -> `monitoring: { notify, iteratorAge, offsetLag, messageAge }`: the topic ldgen's
 * alarms notify, and their thresholds. The alarms themselves are taken over after the spec is planned (by what
 * they watch: kinds/attached.ts), and compared there; an alarm on another metric is left out.
 */
export const alarms: ImportKind = {
  name: "alarms",
  phase: 40,
  run(ctx) {
    const ours = ctx.resources("aws_cloudwatch_metric_alarm").filter((a) => LDGEN_METRICS[String(a.values.namespace)]?.has(String(a.values.metric_name)));
    for (const a of ctx.resources("aws_cloudwatch_metric_alarm")) if (!ours.includes(a)) ctx.leaveOut(a, a.values.metric_name ? `it watches ${String(a.values.namespace ?? "")} ${String(a.values.metric_name)}, not a failure path ldgen's monitoring alarms on` : "it watches no single metric (a metric query), not a failure path ldgen's monitoring alarms on");
    const notify = ours.map((a) => first<string>(a.values.alarm_actions)).find(nonEmpty);
    if (notify === undefined) return;
    const monitoring: Record<string, unknown> = { notify: ctx.reference(notify, "destination", { address: ours[0].address, attribute: "alarm_actions" }) };
    const threshold = (metric: string) => ours.find((a) => a.values.metric_name === metric)?.values.threshold;
    const age = threshold("IteratorAge");
    if (typeof age === "number" && age !== DEFAULT_ITERATOR_AGE_MS) monitoring.iteratorAge = seconds(Math.round(age / 1000));
    const lag = threshold("OffsetLag");
    if (typeof lag === "number" && lag !== DEFAULT_OFFSET_LAG) monitoring.offsetLag = lag;
    const oldest = threshold("ApproximateAgeOfOldestMessage");
    if (typeof oldest === "number") monitoring.messageAge = seconds(oldest);
    ctx.draft.monitoring = monitoring;
  },
};
