import type { Reporter } from "./reporter";
import { LIMITS } from "../limits";
import { failureTargets, redriveSources } from "../model/failures";
import { parseArn } from "../model/arn";
import type { Endpoint, Model } from "../model/types";
import { aKind } from "./words";

/** Where an endpoint lives, as far as the spec tells: its ARN, or the spec's account and region for what ldgen creates. */
function homeOf(e: Endpoint, model: Model): { account?: string; region?: string } {
  const arn = e.arn ? parseArn(e.arn) : undefined;
  return arn ? { account: arn.account || undefined, region: arn.region || undefined } : { account: model.account, region: model.region };
}

/** An SQS queue's redrive policy: an SQS dead-letter queue of the same kind (FIFO or standard), account and region. */
export function checkDeadLetters(model: Model, reporter: Reporter): void {
  for (const queue of model.endpoints) {
    const dl = queue.deadLetter;
    if (!dl) continue;
    const target = dl.edge.target;
    const name = JSON.stringify(target.name);
    if (target.type !== "sqs") {
      reporter.report("LD270", dl.edge.path, `a dead-letter queue must be an SQS queue (got ${aKind(target.type)} resource, ${name}); name an SQS queue, or leave out queue and ldgen creates ${queue.name}-dlq`);
    } else if (target === queue) {
      reporter.report("LD272", dl.edge.path, `${JSON.stringify(queue.name)} cannot be its own dead-letter queue (got ${name}); use another queue, or leave out queue and ldgen creates ${queue.name}-dlq`);
    } else if (target.fifo !== queue.fifo) {
      reporter.report("LD271", dl.edge.path, fifoMismatch(queue, target));
    } else {
      const [a, b] = [homeOf(queue, model), homeOf(target, model)];
      for (const key of ["account", "region"] as const) {
        if (a[key] && b[key] && a[key] !== b[key]) {
          reporter.report("LD273", dl.edge.path, `a dead-letter queue must be in the same ${key} as its queue: ${JSON.stringify(queue.name)} is in ${a[key]} and ${name} in ${b[key]} (got ${target.arn ?? target.name}); use a queue in ${a[key]}`);
          break;
        }
      }
    }
  }
  for (const dlq of model.endpoints) {
    if (dlq.type !== "sqs" || !dlq.created) continue;
    const sources = redriveSources(dlq, model).filter((s) => s !== dlq);
    const first = sources[LIMITS.redriveAllowSources];
    if (first?.deadLetter) {
      reporter.report(
        "LD277",
        first.deadLetter.path,
        `${sources.length} queues send to the dead-letter queue ${JSON.stringify(dlq.name)}, more than the ${LIMITS.redriveAllowSources} a redrive allow policy can name (from ${JSON.stringify(first.name)} on): ldgen lets any queue in the account use it (redrivePermission allowAll); to keep byQueue, give some of these queues their own dead-letter queue`,
      );
    }
  }
  for (const fn of model.functions) {
    for (const t of fn.triggers) {
      const dl = t.deadLetter;
      if (dl) {
        const target = dl.target;
        const name = JSON.stringify(target.name);
        if (target.type !== "sqs") {
          reporter.report("LD270", dl.path, `a dead-letter queue must be an SQS queue (got ${aKind(target.type)} resource, ${name}); name an SQS queue, or write deadLetter: { type: sqs }`);
        } else if (t.kind === "sns" && target.fifo !== t.topic.target.fifo) {
          reporter.report("LD271", dl.path, fifoMismatch(t.topic.target, target));
        } else if (t.kind !== "sns" && target.fifo) {
          reporter.report("LD271", dl.path, `EventBridge sends dead letters to standard queues only (got the FIFO queue ${name}); use a standard queue`);
        } else if (t.kind === "sns") {
          // The subscription is ldgen's, in the spec's account and region; SNS sends its dead letters only there.
          const [sub, q] = [{ account: model.account, region: model.region }, homeOf(target, model)];
          const key = (["account", "region"] as const).find((k) => sub[k] && q[k] && sub[k] !== q[k]);
          if (key) reporter.report("LD180", dl.path, `an SNS subscription's dead-letter queue must be in the subscription's ${key}, ${sub[key]} (got ${name} in ${q[key]}); use a queue in ${sub[key]}, or write deadLetter: { type: sqs }`);
        }
        if (target.type === "sqs" && target.kmsKey) {
          reporter.report("LD181", dl.path, keyPolicy(t.kind === "sns" ? "SNS" : "EventBridge", t.kind === "sns" ? "sns.amazonaws.com" : "events.amazonaws.com", "dead letters", target));
        }
      }
      if (t.kind === "eventPattern" && t.bus && t.bus.target.type !== "eventbridge") {
        reporter.report("LD275", t.bus.path, `a rule listens on an EventBridge event bus (got ${aKind(t.bus.target.type)} resource, ${JSON.stringify(t.bus.target.name)}); use an EventBridge bus, or remove bus for the default bus`);
      }
    }
  }
  // A topic's own subscriptions: the same checks as an sns trigger's deadLetter, at the deadLetter key.
  for (const topic of model.endpoints) {
    for (const sub of topic.subscriptions) {
      const dl = sub.deadLetter;
      if (!dl) continue;
      const target = dl.target;
      const name = JSON.stringify(target.name);
      if (target.type !== "sqs") {
        reporter.report("LD270", dl.path, `a dead-letter queue must be an SQS queue (got ${aKind(target.type)} resource, ${name}); name an SQS queue, or write deadLetter: { type: sqs }`);
        continue;
      }
      if (target.fifo !== topic.fifo) {
        reporter.report("LD271", dl.path, fifoMismatch(topic, target));
      } else {
        // ldgen creates the subscription in the spec's account and region; SNS sends its dead letters only there.
        const [here, q] = [{ account: model.account, region: model.region }, homeOf(target, model)];
        const key = (["account", "region"] as const).find((k) => here[k] && q[k] && here[k] !== q[k]);
        if (key) reporter.report("LD180", dl.path, `an SNS subscription's dead-letter queue must be in the subscription's ${key}, ${here[key]} (got ${name} in ${q[key]}); use a queue in ${here[key]}, or write deadLetter: { type: sqs }`);
      }
      if (target.kmsKey) reporter.report("LD181", dl.path, keyPolicy("SNS", "sns.amazonaws.com", "dead letters", target));
    }
  }
  const notify = model.monitoring?.notify;
  if (notify && (notify.target.type !== "sns" || notify.target.fifo)) {
    const got = notify.target.type === "sns" ? `the FIFO topic ${JSON.stringify(notify.target.name)}` : `${aKind(notify.target.type)} resource, ${JSON.stringify(notify.target.name)}`;
    reporter.report("LD274", notify.path, `alarms notify a standard SNS topic (got ${got}); name a standard SNS topic, or write notify: { type: sns }`);
  } else if (notify?.target.kmsKey) {
    reporter.report("LD181", notify.path, keyPolicy("CloudWatch", "cloudwatch.amazonaws.com", "alarm notifications", notify.target));
  }
  // An alarm reads metrics of its own account and region; SQS and SNS publish a queue's or topic's in theirs.
  if (notify) {
    const here = { account: model.account, region: model.region };
    for (const target of failureTargets(model).keys()) {
      if ((target.type !== "sqs" && target.type !== "sns") || !target.arn) continue;
      const there = homeOf(target, model);
      const key = (["account", "region"] as const).find((k) => here[k] && there[k] && here[k] !== there[k]);
      if (key) {
        const kind = target.type === "sqs" ? "queue" : "topic";
        reporter.report("LD182", target.path, `the alarms on the ${kind} ${JSON.stringify(target.name)} read CloudWatch metrics in ${here[key]}, but ${target.type === "sqs" ? "SQS" : "SNS"} publishes them in the ${kind}'s ${key}, ${there[key]} (got ${target.arn}), so they never fire; alarm on it in ${there[key]}, or use a ${kind} in ${here[key]}`);
      }
    }
  }
}

/** `a FIFO queue needs a FIFO dead-letter queue (got the standard queue "x")`. */
export function fifoMismatch(from: Endpoint, target: Endpoint): string {
  const what = from.type === "sqs" ? "queue" : "topic";
  const want = from.fifo ? "FIFO" : "standard";
  const got = target.fifo ? "FIFO" : "standard";
  return `a ${want} ${what} needs a ${want} dead-letter queue (got the ${got} queue ${JSON.stringify(target.name)}); use a ${want} queue${from.fifo ? " (fifo: true, its name ending in .fifo)" : ""}`;
}

/** A service principal that sends to a queue or topic encrypted with a customer managed key needs that key's policy, which ldgen does not write. */
function keyPolicy(service: string, principal: string, what: string, target: Endpoint): string {
  return `${service} sends ${what} to ${JSON.stringify(target.name)}, which is encrypted with ${target.kmsKey}: that key's policy must let ${principal} use kms:GenerateDataKey* and kms:Decrypt, and ldgen does not write key policies (got kmsKey on ${JSON.stringify(target.name)}); add that statement to the key's policy, or remove kmsKey`;
}
