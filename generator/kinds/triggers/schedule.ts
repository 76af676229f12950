import { str as strField } from "../../parse/fields";
import { str } from "../../plan/view";
import { planRule, RULE_SETTINGS, type RuleTrigger } from "./rule";
import type { TriggerKind } from "./trigger";

export interface ScheduleTrigger extends RuleTrigger {
  kind: "schedule";
  expression: string;
}

/** An EventBridge rule on a schedule (on the default bus, as AWS requires). */
export const scheduleTrigger: TriggerKind<ScheduleTrigger> = {
  key: "schedule",
  stem: "schedule",
  field: strField("rate(...) or cron(...)", {
    pattern: /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/,
    format: 'a schedule expression, "rate(5 minutes)" or "cron(...)"',
  }),
  settings: RULE_SETTINGS,
  resolve(value, entry) {
    if (typeof value !== "string") return undefined;
    return { kind: "schedule", label: entry.label, path: entry.path, awsName: entry.awsName, expression: value, input: entry.raw.input };
  },
  plan: (fn, t, ctx) => planRule(fn, t, { schedule_expression: str(t.expression) }, ctx),
  describe: (t) => t.expression,
};
