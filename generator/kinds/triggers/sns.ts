import { pathTo } from "../../diagnostics";
import type { SnsTrigger } from "../../model/types";
import { reference } from "../../parse/reference";
import { arnOf, qualifiedArn } from "../../plan/refs";
import { body, encode, str } from "../../plan/view";
import { RULE_SETTINGS } from "./rule";
import type { TriggerKind } from "./trigger";


/** A Lambda subscription to an SNS topic, with the permission that lets SNS invoke the function. */
export const snsTrigger: TriggerKind<SnsTrigger> = {
  key: "sns",
  stem: "sns",
  field: reference,
  settings: { deadLetter: RULE_SETTINGS.deadLetter },
  resolve(value, entry, ctx) {
    const topic = ctx.ref(value, pathTo(entry.path, "sns"), `${entry.fn.name}-${entry.stem}`);
    const dl = entry.raw.deadLetter;
    const deadLetter = dl === undefined ? undefined : ctx.ref(dl, pathTo(entry.path, "deadLetter"), `${entry.fn.name}-${entry.stem}-dlq`);
    return topic && { kind: "sns", label: entry.label, path: entry.path, topic, deadLetter };
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
        body: body({
          topic_arn: topic,
          protocol: str("lambda"),
          endpoint: qualifiedArn(fn),
          redrive_policy: t.deadLetter && encode({ deadLetterTargetArn: arnOf(t.deadLetter.target)! }),
        }),
      },
    ];
  },
  deadLetterSender: (_fn, t) => {
    const topic = arnOf(t.topic.target);
    return topic && { principal: "sns.amazonaws.com", sourceArn: topic, what: `the SNS topic ${t.topic.target.name}` };
  },
  describe: (t) => t.topic.target.name,
};
