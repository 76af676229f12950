import type { LambdaFunction } from "../../model/types";
import type { Field } from "../../parse/fields";
import { qualifiedArn } from "../../plan/refs";
import { body, json, ref, str, type Resource, type Value } from "../../plan/view";
import type { TriggerBase, TriggerPlanContext } from "./trigger";

/** What schedules and event patterns share: an EventBridge rule whose target is the function. */
export interface RuleTrigger extends TriggerBase {
  /** The EventBridge rule's name, `<spec>-<function>-<trigger>`. */
  awsName: string;
  input?: unknown;
}

/** The settings every EventBridge-rule trigger takes. */
export const RULE_SETTINGS: Readonly<Record<string, Field>> = {
  input: { kind: "any", doc: "A constant event to send instead of the matched one (schedule, eventPattern)." },
};

/** The rule (with what selects its events), its target, and the permission that lets EventBridge invoke the function. */
export function planRule(fn: LambdaFunction, t: RuleTrigger, selector: Record<string, Value>, ctx: TriggerPlanContext): Resource[] {
  const rule = `aws_cloudwatch_event_rule.${t.label}`;
  return [
    {
      mode: "resource",
      type: "aws_cloudwatch_event_rule",
      label: t.label,
      origin: t.path,
      dependsOn: [],
      body: body({ name: str(t.awsName), ...selector, tags: ctx.tags({}) }),
    },
    {
      mode: "resource",
      type: "aws_cloudwatch_event_target",
      label: t.label,
      origin: t.path,
      dependsOn: [],
      body: body({ rule: ref(rule, "name"), target_id: str("lambda"), arn: qualifiedArn(fn), input: t.input === undefined ? undefined : json(t.input) }),
    },
    ctx.permission(fn, t, "events.amazonaws.com", ref(rule, "arn")),
  ];
}
