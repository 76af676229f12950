import type { ImportKind } from "./kind";

/** Alarms and monitoring (aws_cloudwatch_metric_alarm). (i20b's: a skeleton until it lands.) */
export const alarms: ImportKind = {
  name: "alarms",
  phase: 40,
  run() {},
};
