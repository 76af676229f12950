import { str as strField } from "../../parse/fields";
import { str } from "../../plan/view";
import { reference } from "../../parse/reference";
import { planRule, ruleDeadLetterSender, ruleFailureSettings, RULE_SETTINGS } from "./rule";
import type { ScheduleTrigger } from "../../model/types";
import type { TriggerKind } from "./trigger";


/** An EventBridge rule on a schedule (on the default bus, as AWS requires). */
export const scheduleTrigger: TriggerKind<ScheduleTrigger> = {
  key: "schedule",
  stem: "schedule",
  field: strField("rate(...) or cron(...)", {
    pattern: /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/,
    format: 'a schedule expression, "rate(5 minutes)" or "cron(...)"',
  }),
  // `bus` is read only to say that schedules take none.
  settings: { ...RULE_SETTINGS, bus: { ...reference, doc: "eventPattern: the EventBridge bus the rule listens on (default: the default bus; schedules take none)." } },
  resolve(value, entry, ctx) {
    if (entry.raw.bus !== undefined) {
      ctx.reporter.report("LD276", [...entry.path, "bus"], `schedules run on the default event bus only, as AWS requires (got bus: ${typeof entry.raw.bus === "string" ? entry.raw.bus : "a mapping"}); remove bus, or match events on that bus with an eventPattern trigger`, "key");
    }
    if (typeof value !== "string") return undefined;
    return { kind: "schedule", label: entry.label, path: entry.path, awsName: entry.awsName, expression: value, input: entry.raw.input, ...ruleFailureSettings(entry, ctx) };
  },
  plan: (fn, t, ctx) => planRule(fn, t, { schedule_expression: str(t.expression) }, ctx),
  deadLetterSender: ruleDeadLetterSender,
  describe: (t) => t.expression,
};
