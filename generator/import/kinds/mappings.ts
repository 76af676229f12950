import type { ImportKind } from "./kind";

/** Event source mappings (SQS, Kinesis, DynamoDB, Kafka/MSK, MQ, DocumentDB) and the sources they read. (i20b's: a skeleton until it lands.) */
export const mappings: ImportKind = {
  name: "mappings",
  phase: 20,
  run() {},
};
