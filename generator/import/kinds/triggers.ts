import { awsName, toLabel } from "../../model/names";
import type { StateResource } from "../read";
import type { ImportContext, ImportKind } from "./kind";
import { first, nonEmpty, seconds } from "./values";

type Values = Record<string, unknown>;

/**
 * Triggers -> `functions.<fn>.triggers[]`: SNS subscriptions to a function (`sns`, with the subscription's
 * `deadLetter`), S3 bucket notifications (`s3`: one entry per `lambda_function` block), EventBridge rules with a
 * function target (`schedule` or `eventPattern`, with `bus`, `input`, the target's retry policy and dead letters);
 * and the `aws_lambda_permission` that lets each invoke the function.
 *
 * What ldgen names differently and cannot rename in place (a rule's name, a target's id, a permission's statement
 * id force a new resource) is not taken over: it stays in its root, is listed as left out, and the spec's trigger
 * makes ldgen's own beside it (remove the old one once ldgen's is applied, or the function is invoked twice).
 */
export const triggers: ImportKind = {
  name: "triggers",
  phase: 20,
  defaults: {
    aws_lambda_permission: { event_source_token: "", function_url_auth_type: "", principal_org_id: "", qualifier: "", source_account: "", statement_id_prefix: "" },
    aws_cloudwatch_event_rule: { description: "", is_enabled: true, state: "ENABLED", role_arn: "", force_destroy: false, name_prefix: "", event_bus_name: "default" },
    aws_cloudwatch_event_target: { input: "", input_path: "", role_arn: "", force_destroy: false, event_bus_name: "default" },
    aws_s3_bucket_notification: { eventbridge: false },
  },
  run(ctx) {
    const permissions = permissionIndex(ctx);
    const add = (fnKey: string, kind: string, entry: Values, stemFrom: (stem: string) => boolean): { index: number; label: string; stem: string } => {
      const fn = ctx.draft.functions[fnKey];
      const list = ((fn.triggers as Values[] | undefined) ?? (fn.triggers = []));
      const stemOf = KIND_STEM[kind];
      const n = list.filter((t) => t[kind] !== undefined).length + 1;
      const plain = n === 1 ? stemOf : `${stemOf}-${n}`;
      // The stem ldgen's names hold (a trigger `name`), else the kind's own.
      const named = CANDIDATES(ctx, fnKey).find(stemFrom);
      const stem = named ?? plain;
      if (named !== undefined && named !== plain) entry.name = named;
      list.push(entry);
      return { index: list.length - 1, label: `${toLabel(fnKey)}_${toLabel(stem)}`, stem };
    };
    const claimPermission = (fnKey: string, principal: string, sourceArn: string, label: string, path: (string | number)[]) => {
      const p = permissions.get(`${fnKey}\0${principal}\0${sourceArn}`);
      if (!p || ctx.claimed(p)) return;
      const want = `ldgen-${label}`.replace(/_/g, "-");
      if (p.values.statement_id === want) ctx.claim(p, `aws_lambda_permission.${label}`, path);
      else ctx.leaveOut(p, `its statement_id ${JSON.stringify(p.values.statement_id)} is not ldgen's ${JSON.stringify(want)} (a new statement id replaces it): ldgen writes aws_lambda_permission.${label} beside it; remove this one once that is applied`);
    };

    // SNS subscriptions that deliver to a function.
    for (const r of ctx.resources("aws_sns_topic_subscription")) {
      const v = r.values;
      if (v.protocol !== "lambda" || !nonEmpty(v.endpoint) || !nonEmpty(v.topic_arn)) continue;
      const fnKey = ctx.functionKey(v.endpoint);
      if (fnKey === undefined) continue;
      const entry: Values = { sns: ctx.reference(v.topic_arn, "destination", { address: r.address, attribute: "topic_arn" }) };
      const dlq = nonEmpty(v.redrive_policy) ? parse<Values>(v.redrive_policy)?.deadLetterTargetArn : undefined;
      if (nonEmpty(dlq)) entry.deadLetter = ctx.reference(dlq, "destination", { address: r.address, attribute: "redrive_policy" });
      const t = add(fnKey, "sns", entry, (stem) => permissionHas(permissions, fnKey, "sns.amazonaws.com", v.topic_arn as string, stem));
      const path = ["functions", fnKey, "triggers", t.index];
      ctx.claim(r, `aws_sns_topic_subscription.${t.label}`, path);
      claimPermission(fnKey, "sns.amazonaws.com", v.topic_arn, t.label, path);
    }

    // S3 notifications: one trigger per function block, one notification per bucket.
    for (const r of ctx.resources("aws_s3_bucket_notification")) {
      const v = r.values;
      const bucket = String(v.bucket ?? "");
      const blocks = Array.isArray(v.lambda_function) ? (v.lambda_function as Values[]) : [];
      const bucketArn = `arn:${ctx.draft.partition ?? "aws"}:s3:::${bucket}`;
      const declared = ctx.find("aws_s3_bucket", "bucket", bucket);
      const ref = declared && nonEmpty(declared.values.arn) ? ctx.reference(declared.values.arn, "destination", { address: r.address, attribute: "bucket" }) : bucket;
      // What the triggers' `bucket` says: a declared s3 destination's key, else the bucket's name (ldgen labels the notification by it).
      const specBucket = ref.startsWith("arn:") ? bucket : ref;
      let firstPath: (string | number)[] | undefined;
      for (const [i, b] of blocks.entries()) {
        const fnKey = nonEmpty(b.lambda_function_arn) ? ctx.functionKey(b.lambda_function_arn) : undefined;
        if (fnKey === undefined) {
          const notifies = nonEmpty(b.lambda_function_arn) ? `it notifies ${String(b.lambda_function_arn)}, a function the import does not hold` : ctx.unknownIn(r.address, `lambda_function.${i}.lambda_function_arn`) ? "the plan does not know the function it notifies until apply (import the state once applied)" : "it names no function";
          ctx.difference(r.address, `lambda_function.${i}`, `${notifies}: ldgen's notification takes over the bucket's and would drop it`);
          continue;
        }
        const s3: Values = { bucket: specBucket };
        const events = Array.isArray(b.events) ? (b.events as string[]) : [];
        if (!(events.length === 1 && events[0] === "s3:ObjectCreated:*")) s3.events = events;
        if (nonEmpty(b.filter_prefix)) s3.prefix = b.filter_prefix;
        if (nonEmpty(b.filter_suffix)) s3.suffix = b.filter_suffix;
        const t = add(fnKey, "s3", { s3 }, (stem) => b.id === `${toLabel(fnKey)}_${toLabel(stem)}`.replace(/_/g, "-") || permissionHas(permissions, fnKey, "s3.amazonaws.com", bucketArn, stem));
        const path = ["functions", fnKey, "triggers", t.index];
        firstPath ??= path;
        // ldgen names the spec's account on a bucket's permission (a bucket ARN names none): the spec had one.
        const account = permissions.get(`${fnKey}\0s3.amazonaws.com\0${bucketArn}`)?.values.source_account;
        if (nonEmpty(account) && ctx.draft.account === undefined) ctx.draft.account = account;
        claimPermission(fnKey, "s3.amazonaws.com", bucketArn, t.label, path);
      }
      for (const [other, arnKey, what] of [["queue", "queue_arn", "SQS queue"], ["topic", "topic_arn", "SNS topic"]] as const) {
        const list = Array.isArray(v[other]) ? (v[other] as Values[]) : [];
        if (list.length === 0) continue;
        const targets = [...new Set(list.map((q) => String(q[arnKey] ?? "")))].join(", ");
        ctx.difference(r.address, other, `the bucket notifies the ${what}${list.length > 1 ? "s" : ""} ${targets} too: ldgen's notification takes over the bucket's and writes function notifications only, so applying it stops ${list.length > 1 ? "these notifications" : "this notification"}`);
      }
      if (firstPath) ctx.claim(r, `aws_s3_bucket_notification.${toLabel(specBucket)}`, [...firstPath, "s3", "bucket"]);
      else ctx.leaveOut(r, "it notifies no function the import holds");
    }

    // EventBridge Scheduler schedules: ldgen's `schedule` is an EventBridge rule; the spec has no Scheduler trigger.
    for (const r of ctx.resources("aws_scheduler_schedule")) {
      const arn = first<Values>(r.values.target)?.arn;
      const fnKey = nonEmpty(arn) ? ctx.functionKey(arn) : undefined;
      if (fnKey !== undefined) ctx.leaveOut(r, `an EventBridge Scheduler schedule that invokes functions.${fnKey}: the spec has no trigger for it (ldgen writes a schedule trigger as an EventBridge rule), so it stays in its root, where its target must then name the function by ARN (${String(arn)}); or replace it with a schedule trigger and remove it once that is applied`);
    }

    // EventBridge rules with a function target.
    for (const target of ctx.resources("aws_cloudwatch_event_target")) {
      const v = target.values;
      const fnKey = nonEmpty(v.arn) ? ctx.functionKey(v.arn) : undefined;
      if (fnKey === undefined) continue;
      const bus = nonEmpty(v.event_bus_name) && v.event_bus_name !== "default" ? v.event_bus_name : undefined;
      const found = ctx.find("aws_cloudwatch_event_rule", "name", v.rule);
      const rule = found && (nonEmpty(found.values.event_bus_name) && found.values.event_bus_name !== "default" ? found.values.event_bus_name : undefined) === bus ? found : undefined;
      if (!rule) {
        ctx.leaveOut(target, `its rule ${String(v.rule)} is not in the import`);
        continue;
      }
      const rv = rule.values;
      const entry: Values = {};
      const kind = nonEmpty(rv.schedule_expression) ? "schedule" : "eventPattern";
      if (kind === "schedule") entry.schedule = rv.schedule_expression;
      else entry.eventPattern = nonEmpty(rv.event_pattern) ? parse(rv.event_pattern) : {};
      if (bus !== undefined) {
        const b = bus.startsWith("arn:") ? ctx.byArn(bus) : ctx.find("aws_cloudwatch_event_bus", "name", bus);
        const arn = b && nonEmpty(b.values.arn) ? b.values.arn : bus.startsWith("arn:") ? bus : String(rv.arn ?? "").replace(/:rule\/.*$/, `:event-bus/${bus}`);
        entry.bus = ctx.reference(arn, "destination", { address: rule.address, attribute: "event_bus_name" });
      }
      if (nonEmpty(v.input)) entry.input = parse(v.input);
      const retry = first<Values>(v.retry_policy);
      if (retry) {
        entry.retries = retry.maximum_retry_attempts;
        if (typeof retry.maximum_event_age_in_seconds === "number") entry.maxEventAge = seconds(retry.maximum_event_age_in_seconds);
      }
      const dlq = first<Values>(v.dead_letter_config)?.arn;
      if (nonEmpty(dlq)) entry.deadLetter = ctx.reference(dlq, "destination", { address: target.address, attribute: "dead_letter_config.0.arn" });
      const prefix = `${awsName(ctx.draft.name, fnKey)}-`;
      const t = add(fnKey, kind, entry, (stem) => rv.name === `${prefix}${stem}`);
      const path = ["functions", fnKey, "triggers", t.index];
      if (rv.name === `${prefix}${t.stem}`) {
        if (!ctx.claimed(rule)) ctx.claim(rule, `aws_cloudwatch_event_rule.${t.label}`, path);
        if (v.target_id === "lambda") ctx.claim(target, `aws_cloudwatch_event_target.${t.label}`, path);
        else ctx.leaveOut(target, `its target_id ${JSON.stringify(v.target_id)} is not ldgen's "lambda" (a new id replaces it): ldgen writes aws_cloudwatch_event_target.${t.label} beside it; remove this one once that is applied`);
      } else {
        const why = `its name ${JSON.stringify(rv.name)} is not ldgen's ${JSON.stringify(`${prefix}${t.stem}`)} (a new name replaces the rule): ldgen writes aws_cloudwatch_event_rule.${t.label} beside it; remove this one once that is applied, or the function is invoked twice`;
        ctx.leaveOut(rule, why);
        ctx.leaveOut(target, `its rule is left out (${why})`);
        ctx.difference(rule.address, "name", why);
      }
      if (nonEmpty(rv.arn)) claimPermission(fnKey, "events.amazonaws.com", rv.arn, t.label, path);
    }
  },
};

const KIND_STEM: Record<string, string> = { sns: "sns", s3: "s3", schedule: "schedule", eventPattern: "events" };

/** Stems a trigger's resources may carry: every word sequence after `<fn>-` in the names it has is tried by its caller. */
const CANDIDATES = (ctx: ImportContext, fnKey: string) => STEMS.get(ctx)?.get(fnKey) ?? [];
const STEMS = new WeakMap<ImportContext, Map<string, string[]>>();

/** Permissions by function key, principal and source ARN (one pass), and the stems their statement ids name. */
function permissionIndex(ctx: ImportContext): Map<string, StateResource> {
  const out = new Map<string, StateResource>();
  const stems = new Map<string, string[]>();
  for (const p of ctx.resources("aws_lambda_permission")) {
    const v = p.values;
    const fnKey = nonEmpty(v.function_name) ? ctx.functionKey(v.function_name) : undefined;
    if (fnKey === undefined || !nonEmpty(v.principal) || !nonEmpty(v.source_arn)) continue;
    out.set(`${fnKey}\0${v.principal}\0${v.source_arn}`, p);
    const head = `ldgen-${toLabel(fnKey).replace(/_/g, "-")}-`;
    if (nonEmpty(v.statement_id) && v.statement_id.startsWith(head)) {
      const list = stems.get(fnKey) ?? [];
      list.push(v.statement_id.slice(head.length));
      stems.set(fnKey, list);
    }
  }
  for (const r of ctx.resources("aws_cloudwatch_event_rule")) {
    const name = String(r.values.name ?? "");
    for (const fnKey of Object.keys(ctx.draft.functions)) {
      const head = `${awsName(ctx.draft.name, fnKey)}-`;
      if (!name.startsWith(head)) continue;
      const list = stems.get(fnKey) ?? [];
      list.push(name.slice(head.length));
      stems.set(fnKey, list);
    }
  }
  STEMS.set(ctx, stems);
  return out;
}

/** The function's permission for this principal and source names `stem` (`ldgen-<fn>-<stem>`). */
function permissionHas(permissions: Map<string, StateResource>, fnKey: string, principal: string, sourceArn: string, stem: string): boolean {
  const p = permissions.get(`${fnKey}\0${principal}\0${sourceArn}`);
  return p !== undefined && p.values.statement_id === `ldgen-${toLabel(fnKey)}_${toLabel(stem)}`.replace(/_/g, "-");
}

function parse<T = unknown>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
