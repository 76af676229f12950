import type { Reporter } from "./reporter";
import { isPlainObject } from "../parse/shape";

/** Values that are the user's data rather than references: an ARN inside them is not ldgen's to judge. */
const DATA_KEYS = new Set(["eventPattern", "input", "filters", "environment", "tags", "description"]);

/**
 * Every ARN in the spec is in the spec's partition (`partition`, default `aws`): AWS has no references
 * across partitions, so a role, destination or grant in another one fails at deploy time.
 */
export function checkPartition(spec: Record<string, unknown>, reporter: Reporter): void {
  const partition = typeof spec.partition === "string" ? spec.partition : "aws";
  // One path, extended and shortened as the walk goes (copied only for a report): a spec has thousands of values.
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (!value.startsWith("arn:")) return;
      const other = /^arn:([^:]*):/.exec(value)?.[1];
      if (other !== undefined && other !== partition) {
        const fix = spec.partition === undefined ? `set partition: ${other} at the top level, or use` : "use";
        reporter.report("LD730", [...path], `this ARN is in partition ${other} and the spec in ${partition} (got ${JSON.stringify(value)}); ${fix} an ARN in ${partition}`);
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        if (DATA_KEYS.has(key)) continue;
        path.push(key);
        walk(value[key]);
        path.pop();
      }
    }
  };
  walk(spec);
}
