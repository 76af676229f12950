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

  it.each([
    ["kinesis", "KinesisBatchInfo", "LATEST"],
    ["dynamodb", "DDBStreamBatchInfo", "TRIM_HORIZON"],
  ])("a %s failure record carries %s", (type, key, position) => {
    const source = type === "kinesis" ? { type } : { type, arn: "arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000" };
    const files = samplesOf({ sources: { s: source }, functions: { a: { ...s3Code, events: [{ source: "s", startingPosition: position, onFailure: { type: "sqs" } }] } } });
    const { sample } = valid(files, "a-s-on-failure/s.json");
    expect(keys(sample)).toEqual([...STREAM_FAILURE, key].sort());
    expect(keys(sample[key])).toEqual(BATCH_INFO);
    expect(sample.requestContext.condition).toBe("RetryAttemptsExhausted");
    valid(files, "a/s.json");
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
