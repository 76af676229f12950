import type { Resource } from "../plan/view";
import type { Endpoint } from "../model/types";
import { body, bool, encode, opt, ref, str } from "../plan/view";
import type { Kind } from "./kind";

/** The Terraform label of a topic's `i`th subscription. */
export const subscriptionLabel = (topic: Endpoint, i: number) => `${topic.label}_${i}`;

export const sns: Kind = {
  type: "sns",
  title: "SNS",
  fifo: true,
  arnService: "sns",
  creates: { resource: "aws_sns_topic", nameLimit: 256, nameKey: "name" },
  asyncDestination: { onSuccess: true, onFailure: true },
  mappingDestination: true,
  create(e, ctx) {
    const address = `aws_sns_topic.${e.label}`;
    const topic: Resource = {
      mode: "resource",
      type: "aws_sns_topic",
      label: e.label,
      origin: e.path,
      dependsOn: [],
      body: body({ name: str(e.awsName), fifo_topic: e.fifo ? bool(true) : undefined, kms_master_key_id: opt(e.kmsKey, str), tags: ctx.tags(e) }),
    };
    const subscriptions = e.subscriptions.map(
      (s, i): Resource => ({
        mode: "resource",
        type: "aws_sns_topic_subscription",
        label: subscriptionLabel(e, i),
        origin: s.path,
        dependsOn: [],
        body: body({
          topic_arn: ref(address, "arn"),
          protocol: str(s.protocol),
          endpoint: str(s.endpoint),
          // As for an sns trigger: SNS sends what it cannot deliver to this queue; its queue policy lets SNS send.
          redrive_policy: s.deadLetter && s.deadLetter.target.type === "sqs" ? encode({ deadLetterTargetArn: ctx.arnOf(s.deadLetter.target)! }) : undefined,
        }),
      }),
    );
    return { resources: [topic, ...subscriptions], outputs: [{ name: `${e.label}_arn`, description: `ARN of the ${e.name} topic.`, value: ref(address, "arn") }] };
  },
};
