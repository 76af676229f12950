import type { Reporter } from "../diagnostics";
import { kindOf } from "../kinds/registry";
import type { Edge, Model } from "../model/types";

/** What AWS accepts as an asynchronous invocation destination, and what it quietly mishandles. */
export function checkAsync(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    const a = fn.async;
    if (!a) continue;
    checkDestination(a.onSuccess, "onSuccess", reporter);
    checkDestination(a.onFailure, "onFailure", reporter);
    if (a.onFailure && fn.deadLetterQueue) {
      reporter.report("LD306", fn.origin.deadLetterQueue ?? [...fn.path, "deadLetterQueue"], `${fn.name} has both async.onFailure and a dead-letter queue; failed events go to both. Keep onFailure (it carries more context) and drop deadLetterQueue`);
    }
    if (!a.onFailure && !fn.deadLetterQueue) {
      reporter.report("LD307", a.path, `events that still fail after ${a.retries} ${a.retries === 1 ? "retry" : "retries"} are dropped; add onFailure to keep them`, "key");
    }
  }
}

function checkDestination(edge: Edge | undefined, key: "onSuccess" | "onFailure", reporter: Reporter): void {
  if (!edge) return;
  const target = edge.target;
  const allowed = kindOf(target.type).asyncDestination;
  if (target.type === "s3" && key === "onSuccess") {
    reporter.report("LD303", edge.path, `an S3 bucket can only receive failures (got ${JSON.stringify(target.name)}); move it to onFailure, or send successes to SQS, SNS, EventBridge or Lambda`);
  } else if (!allowed[key]) {
    reporter.report("LD305", edge.path, `a ${target.type} resource cannot be an async destination (got ${JSON.stringify(target.name)}); use SQS, SNS, EventBridge, Lambda${key === "onFailure" ? " or S3" : ""}`);
  } else if (target.fifo) {
    reporter.report("LD304", edge.path, `${JSON.stringify(target.name)} is a FIFO ${target.type === "sqs" ? "queue" : "topic"}: AWS accepts it and then fails every delivery; use a standard ${target.type === "sqs" ? "queue" : "topic"}`);
  }
}
