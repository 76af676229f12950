/**
 * What lands in a dead-letter queue, as AWS documents it:
 * - an SQS message as ReceiveMessage returns it (AttributeNames and MessageAttributeNames "All"):
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Message.html, with the system
 *   attribute `DeadLetterQueueSourceArn` on a message SQS moved by a redrive policy
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html). SQS moves
 *   the message as it is: the same body and message attributes;
 * - an SNS subscription's dead letter: the notification as SNS sends it to an SQS queue
 *   (https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html,
 *   https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html);
 * - an EventBridge target's dead letter: the event, with the message attributes RULE_ARN, TARGET_ARN,
 *   ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION (when retries ran out) and RETRY_ATTEMPTS
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html); a scheduled event as
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html describes it;
 * - a function's dead-letter queue or topic: the event as it is, with the attributes RequestID, ErrorCode (a
 *   Number, the HTTP status code) and ErrorMessage
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq).
 */
import { createHash } from "node:crypto";
import { constant, dataType, jsonString, md5, MESSAGE_ID, object, snsHost, string, TIME, type Sample, type SqsExtras } from "./records";

const SENT = "1767225600000";

/** SQS's MD5 of message attributes: each, by name, as length-prefixed name, type, transport byte 1 and value. */
function md5OfAttributes(attributes: Record<string, string>, extras: SqsExtras): string {
  const hash = createHash("md5");
  const field = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    field(name);
    field(dataType(extras, name));
    hash.update(Buffer.from([1]));
    field(attributes[name]);
  }
  return hash.digest("hex");
}

/** A message as ReceiveMessage returns it: the body as JSON text, system attributes, string message attributes. */
export function sqsMessage(body: Sample, extras: SqsExtras = {}): Sample {
  const text = JSON.stringify(body.event);
  const extra = extras.attributes ?? {};
  const attributes = extras.messageAttributes ?? {};
  const named = Object.keys(attributes).length > 0;
  const event = {
    MessageId: MESSAGE_ID,
    ReceiptHandle: "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
    MD5OfBody: md5(text),
    Body: text,
    Attributes: { SenderId: "AIDAIENQZJOLO23YVJ4VO", SentTimestamp: SENT, ApproximateReceiveCount: "1", ApproximateFirstReceiveTimestamp: SENT, ...extra },
    ...(named ? { MD5OfMessageAttributes: md5OfAttributes(attributes, extras) } : {}),
    MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { StringValue: v, DataType: dataType(extras, k) }])),
  };
  const attribute = (k: string) => object({ StringValue: string, DataType: constant(dataType(extras, k)) });
  const schema = object(
    {
      MessageId: string,
      ReceiptHandle: string,
      MD5OfBody: string,
      Body: jsonString(body.schema),
      Attributes: object({ SenderId: string, SentTimestamp: string, ApproximateReceiveCount: string, ApproximateFirstReceiveTimestamp: string, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, constant(v)])) }),
      MD5OfMessageAttributes: string,
      MessageAttributes: named ? object(Object.fromEntries(Object.keys(attributes).map((k) => [k, attribute(k)]))) : { type: "object" },
    },
    ["MessageId", "ReceiptHandle", "MD5OfBody", "Body", "Attributes", ...(named ? ["MD5OfMessageAttributes"] : []), "MessageAttributes"],
  );
  return { event, schema };
}

/** An SNS notification as SNS sends it to an SQS queue (a subscriber, or a subscription's dead-letter queue), with its message attributes. */
export function snsNotification(topicArn: string, message: Sample, extras: SqsExtras = {}): Sample {
  const host = snsHost(topicArn);
  const attributes = Object.fromEntries(Object.entries(extras.messageAttributes ?? {}).map(([k, v]) => [k, { Type: dataType(extras, k), Value: v }]));
  const event = {
    Type: "Notification",
    MessageId: MESSAGE_ID,
    TopicArn: topicArn,
    Message: JSON.stringify(message.event),
    Timestamp: TIME,
    SignatureVersion: "1",
    Signature: "EXAMPLEnTrFPa3...",
    SigningCertURL: `https://${host}/SimpleNotificationService-0000000000000000000000.pem`,
    UnsubscribeURL: `https://${host}/?Action=Unsubscribe&SubscriptionArn=${topicArn}:21be56ed-a058-49f5-8c98-aedd2564c486`,
    ...(Object.keys(attributes).length ? { MessageAttributes: attributes } : {}),
  };
  const schema = object(
    {
      Type: constant("Notification"),
      MessageId: string,
      TopicArn: string,
      Subject: string,
      Message: jsonString(message.schema),
      Timestamp: string,
      SignatureVersion: string,
      Signature: string,
      SigningCertURL: string,
      UnsubscribeURL: string,
      MessageAttributes: Object.keys(attributes).length ? object(Object.fromEntries(Object.keys(attributes).map((k) => [k, object({ Type: constant(dataType(extras, k)), Value: string })]))) : { type: "object" },
    },
    ["Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", ...(Object.keys(attributes).length ? ["MessageAttributes"] : [])],
  );
  return { event, schema };
}

/** An EventBridge event: a rule's schedule firing (`Scheduled Event` from `aws.events`), or one matching a pattern. */
export function ruleEvent(account: string, region: string, resources: string[], source = "aws.events", detailType = "Scheduled Event", detail: Record<string, unknown> = {}): Sample {
  const event = { version: "0", id: MESSAGE_ID, "detail-type": detailType, source, account, time: "2026-01-01T00:00:00Z", region, resources, detail };
  const schema = object({ version: constant("0"), id: string, "detail-type": string, source: string, account: string, time: string, region: string, resources: { type: "array", items: string }, detail: { type: "object" } });
  return { event, schema };
}

/** The message attributes EventBridge adds to a dead letter, for a target whose retries ran out (ERROR_CODE one of the page's sample codes, such as CONNECTION_FAILURE, NO_PERMISSIONS or THROTTLING). */
export function eventBridgeDeadLetterAttributes(ruleArn: string, targetArn: string, retries: number): Record<string, string> {
  return {
    RULE_ARN: ruleArn,
    TARGET_ARN: targetArn,
    ERROR_CODE: "THROTTLING",
    ERROR_MESSAGE: "Rate exceeded: the Lambda function throttled the invocation",
    EXHAUSTED_RETRY_CONDITION: "MaximumRetryAttempts",
    RETRY_ATTEMPTS: String(retries),
  };
}

/** The message attributes Lambda adds to an event it sends to a function's dead-letter queue or topic. */
export function functionDeadLetterAttributes(requestId: string): SqsExtras {
  return { messageAttributes: { RequestID: requestId, ErrorCode: "200", ErrorMessage: "what the function threw" }, numbers: ["ErrorCode"] };
}
