import type { SourceTraits } from "../kinds/kind";
import { kindOf } from "../kinds/registry";
import { failureTargets, senderOf } from "../model/failures";
import { DEFAULT_ASYNC_RETRIES, DEFAULT_MAX_EVENT_AGE, type Endpoint, type LambdaFunction, type Model, type Monitoring } from "../model/types";
import { formatDuration } from "../parse/duration";
import { arnOf } from "./refs";
import { body, list, num, ref, str, type Resource, type Value } from "./view";

type Tags = (own: Record<string, string>) => Value | undefined;

interface Alarm {
  label: string;
  name: string;
  description: string;
  namespace: "AWS/Lambda" | "AWS/SQS" | "AWS/SNS";
  metric: string;
  dimensions: Record<string, Value>;
  statistic: "Sum" | "Maximum";
  threshold: number;
  origin: readonly (string | number)[];
}

/** CloudWatch alarms, one per failure path, each notifying `monitoring.notify`; empty without `monitoring`. */
export function planMonitoring(model: Model, tags: Tags): Resource[] {
  const m = model.monitoring;
  const topic = m?.notify && arnOf(m.notify.target);
  if (!m || !topic) return [];
  const alarms = [...model.functions.flatMap((fn) => functionAlarms(fn, model, m)), ...targetAlarms(model, m)];
  return alarms.map((a) => ({
    mode: "resource",
    type: "aws_cloudwatch_metric_alarm",
    label: a.label,
    origin: a.origin,
    dependsOn: [],
    body: body({
      alarm_name: str(a.name),
      alarm_description: str(a.description),
      namespace: str(a.namespace),
      metric_name: str(a.metric),
      dimensions: { t: "map", entries: Object.entries(a.dimensions) },
      statistic: str(a.statistic),
      period: num(60),
      evaluation_periods: num(1),
      comparison_operator: str("GreaterThanThreshold"),
      threshold: num(a.threshold),
      treat_missing_data: str("notBreaching"),
      alarm_actions: list([topic]),
      tags: tags({}),
    }),
  }));
}

/**
 * The function's name as CloudWatch's `FunctionName` dimension: the aggregate of all its versions and
 * aliases, so a function invoked through its alias (`qualifier`) is covered too
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-view.html).
 */
const functionDimension = (fn: LambdaFunction): Value => (fn.arn ? str(fn.awsName) : ref(`aws_lambda_function.${fn.label}`, "function_name"));

/** A queue's or topic's name as its `QueueName` or `TopicName` dimension. */
function nameDimension(e: Endpoint): Value {
  const creates = kindOf(e.type).creates;
  return e.created && creates ? ref(`${creates.resource}.${e.label}`, "name") : str(e.awsName);
}

/** `a`, `a and b`, `a, b and c`. */
const words = (list: string[]): string => (list.length < 2 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`);

const kindWord = (e: Endpoint) => (e.type === "sqs" ? "queue" : e.type === "sns" ? "topic" : e.type === "s3" ? "bucket" : e.type === "lambda" ? "function" : "bus");

function functionAlarms(fn: LambdaFunction, model: Model, m: Monitoring): Alarm[] {
  const out: Alarm[] = [];
  const lambda = (key: string, metric: string, description: string, statistic: Alarm["statistic"] = "Sum", threshold = 0, origin = fn.path, label = fn.label, name = fn.name): Alarm => ({
    label: `${label}_${key.replace(/-/g, "_")}`,
    name: `${model.name}-${name}-${key}`,
    description,
    namespace: "AWS/Lambda",
    metric,
    dimensions: { FunctionName: functionDimension(fn) },
    statistic,
    threshold,
    origin,
  });
  const a = fn.async;
  // Every function something in the spec invokes asynchronously drops events after Lambda's retries, async config or not.
  if (a || fn.triggers.length > 0 || (fn.asyncInvoked && !fn.arn)) {
    const retries = a?.retries ?? DEFAULT_ASYNC_RETRIES;
    const failure = a?.onFailure?.target;
    const kept = failure
      ? `Lambda sent them to ${failure.name} (${kindWord(failure)}) first: look there.`
      : fn.deadLetterQueue
        ? `Lambda sent them to the dead-letter queue ${fn.deadLetterQueue.target.name} first: look there.`
        : "They are lost: give the function an async onFailure destination to keep them.";
    out.push(lambda("async-events-dropped", "AsyncEventsDropped", `${fn.name} dropped asynchronous events after ${retries} ${retries === 1 ? "retry" : "retries"} or ${formatDuration(a?.maxEventAge ?? DEFAULT_MAX_EVENT_AGE)} of waiting. ${kept}`, "Sum", 0, a?.path ?? fn.path));
  }
  if (a) {
    const targets = [a.onSuccess?.target, a.onFailure?.target].filter((t): t is Endpoint => !!t);
    if (targets.length) {
      const names = [...new Set(targets.map((t) => t.name))].join(" and ");
      out.push(lambda("destination-delivery-failures", "DestinationDeliveryFailures", `Lambda could not deliver ${fn.name}'s invocation records to ${names}: those records are lost. Check the destination's permissions, encryption key and size limits.`, "Sum", 0, a.path));
    }
  }
  if (fn.deadLetterQueue) {
    const dlq = fn.deadLetterQueue.target;
    out.push(lambda("dead-letter-errors", "DeadLetterErrors", `Lambda could not send ${fn.name}'s failed events to its dead-letter ${kindWord(dlq)} ${dlq.name}: those events are lost.`, "Sum", 0, fn.deadLetterQueue.path));
  }
  // One alarm per mapping, as SPEC lists them, addressed by the mapping's label. IteratorAge and OffsetLag
  // carry the FunctionName (and Resource) dimension only: CloudWatch has no per-mapping series, so the
  // alarms of a function with several such mappings watch one series, and their descriptions say so.
  const lag = (metric: "IteratorAge" | "OffsetLag", key: string, pick: (traits: SourceTraits | undefined) => boolean, say: (source: string) => string, threshold: number) => {
    const mappings = fn.events.filter((mp) => pick(kindOf(mp.source.target.type).source));
    const names = [...new Set(mappings.map((mp) => mp.source.target.name))];
    const sources = names.length < mappings.length ? `its ${mappings.length} mappings of ${words(names)}` : words(names);
    for (const mapping of mappings) {
      const failed = mapping.onFailure ? ` Records that fail go to ${mapping.onFailure.target.name}.` : "";
      const shared = mappings.length > 1 ? ` CloudWatch reports ${metric} per function, not per mapping, so this alarm reads the function's figure across ${sources}.` : "";
      const suffix = mapping.label.slice(fn.label.length + 1).replace(/_/g, "-");
      out.push(lambda(key, metric, `${say(mapping.source.target.name)}${failed}${shared}`, "Maximum", threshold, mapping.path, mapping.label, `${fn.name}-${suffix}`));
    }
  };
  lag("IteratorAge", "iterator-age", (t) => !!t?.stream, (s) => `${fn.name} is falling behind ${s}: the last record it read was older than ${formatDuration(m.iteratorAge)} (IteratorAge, in milliseconds).`, m.iteratorAge * 1000);
  lag("OffsetLag", "offset-lag", (t) => !!t?.kafka, (s) => `${fn.name} is more than ${m.offsetLag} records behind on ${s} (OffsetLag).`, m.offsetLag);
  return out;
}

/** Every queue and topic that receives failures, created or existing: records waiting, and failed notifications. */
function targetAlarms(model: Model, m: Monitoring): Alarm[] {
  const out: Alarm[] = [];
  const triggers = snsTriggers(model);
  for (const [target, paths] of failureTargets(model)) {
    const from = [...new Set(paths.map(senderOf))].join(", ");
    const origin = target.path;
    if (target.type === "sqs") {
      const dims = { QueueName: nameDimension(target) };
      out.push({
        label: `${target.label}_messages_visible`,
        name: `${model.name}-${target.name}-messages-visible`,
        description: `Failed records are waiting in the ${target.name} queue (from ${from}): inspect them, then reprocess or redrive them.`,
        namespace: "AWS/SQS",
        metric: "ApproximateNumberOfMessagesVisible",
        dimensions: dims,
        statistic: "Maximum",
        threshold: 0,
        origin,
      });
      if (m.messageAge !== undefined) {
        out.push({
          label: `${target.label}_message_age`,
          name: `${model.name}-${target.name}-message-age`,
          description: `The oldest failed record in the ${target.name} queue (from ${from}) is older than ${formatDuration(m.messageAge)}: reprocess or redrive it before it expires.`,
          namespace: "AWS/SQS",
          metric: "ApproximateAgeOfOldestMessage",
          dimensions: dims,
          statistic: "Maximum",
          threshold: m.messageAge,
          origin,
        });
      }
    } else if (target.type === "sns") {
      out.push({
        label: `${target.label}_notifications_failed`,
        name: `${model.name}-${target.name}-notifications-failed`,
        description: `The ${target.name} topic could not deliver failure notifications (from ${from}) to its subscribers: ${undelivered(target, triggers.get(target) ?? [])}`,
        namespace: "AWS/SNS",
        metric: "NumberOfNotificationsFailed",
        dimensions: { TopicName: nameDimension(target) },
        statistic: "Sum",
        threshold: 0,
        origin,
      });
    }
  }
  return out;
}

interface Subscriber {
  who: string;
  dlq?: Endpoint;
}

/** The functions each topic invokes through sns triggers, in spec order: built once, not once per topic. */
function snsTriggers(model: Model): Map<Endpoint, Subscriber[]> {
  const out = new Map<Endpoint, Subscriber[]>();
  for (const fn of model.functions) {
    for (const t of fn.triggers) {
      if (t.kind !== "sns") continue;
      const list = out.get(t.topic.target);
      const subscriber = { who: fn.name, dlq: t.deadLetter?.target };
      if (list) list.push(subscriber);
      else out.set(t.topic.target, [subscriber]);
    }
  }
  return out;
}

/** Where a topic's undelivered notifications go: each subscription's dead-letter queue, or nowhere. */
function undelivered(topic: Endpoint, triggers: Subscriber[]): string {
  const subscribers = [...topic.subscriptions.map((s): Subscriber => ({ who: `${s.protocol} ${s.endpoint}`, dlq: s.deadLetter?.target })), ...triggers];
  const parked = subscribers.flatMap((s) => (s.dlq ? [`for ${s.who} to ${s.dlq.name}`] : []));
  const lost = "those notifications are lost unless the subscription has a dead-letter queue (deadLetter on the subscription or the sns trigger).";
  if (!parked.length) return lost;
  const rest = parked.length < subscribers.length ? ` For the other subscriptions, ${lost}` : "";
  return `SNS moved the ones it could not deliver ${words(parked)}: look there.${rest}`;
}
