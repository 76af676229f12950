import type { ImportKind } from "./kind";

/** Triggers: S3 notifications and their permissions, SNS subscriptions, EventBridge rules, targets and schedules. (i20b's: a skeleton until it lands.) */
export const triggers: ImportKind = {
  name: "triggers",
  phase: 20,
  run() {},
};
