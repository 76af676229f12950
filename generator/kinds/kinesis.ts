import { body, num, opt, ref, str } from "../plan/view";
import type { Kind } from "./kind";

export const kinesis: Kind = {
  type: "kinesis",
  title: "Kinesis",
  arnService: "kinesis",
  creates: { resource: "aws_kinesis_stream", nameLimit: 128, nameKey: "name" },
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: { stream: true, kafka: false, startingPosition: "required", atTimestamp: true, onFailure: true, batchItemFailures: true, batchSize: 100 },
  create(e, ctx) {
    const address = `aws_kinesis_stream.${e.label}`;
    const hours = e.retention === undefined ? undefined : Math.max(24, Math.ceil(e.retention / 3600));
    return {
      resources: [
        {
          mode: "resource",
          type: "aws_kinesis_stream",
          label: e.label,
          origin: e.path,
          dependsOn: [],
          body: body({
            name: str(e.awsName),
            shard_count: num(e.shards ?? 1),
            retention_period: opt(hours, num),
            encryption_type: e.kmsKey ? str("KMS") : undefined,
            kms_key_id: opt(e.kmsKey, str),
            tags: ctx.tags(e),
          }),
        },
      ],
      outputs: [{ name: `${e.label}_arn`, description: `ARN of the ${e.name} stream.`, value: ref(address, "arn") }],
    };
  },
};
