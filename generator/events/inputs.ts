/**
 * The events a function's mappings and S3 triggers invoke it with, field by field as AWS documents them:
 * - Kinesis: https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 * - DynamoDB Streams: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
 * - S3 event notification: https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html
 * Kafka and MSK events are in kafka.ts.
 */
import { constant, integer, object, string, TIME, type Sample } from "./records";

/** A Kinesis event as a mapping delivers it (data is base64). */
export function kinesisEvent(streamArn: string, region: string, functionRoleArn: string): Sample {
  const event = {
    Records: [
      {
        kinesis: { kinesisSchemaVersion: "1.0", partitionKey: "1", sequenceNumber: "49590338271490256608559692538361571095921575989136588898", data: Buffer.from('{"example":"a record"}').toString("base64"), approximateArrivalTimestamp: 1767225600.0 },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: "shardId-000000000000:49590338271490256608559692538361571095921575989136588898",
        eventName: "aws:kinesis:record",
        invokeIdentityArn: functionRoleArn,
        awsRegion: region,
        eventSourceARN: streamArn,
      },
    ],
  };
  const record = object({
    kinesis: object({ kinesisSchemaVersion: string, partitionKey: string, sequenceNumber: string, data: { type: "string", contentEncoding: "base64" }, approximateArrivalTimestamp: { type: "number" } }),
    eventSource: constant("aws:kinesis"),
    eventVersion: string,
    eventID: string,
    eventName: constant("aws:kinesis:record"),
    invokeIdentityArn: string,
    awsRegion: string,
    eventSourceARN: string,
  });
  return { event, schema: object({ Records: { type: "array", minItems: 1, items: record } }) };
}

/** A DynamoDB Streams event as a mapping delivers it. */
export function dynamodbEvent(streamArn: string, region: string): Sample {
  const event = {
    Records: [
      {
        eventID: "c4ca4238a0b923820dcc509a6f75849b",
        eventName: "INSERT",
        eventVersion: "1.1",
        eventSource: "aws:dynamodb",
        awsRegion: region,
        dynamodb: { Keys: { Id: { N: "101" } }, NewImage: { Id: { N: "101" }, Message: { S: "New item!" } }, ApproximateCreationDateTime: 1767225600, SequenceNumber: "4421584500000000017450439091", SizeBytes: 26, StreamViewType: "NEW_AND_OLD_IMAGES" },
        eventSourceARN: streamArn,
      },
    ],
  };
  const record = object({
    eventID: string,
    eventName: { enum: ["INSERT", "MODIFY", "REMOVE"] },
    eventVersion: string,
    eventSource: constant("aws:dynamodb"),
    awsRegion: string,
    dynamodb: object({ Keys: { type: "object" }, ApproximateCreationDateTime: { type: "number" }, SequenceNumber: string, SizeBytes: integer, StreamViewType: string }),
    eventSourceARN: string,
  });
  return { event, schema: object({ Records: { type: "array", minItems: 1, items: record } }) };
}

/** An S3 event notification as a bucket's trigger delivers it: the event type without `s3:`, the key URL-encoded (`/` as `%2F`, as AWS's example shows). */
export function s3Event(bucket: string, bucketArn: string, region: string, type: string, key: string): Sample {
  const eventName = type.replace(/^s3:/, "").replace(/:\*$/, (_m) => (type.includes("ObjectRemoved") ? ":Delete" : ":Put"));
  const event = {
    Records: [
      {
        eventVersion: "2.0",
        eventSource: "aws:s3",
        awsRegion: region,
        eventTime: TIME,
        eventName,
        userIdentity: { principalId: "EXAMPLE" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { "x-amz-request-id": "EXAMPLE123456789", "x-amz-id-2": "EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "ldgen",
          bucket: { name: bucket, ownerIdentity: { principalId: "EXAMPLE" }, arn: bucketArn },
          object: { key: encodeURIComponent(key).replace(/%20/g, "+"), size: 1024, eTag: "0123456789abcdef0123456789abcdef", sequencer: "0A1B2C3D4E5F678901" },
        },
      },
    ],
  };
  const record = object({
    eventVersion: string,
    eventSource: constant("aws:s3"),
    awsRegion: string,
    eventTime: string,
    eventName: string,
    userIdentity: object({ principalId: string }),
    requestParameters: object({ sourceIPAddress: string }),
    responseElements: object({ "x-amz-request-id": string, "x-amz-id-2": string }),
    s3: object({
      s3SchemaVersion: string,
      configurationId: string,
      bucket: object({ name: constant(bucket), ownerIdentity: object({ principalId: string }), arn: string }),
      object: object({ key: string, size: integer, eTag: string, sequencer: string }, ["key", "sequencer"]),
    }),
  });
  return { event, schema: object({ Records: { type: "array", minItems: 1, items: record } }) };
}
