import { LIMITS } from "../limits";
import { parseArn } from "../model/arn";
import { redriveSources } from "../model/failures";
import type { DeadLetter, Model } from "../model/types";
import { arnOf } from "./refs";
import { body, encode, list, num, ref, str, type Resource, type Value } from "./view";

/** Dead-letter queues keep messages as long as SQS allows: a message's age counts from its first enqueue. */
export const DEAD_LETTER_RETENTION = LIMITS.sqsRetention.max;

/** `{ deadLetterTargetArn, maxReceiveCount }`: a queue's redrive policy, as SQS reads it. */
export function redrivePolicy(dl: DeadLetter): Value {
  return encode({ deadLetterTargetArn: arnOf(dl.edge.target)!, maxReceiveCount: num(dl.maxReceiveCount) });
}

/** The URL SQS gives a queue, from its ARN: `https://sqs.<region>.amazonaws.com[.cn]/<account>/<name>`. */
export function queueUrl(arnText: string): string | undefined {
  const arn = parseArn(arnText);
  if (!arn) return undefined;
  const domain = arn.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://sqs.${arn.region}.${domain}/${arn.account}/${arn.resource}`;
}

/**
 * What a redrive needs beyond a created queue's own `redrive_policy`: the redrive policy of an
 * existing queue (`aws_sqs_queue_redrive_policy`), and on each created dead-letter queue the
 * `aws_sqs_queue_redrive_allow_policy` naming exactly the queues that may send to it (`allowAll` beyond
 * the 10 a policy can name).
 */
export function planRedrive(model: Model): Resource[] {
  const out: Resource[] = [];
  for (const e of model.endpoints) {
    const dl = e.deadLetter;
    if (!dl || dl.edge.target.type !== "sqs") continue;
    const url = !e.created && e.arn ? queueUrl(e.arn) : undefined;
    if (url) {
      out.push({
        mode: "resource",
        type: "aws_sqs_queue_redrive_policy",
        label: e.label,
        origin: dl.path,
        dependsOn: [],
        body: body({ queue_url: str(url), redrive_policy: redrivePolicy(dl) }),
      });
    }
  }
  for (const dlq of model.endpoints) {
    if (dlq.type !== "sqs" || !dlq.created) continue;
    const sources = redriveSources(dlq, model).filter((s) => s !== dlq);
    if (sources.length === 0) continue;
    out.push({
      mode: "resource",
      type: "aws_sqs_queue_redrive_allow_policy",
      label: dlq.label,
      origin: dlq.path,
      dependsOn: [],
      body: body({
        queue_url: ref(`aws_sqs_queue.${dlq.label}`, "url"),
        // SQS names at most 10 source queues in a byQueue policy; a larger shared dead-letter queue is allowAll (LD277).
        redrive_allow_policy: encode(
          sources.length > LIMITS.redriveAllowSources ? { redrivePermission: str("allowAll") } : { redrivePermission: str("byQueue"), sourceQueueArns: list(sources.map((s) => arnOf(s)!)) },
        ),
      }),
    });
  }
  return out;
}
