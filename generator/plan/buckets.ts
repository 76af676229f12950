import type { S3Trigger } from "../model/types";
import { parseArn } from "../model/arn";

/** The bucket's real name: what ldgen names a bucket it creates, the name in a declared bucket's ARN, or the name as written. */
export function bucketName(t: S3Trigger): string {
  const e = t.bucketEndpoint;
  if (e?.created) return e.awsName;
  const arn = e?.arn ? parseArn(e.arn) : undefined;
  return arn ? arn.resource.split("/")[0] : t.bucket;
}
