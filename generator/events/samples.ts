import { kindOf } from "../kinds/registry";
import type { Endpoint, LambdaFunction, Model } from "../model/types";
import {
  DOCS,
  dynamodbEvent,
  eventBridgeEvent,
  invocationRecord,
  kinesisEvent,
  schemaDocument,
  snsEvent,
  sqsEvent,
  streamFailureRecord,
  type Condition,
  type Sample,
  type StreamKind,
} from "./records";

/** Placeholders where the spec does not say: the samples are for tests, not for matching a real account. */
const ACCOUNT = "123456789012";

/**
 * `ldgen events`: for every function that receives what ldgen wires to it, the event exactly as it
 * arrives (`<function>/<sender>.json`), and for every failure target nobody in the spec consumes,
 * what lands there (`<target>/<sender>.json`); beside each, `<sender>.schema.json`. Returns files by
 * relative path; writes nothing.
 */
export function sampleEvents(model: Model): Record<string, string> {
  const region = model.region ?? "us-east-1";
  const arnOfEndpoint = (e: Endpoint): string => {
    if (e.fn) return functionArn(e.fn);
    if (e.arn) return e.arn;
    switch (e.type) {
      case "sqs":
        return `arn:aws:sqs:${region}:${ACCOUNT}:${e.awsName}`;
      case "sns":
        return `arn:aws:sns:${region}:${ACCOUNT}:${e.awsName}`;
      case "eventbridge":
        return `arn:aws:events:${region}:${ACCOUNT}:event-bus/${e.awsName}`;
      case "kinesis":
        return `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${e.awsName}`;
      case "s3":
        return `arn:aws:s3:::${e.awsName}`;
      default:
        return `arn:aws:${kindOf(e.type).type}:${region}:${ACCOUNT}:${e.awsName}`;
    }
  };
  const functionArn = (fn: LambdaFunction) => (fn.arn ? fn.arn.split(":").slice(0, 7).join(":") : `arn:aws:lambda:${region}:${ACCOUNT}:function:${fn.awsName}`);
  const account = (arn: string) => arn.split(":")[4] || ACCOUNT;

  const files: Record<string, string> = {};
  const add = (dir: string, sender: string, title: string, source: string, sample: Sample) => {
    let stem = sender;
    for (let n = 2; `${dir}/${stem}.json` in files; n++) stem = `${sender}-${n}`;
    files[`${dir}/${stem}.json`] = JSON.stringify(sample.event, null, 2) + "\n";
    files[`${dir}/${stem}.schema.json`] = JSON.stringify(schemaDocument(title, source, sample.schema), null, 2) + "\n";
  };
  const queueConsumers = (q: Endpoint) => model.functions.filter((fn) => fn.events.some((m) => m.source.target === q));
  const topicConsumers = (t: Endpoint) => model.functions.filter((fn) => fn.triggers.some((tr) => tr.kind === "sns" && tr.topic.target === t));
  const busConsumers = (b: Endpoint) => model.functions.filter((fn) => fn.triggers.some((tr) => tr.kind === "eventPattern" && tr.bus?.target === b));

  /** A record sent to `target`: delivered to each consumer in its envelope, or (for failures) what lands there. */
  const deliver = (target: Endpoint, sender: string, record: Sample, what: string, source: string, failure: boolean, eventBridge?: () => Sample) => {
    if (target.fn) {
      add(target.fn.name, sender, `${what}, as ${target.fn.name} receives it`, source, record);
      return;
    }
    const arn = arnOfEndpoint(target);
    let consumers: LambdaFunction[] = [];
    let wrap: ((s: Sample) => Sample) | undefined;
    let envelope = "";
    if (target.type === "sqs") [consumers, wrap, envelope] = [queueConsumers(target), (s) => sqsEvent(arn, region, s), `${DOCS.sqs}; the body as documented at ${source}`];
    else if (target.type === "sns") [consumers, wrap, envelope] = [topicConsumers(target), (s) => snsEvent(arn, s), `${DOCS.sns}; the message as documented at ${source}`];
    else if (target.type === "eventbridge" && eventBridge) [consumers, wrap, envelope] = [busConsumers(target), () => eventBridge(), source];
    for (const fn of consumers) add(fn.name, sender, `${what}, in the ${kindOf(target.type).type.toUpperCase()} event ${fn.name} receives from ${target.name}`, envelope, wrap!(record));
    if (consumers.length === 0 && failure) {
      const landed = target.type === "eventbridge" && eventBridge ? eventBridge() : record;
      add(target.name, sender, `${what}, as it lands in ${target.name}`, source, landed);
    }
  };

  for (const fn of model.functions) {
    const arn = functionArn(fn);
    const sends: [Endpoint | undefined, Condition][] = [
      [fn.async?.onSuccess?.target, "Success"],
      [fn.async?.onFailure?.target, "RetriesExhausted"],
    ];
    for (const [target, condition] of sends) {
      if (!target) continue;
      const record = invocationRecord(arn, condition);
      const what = `${fn.name}'s invocation record (${condition})`;
      deliver(target, fn.name, record, what, DOCS.invocationRecord, condition !== "Success", () => eventBridgeEvent(arn, account(arn), region, condition, record));
    }
    for (const m of fn.events) {
      const source = m.source.target;
      if (source.type !== "kinesis" && source.type !== "dynamodb") continue;
      const kind: StreamKind = source.type;
      const streamArn = arnOfEndpoint(source);
      add(fn.name, source.name, `The ${kind === "kinesis" ? "Kinesis" : "DynamoDB Streams"} event ${fn.name} receives from ${source.name}`, DOCS[kind], kind === "kinesis" ? kinesisEvent(streamArn, region, `arn:aws:iam::${ACCOUNT}:role/${fn.awsName}`) : dynamodbEvent(streamArn, region));
      if (m.onFailure) {
        const record = streamFailureRecord(kind, arn, streamArn);
        deliver(m.onFailure.target, source.name, record, `The failure record of a batch from ${source.name} that ${fn.name} could not process`, kind === "kinesis" ? DOCS.kinesisFailure : DOCS.dynamodbFailure, true);
      }
    }
  }
  return files;
}
