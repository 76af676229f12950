import type { Trigger } from "../../model/types";
import type { Field } from "../../parse/fields";
import { eventPatternTrigger } from "./event-pattern";
import { s3Trigger } from "./s3";
import { scheduleTrigger } from "./schedule";
import { snsTrigger } from "./sns";
import type { TriggerKind } from "./trigger";

type TriggerKey = Trigger["kind"];

/** Every trigger kind, keyed by the key that selects it in a `triggers` entry. */
export const TRIGGERS: { readonly [K in TriggerKey]: TriggerKind<Extract<Trigger, { kind: K }>> } = {
  s3: s3Trigger,
  sns: snsTrigger,
  schedule: scheduleTrigger,
  eventPattern: eventPatternTrigger,
};

/** The kind keys, in the registry's order. */
export const TRIGGER_KEYS = Object.keys(TRIGGERS) as TriggerKey[];

export const triggerKindOf = (key: TriggerKey): TriggerKind => TRIGGERS[key] as unknown as TriggerKind;

/** The settings some trigger kind takes beside its kind key, each once (for the schema). */
export function triggerSettings(): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const key of TRIGGER_KEYS) for (const [name, field] of Object.entries(TRIGGERS[key].settings)) out[name] ??= field;
  return out;
}
