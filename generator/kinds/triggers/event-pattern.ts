import { pathTo } from "../../diagnostics";
import { json } from "../../plan/view";
import { reference } from "../../parse/reference";
import { planRule, ruleDeadLetterSender, ruleFailureSettings, RULE_SETTINGS } from "./rule";
import type { EventPatternTrigger } from "../../model/types";
import type { TriggerKind } from "./trigger";


/** An EventBridge rule matching an event pattern. */
export const eventPatternTrigger: TriggerKind<EventPatternTrigger> = {
  key: "eventPattern",
  stem: "events",
  field: { kind: "any", doc: "An EventBridge event pattern (on the default bus)." },
  settings: { ...RULE_SETTINGS, bus: { ...reference, doc: "eventPattern: the EventBridge bus the rule listens on (default: the default bus; schedules take none)." } },
  resolve(value, entry, ctx) {
    if (value === undefined) return undefined;
    const bus = entry.raw.bus === undefined ? undefined : ctx.ref(entry.raw.bus, pathTo(entry.path, "bus"), `${entry.fn.name}-${entry.stem}-bus`);
    return { kind: "eventPattern", label: entry.label, path: entry.path, awsName: entry.awsName, pattern: value, input: entry.raw.input, bus, ...ruleFailureSettings(entry, ctx) };
  },
  plan: (fn, t, ctx) => planRule(fn, t, { event_pattern: json(t.pattern) }, ctx),
  deadLetterSender: ruleDeadLetterSender,
  describe: (t) => (t.bus ? `eventbridge rule on ${t.bus.target.name}` : "eventbridge rule"),
};
