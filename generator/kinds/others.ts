import type { Kind } from "./kind";

/** Kinds ldgen references but never creates. */
export const lambda: Kind = {
  type: "lambda",
  asyncDestination: { onSuccess: true, onFailure: true },
  mappingDestination: false,
};

export const dynamodb: Kind = {
  type: "dynamodb",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: { stream: true, kafka: false, startingPosition: "required", atTimestamp: false, onFailure: true, batchItemFailures: true },
};

export const msk: Kind = {
  type: "msk",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: { stream: false, kafka: true, startingPosition: "required", atTimestamp: true, onFailure: true, batchItemFailures: false },
};

export const kafka: Kind = { ...msk, type: "kafka" };

export const mq: Kind = {
  type: "mq",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: { stream: false, kafka: false, startingPosition: "forbidden", atTimestamp: false, onFailure: false, batchItemFailures: false },
};

export const docdb: Kind = {
  type: "docdb",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: { stream: false, kafka: false, startingPosition: "required", atTimestamp: true, onFailure: false, batchItemFailures: false },
};
