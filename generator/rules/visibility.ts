import type { Reporter } from "../diagnostics";
import type { Model } from "../model/types";
import { formatDuration } from "../parse/duration";
import { consumersOf } from "../plan/visibility";

/** A queue's visibility timeout against the functions that consume it. */
export function checkVisibility(model: Model, reporter: Reporter): void {
  for (const queue of model.endpoints) {
    if (queue.type !== "sqs" || queue.visibilityTimeout === undefined) continue;
    const declared = queue.visibilityTimeout;
    const at = [...queue.path, "visibilityTimeout"];
    for (const c of consumersOf(queue, model)) {
      const advised = 6 * c.timeout + c.batchWindow;
      if (declared < c.timeout) {
        reporter.report("LD501", at, `${formatDuration(declared)} is below the timeout of its consumer ${c.fn} (${formatDuration(c.timeout)}); AWS rejects the mapping. Use at least ${formatDuration(advised)}`);
      } else if (declared < advised) {
        reporter.report("LD502", at, `${formatDuration(declared)} is below six times the timeout of its consumer ${c.fn} (${formatDuration(advised)}); messages may be received twice during retries`);
      }
    }
  }
}
