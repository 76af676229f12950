import type { Reporter } from "./reporter";
import type { Model } from "../model/types";
import { aKind } from "./words";

/** References whose target must be of one kind: a function's dead-letter queue, an sns trigger's topic. */
export function checkReferenceKinds(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) {
    const dlq = fn.deadLetterQueue;
    if (dlq && dlq.target.type !== "sqs" && dlq.target.type !== "sns") {
      reporter.report("LD211", dlq.path, `a dead-letter queue must be an SQS queue or SNS topic (got ${aKind(dlq.target.type)} resource, ${JSON.stringify(dlq.target.name)}); point deadLetterQueue at a queue or topic`);
    } else if (dlq?.target.fifo) {
      reporter.report("LD211", dlq.path, `a dead-letter queue cannot be FIFO (got ${JSON.stringify(dlq.target.name)}); use a standard queue or topic`);
    }
    for (const t of fn.triggers) {
      if (t.kind === "sns" && t.topic.target.type !== "sns") {
        reporter.report("LD211", t.topic.path, `an sns trigger subscribes the function to an SNS topic (got ${aKind(t.topic.target.type)} resource, ${JSON.stringify(t.topic.target.name)}); ${t.topic.target.type === "sqs" ? "read a queue with events: [{ source: ... }] instead" : "name an SNS topic"}`);
      }
    }
  }
}
