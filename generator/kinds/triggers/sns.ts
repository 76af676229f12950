import type { Edge } from "../../model/types";
import { reference } from "../../parse/reference";
import { arnOf, qualifiedArn } from "../../plan/refs";
import { body, str } from "../../plan/view";
import type { TriggerBase, TriggerKind } from "./trigger";

export interface SnsTrigger extends TriggerBase {
  kind: "sns";
  topic: Edge;
}

/** A Lambda subscription to an SNS topic, with the permission that lets SNS invoke the function. */
export const snsTrigger: TriggerKind<SnsTrigger> = {
  key: "sns",
  stem: "sns",
  field: reference,
  settings: {},
  resolve(value, entry, ctx) {
    const topic = ctx.ref(value, [...entry.path, "sns"], `${entry.fn.name}-${entry.stem}`);
    return topic && { kind: "sns", label: entry.label, path: entry.path, topic };
  },
  plan(fn, t, ctx) {
    const topic = arnOf(t.topic.target);
    return [
      ctx.permission(fn, t, "sns.amazonaws.com", topic),
      {
        mode: "resource",
        type: "aws_sns_topic_subscription",
        label: t.label,
        origin: t.path,
        dependsOn: [`aws_lambda_permission.${t.label}`],
        body: body({ topic_arn: topic, protocol: str("lambda"), endpoint: qualifiedArn(fn) }),
      },
    ];
  },
  describe: (t) => t.topic.target.name,
};
