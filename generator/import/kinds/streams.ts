import { toLabel } from "../../model/names";
import type { StateResource } from "../read";
import { PROVIDER, type ImportContext, type ImportKind } from "./kind";
import { nonEmpty, tagsOf } from "./values";

/**
 * A Kinesis stream the root creates and a mapping reads -> `sources.<key>: { type: kinesis, shards, retention,
 * kmsKey }`. A stream keeps its records and every reader's position: one whose name ldgen would not give it (not
 * `<name>-<key>`, or its key taken by a function) stays out, referred to by its ARN, rather than be replaced.
 */
export const streams: ImportKind = {
  name: "streams",
  phase: 30,
  defaults: {
    aws_kinesis_stream: { arn: PROVIDER, encryption_type: "NONE", enforce_consumer_deletion: false, shard_level_metrics: [], kms_key_id: "", retention_period: 24, "stream_mode_details.stream_mode": "PROVISIONED" },
  },
  endpoints: {
    aws_kinesis_stream: {
      key: (r, ctx) => (keepsName(r, ctx) ? ctx.key(r, String(r.values.name), "name") : undefined),
      entry(r, ctx, key) {
        const v = r.values;
        const entry: Record<string, unknown> = { type: "kinesis" };
        if (typeof v.shard_count === "number" && v.shard_count !== 1) entry.shards = v.shard_count;
        if (typeof v.retention_period === "number" && v.retention_period !== 24) entry.retention = `${v.retention_period}h`;
        if (v.encryption_type === "KMS" && nonEmpty(v.kms_key_id)) entry.kmsKey = v.kms_key_id;
        const tags = tagsOf(v);
        if (tags) entry.tags = tags;
        ctx.claim(r, `aws_kinesis_stream.${toLabel(key)}`, ["sources", key]);
        return entry;
      },
    },
  },
  run(ctx) {
    // Enhanced fan-out consumers: a mapping reads one by its ARN (the spec names it so); ldgen creates none.
    const readers = (arn: unknown) => ctx.resources("aws_lambda_event_source_mapping").filter((m) => nonEmpty(arn) && m.values.event_source_arn === arn).map((m) => m.address);
    const consumers = ctx.resources("aws_kinesis_stream_consumer");
    for (const c of consumers) {
      const by = readers(c.values.arn);
      ctx.leaveOut(c, `an enhanced fan-out consumer of ${String(c.values.stream_arn)}${by.length ? `, which ${by.join(", ")} ${by.length > 1 ? "read" : "reads"} by its ARN (the spec names it by ARN)` : ", which no mapping of an imported function reads"}: ldgen creates no consumer; keep it in its root`);
    }
    for (const r of ctx.resources("aws_kinesis_stream")) {
      if (ctx.claimed(r)) continue;
      const through = consumers.filter((c) => c.values.stream_arn === r.values.arn && readers(c.values.arn).length);
      if (through.length) {
        ctx.leaveOut(r, `read through its enhanced fan-out consumer${through.length > 1 ? "s" : ""} ${through.map((c) => c.address).join(", ")}, which ldgen does not create: the stream stays in its root with ${through.length > 1 ? "them" : "it"}`);
        continue;
      }
      ctx.leaveOut(r, keepsName(r, ctx) ? "no mapping of an imported function reads it" : `ldgen would name it otherwise (${JSON.stringify(String(r.values.name))} is not "${ctx.draft.name}-<key>" with a key of its own), and a new name replaces the stream: its records and readers' positions; the spec refers to it by ARN`);
    }
  },
};

function keepsName(r: StateResource, ctx: ImportContext): boolean {
  const name = String(r.values.name ?? "");
  const head = `${ctx.draft.name}-`;
  const key = name.slice(head.length);
  const d = ctx.draft;
  return name.startsWith(head) && /^[a-z][a-z0-9-]*$/.test(key) && !(key in d.functions) && !(key in d.destinations) && !(key in d.sources);
}
