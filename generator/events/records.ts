/**
 * The records AWS delivers, field by field as AWS documents them, each with the JSON Schema it
 * satisfies. Values are fixed (ids, timestamps) so that the same spec gives the same files.
 *
 * Sources:
 * - Lambda invocation record (async destinations): https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-async-destinations
 * - Kinesis on-failure record: https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 * - DynamoDB on-failure record: https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
 * - SQS event: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 * - SNS event: https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 * - EventBridge destination event: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-async-destinations
 * - S3 on-failure objects (the record plus `payload`, the whole event as JSON text): the S3 examples on the
 *   Kinesis and DynamoDB pages above, and https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
 * Kinesis, DynamoDB and S3 input events are in inputs.ts, Kafka and MSK records in kafka.ts, what lands in
 * dead-letter queues in dead-letters.ts, the ARNs and account in arns.ts.
 */
import { createHash } from "node:crypto";

export type Schema = Record<string, unknown>;
export interface Sample {
  event: unknown;
  schema: Schema;
}

export const DOCS = {
  invocationRecord: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-async-destinations",
  kinesisFailure: "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html",
  dynamodbFailure: "https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html",
  sqs: "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
  sns: "https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html",
  kinesis: "https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html",
  dynamodb: "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html",
  mskFailure: "https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html",
  msk: "https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html",
  kafka: "https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html",
  sqsMessage: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Message.html",
  sqsReceive: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html",
  snsToSqs: "https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html",
  snsDeadLetter: "https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html",
  eventBridgeDeadLetter: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html",
  eventStructure: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html",
  s3: "https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html",
  functionDeadLetter: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq",
} as const;

export const TIME = "2026-01-01T00:00:00.000Z";
export const REQUEST_ID = "c9b8fa9f-5a7f-4b2e-af9c-0c604cde93a5";
export const MESSAGE_ID = "059f36b4-87a3-44ab-83d2-661975830a7d";

export const string: Schema = { type: "string" };
export const integer: Schema = { type: "integer" };
export const object = (properties: Record<string, Schema>, required = Object.keys(properties), extra: Schema = {}): Schema => ({ type: "object", properties, required, ...extra });
export const constant = (value: unknown): Schema => ({ const: value });
/** A string that holds a JSON document of the given schema (an SQS body, an SNS message). */
export const jsonString = (schema: Schema): Schema => ({ type: "string", contentMediaType: "application/json", contentSchema: schema });
const document = (title: string, source: string, schema: Schema): Schema => ({ $schema: "https://json-schema.org/draft/2020-12/schema", title, description: `As documented at ${source}`, ...schema });

export type Condition = "Success" | "RetriesExhausted";

/** The record Lambda sends to an async destination: `requestContext.condition` Success or RetriesExhausted. */
export function invocationRecord(functionArn: string, condition: Condition, qualifier?: string, payload?: Sample): Sample {
  const failed = condition !== "Success";
  const event = {
    version: "1.0",
    timestamp: TIME,
    requestContext: { requestId: REQUEST_ID, functionArn: `${functionArn}:${qualifier ?? "$LATEST"}`, condition, approximateInvokeCount: failed ? 3 : 1 },
    requestPayload: payload ? payload.event : { example: "the event the function was invoked with" },
    responseContext: { statusCode: 200, executedVersion: qualifier ? "1" : "$LATEST", ...(failed ? { functionError: "Unhandled" } : {}) },
    responsePayload: failed ? { errorType: "Error", errorMessage: "what the function threw", trace: [] } : { example: "what the function returned" },
  };
  const schema = object({
    version: constant("1.0"),
    timestamp: { type: "string", format: "date-time" },
    requestContext: object({
      requestId: string,
      functionArn: { type: "string", pattern: "^arn:aws[a-z-]*:lambda:" },
      condition: { enum: failed ? ["RetriesExhausted", "EventAgeExceeded"] : ["Success"] },
      approximateInvokeCount: { type: "integer", minimum: 1 },
    }),
    requestPayload: payload ? payload.schema : {},
    responseContext: object({ statusCode: integer, executedVersion: string, functionError: string }, ["statusCode", "executedVersion", ...(failed ? ["functionError"] : [])]),
    responsePayload: {},
  }, ["version", "timestamp", "requestContext", "requestPayload", "responseContext"]);
  return { event, schema };
}

export type StreamKind = "kinesis" | "dynamodb";

/**
 * What a Kinesis or DynamoDB mapping sends to its on-failure destination: the batch's position, not its
 * records; an S3 destination also gets `payload`, the whole event as JSON text.
 */
export function streamFailureRecord(kind: StreamKind, functionArn: string, streamArn: string, payload?: Sample): Sample {
  const key = kind === "kinesis" ? "KinesisBatchInfo" : "DDBStreamBatchInfo";
  const event = {
    requestContext: { requestId: REQUEST_ID, functionArn, condition: "RetryAttemptsExhausted", approximateInvokeCount: 4 },
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    version: "1.0",
    timestamp: TIME,
    [key]: {
      shardId: kind === "kinesis" ? "shardId-000000000000" : "shardId-00000001767225600000-0a1b2c3d",
      startSequenceNumber: kind === "kinesis" ? "49601189658422359378836298521827638475320189012309704722" : "800000000003126276362",
      endSequenceNumber: kind === "kinesis" ? "49601189658422359378836298522902373528957594348623495186" : "800000000003126276362",
      approximateArrivalOfFirstRecord: TIME,
      approximateArrivalOfLastRecord: TIME,
      batchSize: 100,
      streamArn,
    },
    ...(payload ? { payload: JSON.stringify(payload.event) } : {}),
  };
  const schema = object({
    requestContext: object({
      requestId: string,
      functionArn: string,
      condition: { enum: ["RetryAttemptsExhausted", "RecordAgeExceeded", "FunctionError"] },
      approximateInvokeCount: { type: "integer", minimum: 1 },
    }),
    responseContext: object({ statusCode: integer, executedVersion: string, functionError: string }, ["statusCode", "executedVersion"]),
    version: constant("1.0"),
    timestamp: { type: "string", format: "date-time" },
    [key]: object({
      shardId: string,
      startSequenceNumber: string,
      endSequenceNumber: string,
      approximateArrivalOfFirstRecord: string,
      approximateArrivalOfLastRecord: string,
      batchSize: { type: "integer", minimum: 1 },
      streamArn: string,
    }),
    ...(payload ? { payload: jsonString(payload.schema) } : {}),
  });
  return { event, schema };
}

/** Extra SQS attributes: system ones (`DeadLetterQueueSourceArn`) and string message attributes. */
export interface SqsExtras {
  attributes?: Record<string, string>;
  messageAttributes?: Record<string, string>;
  /** Message attributes whose DataType is Number (Lambda's `ErrorCode`); the others are String. */
  numbers?: string[];
}

/** A message attribute's DataType. */
export const dataType = (extras: SqsExtras, name: string): "String" | "Number" => (extras.numbers?.includes(name) ? "Number" : "String");

/** An SQS event as a mapping delivers it: the message body is the record as JSON text. */
export function sqsEvent(queueArn: string, region: string, body: Sample, extras: SqsExtras = {}): Sample {
  const text = JSON.stringify(body.event);
  const extra = extras.attributes ?? {};
  const messageAttributes = Object.fromEntries(Object.entries(extras.messageAttributes ?? {}).map(([k, v]) => [k, { stringValue: v, stringListValues: [], binaryListValues: [], dataType: dataType(extras, k) }]));
  const event = {
    Records: [
      {
        messageId: MESSAGE_ID,
        receiptHandle: "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
        body: text,
        attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1767225600000", SenderId: "AROAEXAMPLEEXAMPLEEXA:awslambda", ApproximateFirstReceiveTimestamp: "1767225600010", ...extra },
        messageAttributes,
        md5OfBody: md5(text),
        eventSource: "aws:sqs",
        eventSourceARN: queueArn,
        awsRegion: region,
      },
    ],
  };
  const record = object({
    messageId: string,
    receiptHandle: string,
    body: jsonString(body.schema),
    attributes: object({ ApproximateReceiveCount: string, SentTimestamp: string, SenderId: string, ApproximateFirstReceiveTimestamp: string, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, constant(v)])) }),
    messageAttributes: Object.keys(messageAttributes).length
      ? object(Object.fromEntries(Object.keys(messageAttributes).map((k) => [k, object({ stringValue: string, stringListValues: { type: "array" }, binaryListValues: { type: "array" }, dataType: constant(dataType(extras, k)) })])))
      : { type: "object" },
    md5OfBody: string,
    eventSource: constant("aws:sqs"),
    eventSourceARN: string,
    awsRegion: string,
  });
  return { event, schema: object({ Records: { type: "array", minItems: 1, items: record } }) };
}

/** An SNS event as a Lambda subscription delivers it: `Sns.Message` is the record as JSON text. */
export function snsEvent(topicArn: string, message: Sample, extras: SqsExtras = {}): Sample {
  const attributes = Object.fromEntries(Object.entries(extras.messageAttributes ?? {}).map(([k, v]) => [k, { Type: dataType(extras, k), Value: v }]));
  const host = snsHost(topicArn);
  const event = {
    Records: [
      {
        EventVersion: "1.0",
        EventSubscriptionArn: `${topicArn}:21be56ed-a058-49f5-8c98-aedd2564c486`,
        EventSource: "aws:sns",
        Sns: {
          SignatureVersion: "1",
          Timestamp: TIME,
          Signature: "EXAMPLEpH+..",
          SigningCertUrl: `https://${host}/SimpleNotificationService-0000000000000000000000.pem`,
          MessageId: MESSAGE_ID,
          Message: JSON.stringify(message.event),
          MessageAttributes: attributes,
          Type: "Notification",
          UnsubscribeUrl: `https://${host}/?Action=Unsubscribe&SubscriptionArn=${topicArn}:21be56ed-a058-49f5-8c98-aedd2564c486`,
          TopicArn: topicArn,
          Subject: null,
        },
      },
    ],
  };
  const sns = object(
    {
      SignatureVersion: string,
      Timestamp: string,
      Signature: string,
      SigningCertUrl: string,
      MessageId: string,
      Message: jsonString(message.schema),
      MessageAttributes: Object.keys(attributes).length ? object(Object.fromEntries(Object.keys(attributes).map((k) => [k, object({ Type: constant(dataType(extras, k)), Value: string })]))) : { type: "object" },
      Type: constant("Notification"),
      UnsubscribeUrl: string,
      TopicArn: string,
      Subject: { type: ["string", "null"] },
    },
    ["SignatureVersion", "Timestamp", "Signature", "SigningCertUrl", "MessageId", "Message", "MessageAttributes", "Type", "UnsubscribeUrl", "TopicArn"],
  );
  const record = object({ EventVersion: string, EventSubscriptionArn: string, EventSource: constant("aws:sns"), Sns: sns });
  return { event, schema: object({ Records: { type: "array", minItems: 1, items: record } }) };
}

/** The EventBridge event Lambda puts on a bus destination: `detail` is the invocation record; `resources`, the (qualified) function ARN it names. */
export function eventBridgeEvent(functionArn: string, account: string, region: string, condition: Condition, detail: Sample): Sample {
  const detailType = condition === "Success" ? "Lambda Function Invocation Result - Success" : "Lambda Function Invocation Result - Failure";
  const event = { version: "0", id: MESSAGE_ID, "detail-type": detailType, source: "lambda", account, time: "2026-01-01T00:00:00Z", region, resources: [functionArn], detail: detail.event };
  const schema = object({
    version: constant("0"),
    id: string,
    "detail-type": constant(detailType),
    source: constant("lambda"),
    account: string,
    time: string,
    region: string,
    resources: { type: "array", items: string },
    detail: detail.schema,
  });
  return { event, schema };
}

/** A schema file: the draft, a title, and the AWS page it follows. */
export function schemaDocument(title: string, source: string, schema: Schema): Schema {
  return document(title, source, schema);
}

/** SNS's endpoint in the topic's region and partition: `sns.<region>.amazonaws.com[.cn]`. */
export function snsHost(topicArn: string): string {
  const [, partition, , region] = topicArn.split(":");
  return `sns.${region}.amazonaws.com${partition === "aws-cn" ? ".cn" : ""}`;
}

export const md5 = (text: string): string => createHash("md5").update(text).digest("hex");
