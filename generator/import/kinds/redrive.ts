import { toLabel } from "../../model/names";
import { keyFrom } from "../context";
import type { StateResource } from "../read";
import type { ImportContext, ImportKind } from "./kind";
import { nonEmpty } from "./values";

/** The default `maxReceiveCount` of a spec's `deadLetter` (docs/spec.md). */
const DEFAULT_RECEIVES = 5;

interface Redrive {
  /** The queue, or (an existing queue the input does not hold) the `sources` key it is declared under. */
  queue?: StateResource;
  existing?: string;
  dlqArn: string;
  receives: number;
  /** The separate `aws_sqs_queue_redrive_policy` it came from, if any. */
  from?: StateResource;
}

const FOUND = new WeakMap<ImportContext, Redrive[]>();

/**
 * Redrive policies, in two steps around the endpoints (phase 30): first every queue the wiring refers to names
 * its dead-letter queue (so that the endpoint kinds declare it too, and its own dead-letter queue in turn); then
 * each declared queue's entry gets `deadLetter` (`<key>` or `{ queue, maxReceiveCount }`), and a created
 * dead-letter queue's `aws_sqs_queue_redrive_allow_policy` is taken over. ldgen writes a created queue's redrive
 * policy on the queue: a separate `aws_sqs_queue_redrive_policy` of one is left out (its value moves to the queue).
 */
export const redriveTargets: ImportKind = {
  name: "redrive targets",
  phase: 25,
  run(ctx) {
    const separate = new Map<string, StateResource>();
    for (const r of ctx.resources("aws_sqs_queue_redrive_policy")) if (nonEmpty(r.values.queue_url)) separate.set(r.values.queue_url, r);
    const found: Redrive[] = [];
    const seen = new Set<string>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const { resource: queue } of ctx.referenced("aws_sqs_queue")) {
        if (seen.has(queue.address)) continue;
        seen.add(queue.address);
        grew = true;
        const from = separate.get(String(queue.values.url ?? queue.values.id));
        const text = nonEmpty(queue.values.redrive_policy) ? queue.values.redrive_policy : from && nonEmpty(from.values.redrive_policy) ? from.values.redrive_policy : undefined;
        const policy = text === undefined ? undefined : parse(text);
        if (!policy || !nonEmpty(policy.deadLetterTargetArn)) continue;
        ctx.reference(policy.deadLetterTargetArn, "destination", { address: (from ?? queue).address, attribute: "redrive_policy" });
        found.push({ queue, dlqArn: policy.deadLetterTargetArn, receives: Number(policy.maxReceiveCount ?? DEFAULT_RECEIVES), from });
      }
    }
    // An existing queue's separate redrive policy (ldgen writes one for an existing source queue with deadLetter).
    for (const [url, from] of separate) {
      if (ctx.find("aws_sqs_queue", "url", url) ?? ctx.find("aws_sqs_queue", "id", url)) continue;
      const m = /^https:\/\/sqs\.([^.]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([^/]+)$/.exec(url);
      const policy = nonEmpty(from.values.redrive_policy) ? parse(from.values.redrive_policy) : undefined;
      if (!m || !policy || !nonEmpty(policy.deadLetterTargetArn)) continue;
      const arn = `arn:${ctx.draft.partition ?? "aws"}:sqs:${m[1]}:${m[2]}:${m[3]}`;
      const readers = Object.values(ctx.draft.functions).flatMap((f) => ((f.events as Record<string, unknown>[] | undefined) ?? []).filter((e) => e.source === arn));
      if (readers.length === 0) continue;
      const key = keyFrom(m[3].replace(/\.fifo$/, ""));
      if (key in ctx.draft.sources || key in ctx.draft.destinations || key in ctx.draft.functions) continue;
      ctx.draft.sources[key] = { type: "sqs", arn };
      for (const e of readers) e.source = key;
      ctx.reference(policy.deadLetterTargetArn, "destination", { address: from.address, attribute: "redrive_policy" });
      found.push({ existing: key, dlqArn: policy.deadLetterTargetArn, receives: Number(policy.maxReceiveCount ?? DEFAULT_RECEIVES), from });
    }
    FOUND.set(ctx, found);
  },
};

export const redrive: ImportKind = {
  name: "redrive",
  phase: 40,
  run(ctx) {
    const keys = new Map(ctx.referenced("aws_sqs_queue").map((q) => [q.resource.address, q.key]));
    const entryOf = (key: string | undefined) => (key === undefined ? undefined : (ctx.draft.sources[key] ?? ctx.draft.destinations[key]));
    const dlqs = new Set<string>();
    /** The spec key of a dead-letter queue the import declared. */
    const dlqKey = (arn: string) => {
      const dlq = ctx.byArn(arn);
      const key = dlq && keys.get(dlq.address);
      return key !== undefined && entryOf(key) ? key : undefined;
    };
    for (const d of FOUND.get(ctx) ?? []) {
      if (d.existing !== undefined) {
        const target = dlqKey(d.dlqArn) ?? d.dlqArn;
        ctx.draft.sources[d.existing].deadLetter = d.receives === DEFAULT_RECEIVES ? target : { queue: target, maxReceiveCount: d.receives };
        if (target !== d.dlqArn) dlqs.add(ctx.byArn(d.dlqArn)!.address);
        ctx.claim(d.from!, `aws_sqs_queue_redrive_policy.${toLabel(d.existing)}`, ["sources", d.existing]);
        continue;
      }
      if (!d.queue) continue;
      const entry = entryOf(keys.get(d.queue.address));
      if (!entry || !ctx.claimed(d.queue)) {
        if (d.from) ctx.leaveOut(d.from, "its queue is not an entry of the spec");
        continue;
      }
      const dlq = ctx.byArn(d.dlqArn);
      const target = dlqKey(d.dlqArn) ?? d.dlqArn;
      entry.deadLetter = d.receives === DEFAULT_RECEIVES ? target : { queue: target, maxReceiveCount: d.receives };
      if (dlq && target !== d.dlqArn) dlqs.add(dlq.address);
      if (d.from) ctx.leaveOut(d.from, `ldgen writes the redrive policy of a queue it creates on the queue (${d.queue.address}'s redrive_policy): the spec's deadLetter. Take this one out of its root with "terraform state rm ${d.from.address}": destroying it clears the queue's redrive policy`);
    }
    for (const r of ctx.resources("aws_sqs_queue_redrive_allow_policy")) {
      const dlq = ctx.find("aws_sqs_queue", "url", r.values.queue_url) ?? ctx.find("aws_sqs_queue", "id", r.values.queue_url);
      const key = dlq && keys.get(dlq.address);
      if (dlq && key !== undefined && dlqs.has(dlq.address) && ctx.claimed(dlq)) {
        const section = key in ctx.draft.sources ? "sources" : "destinations";
        ctx.claim(r, `aws_sqs_queue_redrive_allow_policy.${toLabel(key)}`, [section, key]);
      } else ctx.leaveOut(r, "its queue is not a dead-letter queue of the spec");
    }
  },
};

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
