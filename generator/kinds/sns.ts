import type { Resource } from "../plan/view";
import { body, bool, opt, ref, str } from "../plan/view";
import type { Kind } from "./kind";

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
        label: `${e.label}_${i}`,
        origin: [...e.path, "subscriptions", i],
        dependsOn: [],
        body: body({ topic_arn: ref(address, "arn"), protocol: str(s.protocol), endpoint: str(s.endpoint) }),
      }),
    );
    return { resources: [topic, ...subscriptions], outputs: [{ name: `${e.label}_arn`, description: `ARN of the ${e.name} topic.`, value: ref(address, "arn") }] };
  },
};
