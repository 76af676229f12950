import { body, ref, str } from "../plan/view";
import type { Kind } from "./kind";

export const s3: Kind = {
  type: "s3",
  title: "S3",
  arnService: "s3",
  creates: { resource: "aws_s3_bucket", nameLimit: 63, nameKey: "bucket" },
  asyncDestination: { onSuccess: false, onFailure: true },
  mappingDestination: true,
  create(e, ctx) {
    const address = `aws_s3_bucket.${e.label}`;
    return {
      resources: [{ mode: "resource", type: "aws_s3_bucket", label: e.label, origin: e.path, dependsOn: [], body: body({ bucket: str(e.awsName), tags: ctx.tags(e) }) }],
      outputs: [{ name: `${e.label}_arn`, description: `ARN of the ${e.name} bucket.`, value: ref(address, "arn") }],
    };
  },
};
