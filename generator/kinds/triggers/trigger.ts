import type { Path } from "../../diagnostics";
import type { Resolver } from "../../model/resolver";
import type { LambdaFunction, Trigger, TriggerBase } from "../../model/types";
import type { Field } from "../../parse/fields";
import type { Resource, Value } from "../../plan/view";


/** Who sends a trigger's undeliverable events to its dead-letter queue: the queue policy's principal and exact source. */
export interface DeadLetterSender {
  principal: string;
  sourceArn: Value;
  /** What sends, for statement ids and descriptions: `the orders topic`, `the rule app-f-schedule`. */
  what: string;
}

/** What a trigger kind's resolver is given about the entry it reads. */
export interface TriggerEntry {
  fn: LambdaFunction;
  /** The whole entry (its kind key, `name`, and the settings beside them). */
  raw: Record<string, unknown>;
  path: Path;
  label: string;
  /** The entry's `name`, or the kind's stem (numbered from the second of a kind): names inline objects. */
  stem: string;
  /** `<spec>-<function>-<stem>`, for the AWS names of what the trigger creates (EventBridge rules). */
  awsName: string;
}

/** What a trigger kind's planner may ask of the rest of the plan. */
export interface TriggerPlanContext {
  tags(own: Record<string, string>): Value | undefined;
  /**
   * The `aws_lambda_permission` that lets `principal` invoke the function (at its alias) from `sourceArn`,
   * labelled after the trigger; `sourceAccount` for sources whose ARN names no account (S3 buckets).
   */
  permission(fn: LambdaFunction, trigger: TriggerBase, principal: string, sourceArn: Value | undefined, sourceAccount?: string): Resource;
  /** The spec's `account`, when it gives one. */
  account?: string;
  /** The partition of every ARN ldgen composes. */
  partition: string;
}

/**
 * One module per kind of trigger (what invokes a function asynchronously), behind this interface,
 * in the registry keyed by the entry's kind key (`s3`, `sns`, `schedule`, `eventPattern`).
 */
export interface TriggerKind<T extends Trigger = Trigger> {
  key: T["kind"];
  /** Label stem of its resources (`events` for eventPattern). */
  stem: string;
  /** The shape of the value under its key. */
  field: Field;
  /** Keys it takes beside its kind key and `name` (the schema collects them; others are reported). */
  settings: Readonly<Record<string, Field>>;
  /** The model of one entry; undefined when its value did not pass the shape check (already reported). */
  resolve(value: unknown, entry: TriggerEntry, ctx: Resolver): T | undefined;
  /** The resources of one trigger, in order. */
  plan(fn: LambdaFunction, trigger: T, ctx: TriggerPlanContext): Resource[];
  /** Resources that group every trigger of the kind (one S3 notification per bucket), after all per-trigger ones. */
  planAll?(triggers: readonly { fn: LambdaFunction; trigger: T }[], ctx: TriggerPlanContext): Resource[];
  /** The service that sends this trigger's dead letters, when it can have them. */
  deadLetterSender?(fn: LambdaFunction, trigger: T): DeadLetterSender | undefined;
  /** What invokes the function, as `ldgen graph` names it. */
  describe(trigger: T): string;
}
