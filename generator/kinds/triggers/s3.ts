import type { LambdaFunction, S3Trigger } from "../../model/types";
import { isPlainObject } from "../../parse/shape";
import * as fields from "../../parse/fields";
import { arnOf, qualifiedArn } from "../../plan/refs";
import { block, body, ref, str, strings, type Resource } from "../../plan/view";
import { toLabel } from "../../model/names";
import { bucketName } from "../../plan/buckets";
import type { TriggerKind } from "./trigger";


const DEFAULT_EVENTS = ["s3:ObjectCreated:*"];

/** An S3 bucket notification: a permission per trigger, and one `aws_s3_bucket_notification` per bucket. */
export const s3Trigger: TriggerKind<S3Trigger> = {
  key: "s3",
  stem: "s3",
  field: fields.object(
    "An S3 bucket notification.",
    {
      bucket: fields.str("The bucket name (existing, or a destination of type s3)."),
      events: fields.list("S3 event types.", fields.str()),
      prefix: fields.str("Key prefix filter."),
      suffix: fields.str("Key suffix filter."),
    },
    ["bucket"],
  ),
  settings: {},
  resolve(value, entry, ctx) {
    if (!isPlainObject(value) || typeof value.bucket !== "string") return undefined;
    const events = ((value.events ?? DEFAULT_EVENTS) as unknown[]).filter((e): e is string => typeof e === "string");
    const declared = ctx.lookup(value.bucket);
    const bucketEndpoint = declared?.type === "s3" ? declared : undefined;
    const { label, path } = entry;
    return { kind: "s3", label, path, bucket: value.bucket, bucketEndpoint, events, prefix: value.prefix as string | undefined, suffix: value.suffix as string | undefined };
  },
  plan(fn, t, ctx) {
    const bucketArn = t.bucketEndpoint ? arnOf(t.bucketEndpoint) : str(`arn:${ctx.partition}:s3:::${t.bucket}`);
    // A bucket ARN names no account: with the spec's account, only that account's bucket of this name may invoke (confused deputy).
    return [ctx.permission(fn, t, "s3.amazonaws.com", bucketArn, ctx.account)];
  },
  planAll(triggers) {
    // S3 allows one notification configuration per bucket: every function's trigger on a bucket goes into one resource.
    const notifications = new Map<string, Resource>();
    const labels = new Set<string>();
    for (const { fn, trigger } of triggers) addTo(notifications, labels, fn, trigger);
    return [...notifications.values()];
  },
  describe: (t) => `s3:${t.bucket}`,
};

/** One notification per real bucket (two spellings of one bucket are one), each with a label no other bucket has. */
function addTo(notifications: Map<string, Resource>, labels: Set<string>, fn: LambdaFunction, t: S3Trigger): void {
  const name = bucketName(t);
  let notification = notifications.get(name);
  if (!notification) {
    let label = toLabel(t.bucket);
    for (let n = 2; labels.has(label); n++) label = `${toLabel(t.bucket)}_${n}`;
    labels.add(label);
    const bucket = t.bucketEndpoint?.created ? ref(`aws_s3_bucket.${t.bucketEndpoint.label}`, "id") : str(name);
    notification = { mode: "resource", type: "aws_s3_bucket_notification", label, origin: [...t.path, "s3", "bucket"], dependsOn: [], body: body({ bucket }) };
    notifications.set(name, notification);
  }
  notification.body.push(
    block(
      "lambda_function",
      body({
        id: str(t.label.replace(/_/g, "-")),
        lambda_function_arn: qualifiedArn(fn),
        events: strings(t.events),
        filter_prefix: t.prefix === undefined ? undefined : str(t.prefix),
        filter_suffix: t.suffix === undefined ? undefined : str(t.suffix),
      }),
      true,
    ),
  );
  notification.dependsOn.push(`aws_lambda_permission.${t.label}`);
}
