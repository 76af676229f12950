import { Reporter, type Path } from "../diagnostics";
import { kindOf } from "../kinds/registry";
import type { LambdaFunction, Mapping, Model } from "../model/types";
import { formatDuration } from "../parse/duration";

/** Settings that only Kinesis and DynamoDB stream mappings take. */
const STREAM_ONLY = ["retries", "maxRecordAge", "splitBatchOnError", "parallelization", "tumblingWindow"] as const;

/** What CreateEventSourceMapping accepts, per source type. */
export function checkMappings(model: Model, reporter: Reporter): void {
  for (const fn of model.functions) for (const m of fn.events) checkMapping(fn, m, reporter);
}

function checkMapping(fn: LambdaFunction, m: Mapping, reporter: Reporter): void {
  const source = m.source.target;
  const traits = kindOf(source.type).source;
  const at = (key: string): Path => [...m.path, key];
  const name = JSON.stringify(source.name);
  if (!traits) {
    reporter.report("LD421", m.source.path, `a ${source.type} resource cannot feed an event source mapping (got ${name}); ${source.type === "sns" ? "use an sns trigger instead" : "use SQS, Kinesis, DynamoDB, Kafka, Amazon MQ or DocumentDB"}`);
    return;
  }
  if (m.onSuccess) reporter.report("LD402", m.onSuccess.path, "event source mappings have no on-success destination; send results from the function itself", "key");
  if (m.onFailure) {
    if (!traits.onFailure) {
      const fix =
        source.type === "sqs"
          ? `set a redrive policy with a dead-letter queue on the source queue ${name} instead`
          : "handle failures in the function or on the broker";
      reporter.report("LD401", m.onFailure.path, `a ${source.type} mapping takes no onFailure destination; ${fix}`, "key");
    } else if (!kindOf(m.onFailure.target.type).mappingDestination) {
      reporter.report("LD403", m.onFailure.path, `a ${source.type} mapping's onFailure must be SQS, SNS or S3 (got ${m.onFailure.target.type} ${JSON.stringify(m.onFailure.target.name)})`);
    } else if (m.onFailure.target.fifo) {
      reporter.report("LD304", m.onFailure.path, `${JSON.stringify(m.onFailure.target.name)} is FIFO; failure destinations must be standard queues and topics`);
    }
  }
  if (traits.startingPosition === "required" && !m.startingPosition) {
    reporter.report("LD404", m.path, `a ${source.type} mapping needs startingPosition: TRIM_HORIZON, LATEST${traits.atTimestamp ? " or AT_TIMESTAMP" : ""}`, "key");
  }
  if (traits.startingPosition === "forbidden" && m.startingPosition) {
    reporter.report("LD405", at("startingPosition"), `a ${source.type} mapping takes no startingPosition; remove it`, "key");
  }
  if (m.startingPosition === "AT_TIMESTAMP" && !traits.atTimestamp && traits.startingPosition !== "forbidden") {
    reporter.report("LD407", at("startingPosition"), `AT_TIMESTAMP is for Kinesis and Kafka sources (got ${source.type}); use TRIM_HORIZON or LATEST`);
  }
  if (m.startingPosition === "AT_TIMESTAMP" && !m.startingTimestamp) {
    reporter.report("LD406", at("startingPosition"), "AT_TIMESTAMP needs startingTimestamp (RFC 3339, e.g. 2026-01-01T00:00:00Z)");
  } else if (m.startingTimestamp && m.startingPosition !== "AT_TIMESTAMP") {
    reporter.report("LD406", at("startingTimestamp"), "startingTimestamp is only read with startingPosition: AT_TIMESTAMP", "key");
  }
  if (source.type === "sqs") checkSqsBatching(m, source.fifo, reporter);
  if (!traits.stream) {
    for (const key of STREAM_ONLY) {
      if (m[key] !== undefined) reporter.report("LD412", at(key), `${key} is for Kinesis and DynamoDB stream mappings, not ${source.type}`, "key");
    }
  }
  if (m.maxConcurrency !== undefined && source.type !== "sqs") {
    reporter.report("LD417", at("maxConcurrency"), `maxConcurrency is for SQS mappings only (got a ${source.type} source)`, "key");
  }
  if (m.reportBatchItemFailures && !traits.batchItemFailures) {
    reporter.report("LD419", at("reportBatchItemFailures"), `partial batch responses are for SQS, Kinesis and DynamoDB (got ${source.type})`, "key");
  }
  if (traits.kafka && !(m.topic ?? source.topic)) reporter.report("LD420", m.path, `a ${source.type} mapping needs a topic (on the source or the event)`, "key");
  if (!traits.kafka) {
    for (const key of ["topic", "consumerGroupId"] as const) {
      if (m[key] !== undefined) reporter.report("LD420", at(key), `${key} is for Kafka sources (got ${source.type})`, "key");
    }
  }
  void fn;
}

function checkSqsBatching(m: Mapping, fifo: boolean, reporter: Reporter): void {
  const size = m.batchSize ?? 10;
  if (fifo) {
    if (size > 10) reporter.report("LD409", [...m.path, "batchSize"], `a FIFO queue delivers at most 10 messages a batch (got ${size})`);
    if (m.batchWindow !== undefined && m.batchWindow > 0) reporter.report("LD409", [...m.path, "batchWindow"], `a FIFO queue takes no batching window (got ${formatDuration(m.batchWindow)}); remove it`);
  } else if (size > 10 && (m.batchWindow ?? 0) < 1) {
    reporter.report("LD410", [...m.path, "batchSize"], `an SQS batch size over 10 (got ${size}) needs batchWindow of at least 1s`);
  }
}

export { Reporter };
