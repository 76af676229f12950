import { body, opt, ref, str } from "../plan/view";
import type { Kind } from "./kind";

export const eventbridge: Kind = {
  type: "eventbridge",
  title: "EventBridge",
  arnService: "events",
  creates: { resource: "aws_cloudwatch_event_bus", nameLimit: 256, nameKey: "name" },
  asyncDestination: { onSuccess: true, onFailure: true },
  mappingDestination: false,
  create(e, ctx) {
    const address = `aws_cloudwatch_event_bus.${e.label}`;
    return {
      resources: [
        {
          mode: "resource",
          type: "aws_cloudwatch_event_bus",
          label: e.label,
          origin: e.path,
          dependsOn: [],
          body: body({ name: str(e.awsName), kms_key_identifier: opt(e.kmsKey, str), tags: ctx.tags(e) }),
        },
      ],
      outputs: [{ name: `${e.label}_arn`, description: `ARN of the ${e.name} event bus.`, value: ref(address, "arn") }],
    };
  },
};
