import type { Kind } from "./kind";

/** A DynamoDB stream, always referenced by its stream ARN. */
export const dynamodb: Kind = {
  type: "dynamodb",
  title: "DynamoDB",
  arnService: "dynamodb",
  asyncDestination: { onSuccess: false, onFailure: false },
  mappingDestination: false,
  source: { stream: true, kafka: false, startingPosition: "required", atTimestamp: false, onFailure: true, batchItemFailures: true, batchSize: 100 },
};
