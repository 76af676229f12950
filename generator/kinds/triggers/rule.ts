import { pathTo } from "../../diagnostics";
import { LIMITS } from "../../limits";
import type { Edge, LambdaFunction, RuleTrigger } from "../../model/types";
import { duration, int, type Field } from "../../parse/fields";
import { reference } from "../../parse/reference";
import { arnOf, qualifiedArn } from "../../plan/refs";
import { block, body, json, num, ref, str, type Resource, type Value } from "../../plan/view";
import type { TriggerEntry, TriggerPlanContext } from "./trigger";
import type { Resolver } from "../../model/resolver";


/** The settings every EventBridge-rule trigger takes. */
export const RULE_SETTINGS: Readonly<Record<string, Field>> = {
  input: { kind: "any", doc: "A constant event to send instead of the matched one (schedule, eventPattern)." },
  deadLetter: { ...reference, doc: "sns, schedule, eventPattern: the SQS queue that receives what could not be delivered to the function." } as Field,
  retries: int(`schedule, eventPattern: retries of a failed delivery to the function (${LIMITS.targetRetries.min}..${LIMITS.targetRetries.max}, default 185).`, LIMITS.targetRetries.min, LIMITS.targetRetries.max, "LD171"),
  maxEventAge: duration("schedule, eventPattern: how long EventBridge keeps retrying an event (60s..24h, default 24h).", LIMITS.targetMaxEventAge.min, LIMITS.targetMaxEventAge.max, "LD172"),
};

/** EventBridge's retry policy when a target sets none. */
export const DEFAULT_TARGET_RETRIES = 185;
export const DEFAULT_TARGET_MAX_EVENT_AGE = 86400;

/** The failure settings of a rule trigger's entry: dead-letter queue and retry policy. */
export function ruleFailureSettings(entry: TriggerEntry, ctx: Resolver): Pick<RuleTrigger, "deadLetter" | "retries" | "maxEventAge"> {
  const raw = entry.raw;
  return {
    deadLetter: raw.deadLetter === undefined ? undefined : ctx.ref(raw.deadLetter, pathTo(entry.path, "deadLetter"), `${entry.fn.name}-${entry.stem}-dlq`),
    retries: raw.retries as number | undefined,
    maxEventAge: raw.maxEventAge as number | undefined,
  };
}

/** The rule (with what selects its events), its target, and the permission that lets EventBridge invoke the function. */
export function planRule(fn: LambdaFunction, t: RuleTrigger, selector: Record<string, Value>, ctx: TriggerPlanContext): Resource[] {
  const rule = `aws_cloudwatch_event_rule.${t.label}`;
  const bus = t.bus && busName(t.bus);
  const dlq = t.deadLetter && arnOf(t.deadLetter.target);
  const retry = t.retries !== undefined || t.maxEventAge !== undefined;
  return [
    {
      mode: "resource",
      type: "aws_cloudwatch_event_rule",
      label: t.label,
      origin: t.path,
      dependsOn: [],
      body: body({ name: str(t.awsName), event_bus_name: bus, ...selector, tags: ctx.tags({}) }),
    },
    {
      mode: "resource",
      type: "aws_cloudwatch_event_target",
      label: t.label,
      origin: t.path,
      dependsOn: [],
      body: body(
        { rule: ref(rule, "name"), event_bus_name: bus, target_id: str("lambda"), arn: qualifiedArn(fn), input: t.input === undefined ? undefined : json(t.input) },
        dlq && block("dead_letter_config", body({ arn: dlq })),
        retry &&
          block(
            "retry_policy",
            body({ maximum_retry_attempts: num(t.retries ?? DEFAULT_TARGET_RETRIES), maximum_event_age_in_seconds: num(t.maxEventAge ?? DEFAULT_TARGET_MAX_EVENT_AGE) }),
          ),
      ),
    },
    ctx.permission(fn, t, "events.amazonaws.com", ref(rule, "arn")),
  ];
}

/** A bus as a rule's `event_bus_name`: the created bus's name, or an existing bus's ARN (which EventBridge accepts). */
function busName(bus: Edge): Value | undefined {
  if (bus.target.created) return ref(`aws_cloudwatch_event_bus.${bus.target.label}`, "name");
  return bus.target.arn === undefined ? undefined : str(bus.target.arn);
}

/** EventBridge sends a rule's dead letters; the queue policy names the rule. */
export const ruleDeadLetterSender = (_fn: LambdaFunction, t: RuleTrigger) => ({
  principal: "events.amazonaws.com",
  sourceArn: ref(`aws_cloudwatch_event_rule.${t.label}`, "arn"),
  what: `the EventBridge rule ${t.awsName}`,
});
