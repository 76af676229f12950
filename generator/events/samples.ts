import { kindOf } from "../kinds/registry";
import { DEFAULT_TARGET_RETRIES } from "../kinds/triggers/rule";
import type { Endpoint, LambdaFunction, Model, Trigger } from "../model/types";
import { eventBridgeDeadLetterAttributes, functionDeadLetterAttributes, ruleEvent, snsNotification, sqsMessage } from "./dead-letters";
import { kafkaEvent, kafkaFailureRecord, type KafkaSource } from "./kafka";
import { DOCS, REQUEST_ID, dynamodbEvent, eventBridgeEvent, invocationRecord, kinesisEvent, s3Event, schemaDocument, snsEvent, sqsEvent, streamFailureRecord, type Condition, type Sample, type SqsExtras } from "./records";

/** The account when the spec names none: the samples are for tests, not for matching a real account. */
const PLACEHOLDER_ACCOUNT = "123456789012";

const FIFO_ATTRIBUTES = { SequenceNumber: "18849496460467696128", MessageGroupId: "1", MessageDeduplicationId: "1" };

/** Something sent to a queue, topic, bus, bucket or function: who sent it, what it is and where AWS documents it. */
interface Arrival {
  sender: string;
  record: Sample;
  what: string;
  source: string;
  failure: boolean;
  /** SQS: system and message attributes the message carries (a redrive's source, EventBridge's error). */
  extras?: SqsExtras;
  /** The event on a bus, when the record goes to an EventBridge bus. */
  onBus?: () => Sample;
}

/**
 * `ldgen events`: for every function that receives what ldgen wires to it, the event exactly as it
 * arrives (`<function>/<sender>.json`), and for every failure target nobody in the spec consumes,
 * what lands there (`<target>/<sender>.json`); beside each, `<sender>.schema.json`. Returns files by
 * relative path; writes nothing.
 */
export function sampleEvents(model: Model): Record<string, string> {
  const region = model.region ?? "us-east-1";
  const partition = model.partition;
  const ACCOUNT = model.account ?? PLACEHOLDER_ACCOUNT;
  const arn = (service: string, resource: string, account = ACCOUNT) => `arn:${partition}:${service}:${service === "s3" ? "" : region}:${service === "s3" ? "" : account}:${resource}`;
  const functionArn = (fn: LambdaFunction) => (fn.arn ? fn.arn.split(":").slice(0, 7).join(":") : arn("lambda", `function:${fn.awsName}`));
  const arnOfEndpoint = (e: Endpoint): string => {
    if (e.fn) return functionArn(e.fn);
    if (e.arn) return e.arn;
    const resource = { eventbridge: `event-bus/${e.awsName}`, kinesis: `stream/${e.awsName}` }[e.type as string] ?? e.awsName;
    return arn(kindOf(e.type).arnService ?? e.type, resource);
  };
  const accountOf = (text: string) => text.split(":")[4] || ACCOUNT;
  /** A self-managed cluster's servers as the spec gives them; an MSK broker's name in the cluster's region otherwise. */
  const bootstrapServers = (e: Endpoint) => e.bootstrapServers?.join(",") ?? `b-1.example.c1.kafka.${e.arn?.split(":")[3] || region}.amazonaws.com${partition === "aws-cn" ? ".cn" : ""}:9098`;

  const files: Record<string, string> = {};
  const add = (dir: string, sender: string, title: string, source: string, sample: Sample) => {
    let stem = sender;
    for (let n = 2; `${dir}/${stem}.json` in files; n++) stem = `${sender}-${n}`;
    files[`${dir}/${stem}.json`] = JSON.stringify(sample.event, null, 2) + "\n";
    files[`${dir}/${stem}.schema.json`] = JSON.stringify(schemaDocument(title, source, sample.schema), null, 2) + "\n";
  };
  const queueConsumers = (q: Endpoint) => model.functions.filter((fn) => fn.events.some((m) => m.source.target === q));
  const topicConsumers = (t: Endpoint) => model.functions.filter((fn) => fn.triggers.some((tr) => tr.kind === "sns" && tr.topic.target === t));
  const busConsumers = (b: Endpoint, event: unknown) => model.functions.filter((fn) => fn.triggers.some((tr) => tr.kind === "eventPattern" && tr.bus?.target === b && mayMatch(tr.pattern, event)));

  // 1. Everything ldgen wires into each target, in spec order.
  const arrivals = new Map<Endpoint, Arrival[]>();
  const send = (target: Endpoint, a: Arrival) => arrivals.set(target, [...(arrivals.get(target) ?? []), a]);
  /** What is published to a topic: what ldgen sends there, or a publisher's message (from the first pass's view). */
  let seen = arrivals;
  const published = (topic: Endpoint) => seen.get(topic)?.map((a) => a.record) ?? [producerMessage(topic)];
  const ruleArn = (fn: LambdaFunction, t: Trigger & { kind: "schedule" | "eventPattern" }) => arn("events", `rule/${t.kind === "eventPattern" && t.bus ? `${t.bus.target.awsName}/` : ""}${t.awsName}`);
  /** The event a trigger invokes the function with (EventBridge sends a rule's `input` instead of the event). */
  const triggerEvent = (fn: LambdaFunction, t: Trigger): { what: string; sample: Sample } => {
    switch (t.kind) {
      case "s3": {
        const name = t.bucketEndpoint?.awsName ?? t.bucket;
        const key = `${t.prefix ?? ""}example${t.suffix ?? ".json"}`;
        return { what: `an S3 notification from ${name}`, sample: s3Event(name, t.bucketEndpoint?.arn ?? `arn:${partition}:s3:::${name}`, region, t.events[0] ?? "s3:ObjectCreated:*", key) };
      }
      case "sns":
        return { what: `a notification from ${t.topic.target.name}`, sample: snsEvent(arnOfEndpoint(t.topic.target), published(t.topic.target)[0]) };
      case "schedule":
        return { what: `the schedule ${t.expression}`, sample: t.input !== undefined ? constantInput(t.input) : ruleEvent(ACCOUNT, region, [ruleArn(fn, t)]) };
      case "eventPattern":
        return { what: `an event matching its rule's pattern`, sample: t.input !== undefined ? constantInput(t.input) : patternEvent(t, ACCOUNT, region) };
    }
  };
  // Mapping input events and failure records depend on nothing else.
  for (const fn of model.functions) {
    const sender = functionArn(fn);
    for (const m of fn.events) {
      const source = m.source.target;
      const traits = kindOf(source.type).source;
      const toS3 = m.onFailure?.target.type === "s3";
      if (traits?.stream) {
        const kind = source.type === "kinesis" ? "kinesis" : "dynamodb";
        const streamArn = arnOfEndpoint(source);
        const input = kind === "kinesis" ? kinesisEvent(streamArn, region, `arn:${partition}:iam::${ACCOUNT}:role/${fn.awsName}`) : dynamodbEvent(streamArn, region);
        add(fn.name, source.name, `The ${kind === "kinesis" ? "Kinesis" : "DynamoDB Streams"} event ${fn.name} receives from ${source.name}`, DOCS[kind], input);
        if (m.onFailure) {
          const record = streamFailureRecord(kind, sender, streamArn, toS3 ? input : undefined);
          send(m.onFailure.target, { sender: source.name, record, what: `The failure record of a batch from ${source.name} that ${fn.name} could not process`, source: kind === "kinesis" ? DOCS.kinesisFailure : DOCS.dynamodbFailure, failure: true });
        }
      } else if (traits?.kafka) {
        const kafka: KafkaSource = { kind: source.type === "msk" ? "msk" : "kafka", clusterArn: source.arn, bootstrapServers: bootstrapServers(source), topic: m.topic ?? source.topic ?? "topic" };
        const input = kafkaEvent(kafka);
        add(fn.name, source.name, `The ${kafka.kind === "msk" ? "Amazon MSK" : "self-managed Kafka"} event ${fn.name} receives from ${source.name}`, kafka.kind === "msk" ? DOCS.msk : DOCS.kafka, input);
        if (m.onFailure) {
          const record = kafkaFailureRecord(sender, kafka, toS3 ? input : undefined);
          send(m.onFailure.target, { sender: source.name, record, what: `The failure record of a batch from ${source.name} that ${fn.name} could not process`, source: DOCS.mskFailure, failure: true });
        }
      }
    }
  }
  // Async records and dead letters: twice, so that a topic's published messages are known to every subscriber whatever the spec's order.
  const mapped = new Map([...arrivals].map(([k, v]) => [k, [...v]]));
  const wireAsync = () => {
    for (const fn of model.functions) {
      const sender = functionArn(fn);
      // What invoked the function asynchronously: each of its triggers' events and the records sent to it (one record each), or an unknown invoker.
      const records = [...seen].filter(([e]) => e.fn === fn).flatMap(([, list]) => list.map((a) => ({ what: a.what, sample: a.record })));
      const invokedBy = [...fn.triggers.map((t) => triggerEvent(fn, t)), ...records];
      const payloads = invokedBy.length ? invokedBy : [undefined];
      for (const [target, condition] of [[fn.async?.onSuccess?.target, "Success"], [fn.async?.onFailure?.target, "RetriesExhausted"]] as [Endpoint | undefined, Condition][]) {
        if (!target) continue;
        for (const payload of payloads) {
          const record = invocationRecord(sender, condition, fn.qualifier, payload?.sample);
          const onBus = () => eventBridgeEvent(sender, accountOf(sender), region, condition, record);
          const what = `${fn.name}'s invocation record (${condition}${payload ? `, invoked by ${payload.what}` : ""})`;
          send(target, { sender: fn.name, record, what, source: DOCS.invocationRecord, failure: condition !== "Success", onBus });
        }
      }
      // A function's dead-letter queue or topic: the event as it was, with Lambda's error attributes.
      const dlq = fn.deadLetterQueue?.target;
      if (dlq) {
        const unknown: Sample = { event: { example: `the event ${fn.name} was invoked with` }, schema: { description: `The event exactly as ${fn.name} was invoked with it: its shape is its invoker's.` } };
        for (const payload of invokedBy.length ? invokedBy : [{ what: "an invoker outside the spec", sample: unknown }]) {
          send(dlq, { sender: fn.name, record: payload.sample, what: `An event ${fn.name} failed to process (${payload.what})`, source: DOCS.functionDeadLetter, failure: true, extras: functionDeadLetterAttributes(REQUEST_ID) });
        }
      }
    }
  };
  wireAsync();
  seen = new Map(arrivals);
  arrivals.clear();
  for (const [k, v] of mapped) arrivals.set(k, v);
  wireAsync();
  seen = arrivals;
  // Trigger dead letters: the notification or event that could not be delivered to the function.
  for (const fn of model.functions) {
    for (const t of fn.triggers) {
      const dlq = t.deadLetter?.target;
      if (!dlq || dlq.type !== "sqs") continue;
      const stem = `${fn.name}-${t.label.slice(fn.label.length + 1).replace(/_/g, "-")}`;
      if (t.kind === "sns") {
        const topic = t.topic.target;
        for (const message of published(topic)) {
          const record = snsNotification(arnOfEndpoint(topic), message);
          send(dlq, { sender: stem, record, what: `A notification from ${topic.name} that SNS could not deliver to ${fn.name}`, source: `${DOCS.snsToSqs}; ${DOCS.snsDeadLetter}`, failure: true });
        }
      } else if (t.kind === "schedule" || t.kind === "eventPattern") {
        const targetArn = functionArn(fn) + (fn.qualifier ? `:${fn.qualifier}` : "");
        const record = triggerEvent(fn, t).sample;
        const extras = { messageAttributes: eventBridgeDeadLetterAttributes(ruleArn(fn, t), targetArn, t.retries ?? DEFAULT_TARGET_RETRIES) };
        send(dlq, { sender: stem, record, what: `An event the EventBridge rule ${t.awsName} could not deliver to ${fn.name}`, source: `${DOCS.eventBridgeDeadLetter}; ${DOCS.eventStructure}`, failure: true, extras });
      }
    }
  }
  // Redrives: SQS moves each message as it is, adding DeadLetterQueueSourceArn; a queue fed by no one in the spec gets a producer's message.
  const moved = new Set<Endpoint>();
  const redrive = (queue: Endpoint) => {
    const dlq = queue.deadLetter?.edge.target;
    if (!dlq || dlq.type !== "sqs" || moved.has(queue)) return;
    moved.add(queue);
    for (const other of model.endpoints) if (other.deadLetter?.edge.target === queue) redrive(other);
    const incoming = arrivals.get(queue) ?? [{ sender: queue.name, record: producerMessage(queue), what: `A message a producer sent to ${queue.name}`, source: DOCS.sqsMessage, failure: false }];
    for (const a of incoming) {
      const extras = { ...a.extras, attributes: { ...a.extras?.attributes, DeadLetterQueueSourceArn: arnOfEndpoint(queue) } };
      send(dlq, { ...a, sender: queue.name, what: `${a.what}, moved from ${queue.name} after ${queue.deadLetter!.maxReceiveCount} receives`, source: `${DOCS.sqsReceive}; ${a.source}`, failure: true, extras });
    }
  };
  model.endpoints.forEach(redrive);

  // 2. Each arrival as its consumers receive it, or (for failures nobody consumes) as it lands.
  for (const [target, list] of arrivals) {
    for (const arrival of list) {
      // A FIFO queue's messages carry their group, deduplication id and sequence number (with-sqs.html, FIFO example).
      const a = target.type === "sqs" && target.fifo ? { ...arrival, extras: { ...arrival.extras, attributes: { ...arrival.extras?.attributes, ...FIFO_ATTRIBUTES } } } : arrival;
      if (target.fn) {
        add(target.fn.name, a.sender, `${a.what}, as ${target.fn.name} receives it`, a.source, a.record);
        continue;
      }
      const targetArn = arnOfEndpoint(target);
      let consumers: LambdaFunction[] = [];
      let wrap: ((s: Sample) => Sample) | undefined;
      let envelope = "";
      if (target.type === "sqs") [consumers, wrap, envelope] = [queueConsumers(target), (s) => sqsEvent(targetArn, region, s, a.extras), `${DOCS.sqs}; the body as documented at ${a.source}`];
      else if (target.type === "sns") [consumers, wrap, envelope] = [topicConsumers(target), (s) => snsEvent(targetArn, s, a.extras), `${DOCS.sns}; the message as documented at ${a.source}`];
      else if (target.type === "eventbridge" && a.onBus) [consumers, wrap, envelope] = [busConsumers(target, a.onBus().event), () => a.onBus!(), a.source];
      for (const fn of consumers) add(fn.name, a.sender, `${a.what}, in the ${kindOf(target.type).type.toUpperCase()} event ${fn.name} receives from ${target.name}`, envelope, wrap!(a.record));
      if (consumers.length > 0 || !a.failure) continue;
      if (target.type === "sqs") add(target.name, a.sender, `${a.what}, as it lands in ${target.name} (an SQS message as ReceiveMessage returns it)`, `${DOCS.sqsMessage}; the body as documented at ${a.source}`, sqsMessage(a.record, a.extras));
      else if (target.type === "eventbridge" && a.onBus) add(target.name, a.sender, `${a.what}, as it lands in ${target.name}`, a.source, a.onBus());
      else if (target.type === "sns") add(target.name, a.sender, `${a.what}, as ${target.name} delivers it to an SQS or HTTP subscriber`, `${DOCS.snsToSqs}; the message as documented at ${a.source}`, snsNotification(targetArn, a.record, a.extras));
      else add(target.name, a.sender, `${a.what}, as it lands in ${target.name}${target.type === "s3" ? " (the object's content)" : ""}`, a.source, a.record);
    }
  }
  return files;
}

/** What a producer outside the spec sends: ldgen does not know its shape. */
function producerMessage(e: Endpoint): Sample {
  return { event: { example: `a message a producer sent to ${e.name}` }, schema: { description: `Whatever the producers of ${e.name} send: ldgen does not know its shape.` } };
}

/** A trigger's constant `input`: what EventBridge sends the target instead of the event. */
function constantInput(input: unknown): Sample {
  return { event: input, schema: { const: input } };
}

/** An event that matches the trigger's pattern where the pattern names a single `source` and `detail-type`. */
function patternEvent(t: Trigger & { kind: "eventPattern" }, account: string, region: string): Sample {
  const pattern = (t.pattern ?? {}) as Record<string, unknown>;
  const first = (key: string) => (Array.isArray(pattern[key]) && typeof (pattern[key] as unknown[])[0] === "string" ? ((pattern[key] as string[])[0]) : undefined);
  return ruleEvent(account, region, [], first("source") ?? "example.source", first("detail-type") ?? "Example Event", { example: "the event that matched the rule" });
}

/**
 * Whether an event can match a pattern: each of `source`, `detail-type`, `account` and `region` the pattern
 * lists as plain strings must list the event's value. Content filters (prefix, anything-but, ...) and the
 * pattern's other fields are not evaluated: they may match.
 */
function mayMatch(pattern: unknown, event: unknown): boolean {
  if (typeof pattern !== "object" || pattern === null || typeof event !== "object" || event === null) return true;
  const p = pattern as Record<string, unknown>;
  const e = event as Record<string, unknown>;
  return ["source", "detail-type", "account", "region"].every((key) => {
    const listed = p[key];
    return !Array.isArray(listed) || !listed.every((v) => typeof v === "string") || (listed as unknown[]).includes(e[key]);
  });
}
