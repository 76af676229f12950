import { body, num, opt, ref, str, bool } from "../plan/view";
import type { Kind } from "./kind";

export const sqs: Kind = {
  type: "sqs",
  title: "SQS",
  fifo: true,
  arnService: "sqs",
  creates: { resource: "aws_sqs_queue", nameLimit: 80, nameKey: "name" },
  asyncDestination: { onSuccess: true, onFailure: true },
  mappingDestination: true,
  source: { stream: false, kafka: false, startingPosition: "forbidden", atTimestamp: false, onFailure: false, batchItemFailures: true, batchSize: 10 },
  create(e, ctx) {
    const address = `aws_sqs_queue.${e.label}`;
    const resource = {
      mode: "resource" as const,
      type: "aws_sqs_queue",
      label: e.label,
      origin: e.path,
      dependsOn: [],
      body: body({
        name: str(e.awsName),
        fifo_queue: e.fifo ? bool(true) : undefined,
        message_retention_seconds: opt(ctx.retention(e), num),
        visibility_timeout_seconds: opt(ctx.visibilityTimeout(e), num),
        kms_master_key_id: opt(e.kmsKey, str),
        redrive_policy: ctx.redrivePolicy(e),
        // Encrypted at rest either way: with the spec's key, or with SQS-managed keys (SSE-SQS).
        sqs_managed_sse_enabled: e.kmsKey ? undefined : bool(true),
        tags: ctx.tags(e),
      }),
    };
    return {
      resources: [resource],
      outputs: [
        { name: `${e.label}_arn`, description: `ARN of the ${e.name} queue.`, value: ref(address, "arn") },
        { name: `${e.label}_url`, description: `URL of the ${e.name} queue.`, value: ref(address, "url") },
      ],
    };
  },
};
