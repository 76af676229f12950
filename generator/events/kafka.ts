/**
 * Amazon MSK and self-managed Kafka records, field by field as AWS documents them:
 * - the event a Kafka mapping delivers: https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html (MSK,
 *   `eventSource` "aws:kafka" with the cluster's `eventSourceArn`) and
 *   https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html (self-managed, "SelfManagedKafka", no ARN);
 * - what a Kafka mapping sends to an SQS, SNS or S3 on-failure destination ("SNS and SQS example invocation
 *   record", "S3 destination example invocation record"):
 *   https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html (formerly with-msk-on-failure.html and
 *   with-kafka-on-failure.html). `KafkaBatchInfo.recordsInfo` is keyed `<topic>-<partition>`; S3 objects also
 *   carry `payload`, the whole event as JSON text. AWS's one example shows an MSK cluster's `eventSourceArn`;
 *   a self-managed cluster has no ARN, so the schema requires it for MSK only and the sample leaves it out.
 */
import { constant, integer, jsonString, object, REQUEST_ID, string, TIME, type Sample } from "./records";

export type KafkaKind = "msk" | "kafka";

export interface KafkaSource {
  kind: KafkaKind;
  /** The MSK cluster's ARN; undefined for a self-managed cluster. */
  clusterArn?: string;
  bootstrapServers: string;
  topic: string;
}

const VALUE = Buffer.from('{"example":"a record"}').toString("base64");
const KEY = Buffer.from("a-key").toString("base64");

/** The event a Kafka or MSK mapping invokes the function with: records by `<topic>-<partition>`, key and value base64. */
export function kafkaEvent(source: KafkaSource): Sample {
  const msk = source.kind === "msk";
  const event = {
    eventSource: msk ? "aws:kafka" : "SelfManagedKafka",
    ...(msk ? { eventSourceArn: source.clusterArn } : {}),
    bootstrapServers: source.bootstrapServers,
    records: {
      [`${source.topic}-0`]: [
        { topic: source.topic, partition: 0, offset: 15, timestamp: 1767225600000, timestampType: "CREATE_TIME", key: KEY, value: VALUE, headers: [{ headerKey: [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] }] },
      ],
    },
  };
  const record = object({
    topic: string,
    partition: integer,
    offset: integer,
    timestamp: integer,
    timestampType: { enum: ["CREATE_TIME", "LOG_APPEND_TIME"] },
    key: { type: "string", contentEncoding: "base64" },
    value: { type: "string", contentEncoding: "base64" },
    headers: { type: "array", items: { type: "object", additionalProperties: { type: "array", items: integer } } },
  }, ["topic", "partition", "offset", "timestamp", "timestampType", "value", "headers"]);
  const schema = object(
    {
      eventSource: constant(event.eventSource),
      ...(msk ? { eventSourceArn: string } : {}),
      bootstrapServers: string,
      records: { type: "object", minProperties: 1, additionalProperties: { type: "array", minItems: 1, items: record } },
    },
  );
  return { event, schema };
}

/**
 * What a Kafka or MSK mapping sends to its on-failure destination: where the failed batch is (offsets and
 * timestamps per topic partition), not its records; an S3 destination also gets `payload`, the whole event.
 */
export function kafkaFailureRecord(functionArn: string, source: KafkaSource, payload?: Sample): Sample {
  const msk = source.kind === "msk";
  const event = {
    requestContext: { requestId: REQUEST_ID, functionArn, condition: "RetryAttemptsExhausted", approximateInvokeCount: 1 },
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    version: "1.0",
    timestamp: TIME,
    KafkaBatchInfo: {
      batchSize: 1,
      ...(msk ? { eventSourceArn: source.clusterArn } : {}),
      bootstrapServers: source.bootstrapServers,
      payloadSize: payload ? Buffer.byteLength(JSON.stringify(payload.event)) : 1162,
      recordsInfo: {
        [`${source.topic}-0`]: { firstRecordOffset: "15", lastRecordOffset: "15", firstRecordTimestamp: "2026-01-01T00:00:00.000Z", lastRecordTimestamp: "2026-01-01T00:00:00.000Z" },
      },
    },
    ...(payload ? { payload: JSON.stringify(payload.event) } : {}),
  };
  const partition = object({ firstRecordOffset: string, lastRecordOffset: string, firstRecordTimestamp: string, lastRecordTimestamp: string });
  const schema = object({
    requestContext: object({
      requestId: string,
      functionArn: string,
      condition: { enum: ["RetryAttemptsExhausted", "MaximumPayloadSizeExceeded"] },
      approximateInvokeCount: { type: "integer", minimum: 1 },
    }),
    // null when the condition is MaximumPayloadSizeExceeded.
    responseContext: { oneOf: [{ type: "null" }, object({ statusCode: integer, executedVersion: string, functionError: string }, ["statusCode", "executedVersion"])] },
    version: constant("1.0"),
    timestamp: { type: "string", format: "date-time" },
    KafkaBatchInfo: object(
      {
        batchSize: { type: "integer", minimum: 1 },
        eventSourceArn: string,
        bootstrapServers: string,
        payloadSize: { type: "integer", minimum: 0 },
        recordsInfo: { type: "object", minProperties: 1, propertyNames: { pattern: "-[0-9]+$" }, additionalProperties: partition },
      },
      ["batchSize", ...(msk ? ["eventSourceArn"] : []), "bootstrapServers", "payloadSize", "recordsInfo"],
    ),
    ...(payload ? { payload: jsonString(payload.schema) } : {}),
  });
  return { event, schema };
}
