import { json } from "../../plan/view";
import { planRule, RULE_SETTINGS, type RuleTrigger } from "./rule";
import type { TriggerKind } from "./trigger";

export interface EventPatternTrigger extends RuleTrigger {
  kind: "eventPattern";
  pattern: unknown;
}

/** An EventBridge rule matching an event pattern. */
export const eventPatternTrigger: TriggerKind<EventPatternTrigger> = {
  key: "eventPattern",
  stem: "events",
  field: { kind: "any", doc: "An EventBridge event pattern (on the default bus)." },
  settings: RULE_SETTINGS,
  resolve(value, entry) {
    if (value === undefined) return undefined;
    return { kind: "eventPattern", label: entry.label, path: entry.path, awsName: entry.awsName, pattern: value, input: entry.raw.input };
  },
  plan: (fn, t, ctx) => planRule(fn, t, { event_pattern: json(t.pattern) }, ctx),
  describe: () => "eventbridge rule",
};
