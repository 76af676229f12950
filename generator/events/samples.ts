import { kindOf } from "../kinds/registry";
import { DEFAULT_TARGET_RETRIES } from "../kinds/triggers/rule";
import type { Endpoint, LambdaFunction, Model } from "../model/types";
import { placeOf } from "./arns";
import { eventBridgeDeadLetterAttributes, functionDeadLetterAttributes, snsNotification, sqsMessage } from "./dead-letters";
import { mayMatch, producerMessage, triggerEvent, unknownEvent } from "./invokers";
import { kafkaEvent, kafkaFailureRecord, type KafkaSource } from "./kafka";
import { dynamodbEvent, kinesisEvent } from "./inputs";
import { DOCS, REQUEST_ID, eventBridgeEvent, invocationRecord, schemaDocument, snsEvent, sqsEvent, streamFailureRecord, type Condition, type Sample, type SqsExtras } from "./records";

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
  const place = placeOf(model);
  const { region, partition, functionArn, accountOf } = place;
  const arnOfEndpoint = place.endpointArn;
  const ACCOUNT = place.account;

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
  const onBus = (bus: Endpoint) => (seen.get(bus) ?? []).flatMap((a) => (a.onBus ? [a.onBus()] : []));
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
        const kafka: KafkaSource = { kind: source.type === "msk" ? "msk" : "kafka", clusterArn: source.arn, bootstrapServers: place.bootstrapServers(source), topic: m.topic ?? source.topic ?? "topic" };
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
      const invokedBy = [...fn.triggers.map((t) => triggerEvent(fn, t, place, published, onBus)), ...records];
      const payloads = invokedBy.length ? invokedBy : [undefined];
      for (const [target, condition] of [[fn.async?.onSuccess?.target, "Success"], [fn.async?.onFailure?.target, "RetriesExhausted"]] as [Endpoint | undefined, Condition][]) {
        if (!target) continue;
        for (const payload of payloads) {
          const record = invocationRecord(sender, condition, fn.qualifier, payload?.sample);
          const onBus = () => eventBridgeEvent(`${sender}:${fn.qualifier ?? "$LATEST"}`, accountOf(sender), region, condition, record);
          const what = `${fn.name}'s invocation record (${condition}${payload ? `, invoked by ${payload.what}` : ""})`;
          send(target, { sender: fn.name, record, what, source: DOCS.invocationRecord, failure: condition !== "Success", onBus });
        }
      }
      // A function's dead-letter queue or topic: the event as it was, with Lambda's error attributes.
      const dlq = fn.deadLetterQueue?.target;
      if (dlq) {
        for (const payload of invokedBy.length ? invokedBy : [unknownEvent(fn)]) {
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
        const record = triggerEvent(fn, t, place, published, onBus).sample;
        const extras = { messageAttributes: eventBridgeDeadLetterAttributes(place.ruleArn(t), targetArn, t.retries ?? DEFAULT_TARGET_RETRIES) };
        send(dlq, { sender: stem, record, what: `An event the EventBridge rule ${t.awsName} could not deliver to ${fn.name}`, source: `${DOCS.eventBridgeDeadLetter}; ${DOCS.eventStructure}`, failure: true, extras });
      }
    }
  }
  // A topic's own subscriptions' dead letters: the notification as SNS sends it to an SQS queue, as for an sns trigger.
  for (const topic of model.endpoints) {
    topic.subscriptions.forEach((sub, i) => {
      const dlq = sub.deadLetter?.target;
      if (!dlq || dlq.type !== "sqs" || topic.type !== "sns") return;
      for (const message of published(topic)) {
        const record = snsNotification(arnOfEndpoint(topic), message);
        send(dlq, { sender: `${topic.name}-subscription-${i}`, record, what: `A notification from ${topic.name} that SNS could not deliver to its ${sub.protocol} subscriber ${sub.endpoint}`, source: `${DOCS.snsToSqs}; ${DOCS.snsDeadLetter}`, failure: true });
      }
    });
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
