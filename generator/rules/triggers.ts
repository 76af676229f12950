import type { Path } from "../diagnostics";
import { Reporter } from "./reporter";
import type { S3Trigger } from "../model/types";
import type { LambdaFunction, Model } from "../model/types";
import { isPlainObject } from "../parse/shape";
import { bucketName } from "../plan/buckets";

/** The event types S3 notifications accept (notification-how-to-event-types-and-destinations.html). */
export const S3_EVENTS: readonly string[] = [
  "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
  "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
  "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
  "s3:ReducedRedundancyLostObject",
  "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationMissedThreshold",
  "s3:Replication:OperationReplicatedAfterThreshold", "s3:Replication:OperationNotTracked",
  "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
  "s3:LifecycleTransition", "s3:IntelligentTiering",
  "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
];

/** S3 general purpose bucket names (bucketnamingrules.html). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is 3 to 63 characters long (got ${name.length})`;
  if (!/^[a-z0-9.-]+$/.test(name)) return "takes lowercase letters, digits, '.' and '-' only";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return "begins and ends with a letter or a digit";
  if (name.includes("..")) return "has no two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "is not an IP address";
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return "does not begin with xn--, sthree- or amzn-s3-demo-";
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return "does not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3";
  return undefined;
}

/** What AWS checks in triggers: schedule expressions, S3 buckets, events and overlapping filters, SNS topics, event patterns. */
export function checkTriggers(model: Model, reporter: Reporter): void {
  const byBucket = new Map<string, { fn: LambdaFunction; t: S3Trigger }[]>();
  for (const fn of model.functions) {
    for (const t of fn.triggers) {
      if (t.kind === "schedule") checkSchedule(t.expression, [...t.path, "schedule"], reporter);
      else if (t.kind === "eventPattern") checkPattern(t.pattern, [...t.path, "eventPattern"], reporter);
      else if (t.kind === "sns" && t.topic.target.type === "sns" && t.topic.target.fifo) {
        reporter.report("LD215", t.topic.path, `an SNS FIFO topic delivers only to SQS queues, so it cannot invoke a function (got ${JSON.stringify(t.topic.target.name)}); subscribe an SQS FIFO queue to it and read the queue with events: [{ source: ... }]`);
      } else if (t.kind === "s3" && checkBucket(t, reporter)) {
        const name = bucketName(t);
        const all = byBucket.get(name) ?? [];
        all.push({ fn, t });
        byBucket.set(name, all);
      }
    }
  }
  for (const [name, triggers] of byBucket) {
    checkOverlaps(name, triggers, reporter);
    const first = triggers[0].t;
    if (!first.bucketEndpoint?.created) {
      reporter.report("LD217", [...first.path, "s3", "bucket"], `ldgen writes the one aws_s3_bucket_notification of the existing bucket ${name}, which replaces every notification it has now, including ones made outside this spec (got a bucket ldgen does not create); add those to this spec as triggers, or check that it has none`);
    }
  }
}

/** The bucket's name and events; false when the bucket cannot be named. */
function checkBucket(t: S3Trigger, reporter: Reporter): boolean {
  const at: Path = [...t.path, "s3", "bucket"];
  t.events.forEach((event, i) => {
    if (!S3_EVENTS.includes(event)) {
      reporter.report("LD120", [...t.path, "s3", "events", i], `S3 sends no event named ${JSON.stringify(event)}; use one of its event types, such as s3:ObjectCreated:* or s3:ObjectRemoved:Delete`);
    }
  });
  if (!t.bucketEndpoint) {
    const arn = /^arn:aws[a-zA-Z-]*:s3:::([^/]+)/.exec(t.bucket);
    const url = /^(s3:\/\/|https?:\/\/)([^/]+)/.exec(t.bucket);
    if (arn || url) {
      const name = arn ? arn[1] : url![2].replace(/\.s3[.-].*$/, "");
      reporter.report("LD119", at, `bucket takes the bucket's name, not its ${arn ? "ARN" : "URL"} (got ${JSON.stringify(t.bucket)}); write bucket: ${name}`);
      return false;
    }
    const problem = bucketNameProblem(t.bucket);
    if (problem) {
      reporter.report("LD118", at, `a bucket name ${problem} (got ${JSON.stringify(t.bucket)}); use the bucket's exact name, or declare a destination of type s3 and name it here`);
      return false;
    }
  }
  return true;
}

/** `s3:ObjectCreated:*` covers `s3:ObjectCreated:Put`. */
const eventsOverlap = (a: string, b: string) => a === b || (a.endsWith(":*") && b.startsWith(a.slice(0, -1))) || (b.endsWith(":*") && a.startsWith(b.slice(0, -1)));
/** Filters overlap unless neither suffix ends the other (prefixes: the stack below). */
const suffixesOverlap = (a = "", b = "") => a.endsWith(b) || b.endsWith(a);

/**
 * S3 rejects a bucket's whole notification configuration when two of its configurations share an
 * event type and their prefix and suffix filters overlap. Reported once per trigger, at the later one
 * of a pair. Sorted by prefix, each trigger is compared only with those whose prefix starts its own
 * (a stack): n log n for distinct prefixes; only triggers sharing one prefix are compared pairwise.
 */
function checkOverlaps(bucket: string, triggers: { fn: LambdaFunction; t: S3Trigger }[], reporter: Reporter): void {
  const order = triggers.map((_, i) => i).sort((i, j) => {
    const [a, b] = [triggers[i].t.prefix ?? "", triggers[j].t.prefix ?? ""];
    return a < b ? -1 : a > b ? 1 : i - j;
  });
  const partner = new Map<number, { other: number; event: string }>();
  const stack: number[] = [];
  for (const j of order) {
    const b = triggers[j].t;
    while (stack.length > 0 && !(b.prefix ?? "").startsWith(triggers[stack[stack.length - 1]].t.prefix ?? "")) stack.pop();
    for (const i of stack) {
      const a = triggers[i].t;
      const event = a.events.find((x) => b.events.some((y) => eventsOverlap(x, y)));
      if (event === undefined || !suffixesOverlap(a.suffix, b.suffix)) continue;
      const [first, later] = i < j ? [i, j] : [j, i];
      if (!partner.has(later)) partner.set(later, { other: first, event });
    }
    stack.push(j);
  }
  for (const [later, { other, event }] of [...partner].sort((x, y) => x[0] - y[0])) {
    const [a, b] = [triggers[other].t, triggers[later].t];
    const who = triggers[other].fn === triggers[later].fn ? "another trigger of this function" : `the trigger of ${triggers[other].fn.name}`;
    reporter.report("LD216", [...b.path, "s3"], `this notification overlaps ${who} on bucket ${bucket} (got the same events, ${event}, with prefix ${JSON.stringify(a.prefix ?? "")}/${JSON.stringify(b.prefix ?? "")} and suffix ${JSON.stringify(a.suffix ?? "")}/${JSON.stringify(b.suffix ?? "")}), so S3 rejects the bucket's whole configuration; give them prefixes or suffixes that do not overlap, or different events`);
  }
}

const MATCHERS = new Set(["prefix", "suffix", "anything-but", "numeric", "exists", "cidr", "equals-ignore-case", "wildcard"]);

/** An event pattern's leaves are arrays of values or matchers (eb-event-patterns.html); also Lambda filter patterns. */
export function checkPattern(pattern: unknown, at: Path, reporter: Reporter, what = "an event pattern"): void {
  if (!isPlainObject(pattern)) {
    reporter.report("LD123", at, `${what} is a mapping of fields to arrays of values (got ${Array.isArray(pattern) ? "a list" : JSON.stringify(pattern)}); write it as { source: [ "aws.s3" ] }`);
    return;
  }
  const walk = (node: Record<string, unknown>, path: Path) => {
    for (const [key, value] of Object.entries(node)) {
      const here = [...path, key];
      if (isPlainObject(value)) walk(value, here);
      else if (!Array.isArray(value)) {
        reporter.report("LD123", here, `${what} matches a field against an array of values (got ${Reporter.show(value)}); write [ ${Reporter.show(value)} ]`);
      } else {
        value.forEach((item, i) => {
          if (isPlainObject(item) && (Object.keys(item).length !== 1 || !MATCHERS.has(Object.keys(item)[0]))) {
            reporter.report("LD123", [...here, i], `an object in ${what}'s array is one matcher, such as { prefix: "x" } or { exists: true } (got keys ${Object.keys(item).join(", ") || "none"}); use one of ${[...MATCHERS].join(", ")}`);
          } else if (Array.isArray(item)) {
            reporter.report("LD123", [...here, i], `${what}'s arrays hold values and matchers, not arrays (got a list); flatten it`);
          }
        });
      }
    }
  };
  walk(pattern, at);
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
/** Per cron field: allowed characters, numeric range. */
const CRON_FIELDS: { name: string; chars: RegExp; min: number; max: number }[] = [
  { name: "minutes", chars: /^[\d,*/-]+$/, min: 0, max: 59 },
  { name: "hours", chars: /^[\d,*/-]+$/, min: 0, max: 23 },
  { name: "day-of-month", chars: /^([\d,*/?LW-]+)$/, min: 1, max: 31 },
  { name: "month", chars: /^([\d,*/-]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)+$/i, min: 1, max: 12 },
  { name: "day-of-week", chars: /^([\d,*/?L#-]|SUN|MON|TUE|WED|THU|FRI|SAT)+$/i, min: 1, max: 7 },
  { name: "year", chars: /^[\d,*/-]+$/, min: 1970, max: 2199 },
];

/** EventBridge `rate(value unit)` and `cron(6 fields)` (eb-scheduled-rule-pattern.html). */
export function checkSchedule(expression: string, at: Path, reporter: Reporter): void {
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].replace(/s$/, "");
    if (n < 1) reporter.report("LD121", at, `a rate is a positive number of units (got ${JSON.stringify(expression)}); use rate(1 ${unit}) or more`);
    else if ((n === 1) !== !rate[2].endsWith("s")) {
      reporter.report("LD121", at, `a rate of 1 takes a singular unit and any other a plural one (got ${JSON.stringify(expression)}); write rate(${n} ${n === 1 ? unit : `${unit}s`})`);
    }
    return;
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return; // the shape check reported it
  const fields = cron[1].trim().split(/\s+/);
  const fix = "write six fields, minutes hours day-of-month month day-of-week year, with ? in day-of-month or day-of-week, as in cron(0 12 * * ? *)";
  if (fields.length !== 6) {
    reporter.report("LD122", at, `a cron expression has six fields (got ${fields.length} in ${JSON.stringify(expression)}); ${fix}`);
    return;
  }
  const [dom, dow] = [fields[2], fields[4]];
  if ((dom === "?") === (dow === "?")) {
    reporter.report("LD122", at, `exactly one of day-of-month and day-of-week is ? (got ${JSON.stringify(dom)} and ${JSON.stringify(dow)} in ${JSON.stringify(expression)}); ${fix}`);
    return;
  }
  fields.forEach((field, i) => {
    const spec = CRON_FIELDS[i];
    if (!cronFieldOk(field, i)) {
      reporter.report("LD122", at, `the ${spec.name} field takes ${spec.min}..${spec.max} with , - * /${i === 2 ? " ? L W" : i === 4 ? " ? L #" : ""} (got ${JSON.stringify(field)} in ${JSON.stringify(expression)}); ${fix}`);
    }
  });
}

function cronFieldOk(field: string, i: number): boolean {
  const spec = CRON_FIELDS[i];
  if (!spec.chars.test(field)) return false;
  if (field.includes("?")) return (i === 2 || i === 4) && field === "?";
  for (const part of field.split(",")) {
    const [range, step, extra] = part.split("/");
    if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step)) || range === "") return false;
    const base = range.replace(/#[1-5]$/, "").replace(/[LW]+$/, "");
    if (base === "*" || base === "") continue;
    for (const v of base.split("-")) {
      if (v === "" || (/^\d+$/.test(v) && (Number(v) < spec.min || Number(v) > spec.max))) return false;
    }
  }
  return true;
}
