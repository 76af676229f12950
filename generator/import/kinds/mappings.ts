import { arnShortName, parseArn } from "../../model/arn";
import { awsName, toLabel } from "../../model/names";
import { keyFrom } from "../context";
import type { StateResource } from "../read";
import { oneOf, type ImportContext, type ImportKind } from "./kind";
import { first, nonEmpty, seconds } from "./values";

type Values = Record<string, unknown>;

/** The source kinds by the ARN's service, with the batch size ldgen writes when the spec gives none. */
const BY_SERVICE: Record<string, { type: string; batchSize: number; stream: boolean }> = {
  sqs: { type: "sqs", batchSize: 10, stream: false },
  kinesis: { type: "kinesis", batchSize: 100, stream: true },
  dynamodb: { type: "dynamodb", batchSize: 100, stream: true },
  kafka: { type: "msk", batchSize: 100, stream: false },
  mq: { type: "mq", batchSize: 100, stream: false },
  rds: { type: "docdb", batchSize: 100, stream: false },
};
const SELF_MANAGED = { type: "kafka", batchSize: 100, stream: false };

/** The secret's access type by source kind (what ldgen writes in `source_access_configuration`). */
const SECRET_TYPE: Record<string, string> = { msk: "SASL_SCRAM_512_AUTH", kafka: "BASIC_AUTH", mq: "BASIC_AUTH", docdb: "BASIC_AUTH" };

/**
 * `aws_lambda_event_source_mapping` -> `functions.<fn>.events[]`: the source (a name the import declares, or the
 * ARN of one it does not hold), batching, stream settings, filters, scaling, the failure destination; a Kafka,
 * MSK, Amazon MQ or DocumentDB source becomes a `sources` entry with its topic, servers, secret, queue, database.
 */
export const mappings: ImportKind = {
  name: "mappings",
  phase: 20,
  defaults: {
    aws_lambda_event_source_mapping: {
      enabled: true,
      batch_size: (v) => (/^arn:[^:]+:sqs:/.test(String(v.event_source_arn ?? "")) ? 10 : 100),
      maximum_batching_window_in_seconds: 0,
      maximum_retry_attempts: oneOf(-1, 0),
      maximum_record_age_in_seconds: oneOf(-1, 0),
      parallelization_factor: oneOf(1, 0),
      bisect_batch_on_function_error: false,
      tumbling_window_in_seconds: 0,
      function_response_types: [],
      starting_position: "",
      starting_position_timestamp: "",
      kms_key_arn: "",
      "document_db_event_source_config.full_document": "Default",
    },
  },
  run(ctx) {
    for (const r of ctx.resources("aws_lambda_event_source_mapping")) importMapping(ctx, r);
  },
};

function importMapping(ctx: ImportContext, r: StateResource): void {
  const v = r.values;
  // (a function the input does not hold is an existing one, by ARN: the spec wires its mappings too)
  const fnKey = nonEmpty(v.function_name) ? ctx.wiredFunction(v.function_name) : undefined;
  const fn = fnKey === undefined ? undefined : ctx.draft.functions[fnKey];
  if (fnKey === undefined || !fn) {
    ctx.leaveOut(r, `its function ${JSON.stringify(v.function_name)} is not in the input and is not an ARN: the spec cannot name it`);
    return;
  }
  const arn = nonEmpty(v.event_source_arn) ? v.event_source_arn : undefined;
  const parsed = arn === undefined ? undefined : parseArn(arn);
  const kind = arn === undefined ? (first(v.self_managed_event_source) ? SELF_MANAGED : undefined) : parsed && BY_SERVICE[parsed.service];
  if (!kind) {
    ctx.leaveOut(r, `ldgen reads no source of this kind (${arn ?? "no event_source_arn"})`);
    return;
  }
  const from = (attribute: string) => ({ address: r.address, attribute });
  const events = ((fn.events as Values[] | undefined) ?? (fn.events = []));
  const index = events.length;
  const event: Values = {};
  let label: string;
  if (kind.type === "sqs" || kind.type === "kinesis" || kind.type === "dynamodb") {
    let source = ctx.reference(arn!, "source", from("event_source_arn"));
    // A source the import does not hold: by the name ldgen's policy or the mapping's label gives it, else its ARN.
    if (source.startsWith("arn:")) source = nameOf(ctx, r, arn!, fnKey, kind.type) ?? source;
    event.source = source;
    label = toLabel(source.startsWith("arn:") ? arnShortName(parsed!) : source);
  } else {
    const key = declareSource(ctx, r, kind.type, arn, fnKey);
    event.source = key;
    label = toLabel(key);
  }
  // Two mappings of one function on one source: the second is told apart by its name.
  // (as ldgen labels them: a named event by its name, else by its source's label, an ARN's by its short name)
  const taken = new Set(events.map(eventLabel));
  if (taken.has(label)) {
    let n = 2;
    while (taken.has(`${label}_${n}`)) n++;
    event.name = `${String(event.source).startsWith("arn:") ? label.replace(/_/g, "-") : event.source}-${n}`;
    label = `${label}_${n}`;
  }
  settings(ctx, r, kind, event, fnKey);
  events.push(event);
  ctx.claim(r, `aws_lambda_event_source_mapping.${toLabel(fnKey)}_${label}`, ["functions", fnKey, "events", index]);
}

/** The label ldgen gives an `events[]` entry after its function's (model/functions.ts). */
function eventLabel(e: Values): string {
  if (typeof e.name === "string") return toLabel(e.name);
  const source = String(e.source);
  const parsed = source.startsWith("arn:") ? parseArn(source) : undefined;
  return toLabel(parsed ? arnShortName(parsed) : source);
}

/** What the mapping itself says: every setting the spec's `events[]` entry has. */
function settings(ctx: ImportContext, r: StateResource, kind: { type: string; batchSize: number; stream: boolean }, event: Values, fnKey: string): void {
  const v = r.values;
  const num = (x: unknown): number | undefined => (typeof x === "number" ? x : undefined);
  if (num(v.batch_size) !== undefined && v.batch_size !== kind.batchSize) event.batchSize = v.batch_size;
  if ((num(v.maximum_batching_window_in_seconds) ?? 0) > 0) event.batchWindow = seconds(v.maximum_batching_window_in_seconds as number);
  if (nonEmpty(v.starting_position)) event.startingPosition = v.starting_position;
  if (nonEmpty(v.starting_position_timestamp)) event.startingTimestamp = v.starting_position_timestamp;
  if (kind.stream) {
    // AWS reports its defaults (-1, -1, 1); a value outside what AWS accepts is not a setting (the comparison tells).
    const retries = num(v.maximum_retry_attempts);
    if (retries !== undefined && retries >= 0 && retries <= 10000) event.retries = retries;
    const age = num(v.maximum_record_age_in_seconds);
    if (age !== undefined && age >= 60 && age <= 604800) event.maxRecordAge = seconds(age);
    if (v.bisect_batch_on_function_error === true) event.splitBatchOnError = true;
    const parallel = num(v.parallelization_factor);
    if (parallel !== undefined && parallel > 1 && parallel <= 10) event.parallelization = parallel;
  }
  if ((num(v.tumbling_window_in_seconds) ?? 0) > 0) event.tumblingWindow = seconds(v.tumbling_window_in_seconds as number);
  if (Array.isArray(v.function_response_types) && v.function_response_types.includes("ReportBatchItemFailures")) event.reportBatchItemFailures = true;
  const filters = (first<Values>(v.filter_criteria)?.filter as Values[] | undefined) ?? [];
  const patterns = filters.map((f) => (nonEmpty(f.pattern) ? parsePattern(f.pattern) : undefined)).filter((p) => p !== undefined);
  if (patterns.length) event.filters = patterns;
  const concurrency = num(first<Values>(v.scaling_config)?.maximum_concurrency);
  if (concurrency !== undefined) event.maxConcurrency = concurrency;
  if (v.enabled === false) event.enabled = false;
  const onFailure = first<Values>(first<Values>(v.destination_config)?.on_failure)?.destination_arn;
  if (nonEmpty(onFailure)) event.onFailure = ctx.reference(onFailure, "destination", { address: r.address, attribute: "destination_config.0.on_failure.0.destination_arn" });
  if (kind.type === "msk" || kind.type === "kafka") {
    const group = (first<Values>(v.amazon_managed_kafka_event_source_config) ?? first<Values>(v.self_managed_kafka_event_source_config))?.consumer_group_id;
    const fn = ctx.draft.functions[fnKey];
    if (nonEmpty(group) && group !== (fn.arn === undefined && typeof fn.awsName === "string" ? fn.awsName : awsName(ctx.draft.name, fnKey))) event.consumerGroupId = group;
  }
}

/** A filter's pattern as the spec writes it (a YAML map); one that is not JSON stays out, as a difference. */
function parsePattern(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A Kafka, MSK, Amazon MQ or DocumentDB source: declared under `sources` from what the mapping holds (the first
 * mapping that names it; the next ones reuse it when they read the same cluster, topic and secret).
 */
function declareSource(ctx: ImportContext, r: StateResource, type: string, arn: string | undefined, fnKey: string): string {
  const v = r.values;
  const entry: Values = { type };
  if (arn !== undefined) entry.arn = arn;
  const topics = Array.isArray(v.topics) ? (v.topics as string[]) : [];
  if (topics.length) entry.topic = topics[0];
  if (topics.length > 1) ctx.difference(r.address, "topics", `the mapping reads ${topics.length} topics (${topics.join(", ")}); an ldgen mapping reads one: the spec keeps ${JSON.stringify(topics[0])}`);
  const servers = first<Values>(v.self_managed_event_source)?.endpoints as Values | undefined;
  if (servers && nonEmpty(servers.KAFKA_BOOTSTRAP_SERVERS)) entry.bootstrapServers = servers.KAFKA_BOOTSTRAP_SERVERS.split(",");
  const access = Array.isArray(v.source_access_configuration) ? (v.source_access_configuration as Values[]) : [];
  for (const a of access) {
    if (a.type === SECRET_TYPE[type] && nonEmpty(a.uri)) entry.secret = a.uri;
    else ctx.difference(r.address, "source_access_configuration", `access ${JSON.stringify(a.type)} (${String(a.uri)}): ldgen writes only ${SECRET_TYPE[type] ?? "no"} access with the source's secret`);
  }
  const queues = Array.isArray(v.queues) ? (v.queues as string[]) : [];
  if (queues.length) entry.queue = queues[0];
  const docdb = first<Values>(v.document_db_event_source_config);
  if (docdb) {
    if (nonEmpty(docdb.database_name)) entry.database = docdb.database_name;
    if (nonEmpty(docdb.collection_name)) entry.collection = docdb.collection_name;
  }
  for (const [key, existing] of Object.entries(ctx.draft.sources)) if (JSON.stringify(existing) === JSON.stringify(entry)) return key;
  const base = (arn !== undefined && namesFromSids(ctx).get(arn)) || labelName(ctx, r, fnKey) || keyFrom(arn !== undefined ? (brokerName(arn) ?? arnShortName(parseArn(arn)!)) : `${topics[0] ?? fnKey}-kafka`);
  let key = used(ctx, base) ? `${base}-${type}` : base;
  for (let n = 2; used(ctx, key); n++) key = `${base}-${type}-${n}`;
  ctx.draft.sources[key] = entry;
  return key;
}

/** The name of the Kinesis enhanced fan-out consumer an ARN names (`...:stream/<stream>/consumer/<name>:<time>`). */
export const consumerName = (arn: string): string | undefined => /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/[^/]+\/consumer\/([^:/]+):\d+$/.exec(arn)?.[1];

/** An Amazon MQ broker's ARN (`...:broker:<name>:<id>`) names it `<name>-broker` (its last word is an id). */
const brokerName = (arn: string): string | undefined => /^arn:[^:]+:mq:[^:]*:[^:]*:broker:([^:]+):[^:]+$/.exec(arn)?.[1]?.concat("-broker");

const used = (ctx: ImportContext, k: string) => k in ctx.draft.sources || k in ctx.draft.destinations || k in ctx.draft.functions;

/** `aws_lambda_event_source_mapping.<fn>_<source>` (ldgen's label) names the source `<source>`. */
function labelName(ctx: ImportContext, r: StateResource, fnKey: string): string | undefined {
  const head = `${toLabel(fnKey)}_`;
  const rest = r.name.startsWith(head) ? r.name.slice(head.length) : "";
  return /^[a-z][a-z0-9_]*$/.test(rest) && !used(ctx, rest.replace(/_/g, "-")) ? rest.replace(/_/g, "-") : undefined;
}

/**
 * A source the import holds only by ARN, declared `{ type, arn }` under the name ldgen's policy gives it
 * (`ReadFrom<Name>`) or its mapping's label does; undefined when neither names it (the spec keeps the ARN).
 */
function nameOf(ctx: ImportContext, r: StateResource, arn: string, fnKey: string, type: string): string | undefined {
  for (const [key, e] of Object.entries(ctx.draft.sources)) if (e.arn === arn && e.type === type) return key;
  const consumer = consumerName(arn);
  if (consumer !== undefined) {
    // An enhanced fan-out consumer's ARN ends in its creation time: its name names it (`<name>-<key>` gives `key`).
    const head = `${ctx.draft.name}-`;
    const base = keyFrom(consumer.startsWith(head) ? consumer.slice(head.length) : consumer);
    let key = used(ctx, base) ? `${base}-consumer` : base;
    for (let n = 2; used(ctx, key); n++) key = `${base}-consumer-${n}`;
    ctx.draft.sources[key] = { type, arn };
    ctx.note(["sources", key], `the enhanced fan-out consumer ${consumer}: ldgen grants the reads on its stream, and kinesis:DescribeStreamConsumer and kinesis:SubscribeToShard on the consumer`);
    return key;
  }
  const sid = namesFromSids(ctx).get(arn);
  const key = sid !== undefined && !used(ctx, sid) ? sid : labelName(ctx, r, fnKey);
  if (key === undefined || toLabel(key) === toLabel(arnShortName(parseArn(arn)!))) return undefined;
  ctx.draft.sources[key] = { type, arn };
  return key;
}

const SIDS = new WeakMap<ImportContext, Map<string, string>>();

/**
 * The spec names ldgen's own policies give sources by ARN: its statement `ReadFrom<Name>` on the source (so a
 * broker declared as `broker` comes back as `broker`, not as its ARN's last word). Read once per import.
 */
function namesFromSids(ctx: ImportContext): Map<string, string> {
  let names = SIDS.get(ctx);
  if (names) return names;
  names = new Map();
  for (const p of ctx.resources("aws_iam_role_policy")) {
    let doc: { Statement?: unknown } | undefined;
    try {
      doc = typeof p.values.policy === "string" ? (JSON.parse(p.values.policy) as { Statement?: unknown }) : undefined;
    } catch {
      continue;
    }
    const statements = Array.isArray(doc?.Statement) ? (doc.Statement as Values[]) : doc?.Statement ? [doc.Statement as Values] : [];
    for (const st of statements) {
      if (typeof st.Sid !== "string" || !st.Sid.startsWith("ReadFrom") || st.Sid.length === 8) continue;
      const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
      for (const r of resources) if (typeof r === "string" && !names.has(r)) names.set(r, keyFrom(st.Sid.slice(8)));
    }
  }
  SIDS.set(ctx, names);
  return names;
}
