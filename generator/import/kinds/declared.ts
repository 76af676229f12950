import { toLabel } from "../../model/names";
import type { StateResource } from "../read";
import type { ImportKind, Use } from "./kind";

/** What an entry nothing wires can be, the attribute holding its AWS name, and where the spec declares it. */
const DECLARABLE: Record<string, { name: string; use: Use; fifo?: string }> = {
  aws_sqs_queue: { name: "name", use: "destination", fifo: "fifo_queue" },
  aws_sns_topic: { name: "name", use: "destination", fifo: "fifo_topic" },
  aws_cloudwatch_event_bus: { name: "name", use: "destination" },
  aws_s3_bucket: { name: "bucket", use: "destination" },
  aws_kinesis_stream: { name: "name", use: "source" },
};

/**
 * An SQS queue, SNS topic, EventBridge bus, S3 bucket or Kinesis stream that no imported wiring refers to, but that
 * is plainly ldgen's: a spec entry declared and not (yet) used. It is at the address ldgen gives the entry of its
 * key (`aws_sqs_queue.<key as label>`, root module, no index) and has the AWS name ldgen gives it
 * (`<spec name>-<key>`, `.fifo` for a FIFO one), with a key no other entry has: it is declared, under
 * `destinations` (a stream under `sources`), as its endpoint kind reads it. Anything else nothing refers to (an
 * unrelated queue of a hand-written root) is left out, as before. Runs after the wiring (phase 20) and before the
 * redrive targets (25), so a declared queue's dead-letter queue is declared too.
 */
export const declared: ImportKind = {
  name: "declared, unwired endpoints",
  phase: 24,
  run(ctx) {
    for (const [type, how] of Object.entries(DECLARABLE)) {
      for (const r of ctx.resources(type)) {
        if (ctx.claimed(r) || typeof r.values.arn !== "string" || r.values.arn === "") continue;
        const key = ldgensKey(r, how.name, how.fifo, ctx.draft.name);
        const d = ctx.draft;
        if (key === undefined || key in d.functions || key in d.destinations || key in d.sources) continue;
        ctx.reference(r.values.arn, how.use, { address: r.address, attribute: how.name });
      }
    }
  },
};

/** The spec key whose entry ldgen writes at `r`'s address with `r`'s AWS name, if there is one. */
function ldgensKey(r: StateResource, nameAttribute: string, fifoAttribute: string | undefined, specName: string): string | undefined {
  const fifo = fifoAttribute !== undefined && r.values[fifoAttribute] === true;
  const name = String(r.values[nameAttribute] ?? "");
  const head = `${specName}-`;
  if (!name.startsWith(head) || name.endsWith(".fifo") !== fifo) return undefined;
  const key = name.slice(head.length, fifo ? -".fifo".length : undefined);
  if (!/^[a-z][a-z0-9-]*$/.test(key) || r.module !== "" || r.index !== undefined) return undefined;
  return r.name === toLabel(key) ? key : undefined;
}
