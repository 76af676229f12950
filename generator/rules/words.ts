import type { EndpointType } from "../model/types";

/** How messages name each kind of endpoint. */
const KIND_NAMES: Readonly<Record<EndpointType, string>> = {
  sqs: "SQS",
  sns: "SNS",
  eventbridge: "EventBridge",
  s3: "S3",
  lambda: "Lambda",
  kinesis: "Kinesis",
  dynamodb: "DynamoDB",
  msk: "Amazon MSK",
  kafka: "Kafka",
  mq: "Amazon MQ",
  docdb: "DocumentDB",
};

/** `SQS`, `Amazon MQ`. */
export const kindName = (type: EndpointType): string => KIND_NAMES[type];

/** `an SQS`, `a Kinesis`: the kind's name with its article (SQS, SNS and S3 are read "ess-"). */
export function aKind(type: EndpointType): string {
  const name = KIND_NAMES[type];
  return `${/^[AES]/.test(name) ? "an" : "a"} ${name}`;
}
