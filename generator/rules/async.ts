import type { Reporter } from "./reporter";
import { kindOf } from "../kinds/registry";
import type { Edge, Model } from "../model/types";
import { aKind } from "./words";

/** What AWS accepts as an asynchronous invocation destination, and what it quietly mishandles. */
export function checkAsync(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    const a = fn.async;
    if (!a) continue;
    checkDestination(a.onSuccess, "onSuccess", reporter);
    checkDestination(a.onFailure, "onFailure", reporter);
    if (!fn.asyncInvoked) {
      // Its config is written as asked, but no event of the spec's ever goes through it: say so once, instead of LD306/LD307.
      reporter.report(
        "LD330",
        a.path,
        `nothing in the spec invokes ${fn.name} asynchronously (no trigger, and no function sends to it), and destinations, retries and event age apply only to asynchronous invocations (got async); remove async, or add the trigger that invokes it, or keep it if it is invoked with InvocationType Event from outside the spec`,
        "key",
      );
      continue;
    }
    if (a.onFailure && fn.deadLetterQueue) {
      reporter.report(
        "LD306",
        fn.origin.deadLetterQueue ?? [...fn.path, "deadLetterQueue"],
        `${fn.name} has both async.onFailure and a dead-letter queue, so failed events go to both; keep onFailure (it carries the error and the request) and remove deadLetterQueue`,
        "key",
      );
    }
    if (!a.failureDeclared && !fn.deadLetterQueue) {
      const tries = `${a.retries} ${a.retries === 1 ? "retry" : "retries"}`;
      reporter.report("LD307", a.path, `${fn.name} drops events that still fail after ${tries} (got no onFailure); add onFailure to keep them`, "key");
    }
  }
}

function checkDestination(edge: Edge | undefined, key: "onSuccess" | "onFailure", reporter: Reporter): void {
  if (!edge) return;
  const target = edge.target;
  const name = JSON.stringify(target.name);
  if (target.type === "s3" && key === "onSuccess") {
    reporter.report("LD303", edge.path, `an S3 bucket can only receive failures (got ${name}); move it to onFailure, or send successes to SQS, SNS, EventBridge or Lambda`);
  } else if (!kindOf(target.type).asyncDestination[key]) {
    reporter.report("LD305", edge.path, `${aKind(target.type)} resource cannot be an async destination (got ${name}); use SQS, SNS, EventBridge, Lambda${key === "onFailure" ? " or S3" : ""}`);
  } else if (target.fifo) {
    const what = target.type === "sqs" ? "queue" : "topic";
    reporter.report("LD304", edge.path, `a FIFO ${what} is not a valid destination: AWS accepts it and then fails every delivery (got ${name}); use a standard ${what}`);
  }
}
