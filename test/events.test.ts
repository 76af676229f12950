import Ajv2020 from "ajv/dist/2020";
import { events } from "../generator";
import { s3Code, specYaml } from "./support/spec";

/** `ldgen events`: which samples a spec gives, that each satisfies its schema, and AWS's documented field lists. */
const samplesOf = (sections: Record<string, unknown>) => {
  const result = events(specYaml({ region: "us-east-2", ...sections }), "spec.yaml");
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(JSON.stringify(errors));
  return result.files;
};
const json = (files: Record<string, string>, name: string) => JSON.parse(files[name]) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Field lists as AWS documents them (see generator/events/records.ts for the pages).
const INVOCATION_RECORD = ["requestContext", "requestPayload", "responseContext", "responsePayload", "timestamp", "version"];
const REQUEST_CONTEXT = ["approximateInvokeCount", "condition", "functionArn", "requestId"];
const SQS_RECORD = ["attributes", "awsRegion", "body", "eventSource", "eventSourceARN", "md5OfBody", "messageAttributes", "messageId", "receiptHandle"];
const SNS_MESSAGE = ["Message", "MessageAttributes", "MessageId", "Signature", "SignatureVersion", "SigningCertUrl", "Subject", "Timestamp", "TopicArn", "Type", "UnsubscribeUrl"];
const EVENTBRIDGE = ["account", "detail", "detail-type", "id", "region", "resources", "source", "time", "version"];
const STREAM_FAILURE = ["requestContext", "responseContext", "timestamp", "version"];
const BATCH_INFO = ["approximateArrivalOfFirstRecord", "approximateArrivalOfLastRecord", "batchSize", "endSequenceNumber", "shardId", "startSequenceNumber", "streamArn"];
// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html ("SNS and SQS example invocation record"; S3 adds payload).
const KAFKA_FAILURE = ["KafkaBatchInfo", "requestContext", "responseContext", "timestamp", "version"];
const KAFKA_BATCH_INFO = ["batchSize", "bootstrapServers", "eventSourceArn", "payloadSize", "recordsInfo"];
const KAFKA_RECORDS_INFO = ["firstRecordOffset", "firstRecordTimestamp", "lastRecordOffset", "lastRecordTimestamp"];
// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html and with-kafka.html
const KAFKA_EVENT = { msk: ["bootstrapServers", "eventSource", "eventSourceArn", "records"], kafka: ["bootstrapServers", "eventSource", "records"] };
const KAFKA_RECORD = ["headers", "key", "offset", "partition", "timestamp", "timestampType", "topic", "value"];
// https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html
const S3_RECORD = ["awsRegion", "eventName", "eventSource", "eventTime", "eventVersion", "requestParameters", "responseElements", "s3", "userIdentity"];
const S3_OBJECT = ["eTag", "key", "sequencer", "size"];
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Message.html
const SQS_MESSAGE = ["Attributes", "Body", "MD5OfBody", "MessageAttributes", "MessageId", "ReceiptHandle"];
// https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html (no Subject: Lambda publishes none)
const SNS_TO_SQS = ["Message", "MessageId", "Signature", "SignatureVersion", "SigningCertURL", "Timestamp", "TopicArn", "Type", "UnsubscribeURL"];
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
const EB_DEAD_LETTER_ATTRIBUTES = ["ERROR_CODE", "ERROR_MESSAGE", "EXHAUSTED_RETRY_CONDITION", "RETRY_ATTEMPTS", "RULE_ARN", "TARGET_ARN"];
const keys = (o: object) => Object.keys(o).sort();

describe("ldgen events: which samples", () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ["a Lambda destination receives the record directly", { functions: { a: { ...s3Code, async: { onFailure: "b" } }, b: s3Code } }, ["b/a.json"]],
    [
      "a queue fed by a destination and consumed by a mapping",
      { destinations: { q: { type: "sqs" } }, functions: { a: { ...s3Code, async: { onSuccess: "q" } }, b: { ...s3Code, events: [{ source: "q" }] } } },
      ["b/a.json"],
    ],
    [
      "a topic fed by a destination and consumed by an sns trigger",
      { destinations: { t: { type: "sns" } }, functions: { a: { ...s3Code, async: { onFailure: "t" } }, b: { ...s3Code, triggers: [{ sns: "t" }] } } },
      ["b/a.json"],
    ],
    [
      "a bus fed by a destination and consumed by an eventPattern trigger on it",
      { destinations: { bus: { type: "eventbridge" } }, functions: { a: { ...s3Code, async: { onFailure: "bus" } }, b: { ...s3Code, triggers: [{ eventPattern: { source: ["lambda"] }, bus: "bus" }] } } },
      ["b/a.json"],
    ],
    [
      "a rule on the bus whose pattern cannot match Lambda's events gets none",
      {
        destinations: { bus: { type: "eventbridge" } },
        functions: { a: { ...s3Code, async: { onFailure: "bus" } }, b: { ...s3Code, triggers: [{ eventPattern: { source: ["shop.orders"] }, bus: "bus" }] }, c: { ...s3Code, triggers: [{ eventPattern: { source: ["lambda"], "detail-type": [{ prefix: "Lambda" }] }, bus: "bus" }] } },
      },
      ["c/a.json"],
    ],
    ["a failure queue nobody consumes: what lands there", { destinations: { q: { type: "sqs" } }, functions: { a: { ...s3Code, async: { onFailure: "q" } } } }, ["q/a.json"]],
    ["a success queue nobody consumes: nothing", { destinations: { q: { type: "sqs" } }, functions: { a: { ...s3Code, async: { onSuccess: "q" } } } }, []],
    [
      "a stream mapping: its input event, and its failure record named after the source",
      { sources: { s: { type: "kinesis" } }, functions: { a: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST", onFailure: { type: "sqs" } }] } } },
      ["a-s-on-failure/s.json", "a/s.json"],
    ],
  ])("%s", (_name, sections, want) => {
    const files = samplesOf(sections);
    expect(Object.keys(files).filter((f) => !f.endsWith(".schema.json")).sort()).toEqual(want);
    for (const f of want) expect(Object.keys(files)).toContain(f.replace(/\.json$/, ".schema.json"));
  });
});

describe("ldgen events: each sample satisfies its schema and AWS's field lists", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // The schemas' one format: RFC 3339 date-time, as AWS writes timestamps ("2019-11-14T18:16:05.568Z").
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const valid = (files: Record<string, string>, name: string) => {
    const schema = json(files, name.replace(/\.json$/, ".schema.json"));
    const check = ajv.compile(schema);
    const sample = json(files, name);
    expect(check(sample) ? [] : check.errors).toEqual([]);
    return { sample, schema };
  };
  /** A JSON text field checked against its `contentSchema` (ajv does not descend into it). */
  const validContent = (text: string, schema: Record<string, unknown>) => {
    const check = ajv.compile(schema);
    const value = JSON.parse(text);
    expect(check(value) ? [] : check.errors).toEqual([]);
    return value;
  };

  it("the Lambda destination record: Success and RetriesExhausted, with the sender's ARN", () => {
    const files = samplesOf({ functions: { a: { ...s3Code, async: { onSuccess: "b", onFailure: "c" } }, b: s3Code, c: s3Code } });
    const ok = valid(files, "b/a.json").sample;
    const failed = valid(files, "c/a.json").sample;
    expect(keys(ok)).toEqual(INVOCATION_RECORD);
    expect(keys(ok.requestContext)).toEqual(REQUEST_CONTEXT);
    expect(ok.requestContext).toMatchObject({ condition: "Success", functionArn: "arn:aws:lambda:us-east-2:123456789012:function:app-a:$LATEST" });
    expect(failed.requestContext.condition).toBe("RetriesExhausted");
    expect(failed.responseContext.functionError).toBe("Unhandled");
  });

  it("inside the SQS envelope: the body is the record", () => {
    const files = samplesOf({ destinations: { q: { type: "sqs" } }, functions: { a: { ...s3Code, async: { onFailure: "q" } }, b: { ...s3Code, events: [{ source: "q" }] } } });
    const { sample, schema } = valid(files, "b/a.json");
    const record = sample.Records[0];
    expect(keys(record)).toEqual(SQS_RECORD);
    expect(record).toMatchObject({ eventSource: "aws:sqs", eventSourceARN: "arn:aws:sqs:us-east-2:123456789012:app-q", awsRegion: "us-east-2" });
    const body = validContent(record.body, schema.properties.Records.items.properties.body.contentSchema);
    expect(body.requestContext.condition).toBe("RetriesExhausted");
  });

  it("inside the SNS envelope: the message is the record", () => {
    const files = samplesOf({ destinations: { t: { type: "sns" } }, functions: { a: { ...s3Code, async: { onFailure: "t" } }, b: { ...s3Code, triggers: [{ sns: "t" }] } } });
    const { sample, schema } = valid(files, "b/a.json");
    expect(keys(sample.Records[0].Sns)).toEqual(SNS_MESSAGE);
    expect(sample.Records[0].Sns.TopicArn).toBe("arn:aws:sns:us-east-2:123456789012:app-t");
    validContent(sample.Records[0].Sns.Message, schema.properties.Records.items.properties.Sns.properties.Message.contentSchema);
  });

  it("inside the EventBridge event: detail is the record, detail-type says the outcome", () => {
    const files = samplesOf({ destinations: { bus: { type: "eventbridge" } }, functions: { a: { ...s3Code, async: { onSuccess: "bus" } }, b: { ...s3Code, triggers: [{ eventPattern: { source: ["lambda"] }, bus: "bus" }] } } });
    const { sample } = valid(files, "b/a.json");
    expect(keys(sample)).toEqual(EVENTBRIDGE);
    expect(sample).toMatchObject({ source: "lambda", "detail-type": "Lambda Function Invocation Result - Success" });
    expect(keys(sample.detail)).toEqual(INVOCATION_RECORD);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["unqualified", {}, "arn:aws:lambda:us-east-2:123456789012:function:app-a:$LATEST"],
    ["invoked through its alias", { qualifier: "live" }, "arn:aws:lambda:us-east-2:123456789012:function:app-a:live"],
  ])("inside the EventBridge event, %s: resources names the function ARN the record names", (_name, extra, arn) => {
    const files = samplesOf({ destinations: { bus: { type: "eventbridge" } }, functions: { a: { ...s3Code, ...extra, async: { onSuccess: "bus" } }, b: { ...s3Code, triggers: [{ eventPattern: { source: ["lambda"] }, bus: "bus" }] } } });
    const { sample } = valid(files, "b/a.json");
    expect([sample.resources, sample.detail.requestContext.functionArn]).toEqual([[arn], arn]);
  });

  it.each([
    ["kinesis", "KinesisBatchInfo", "LATEST"],
    ["dynamodb", "DDBStreamBatchInfo", "TRIM_HORIZON"],
  ])("a %s failure record carries %s", (type, key, position) => {
    const source = type === "kinesis" ? { type } : { type, arn: "arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000" };
    const files = samplesOf({ sources: { s: source }, functions: { a: { ...s3Code, events: [{ source: "s", startingPosition: position, onFailure: { type: "sqs" } }] } } });
    const { sample: message, schema } = valid(files, "a-s-on-failure/s.json");
    expect(keys(message)).toEqual(SQS_MESSAGE);
    const sample = validContent(message.Body, schema.properties.Body.contentSchema);
    expect(keys(sample)).toEqual([...STREAM_FAILURE, key].sort());
    expect(keys(sample[key])).toEqual(BATCH_INFO);
    expect(sample.requestContext.condition).toBe("RetryAttemptsExhausted");
    valid(files, "a/s.json");
  });

  it.each<[string, Record<string, unknown>]>([
    ["msk", { type: "msk", arn: "arn:aws:kafka:us-east-2:123456789012:cluster/orders/abc-1", topic: "orders" }],
    ["kafka", { type: "kafka", bootstrapServers: ["b-1.example.com:9092", "b-2.example.com:9092"], topic: "orders" }],
  ])("a %s mapping: its event, and its failure record with KafkaBatchInfo", (type, source) => {
    const files = samplesOf({ sources: { k: source }, functions: { a: { ...s3Code, events: [{ source: "k", startingPosition: "LATEST", onFailure: { type: "sqs" } }] } } });
    const input = valid(files, "a/k.json").sample;
    expect(keys(input)).toEqual(KAFKA_EVENT[type as "msk" | "kafka"]);
    expect(input.eventSource).toBe(type === "msk" ? "aws:kafka" : "SelfManagedKafka");
    expect(keys(input.records)).toEqual(["orders-0"]);
    expect(keys(input.records["orders-0"][0])).toEqual(KAFKA_RECORD);
    const { sample: message, schema } = valid(files, "a-k-on-failure/k.json");
    const record = validContent(message.Body, schema.properties.Body.contentSchema);
    expect(keys(record)).toEqual(KAFKA_FAILURE);
    expect(keys(record.KafkaBatchInfo)).toEqual(KAFKA_BATCH_INFO.filter((k) => type === "msk" || k !== "eventSourceArn"));
    expect(keys(record.KafkaBatchInfo.recordsInfo)).toEqual(["orders-0"]);
    expect(keys(record.KafkaBatchInfo.recordsInfo["orders-0"])).toEqual(KAFKA_RECORDS_INFO);
    expect(record.requestContext).toMatchObject({ condition: "RetryAttemptsExhausted", functionArn: "arn:aws:lambda:us-east-2:123456789012:function:app-a" });
    if (type === "msk") expect(record.KafkaBatchInfo.eventSourceArn).toBe(source.arn);
    else expect(record.KafkaBatchInfo.bootstrapServers).toBe("b-1.example.com:9092,b-2.example.com:9092");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["kinesis", { type: "kinesis" }, "KinesisBatchInfo"],
    ["dynamodb", { type: "dynamodb", arn: "arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000" }, "DDBStreamBatchInfo"],
    ["msk", { type: "msk", arn: "arn:aws:kafka:us-east-2:123456789012:cluster/orders/abc-1", topic: "orders" }, "KafkaBatchInfo"],
  ])("a %s mapping's S3 on-failure object: the record plus payload, the whole event as JSON text", (_type, source, key) => {
    const files = samplesOf({ sources: { s: source }, functions: { a: { ...s3Code, events: [{ source: "s", startingPosition: "LATEST", onFailure: { type: "s3" } }] } } });
    const { sample, schema } = valid(files, "a-s-on-failure/s.json");
    expect(keys(sample)).toEqual([...(key === "KafkaBatchInfo" ? KAFKA_FAILURE : [...STREAM_FAILURE, key]), "payload"].sort());
    expect(validContent(sample.payload, schema.properties.payload.contentSchema)).toEqual(json(files, "a/s.json"));
  });

  it("a redrive dead-letter queue: the message as SQS moved it, with DeadLetterQueueSourceArn; its consumer gets it in the SQS event", () => {
    const files = samplesOf({
      destinations: { q: { type: "sqs", deadLetter: { queue: "parked", maxReceiveCount: 3 } }, parked: { type: "sqs" }, jobs: { type: "sqs", deadLetter: "idle" }, idle: { type: "sqs" } },
      functions: { a: { ...s3Code, async: { onSuccess: "q" } }, b: { ...s3Code, events: [{ source: "q" }, { source: "jobs" }] }, c: { ...s3Code, events: [{ source: "parked" }] } },
    });
    expect(Object.keys(files).filter((f) => !f.endsWith(".schema.json")).sort()).toEqual(["b/a.json", "c/q.json", "idle/jobs.json"]);
    const { sample, schema } = valid(files, "c/q.json");
    expect(sample.Records[0].attributes.DeadLetterQueueSourceArn).toBe("arn:aws:sqs:us-east-2:123456789012:app-q");
    expect(sample.Records[0].eventSourceARN).toBe("arn:aws:sqs:us-east-2:123456789012:app-parked");
    expect(validContent(sample.Records[0].body, schema.properties.Records.items.properties.body.contentSchema).requestContext.condition).toBe("Success");
    const landed = valid(files, "idle/jobs.json");
    expect(keys(landed.sample)).toEqual(SQS_MESSAGE);
    expect(landed.sample.Attributes.DeadLetterQueueSourceArn).toBe("arn:aws:sqs:us-east-2:123456789012:app-jobs");
    expect(JSON.parse(landed.sample.Body)).toEqual({ example: "a message a producer sent to jobs" });
  });

  it("a FIFO queue's dead letters carry MessageGroupId, MessageDeduplicationId and SequenceNumber", () => {
    const files = samplesOf({ sources: { jobs: { type: "sqs", fifo: true, deadLetter: {} } }, functions: { b: { ...s3Code, events: [{ source: "jobs" }] } } });
    const { sample } = valid(files, "jobs-dlq/jobs.json");
    expect(keys(sample.Attributes)).toEqual(["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "DeadLetterQueueSourceArn", "MessageDeduplicationId", "MessageGroupId", "SenderId", "SentTimestamp", "SequenceNumber"]);
    expect(sample.Attributes.DeadLetterQueueSourceArn).toBe("arn:aws:sqs:us-east-2:123456789012:app-jobs.fifo");
  });

  it("an SNS subscription's dead-letter queue: the notification as SNS sends it to SQS, its Message what the topic got", () => {
    const files = samplesOf({ destinations: { t: { type: "sns" } }, functions: { a: { ...s3Code, async: { onFailure: "t" } }, b: { ...s3Code, triggers: [{ sns: "t", deadLetter: { type: "sqs" } }] } } });
    const { sample, schema } = valid(files, "b-sns-dlq/b-sns.json");
    const notification = validContent(sample.Body, schema.properties.Body.contentSchema);
    expect(keys(notification)).toEqual(SNS_TO_SQS);
    expect(notification.TopicArn).toBe("arn:aws:sns:us-east-2:123456789012:app-t");
    expect(JSON.parse(notification.Message).requestContext.condition).toBe("RetriesExhausted");
  });

  it("a topic's own subscription's dead-letter queue: the notification SNS could not deliver to that subscriber, valid against its schema", () => {
    const files = samplesOf({
      destinations: { alerts: { type: "sns", subscriptions: [{ protocol: "email", endpoint: "ops@example.com" }, { protocol: "https", endpoint: "https://hooks.example.com/x", deadLetter: "parked" }] }, parked: { type: "sqs" } },
      functions: { a: { ...s3Code, async: { onFailure: "alerts" } } },
    });
    expect(Object.keys(files).filter((f) => f.startsWith("parked/"))).toEqual(["parked/alerts-subscription-1.json", "parked/alerts-subscription-1.schema.json"]);
    const { sample, schema } = valid(files, "parked/alerts-subscription-1.json");
    expect(keys(sample)).toEqual(SQS_MESSAGE);
    const notification = validContent(sample.Body, schema.properties.Body.contentSchema);
    expect(keys(notification)).toEqual(SNS_TO_SQS);
    expect(notification.TopicArn).toBe("arn:aws:sns:us-east-2:123456789012:app-alerts");
    expect(JSON.parse(notification.Message).requestContext.condition).toBe("RetriesExhausted");
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["a schedule", { schedule: "rate(5 minutes)", retries: 3, deadLetter: { type: "sqs" } }, { source: "aws.events", "detail-type": "Scheduled Event", resources: ["arn:aws:events:us-east-2:123456789012:rule/app-a-schedule"] }],
    ["an eventPattern on a bus", { eventPattern: { source: ["orders"], "detail-type": ["Order Placed"] }, bus: "bus", deadLetter: { type: "sqs" } }, { source: "orders", "detail-type": "Order Placed" }],
  ])("%s trigger's dead-letter queue: the event, with EventBridge's error attributes", (_name, trigger, event) => {
    const files = samplesOf({ destinations: { bus: { type: "eventbridge" } }, functions: { a: { ...s3Code, qualifier: "live", triggers: [trigger] } } });
    const dir = Object.keys(files).find((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))!;
    const { sample, schema } = valid(files, dir);
    expect(keys(sample)).toEqual([...SQS_MESSAGE, "MD5OfMessageAttributes"].sort());
    expect(keys(sample.MessageAttributes)).toEqual(EB_DEAD_LETTER_ATTRIBUTES);
    const attribute = (name: string) => sample.MessageAttributes[name].StringValue;
    const stem = "schedule" in trigger ? "schedule" : "events";
    const rule = "schedule" in trigger ? `rule/app-a-${stem}` : `rule/app-bus/app-a-${stem}`;
    expect([attribute("RULE_ARN"), attribute("TARGET_ARN"), attribute("RETRY_ATTEMPTS"), attribute("EXHAUSTED_RETRY_CONDITION")]).toEqual([
      `arn:aws:events:us-east-2:123456789012:${rule}`,
      "arn:aws:lambda:us-east-2:123456789012:function:app-a:live",
      String(trigger.retries ?? 185),
      "MaximumRetryAttempts",
    ]);
    expect(validContent(sample.Body, schema.properties.Body.contentSchema)).toMatchObject(event);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, (files: Record<string, string>) => unknown, unknown]>([
    [
      "an existing bus declared with its ARN: the rule ARN names the bus in the ARN",
      { bus: { type: "eventbridge", arn: "arn:aws:events:us-east-2:123456789012:event-bus/shared-orders" } },
      { eventPattern: { source: ["orders"] }, bus: "bus", deadLetter: { type: "sqs" } },
      (files) => json(files, "a-events-dlq/a-events.json").MessageAttributes.RULE_ARN.StringValue,
      "arn:aws:events:us-east-2:123456789012:rule/shared-orders/app-a-events",
    ],
    [
      "an existing bucket declared with its ARN: the S3 event names the bucket in the ARN",
      { uploads: { type: "s3", arn: "arn:aws:s3:::team-uploads" } },
      { s3: { bucket: "uploads", events: ["s3:ObjectCreated:*"] } },
      (files) => json(files, "b/a.json").requestPayload.Records[0].s3.bucket.name,
      "team-uploads",
    ],
  ])("%s", (_name, destinations, trigger, pick, want) => {
    const files = samplesOf({ destinations, functions: { a: { ...s3Code, triggers: [trigger], async: { onFailure: "b" } }, b: s3Code } });
    expect(pick(files)).toEqual(want);
  });

  it("a function's dead-letter queue: the event as it was, with RequestID, ErrorCode (a Number) and ErrorMessage", () => {
    const files = samplesOf({ functions: { a: { ...s3Code, deadLetterQueue: { type: "sqs" } } } });
    const { sample } = valid(files, "a-dlq/a.json");
    expect(keys(sample)).toEqual([...SQS_MESSAGE, "MD5OfMessageAttributes"].sort());
    expect(sample.MessageAttributes).toMatchObject({ RequestID: { DataType: "String" }, ErrorCode: { DataType: "Number", StringValue: "200" }, ErrorMessage: { DataType: "String" } });
    expect(keys(sample.MessageAttributes)).toEqual(["ErrorCode", "ErrorMessage", "RequestID"]);
  });

  it("a function's dead-letter topic consumed by a function: the SNS event carries Lambda's attributes", () => {
    const files = samplesOf({ destinations: { t: { type: "sns" } }, functions: { a: { ...s3Code, deadLetterQueue: "t" }, b: { ...s3Code, triggers: [{ sns: "t" }] } } });
    const { sample } = valid(files, "b/a.json");
    expect(sample.Records[0].Sns.MessageAttributes).toEqual({ RequestID: { Type: "String", Value: expect.any(String) }, ErrorCode: { Type: "Number", Value: "200" }, ErrorMessage: { Type: "String", Value: expect.any(String) } });
  });

  it("a failure topic nobody in the spec subscribes to: the notification as SNS delivers it to a queue", () => {
    const files = samplesOf({ destinations: { t: { type: "sns" } }, functions: { a: { ...s3Code, async: { onFailure: "t" } } } });
    const { sample, schema } = valid(files, "t/a.json");
    expect(keys(sample)).toEqual(SNS_TO_SQS);
    expect(validContent(sample.Message, schema.properties.Message.contentSchema).requestContext.condition).toBe("RetriesExhausted");
  });

  it("the record's requestPayload is the event each trigger invoked the function with: one record per trigger", () => {
    const files = samplesOf({
      destinations: { up: { type: "s3" } },
      functions: { a: { ...s3Code, async: { onFailure: "b" }, triggers: [{ s3: { bucket: "up", events: ["s3:ObjectCreated:*"], prefix: "in coming/" } }, { schedule: "rate(1 hour)" }] }, b: s3Code },
    });
    const fromS3 = valid(files, "b/a.json").sample;
    expect(keys(fromS3.requestPayload.Records[0])).toEqual(S3_RECORD);
    expect(fromS3.requestPayload.Records[0]).toMatchObject({ eventSource: "aws:s3", eventName: "ObjectCreated:Put", s3: { bucket: { name: "app-up", arn: "arn:aws:s3:::app-up" } } });
    expect(keys(fromS3.requestPayload.Records[0].s3.object)).toEqual(S3_OBJECT);
    expect(fromS3.requestPayload.Records[0].s3.object.key).toBe("in+coming%2Fexample.json");
    expect(valid(files, "b/a-2.json").sample.requestPayload).toMatchObject({ source: "aws.events", "detail-type": "Scheduled Event", resources: ["arn:aws:events:us-east-2:123456789012:rule/app-a-schedule"] });
  });

  it("a Lambda destination's own record carries, as requestPayload, the record it was invoked with", () => {
    const files = samplesOf({ functions: { c: s3Code, b: { ...s3Code, async: { onFailure: "c" } }, a: { ...s3Code, async: { onFailure: "b" } } } });
    expect(valid(files, "c/b.json").sample.requestPayload.requestContext.functionArn).toBe("arn:aws:lambda:us-east-2:123456789012:function:app-a:$LATEST");
  });

  it("a function's dead-letter queue holds the events its triggers sent, whatever the spec's order", () => {
    const files = samplesOf({
      destinations: { t: { type: "sns" } },
      functions: { b: { ...s3Code, deadLetterQueue: { type: "sqs" }, triggers: [{ sns: "t" }] }, a: { ...s3Code, async: { onFailure: "t" } } },
    });
    const { sample, schema } = valid(files, "b-dlq/b.json");
    const event = validContent(sample.Body, schema.properties.Body.contentSchema);
    expect(event.Records[0].Sns.TopicArn).toBe("arn:aws:sns:us-east-2:123456789012:app-t");
    expect(JSON.parse(event.Records[0].Sns.Message).requestContext.functionArn).toBe("arn:aws:lambda:us-east-2:123456789012:function:app-a:$LATEST");
  });

  it("a rule on a bus that gets Lambda destination events: its dead letters are those events", () => {
    const files = samplesOf({
      destinations: { bus: { type: "eventbridge" } },
      functions: { a: { ...s3Code, async: { onFailure: "bus" } }, b: { ...s3Code, triggers: [{ eventPattern: { source: ["lambda"] }, bus: "bus", deadLetter: { type: "sqs" } }] } },
    });
    const { sample, schema } = valid(files, "b-events-dlq/b-events.json");
    expect(validContent(sample.Body, schema.properties.Body.contentSchema)).toMatchObject({ source: "lambda", "detail-type": "Lambda Function Invocation Result - Failure" });
  });

  it("samples use the spec's account and partition; without an account, a placeholder", () => {
    const sections = { destinations: { q: { type: "sqs" } }, functions: { a: { ...s3Code, async: { onFailure: "q" } } } };
    const own = samplesOf({ ...sections, region: "cn-north-1", partition: "aws-cn", account: "111122223333" });
    const body = JSON.parse(json(own, "q/a.json").Body);
    expect(body.requestContext.functionArn).toBe("arn:aws-cn:lambda:cn-north-1:111122223333:function:app-a:$LATEST");
    const placeholder = JSON.parse(json(samplesOf(sections), "q/a.json").Body);
    expect(placeholder.requestContext.functionArn).toBe("arn:aws:lambda:us-east-2:123456789012:function:app-a:$LATEST");
  });

  it("the same spec gives byte-identical samples", () => {
    const sections = { destinations: { q: { type: "sqs" } }, functions: { a: { ...s3Code, async: { onFailure: "q" } } } };
    expect(samplesOf(sections)).toEqual(samplesOf(sections));
  });

  it("a spec with errors gives diagnostics and no files", () => {
    const result = events(specYaml({ sources: { q: { type: "sqs", deadLetter: { maxReceiveCount: 0 } } }, functions: { a: { ...s3Code, events: [{ source: "q" }] } } }), "spec.yaml");
    expect(result.diagnostics.map((d) => d.code)).toContain("LD170");
    expect(result.files).toEqual({});
  });
});
