import { DESTINATION_TYPES } from "../kinds/registry";
import { LIMITS } from "../limits";
import { bool, duration, int, list, object, oneOf, str, stringMap, type Field } from "./fields";

/**
 * The fields that name an endpoint: a reference (a declared name, an ARN, or an inline destination).
 * Kept apart from `spec-schema.ts` so that trigger kinds (whose shapes the schema collects) can use them.
 */
export const ARN = /^arn:aws[a-zA-Z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;
export const arn = (doc: string) => str(doc, { pattern: ARN, format: "an ARN (arn:aws:...)" });


const inlineDeadLetterQueue = object(
  "An inline dead-letter queue that ldgen creates.",
  {
    type: oneOf("sqs: dead-letter queues are SQS queues.", DESTINATION_TYPES),
    fifo: bool("A FIFO queue (for a FIFO queue's or topic's dead letters)."),
    kmsKey: arn("A customer-managed KMS key the queue is encrypted with."),
    retention: duration("Message retention (default for dead-letter queues: 14d).", LIMITS.sqsRetention.min, LIMITS.sqsRetention.max, "LD106"),
    tags: stringMap("Tags for this queue."),
  },
  ["type"],
);

const subscription = object(
  "An SNS subscription.",
  {
    protocol: str("sqs, lambda, email, https, ..."),
    endpoint: str("Address, URL or ARN."),
    deadLetter: {
      kind: "stringOr",
      doc: "The SQS queue SNS sends what it could not deliver to this subscriber (the subscription's redrive policy): a declared name, an ARN, or an inline { type: sqs }.",
      string: { kind: "string" },
      object: inlineDeadLetterQueue,
    },
  },
  ["protocol", "endpoint"],
);

/** An SQS queue's redrive policy; the queue's reference alone means `{ queue: <it> }`. */
const deadLetterFields = object("Where an SQS queue's messages go after maxReceiveCount receives (its redrive policy).", {
  queue: {
    kind: "stringOr",
    doc: "The dead-letter queue: a declared name, an ARN, or an inline { type: sqs }; default: ldgen creates <queue>-dlq.",
    string: { kind: "string" },
    object: inlineDeadLetterQueue,
  },
  maxReceiveCount: int("Receives before a message moves to the dead-letter queue (1..1000, default 5).", LIMITS.maxReceiveCount.min, LIMITS.maxReceiveCount.max, "LD170"),
});
export const deadLetter: Field = {
  kind: "stringOr",
  doc: "SQS only: the queue's dead-letter queue (redrive policy), as a reference or { queue, maxReceiveCount }.",
  string: { kind: "string" },
  object: deadLetterFields,
};

export const destinationFields = {
  type: oneOf("The kind of target.", DESTINATION_TYPES),
  arn: arn("An existing resource: referenced, never created."),
  fifo: bool("A FIFO queue or topic (never valid as a Lambda destination)."),
  kmsKey: arn("A customer-managed KMS key the target is encrypted with."),
  retention: duration("SQS message retention.", LIMITS.sqsRetention.min, LIMITS.sqsRetention.max, "LD106"),
  visibilityTimeout: duration("SQS visibility timeout.", LIMITS.visibilityTimeout.min, LIMITS.visibilityTimeout.max, "LD106"),
  subscriptions: list("SNS subscriptions.", subscription),
  deadLetter,
  tags: stringMap("Tags for this resource."),
  protect: bool("Terraform refuses to destroy (or replace) what holds this entry's data: lifecycle prevent_destroy (an inline entry inherits its owner's)."),
  awsName: str("The AWS name of the resource ldgen creates (default <spec name>-<entry name>): set it to the old name to keep the resource through a rename.", {
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    format: "letters, digits, '.', '-' and '_', starting with a letter or digit",
  }),
} satisfies Record<string, Field>;

export const destination = object("A target that results are sent to.", destinationFields, ["type"]);

/** `renamedFrom`: the entry's name in the spec it was renamed from; its resources move to the new addresses (`moved {}`). */
export const renamedFrom = str("The name this entry had before it was renamed: ldgen writes moved blocks from its old addresses, so Terraform keeps the resources.", {
  pattern: /^[A-Za-z][A-Za-z0-9_-]*$/,
  format: "an entry name: a letter, then letters, digits, '-' and '_'",
});

/** A `destinations` entry: an inline destination's keys, and `renamedFrom`. */
export const declaredDestination = object("A target that results are sent to.", { ...destinationFields, renamedFrom }, ["type"]);

/** A reference: a declared name, an ARN, or an inline destination. */
export const reference: Field = {
  kind: "stringOr",
  doc: "A declared name, an ARN, or an inline { type: ... } destination that ldgen creates.",
  string: { kind: "string" },
  object: destination,
};
