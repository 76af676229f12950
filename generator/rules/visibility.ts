import type { Reporter } from "./reporter";
import type { Model } from "../model/types";
import { formatDuration } from "../parse/duration";
import { LIMITS } from "../limits";
import { advisedVisibility, consumersOf } from "../plan/visibility";

/** A queue's declared visibility timeout against the functions that consume it (created queues without one get what AWS advises). */
export function checkVisibility(model: Model, reporter: Reporter): void {
  for (const queue of model.endpoints) {
    if (queue.type !== "sqs" || queue.visibilityTimeout === undefined) continue;
    const declared = formatDuration(queue.visibilityTimeout);
    const at = [...queue.path, "visibilityTimeout"];
    for (const c of consumersOf(queue, model)) {
      const advised = formatDuration(advisedVisibility(c));
      const window = c.batchWindow > 0 ? ` plus its batching window` : "";
      if (queue.visibilityTimeout < c.timeout) {
        reporter.report("LD501", at, `the visibility timeout is below the timeout of its consumer ${c.fn}, so AWS rejects the mapping (got ${declared}, ${c.fn} runs up to ${formatDuration(c.timeout)}); set it to at least ${advised}, or remove it and ldgen sets it`);
      } else if (queue.visibilityTimeout < advisedVisibility(c)) {
        reporter.report("LD502", at, `the visibility timeout is below ${LIMITS.visibilityFactor} times the timeout of its consumer ${c.fn}${window}, so retried batches may be received twice (got ${declared}); set it to at least ${advised}, or remove it and ldgen sets it`);
      }
    }
  }
}
