import { bool, json, list, num, str, type Item, type Plan, type Value } from "../../generator/plan/view";

/**
 * A plan with every literal attribute of every resource changed to another valid value (a reference changes with
 * what it refers to, which is renamed and so replaced): scripts/replacement-table.js plans it against the state of
 * the plan it came from to learn which attributes force a replacement, and test/diff-terraform.test.ts has
 * Terraform judge `ldgen diff` of the two. Local code becomes `zip`, a file beside the original.
 */
export function mutatePlan(plan: Plan, zip: string): Plan {
  return { ...plan, files: plan.files.map((f) => ({ ...f, resources: f.resources.map((r) => ({ ...r, body: mutateBody(r.body, r.type, zip) })) })) };
}

/**
 * What neither the kitchen sink (test/cdktf-specs.ts) nor an example writes: FIFO queues and topics, AT_TIMESTAMP,
 * an existing queue's redrive policy, a qualified function's triggers.
 */
export const EXTRA_SPEC = `version: 1
name: extra
region: us-east-1
account: "123456789012"
defaults: { runtime: nodejs20.x, handler: index.handler }
destinations:
  ordered: { type: sqs, fifo: true }
  ordered-topic: { type: sns, fifo: true }
  failed: { type: sqs }
sources:
  events: { type: kinesis, shards: 1 }
  legacy:
    type: sqs
    arn: arn:aws:sqs:us-east-1:123456789012:legacy
    deadLetter: { queue: failed, maxReceiveCount: 3 }
functions:
  reader:
    code: s3://artifacts/reader.zip
    events:
      - source: events
        startingPosition: AT_TIMESTAMP
        startingTimestamp: "2024-01-01T00:00:00Z"
      - source: ordered
      - source: legacy
  live:
    code: s3://artifacts/live.zip
    qualifier: live
    triggers:
      - s3: { bucket: extra-uploads, events: [ "s3:ObjectCreated:*" ] }
      - schedule: "rate(1 hour)"
    async: { onFailure: failed }
`;

const NEXT_NUMBER: Record<string, (n: number, type: string) => number> = {
  retention_in_days: (n) => (n === 30 ? 60 : 30),
  memory_size: (n) => n * 2,
  period: (n) => n + 60,
  maximum_retry_attempts: (n, type) => (type === "aws_lambda_function_event_invoke_config" ? (n === 0 ? 1 : n - 1) : n === -1 ? 10 : n + 1),
  maximum_record_age_in_seconds: (n) => (n === -1 ? 3600 : n + 1),
  parallelization_factor: (n) => (n >= 10 ? n - 1 : n + 1),
  batch_size: (n) => (n > 1 ? n - 1 : 2),
  max_receive_count: (n) => n + 1,
  maxReceiveCount: (n) => n + 1,
  message_retention_seconds: (n) => n - 60,
  maximum_event_age_in_seconds: (n) => (n > 60 ? n - 1 : n + 1),
};
const NEXT_STRING: Record<string, (s: string) => string> = {
  starting_position: (s) => (s === "LATEST" ? "TRIM_HORIZON" : "LATEST"),
  runtime: (s) => (s.startsWith("python") ? "python3.13" : s === "nodejs22.x" ? "nodejs20.x" : "nodejs22.x"),
  protocol: (s) => (s === "email" ? "email-json" : "sqs"),
  mode: (s) => (s === "Active" ? "PassThrough" : "Active"),
  comparison_operator: (s) => (s === "GreaterThanThreshold" ? "GreaterThanOrEqualToThreshold" : "GreaterThanThreshold"),
  statistic: (s) => (s === "Sum" ? "Maximum" : "Sum"),
  treat_missing_data: (s) => (s === "notBreaching" ? "breaching" : "notBreaching"),
  action: () => "lambda:GetFunction",
  principal: (s) => (s === "sns.amazonaws.com" ? "s3.amazonaws.com" : "sns.amazonaws.com"),
  schedule_expression: () => "rate(7 minutes)",
  package_type: (s) => s,
  effect: (s) => s,
  full_document: (s) => (s === "UpdateLookup" ? "Default" : "UpdateLookup"),
  type: (s) => (s === "BASIC_AUTH" ? "VIRTUAL_HOST" : s),
  image_uri: (s) => s.replace(/:[^:/]*$/, ":v2"),
  endpoint: (s) => s.replace("@", "+2@"),
  redrivePermission: (s) => s,
  starting_position_timestamp: () => "2024-02-02T00:00:00Z",
  source_account: (s) => (s === "123456789012" ? "210987654321" : "123456789012"),
};
const NEXT_LIST: Record<string, (items: Value[]) => Value[] | undefined> = {
  events: (items) => [...items, str("s3:ObjectRemoved:*")],
  architectures: (items) => [str((items[0] as { v?: unknown })?.v === "arm64" ? "x86_64" : "arm64")],
  function_response_types: () => undefined,
  topics: (items) => items.map((i) => str(`${(i as { v: string }).v}2`)),
  queues: (items) => items.map((i) => str(`${(i as { v: string }).v}2`)),
};

function mutate(value: Value, attr: string, type: string, zip: string): Value | undefined {
  switch (value.t) {
    case "str":
      if (NEXT_STRING[attr]) return str(NEXT_STRING[attr](value.v));
      if (value.v.endsWith(".fifo")) return str(value.v.replace(/\.fifo$/, "2.fifo"));
      return value.v === "*" ? value : str(`${value.v}2`);
    case "num":
      return num(NEXT_NUMBER[attr] ? NEXT_NUMBER[attr](value.v, type) : value.v + 1);
    case "bool":
      return bool(!value.v);
    case "list": {
      if (NEXT_LIST[attr]) {
        const items = NEXT_LIST[attr](value.items);
        return items && list(items);
      }
      const strs = value.items.filter((i): i is { t: "str"; v: string } => i.t === "str");
      if (value.items.length && strs.length === value.items.length) return list([...value.items, str(`${strs[strs.length - 1].v}2`)]);
      return list(value.items.map((i) => mutate(i, attr, type, zip) ?? i));
    }
    case "map":
      if (attr === "endpoints" || attr === "dimensions") return { t: "map", entries: value.entries.map(([k, v]) => [k, mutate(v, attr, type, zip) ?? v]) };
      return { t: "map", entries: [...value.entries, [attr === "variables" ? "LDGEN_CHANGED" : "ldgen-changed", str("yes")]] };
    case "json":
      return value.value && typeof value.value === "object" && !Array.isArray(value.value) ? json({ ...(value.value as object), "ldgen-changed": ["yes"] }) : value;
    case "encode": {
      const inner = value.value as { t: "map"; entries: [string, Value][] };
      return { t: "encode", value: { t: "map", entries: inner.entries.map(([k, v]) => [k, mutate(v, k, type, zip) ?? v]) } };
    }
    case "file":
      return { ...value, fromHcl: value.fromHcl.replace(/[^/]+$/, zip) };
    default:
      return value;
  }
}

/** A fifo flag turned on needs a FIFO name, and off a standard one (SQS and SNS check it when they plan). */
function fifoName(items: Item[], type: string): void {
  const flag = items.find((i): i is { attr: string; value: Value } => "attr" in i && i.attr === (type === "aws_sqs_queue" ? "fifo_queue" : "fifo_topic"));
  const name = items.find((i): i is { attr: string; value: Value } => "attr" in i && i.attr === "name");
  if (!flag || !name || name.value.t !== "str" || flag.value.t !== "bool") return;
  const current = name.value.v;
  if (flag.value.v && !current.endsWith(".fifo")) name.value = str(`${current.slice(0, 70)}.fifo`);
  if (!flag.value.v) name.value = str(current.replace(/\.fifo$/, ""));
}

function mutateBody(items: Item[], type: string, zip: string): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    if ("attr" in item) {
      const value = mutate(item.value, item.attr, type, zip);
      if (value !== undefined) out.push({ attr: item.attr, value });
    } else out.push({ ...item, body: mutateBody(item.body, type, zip) });
  }
  if (type === "aws_sqs_queue" || type === "aws_sns_topic") fifoName(out, type);
  return out;
}
