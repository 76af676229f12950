import type { ImportKind } from "./kind";

/** Redrive policies (aws_sqs_queue_redrive_policy, redrive_allow_policy, a queue's redrive_policy). (i20b's: a skeleton until it lands.) */
export const redrive: ImportKind = {
  name: "redrive",
  phase: 40,
  run() {},
};
