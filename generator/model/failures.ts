import type { Endpoint, LambdaFunction, Mapping, Model, Subscription, Trigger } from "./types";

/**
 * One way failed work leaves ldgen's wiring: an async on-failure destination, a mapping's on-failure
 * destination, a function's dead-letter queue, a queue's redrive to its dead-letter queue, a
 * trigger's dead-letter queue, or an SNS topic's subscription's dead-letter queue. Alarms, sample events and the graph all read this one list.
 */
export type FailurePath =
  | { via: "async"; fn: LambdaFunction; target: Endpoint }
  | { via: "mapping"; fn: LambdaFunction; mapping: Mapping; target: Endpoint }
  | { via: "functionDlq"; fn: LambdaFunction; target: Endpoint }
  | { via: "redrive"; queue: Endpoint; target: Endpoint }
  | { via: "trigger"; fn: LambdaFunction; trigger: Trigger; target: Endpoint }
  | { via: "subscription"; topic: Endpoint; subscription: Subscription; index: number; target: Endpoint };

export function failurePaths(model: Model): FailurePath[] {
  const out: FailurePath[] = [];
  for (const fn of model.functions) {
    if (fn.async?.onFailure) out.push({ via: "async", fn, target: fn.async.onFailure.target });
    if (fn.deadLetterQueue) out.push({ via: "functionDlq", fn, target: fn.deadLetterQueue.target });
    for (const mapping of fn.events) if (mapping.onFailure) out.push({ via: "mapping", fn, mapping, target: mapping.onFailure.target });
    for (const trigger of fn.triggers) if (trigger.deadLetter) out.push({ via: "trigger", fn, trigger, target: trigger.deadLetter.target });
  }
  for (const queue of model.endpoints) if (queue.deadLetter) out.push({ via: "redrive", queue, target: queue.deadLetter.edge.target });
  for (const topic of model.endpoints) {
    topic.subscriptions.forEach((subscription, index) => {
      if (subscription.deadLetter) out.push({ via: "subscription", topic, subscription, index, target: subscription.deadLetter.target });
    });
  }
  return out;
}

/** Who sent the failure, in words: `process-image`, `the jobs queue`, `analyze-clicks reading clickstream`. */
export function senderOf(p: FailurePath): string {
  switch (p.via) {
    case "redrive":
      return `the ${p.queue.name} queue`;
    case "mapping":
      return `${p.fn.name} reading ${p.mapping.source.target.name}`;
    case "subscription":
      return `the ${p.topic.name} topic's ${p.subscription.protocol} subscriber ${p.subscription.endpoint}`;
    case "trigger":
      return `${p.fn.name}'s ${p.trigger.label.slice(p.fn.label.length + 1).replace(/_/g, "-")} trigger`;
    default:
      return p.fn.name;
  }
}

/** Each queue or topic that receives failures, once, in first-seen order, with every path into it. */
export function failureTargets(model: Model): Map<Endpoint, FailurePath[]> {
  const out = new Map<Endpoint, FailurePath[]>();
  for (const p of failurePaths(model)) {
    const list = out.get(p.target);
    if (list) list.push(p);
    else out.set(p.target, [p]);
  }
  return out;
}

/** Every dead-letter queue's sources, built once per model in one pass (not one pass per queue). */
const sourcesByModel = new WeakMap<Model, Map<Endpoint, Endpoint[]>>();

/** Queues whose dead letters go to `dlq`, in spec order. */
export function redriveSources(dlq: Endpoint, model: Model): Endpoint[] {
  let index = sourcesByModel.get(model);
  if (!index) {
    index = new Map();
    for (const e of model.endpoints) {
      const target = e.type === "sqs" ? e.deadLetter?.edge.target : undefined;
      if (!target) continue;
      let list = index.get(target);
      if (!list) index.set(target, (list = []));
      list.push(e);
    }
    sourcesByModel.set(model, index);
  }
  return index.get(dlq) ?? [];
}
