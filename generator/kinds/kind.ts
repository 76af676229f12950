import type { Endpoint, EndpointType } from "../model/types";
import type { Item, Output, Resource, Value } from "../plan/view";

/** What a kind's resources may ask of the rest of the plan. */
export interface KindContext {
  specName: string;
  /** Tags for a created resource: the spec's, then the endpoint's own. */
  tags(endpoint: Endpoint): Value | undefined;
  /** The visibility timeout a created queue gets, given its consumers. */
  visibilityTimeout(endpoint: Endpoint): number | undefined;
  /** The message retention a created queue gets: the declared one, or SQS's longest for a dead-letter queue. */
  retention(endpoint: Endpoint): number | undefined;
  /** A created queue's `redrive_policy`, when it has a dead-letter queue. */
  redrivePolicy(endpoint: Endpoint): Value | undefined;
  /** Another endpoint's ARN (`plan/refs.ts` arnOf: a reference when ldgen creates it), without importing the plan. */
  arnOf(endpoint: Endpoint): Value | undefined;
}

/** Where a source type stands on the settings event source mappings take. */
export interface SourceTraits {
  /** Kinesis and DynamoDB: retries, record age, bisect, parallelization, tumbling windows. */
  stream: boolean;
  /** False when Lambda does not filter its events (DocumentDB). */
  filters?: false;
  kafka: boolean;
  startingPosition: "required" | "forbidden" | "optional";
  atTimestamp: boolean;
  /** Whether a mapping from it takes an on-failure destination. */
  onFailure: boolean;
  batchItemFailures: boolean;
  /** AWS's default batch size, written so that plans do not drift. */
  batchSize: number;
  /** What a mapping from this source adds beyond the common keys (topics, queues, auth, broker settings). */
  mappingItems?(source: Endpoint, mapping: { topic?: string; consumerGroup: string }): Item[];
}

/**
 * One module per kind of endpoint, behind this interface, in the registry keyed by type.
 * IAM actions live in `plan/iam-table.ts`, as data.
 */
export interface Kind {
  type: EndpointType;
  /** How messages and docs name it: `SQS`, `Amazon MQ`. */
  title: string;
  /** The service part of its ARNs (`events` for EventBridge, `rds` for DocumentDB); none when it has no ARN. */
  arnService?: string;
  /** Whether it comes in a FIFO flavour, named with a `.fifo` suffix (SQS queues, SNS topics). */
  fifo?: true;
  /** The Terraform resource ldgen creates for it, with its AWS name limit. */
  creates?: { resource: string; nameLimit: number; nameKey: string };
  /** As an async (event invoke config) destination. */
  asyncDestination: { onSuccess: boolean; onFailure: boolean };
  /** As an event source mapping's on-failure destination. */
  mappingDestination: boolean;
  source?: SourceTraits;
  /** The resources and outputs of a created endpoint. */
  create?(endpoint: Endpoint, ctx: KindContext): { resources: Resource[]; outputs: Output[] };
}
