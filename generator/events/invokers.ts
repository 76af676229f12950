import type { Endpoint, LambdaFunction, Trigger } from "../model/types";
import type { Place } from "./arns";
import { ruleEvent } from "./dead-letters";
import { s3Event } from "./inputs";
import { snsEvent, type Sample } from "./records";

/** What invoked a function: in words, and the event. */
export interface Invoker {
  what: string;
  sample: Sample;
}

/**
 * The event a trigger invokes the function with: an S3 notification, the SNS event carrying what the topic
 * gets (`published`), a scheduled event, an event on the rule's bus that ldgen sends there (`onBus`) or one
 * built from the pattern, or the rule's constant `input`, which
 * EventBridge sends instead of the event.
 */
export function triggerEvent(fn: LambdaFunction, t: Trigger, place: Place, published: (topic: Endpoint) => Sample[], onBus: (bus: Endpoint) => Sample[] = () => []): Invoker {
  switch (t.kind) {
    case "s3": {
      const name = t.bucketEndpoint?.awsName ?? t.bucket;
      const key = `${t.prefix ?? ""}example${t.suffix ?? ".json"}`;
      return { what: `an S3 notification from ${name}`, sample: s3Event(name, t.bucketEndpoint?.arn ?? place.arn("s3", name), place.region, t.events[0] ?? "s3:ObjectCreated:*", key) };
    }
    case "sns":
      return { what: `a notification from ${t.topic.target.name}`, sample: snsEvent(place.endpointArn(t.topic.target), published(t.topic.target)[0]) };
    case "schedule":
      return { what: `the schedule ${t.expression}`, sample: t.input !== undefined ? constantInput(t.input) : ruleEvent(place.account, place.region, [place.ruleArn(t)]) };
    case "eventPattern": {
      if (t.input !== undefined) return { what: "an event matching its rule's pattern", sample: constantInput(t.input) };
      // On a bus that ldgen sends Lambda destination events to, the first of those the pattern can match.
      const sent = t.bus ? onBus(t.bus.target).find((e) => mayMatch(t.pattern, e.event)) : undefined;
      return sent ? { what: `an event on ${t.bus!.target.name}`, sample: sent } : { what: "an event matching its rule's pattern", sample: patternEvent(t.pattern, place) };
    }
  }
}

/** What a producer outside the spec sends: ldgen does not know its shape. */
export function producerMessage(e: Endpoint): Sample {
  return { event: { example: `a message a producer sent to ${e.name}` }, schema: { description: `Whatever the producers of ${e.name} send: ldgen does not know its shape.` } };
}

/** An event ldgen does not know, sent to `fn` from outside the spec. */
export function unknownEvent(fn: LambdaFunction): Invoker {
  return { what: "an invoker outside the spec", sample: { event: { example: `the event ${fn.name} was invoked with` }, schema: { description: `The event exactly as ${fn.name} was invoked with it: its shape is its invoker's.` } } };
}

/** A trigger's constant `input`: what EventBridge sends the target instead of the event. */
function constantInput(input: unknown): Sample {
  return { event: input, schema: { const: input } };
}

/** An event that matches the pattern where it names a `source` and a `detail-type`. */
function patternEvent(pattern: unknown, place: Place): Sample {
  const p = (pattern ?? {}) as Record<string, unknown>;
  const first = (key: string) => (Array.isArray(p[key]) && typeof (p[key] as unknown[])[0] === "string" ? (p[key] as string[])[0] : undefined);
  return ruleEvent(place.account, place.region, [], first("source") ?? "example.source", first("detail-type") ?? "Example Event", { example: "the event that matched the rule" });
}

/**
 * Whether an event can match a pattern: each of `source`, `detail-type`, `account` and `region` the pattern
 * lists as plain strings must list the event's value. Content filters (prefix, anything-but, ...) and the
 * pattern's other fields are not evaluated: they may match.
 */
export function mayMatch(pattern: unknown, event: unknown): boolean {
  if (typeof pattern !== "object" || pattern === null || typeof event !== "object" || event === null) return true;
  const p = pattern as Record<string, unknown>;
  const e = event as Record<string, unknown>;
  return ["source", "detail-type", "account", "region"].every((key) => {
    const listed = p[key];
    return !Array.isArray(listed) || !listed.every((v) => typeof v === "string") || (listed as unknown[]).includes(e[key]);
  });
}
