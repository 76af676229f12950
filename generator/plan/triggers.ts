import { TRIGGER_KEYS, triggerKindOf } from "../kinds/triggers/registry";
import type { TriggerPlanContext } from "../kinds/triggers/trigger";
import type { LambdaFunction, Model, Trigger, TriggerBase } from "../model/types";
import { functionName, qualifierOf } from "./refs";
import { body, opt, str, type Resource, type Value } from "./view";

type Tags = (own: Record<string, string>) => Value | undefined;

/**
 * The resources of every trigger, each planned by its kind: per trigger in spec order, then what a
 * kind groups across triggers (S3's one notification per bucket).
 */
export function planTriggers(model: Model, tags: Tags): Resource[] {
  const ctx: TriggerPlanContext = { tags, permission, account: model.account, partition: model.partition };
  const out: Resource[] = [];
  const byKind = new Map<Trigger["kind"], { fn: LambdaFunction; trigger: Trigger }[]>();
  for (const fn of model.functions) {
    for (const trigger of fn.triggers) {
      for (const r of triggerKindOf(trigger.kind).plan(fn, trigger, ctx)) out.push(r);
      const all = byKind.get(trigger.kind) ?? [];
      all.push({ fn, trigger });
      byKind.set(trigger.kind, all);
    }
  }
  for (const key of TRIGGER_KEYS) {
    const kind = triggerKindOf(key);
    const all = byKind.get(key);
    if (kind.planAll && all) for (const r of kind.planAll(all, ctx)) out.push(r);
  }
  return out;
}

/** The permission that lets `principal` invoke the function (at its alias), from `sourceArn`. */
function permission(fn: LambdaFunction, trigger: TriggerBase, principal: string, sourceArn: Value | undefined, sourceAccount?: string): Resource {
  return {
    mode: "resource",
    type: "aws_lambda_permission",
    label: trigger.label,
    origin: trigger.path,
    dependsOn: [],
    body: body({
      statement_id: str(`ldgen-${trigger.label}`.replace(/_/g, "-")),
      action: str("lambda:InvokeFunction"),
      function_name: functionName(fn),
      qualifier: qualifierOf(fn),
      principal: str(principal),
      source_arn: sourceArn,
      source_account: opt(sourceAccount, str),
    }),
  };
}
