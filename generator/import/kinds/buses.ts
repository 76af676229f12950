import { toLabel } from "../../model/names";
import { PROVIDER, type ImportKind } from "./kind";
import { tagsOf } from "./values";

/** `aws_cloudwatch_event_bus` and `aws_s3_bucket` named by the wiring -> `eventbridge` and `s3` destinations. */
export const buses: ImportKind = {
  name: "event buses and buckets",
  phase: 30,
  defaults: {
    aws_s3_bucket: { force_destroy: false, object_lock_enabled: false, acceleration_status: PROVIDER, acl: PROVIDER, bucket_domain_name: PROVIDER, bucket_regional_domain_name: PROVIDER, hosted_zone_id: PROVIDER, region: PROVIDER, request_payer: PROVIDER, policy: PROVIDER, "grant.id": PROVIDER, "grant.permissions": PROVIDER, "grant.type": PROVIDER, "grant.uri": PROVIDER, "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm": "AES256", "server_side_encryption_configuration.rule.bucket_key_enabled": false, "versioning.enabled": false, "versioning.mfa_delete": false },
  },
  endpoints: {
    aws_cloudwatch_event_bus: {
      key: (r, ctx) => ctx.key(r, String(r.values.name ?? r.name), "name"),
      entry(r, ctx, key) {
        const tags = tagsOf(r.values);
        ctx.claim(r, `aws_cloudwatch_event_bus.${toLabel(key)}`, ["destinations", key]);
        return { type: "eventbridge", ...(tags && { tags }) };
      },
    },
    aws_s3_bucket: {
      key: (r, ctx) => ctx.key(r, String(r.values.bucket ?? r.name), "bucket"),
      entry(r, ctx, key) {
        const tags = tagsOf(r.values);
        ctx.claim(r, `aws_s3_bucket.${toLabel(key)}`, ["destinations", key]);
        return { type: "s3", ...(tags && { tags }) };
      },
    },
  },
  run() {},
};
