import type { Path } from "../diagnostics";
import type { Reporter } from "./reporter";
import { kindOf } from "../kinds/registry";
import { LIMITS } from "../limits";
import type { Endpoint, LambdaFunction, Mapping, Model } from "../model/types";
import { formatDuration } from "../parse/duration";
import { checkPattern } from "./triggers";
import { aKind } from "./words";

/** Values and quotas of event source mappings and their sources that AWS checks only when the mapping is created. */
export function checkSources(model: Model, reporter: Reporter): void {
  const readers = new Map<Endpoint, { fn: LambdaFunction; m: Mapping }[]>();
  for (const fn of model.functions) {
    for (const m of fn.events) {
      checkMappingValues(fn, m, reporter);
      const source = m.source.target;
      if (source.type === "sqs") {
        const all = readers.get(source) ?? [];
        all.push({ fn, m });
        readers.set(source, all);
      }
    }
  }
  for (const e of model.endpoints) checkSourceValues(e, reporter);
  // Two mappings on one queue split its messages between them: neither sees them all.
  for (const [queue, all] of readers) {
    for (const { fn, m } of all.slice(1)) {
      const first = all[0];
      reporter.report("LD425", m.source.path, `${JSON.stringify(queue.name)} is also read by ${first.fn === fn ? "another mapping of this function" : first.fn.name}, and each message goes to one mapping only (got two mappings on one queue); use an SNS topic with a queue per function to fan out, or remove one mapping`);
    }
  }
}

function checkMappingValues(fn: LambdaFunction, m: Mapping, reporter: Reporter): void {
  const source = m.source.target;
  const at = (key: string): Path => [...m.path, key];
  if (m.startingTimestamp !== undefined && !realInstant(m.startingTimestamp)) {
    reporter.report("LD124", at("startingTimestamp"), `${JSON.stringify(m.startingTimestamp)} is not a real time (a month has 1..12, a day exists in its month, hours 0..23, minutes and seconds 0..59); fix the date, as in 2026-01-31T23:59:59Z`);
  }
  if (m.filters.length > 0 && kindOf(source.type).source?.filters === false) {
    reporter.report("LD423", at("filters"), `Lambda does not filter ${aKind(source.type).replace(/^an? /, "")} events (got ${m.filters.length} filters); remove filters and filter in the function`, "key");
  } else if (m.filters.length > LIMITS.filtersDefaultQuota && m.filters.length <= LIMITS.filters) {
    reporter.report("LD422", at("filters"), `AWS's default quota is ${LIMITS.filtersDefaultQuota} filters a mapping, and more are rejected until it is raised (got ${m.filters.length}); request a quota increase (up to ${LIMITS.filters}) before applying, or remove filters`, "key");
  }
  m.filters.forEach((f, i) => checkPattern(f, [...m.path, "filters", i], reporter, "a filter pattern"));
  if (source.type === "sqs" && m.maxConcurrency !== undefined && fn.reservedConcurrency !== undefined && m.maxConcurrency > fn.reservedConcurrency) {
    reporter.report("LD424", at("maxConcurrency"), `maxConcurrency ${m.maxConcurrency} is above ${fn.name}'s reservedConcurrency ${fn.reservedConcurrency}, so the mapping is throttled and messages return to the queue (got ${m.maxConcurrency} > ${fn.reservedConcurrency}); set maxConcurrency to ${fn.reservedConcurrency} or less, or raise reservedConcurrency`);
  }
}

function checkSourceValues(e: Endpoint, reporter: Reporter): void {
  const declared = e.path.length === 2 && (e.path[0] === "sources" || e.path[0] === "destinations");
  (e.bootstrapServers ?? []).forEach((server, i) => {
    if (!hostPort(server)) {
      reporter.report("LD125", [...e.path, "bootstrapServers", i], `a bootstrap server is host:port, with a port 1..65535 (got ${JSON.stringify(server)}); write it as b-1.example.com:9092`);
    }
  });
  if (e.type === "sqs" && e.retention !== undefined && (e.retention < LIMITS.sqsRetention.min || e.retention > LIMITS.sqsRetention.max)) {
    reporter.report("LD126", declared ? [...e.path, "retention"] : e.path, `SQS keeps messages ${formatDuration(LIMITS.sqsRetention.min)}..${formatDuration(LIMITS.sqsRetention.max)} (got ${formatDuration(e.retention)}); set retention within that`);
  }
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An RFC 3339 date-time that names a real instant: 2026-02-30 does not exist. */
export function realInstant(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : DAYS[month - 1];
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

/** `host:port`: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port 1..65535. */
export function hostPort(text: string): boolean {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*):(\d{1,5})$/.exec(text);
  return m !== null && Number(m[5]) >= 1 && Number(m[5]) <= 65535;
}
