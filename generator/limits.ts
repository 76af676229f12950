/**
 * AWS's limits, each written once: the schema checks them, the rules and the plan use them, and the
 * catalog's prose (hence docs/rules.md) quotes them. Durations are in seconds.
 */
export interface Range {
  min: number;
  max: number;
}

export const LIMITS = {
  // CreateFunction
  functionName: 64,
  memory: { min: 128, max: 10240 },
  timeout: { min: 1, max: 900 },
  layers: 5,
  /** Environment variables, keys and values together, in bytes. */
  environmentBytes: 4096,
  // PutFunctionEventInvokeConfig
  asyncRetries: { min: 0, max: 2 },
  maxEventAge: { min: 60, max: 21600 },
  // CreateEventSourceMapping
  batchSize: { min: 1, max: 10000 },
  batchWindow: { min: 0, max: 300 },
  mappingRetries: { min: -1, max: 10000 },
  maxRecordAge: { min: 60, max: 604800 },
  parallelization: { min: 1, max: 10 },
  tumblingWindow: { min: 0, max: 900 },
  maxConcurrency: { min: 2, max: 1000 },
  /** Filters a mapping may have (the default quota is 5; AWS raises it to 10 on request). */
  filters: 10,
  filtersDefaultQuota: 5,
  /** SQS delivers at most this many messages a batch without a batching window, and FIFO queues never more. */
  sqsUnbatched: 10,
  // SQS
  visibilityTimeout: { min: 0, max: 43200 },
  /** A new queue's visibility timeout when none is set. */
  defaultVisibilityTimeout: 30,
  /** AWS advises a source queue's visibility timeout of six times its consumer's timeout (plus its batching window). */
  visibilityFactor: 6,
  sqsRetention: { min: 60, max: 1209600 },
  /** Receives before a redrive policy moves a message to its dead-letter queue. */
  maxReceiveCount: { min: 1, max: 1000 },
  /** Source queues a redrive allow policy may name (`byQueue`); beyond them only `allowAll` (SetQueueAttributes). */
  redriveAllowSources: 10,
  // Kinesis
  streamRetention: { min: 86400, max: 365 * 86400 },
  // EventBridge
  ruleName: 64,
  /** A rule target's retry policy (PutTargets RetryPolicy). */
  targetRetries: { min: 0, max: 185 },
  targetMaxEventAge: { min: 60, max: 86400 },
} as const;
