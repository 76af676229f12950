import { kindOf } from "../kinds/registry";
import { holdsPosition } from "../model/protect";
import type { Model } from "../model/types";
import { aliasAddress } from "./refs";
import { address, type Plan } from "./view";

/**
 * What an entry's protection covers: the resources that hold its data or position, which a destroy or a
 * replacement loses. A queue, topic, event bus, bucket or stream: that resource. A function: the function
 * (its versions), its log group (its logs), its alias, and its mappings that keep a position in a stream or
 * Kafka topic (an existing function: those mappings only). Its role, policies, permissions, invoke config,
 * triggers and alarms hold nothing and are made again as they were, so they stay unprotected.
 */
export function protectedAddresses(model: Model): Set<string> {
  const out = new Set<string>();
  for (const fn of model.functions) {
    if (!fn.protect) continue;
    if (!fn.arn) {
      out.add(`aws_lambda_function.${fn.label}`);
      out.add(`aws_cloudwatch_log_group.${fn.label}`);
      if (fn.qualifier) out.add(aliasAddress(fn));
    }
    for (const m of fn.events) if (holdsPosition(m)) out.add(`aws_lambda_event_source_mapping.${m.label}`);
  }
  for (const e of model.endpoints) {
    const creates = kindOf(e.type).creates;
    if (e.protect && e.created && !e.fn && creates) out.add(`${creates.resource}.${e.label}`);
  }
  return out;
}

/** Sets `protect` on the plan's resources that `protectedAddresses` names. */
export function markProtected(plan: Plan, model: Model): void {
  const wanted = protectedAddresses(model);
  if (wanted.size === 0) return;
  for (const file of plan.files) for (const r of file.resources) if (r.mode === "resource" && wanted.has(address(r))) r.protect = true;
}
