import { formatPath, type Path } from "../diagnostics";
import type { Reporter } from "./reporter";
import { kindOf } from "../kinds/registry";
import type { Endpoint, EndpointType, Mapping, Model } from "../model/types";
import { formatDuration } from "../parse/duration";
import { LIMITS } from "../limits";
import { aKind, kindName, KINDS_THAT } from "./words";

/** Settings that only Kinesis and DynamoDB stream mappings take. */
const STREAM_ONLY = ["retries", "maxRecordAge", "splitBatchOnError", "parallelization", "tumblingWindow"] as const;
/** Source keys CreateEventSourceMapping cannot do without, per source type. */
const SOURCE_NEEDS: Partial<Record<EndpointType, "queue" | "database">> = { mq: "queue", docdb: "database" };
const SQS_UNBATCHED = LIMITS.sqsUnbatched;

/** What CreateEventSourceMapping accepts, per source type. */
export function checkMappings(model: Model, reporter: Reporter): void {
  const checkedSources = new Set<Endpoint>();
  for (const fn of model.functions) {
    for (const m of fn.events) {
      checkMapping(m, reporter);
      const source = m.source.target;
      if (!checkedSources.has(source)) checkSource(source, m, reporter);
      checkedSources.add(source);
    }
  }
}

function checkSource(source: Endpoint, m: Mapping, reporter: Reporter): void {
  const key = SOURCE_NEEDS[source.type];
  if (key === undefined || source[key] !== undefined) return;
  const declared = source.path[0] === "sources";
  const fix = declared ? `add ${key} to it` : `declare the source under sources with its arn and ${key}, and name it here`;
  reporter.report("LD103", declared ? source.path : m.source.path, `${aKind(source.type)} source needs "${key}" to read from (got none); ${fix}`, "key");
}

function checkMapping(m: Mapping, reporter: Reporter): void {
  const source = m.source.target;
  const traits = kindOf(source.type).source;
  const at = (key: string): Path => [...m.path, key];
  const kind = kindName(source.type);
  if (!traits) {
    const fix = source.type === "sns" ? "subscribe the function with an sns trigger instead" : `read from ${KINDS_THAT.feedMappings}`;
    reporter.report("LD421", m.source.path, `${aKind(source.type)} resource cannot feed an event source mapping (got ${JSON.stringify(source.name)}); ${fix}`);
    return;
  }
  if (m.onSuccess) {
    reporter.report("LD402", m.onSuccess.path, "event source mappings have no on-success destination; remove onSuccess and send results from the function itself", "key");
  }
  if (m.onFailure) {
    const target = m.onFailure.target;
    if (!traits.onFailure) {
      const fix =
        source.type === "sqs"
          ? source.path[0] === "sources" || source.path[0] === "destinations"
            ? `remove it and give the source queue a dead-letter queue: ${formatPath(source.path)}.deadLetter: { queue: <queue>, maxReceiveCount: 5 }`
            : `remove it and give the source queue ${JSON.stringify(source.name)} a dead-letter queue with deadLetter: { queue: <queue>, maxReceiveCount: 5 } (declare it under sources)`
          : `remove it and handle failures in the function or on the ${source.type === "mq" ? "broker (its dead-letter queue)" : "cluster"}`;
      reporter.report("LD401", m.onFailure.path, `${aKind(source.type)} mapping takes no onFailure destination; ${fix}`, "key");
    } else if (!kindOf(target.type).mappingDestination) {
      reporter.report("LD403", m.onFailure.path, `${aKind(source.type)} mapping's onFailure must be SQS, SNS or S3 (got ${kindName(target.type)} ${JSON.stringify(target.name)}); send failures to a queue, topic or bucket`);
    } else if (target.fifo) {
      reporter.report("LD304", m.onFailure.path, `${JSON.stringify(target.name)} is a FIFO ${target.type === "sqs" ? "queue" : "topic"}, which a mapping cannot send failures to; use a standard one`);
    }
  }
  checkStartingPosition(m, reporter);
  if (source.type === "sqs") checkSqsBatching(m, source.fifo, reporter);
  if (!traits.stream) {
    for (const key of STREAM_ONLY) {
      if (m[key] !== undefined) reporter.report("LD412", at(key), `${key} is for ${KINDS_THAT.areStreams} stream mappings (got ${aKind(source.type)} source); remove it`, "key");
    }
  }
  if (m.maxConcurrency !== undefined && source.type !== "sqs") {
    reporter.report("LD417", at("maxConcurrency"), `maxConcurrency is for SQS mappings only (got ${aKind(source.type)} source); remove it, or limit the function with reservedConcurrency`, "key");
  }
  if (m.reportBatchItemFailures && !traits.batchItemFailures) {
    reporter.report("LD419", at("reportBatchItemFailures"), `partial batch responses are for ${KINDS_THAT.reportBatchItemFailures} (got ${kind}); remove reportBatchItemFailures`, "key");
  }
  if (traits.kafka && !(m.topic ?? source.topic)) {
    reporter.report("LD420", m.path, `${aKind(source.type)} mapping needs a topic (got none); set topic on the event or on the source`, "key");
  }
  if (!traits.kafka) {
    for (const key of ["topic", "consumerGroupId"] as const) {
      if (m[key] !== undefined) reporter.report("LD420", at(key), `${key} is for ${KINDS_THAT.areKafka} sources (got ${aKind(source.type)} source); remove it`, "key");
    }
  }
}

function checkStartingPosition(m: Mapping, reporter: Reporter): void {
  const source = m.source.target;
  const traits = kindOf(source.type).source!;
  const at = (key: string): Path => [...m.path, key];
  const choices = traits.atTimestamp ? "TRIM_HORIZON, LATEST or AT_TIMESTAMP" : "TRIM_HORIZON or LATEST";
  if (traits.startingPosition === "required" && !m.startingPosition) {
    reporter.report("LD404", m.path, `${aKind(source.type)} mapping needs startingPosition (got none); set it to ${choices}`, "key");
  }
  if (traits.startingPosition === "forbidden" && m.startingPosition) {
    reporter.report("LD405", at("startingPosition"), `${aKind(source.type)} mapping takes no startingPosition (got ${m.startingPosition}); remove it`, "key");
    return;
  }
  if (m.startingPosition === "AT_TIMESTAMP" && !traits.atTimestamp) {
    reporter.report("LD407", at("startingPosition"), `AT_TIMESTAMP is for ${KINDS_THAT.startAtTimestamp} sources (got ${kindName(source.type)}); use ${choices}`);
  } else if (m.startingPosition === "AT_TIMESTAMP" && !m.startingTimestamp && !alreadyReported(reporter, at("startingTimestamp"))) {
    reporter.report("LD406", at("startingPosition"), "AT_TIMESTAMP needs a time to start from (got no startingTimestamp); add startingTimestamp, an RFC 3339 time such as 2026-01-01T00:00:00Z");
  } else if (m.startingTimestamp && m.startingPosition !== "AT_TIMESTAMP") {
    reporter.report("LD406", at("startingTimestamp"), `startingTimestamp is only read with startingPosition: AT_TIMESTAMP (got ${m.startingPosition ?? "none"}); set that, or remove startingTimestamp`, "key");
  }
}

function checkSqsBatching(m: Mapping, fifo: boolean, reporter: Reporter): void {
  const size = m.batchSize ?? SQS_UNBATCHED;
  if (fifo) {
    if (size > SQS_UNBATCHED) reporter.report("LD409", [...m.path, "batchSize"], `a FIFO queue delivers at most ${SQS_UNBATCHED} messages a batch (got ${size}); set batchSize to ${SQS_UNBATCHED} or less`);
    if (m.batchWindow !== undefined && m.batchWindow > 0) reporter.report("LD409", [...m.path, "batchWindow"], `a FIFO queue takes no batching window (got ${formatDuration(m.batchWindow)}); remove batchWindow`);
  } else if (size > SQS_UNBATCHED && (m.batchWindow ?? 0) < 1) {
    reporter.report("LD410", [...m.path, "batchSize"], `an SQS batch size over ${SQS_UNBATCHED} needs a batching window (got batchSize ${size} and batchWindow ${formatDuration(m.batchWindow ?? 0)}); set batchWindow to 1s or more, or batchSize to ${SQS_UNBATCHED} or less`);
  }
}

/** Whether a value was already reported (and dropped) by the shape check, so that a rule does not report it missing too. */
function alreadyReported(reporter: Reporter, path: Path): boolean {
  const shown = formatPath(path);
  return reporter.diagnostics.some((d) => d.path === shown);
}
