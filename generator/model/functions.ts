import * as path from "node:path";
import { pathTo, type Path } from "../diagnostics";
import { kindOf } from "../kinds/registry";
import { isPlainObject, suggest } from "../parse/shape";
import { parseArn } from "./arn";
import { TRIGGER_KEYS, triggerKindOf } from "../kinds/triggers/registry";
import { joinWords } from "../rules/words";
import { toLabel } from "./names";
import type { Resolver, ResolveOptions } from "./resolver";
import {
  DEFAULT_ASYNC_RETRIES,
  DEFAULT_MAX_EVENT_AGE,
  DEFAULT_TIMEOUT,
  type AsyncConfig,
  type Code,
  type LambdaFunction,
  type Mapping,
  type PolicyResource,
  type PolicyStatement,
  type Trigger,
} from "./types";

type Raw = Record<string, unknown>;

/** Keys that describe how a function is built; an existing function (given by `arn`) takes none of them. */
const BUILD_KEYS = ["code", "runtime", "handler", "memory", "timeout", "architecture", "environment", "description", "reservedConcurrency", "layers", "tracing", "logRetention", "deadLetterQueue", "tags", "vpc", "permissionsBoundary", "awsName"];
/** What a container image brings itself: never taken from `defaults`, an error on the function. */
const IMAGE_OWN_KEYS = ["runtime", "handler", "layers"];
/** What AWS takes as an alias name: letters, digits, '-' and '_', not only digits, at most 128. */
const ALIAS_NAME = /^(?!\d+$)[A-Za-z0-9_-]{1,128}$/;
/** Maps merged one level deeper when both the function and `defaults` have them. */
const MERGED_MAPS = ["async", "environment", "tags"];

/** Fills in a declared function: defaults merged once (created functions only), references resolved. */
export function resolveFunction(fn: LambdaFunction, own: Raw, defaults: Raw, ctx: Resolver, options: ResolveOptions): LambdaFunction {
  const at = fn.path;
  const existing = fn.arn !== undefined;
  const merged = existing ? undefined : mergeDefaults(fn, own, defaults, at);
  const platformDefaults = options.platform?.defaults;
  const { raw, origin } = !merged ? { raw: own, origin: originOf(own, at) } : platformDefaults ? withPlatformDefaults(fn, merged, platformDefaults, at) : merged;
  fn.origin = origin;
  const where = (key: string): Path => origin[key] ?? pathTo(at, key);
  if (typeof raw.protect === "boolean") {
    fn.protect = raw.protect;
    fn.protectAt = where("protect");
  }

  if (existing) {
    for (const key of BUILD_KEYS) {
      if (own[key] !== undefined) ctx.reporter.report("LD210", [...at, key], `an existing function (given by "arn") is only wired, so "${key}" does not apply; remove it`, "key");
    }
    const qualifier = parseArn(fn.arn!)?.resource.split(":")[2];
    fn.qualifier = (raw.qualifier as string | undefined) ?? qualifier;
    if (!fn.role && own.managedPolicies !== undefined) {
      ctx.reporter.report("LD210", [...at, "managedPolicies"], `managed policies are attached to a role, and ${fn.name} is given without one; set role to the existing role, or remove managedPolicies`, "key");
    }
  } else {
    fn.code = code(raw.code);
    if (raw.code === undefined) ctx.reporter.report("LD103", at, `"code" is required for a function ldgen creates (or give "arn" for an existing one)`, "key");
    if (fn.code && fn.code.kind !== "image") {
      for (const key of ["runtime", "handler"]) {
        if (raw[key] === undefined) ctx.reporter.report("LD103", at, `"${key}" is required for a zip-packaged function (set it here or in defaults)`, "key");
      }
    }
    if (fn.code?.kind === "image") {
      for (const key of IMAGE_OWN_KEYS) {
        if (own[key] !== undefined) ctx.reporter.report("LD210", [...at, key], `a container image function takes its ${key === "layers" ? "layers" : key} from the image, and Lambda rejects "${key}" with it; remove it (or build it into the image)`, "key");
      }
    }
    if (fn.code?.kind === "zip" && options.exists && !options.exists(path.resolve(path.dirname(ctx.reporter.file), fn.code.path))) {
      ctx.reporter.report("LD207", where("code"), `${JSON.stringify(fn.code.path)} does not exist yet; build it before terraform plan`);
    }
    if (typeof raw.role === "string" && !/^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+$/.test(raw.role)) {
      ctx.reporter.report("LD206", where("role"), `a created function needs its role's ARN, arn:${ctx.partition}:iam::<account>:role/<name> (got ${JSON.stringify(raw.role)})`);
    }
    if (own.role !== undefined && own.permissionsBoundary !== undefined) {
      ctx.reporter.report("LD210", [...at, "permissionsBoundary"], `a permissions boundary is set on a role ldgen creates, and ${fn.name} uses its own role; set the boundary on that role, or remove role`, "key");
    }
    fn.qualifier = raw.qualifier as string | undefined;
    if (fn.qualifier !== undefined && !ALIAS_NAME.test(fn.qualifier)) {
      const why = /^\d+$/.test(fn.qualifier) ? "a number is a version, which ldgen cannot pin before it publishes one" : fn.qualifier.length > 128 ? "it is longer than 128 characters" : "an alias name takes letters, digits, '-' and '_' only";
      ctx.reporter.report("LD153", where("qualifier"), `${fn.name}'s qualifier names the alias ldgen creates for it, and AWS rejects this alias name: ${why} (got ${JSON.stringify(fn.qualifier)}); use a name such as live`);
    }
  }
  fn.role = raw.role as string | undefined;
  fn.runtime = raw.runtime as string | undefined;
  fn.handler = raw.handler as string | undefined;
  fn.memory = raw.memory as number | undefined;
  fn.timeout = (raw.timeout as number | undefined) ?? DEFAULT_TIMEOUT;
  fn.architecture = raw.architecture as LambdaFunction["architecture"];
  fn.environment = (raw.environment ?? {}) as Record<string, string>;
  fn.description = raw.description as string | undefined;
  fn.reservedConcurrency = raw.reservedConcurrency as number | undefined;
  fn.layers = ((raw.layers ?? []) as unknown[]).filter((l): l is string => typeof l === "string");
  fn.tracing = raw.tracing as LambdaFunction["tracing"];
  fn.logRetention = raw.logRetention as number | undefined;
  fn.tags = (raw.tags ?? {}) as Record<string, string>;
  fn.policies = ((raw.policies ?? []) as unknown[]).flatMap((s, i) => (isPlainObject(s) ? statement(s, i, pathTo(where("policies"), i), ctx) : []));
  fn.managedPolicies = [...new Set(((raw.managedPolicies ?? []) as unknown[]).filter((p): p is string => typeof p === "string"))];
  fn.permissionsBoundary = fn.role ? undefined : (raw.permissionsBoundary as string | undefined);
  fn.vpc = raw.vpc === undefined ? undefined : vpc(fn, raw.vpc as Raw, where("vpc"), ctx);
  fn.deadLetterQueue = raw.deadLetterQueue === undefined ? undefined : ctx.ref(raw.deadLetterQueue, where("deadLetterQueue"), `${fn.name}-dlq`);
  fn.triggers = triggers(fn, (raw.triggers ?? []) as unknown[], where("triggers"), ctx);
  fn.async = raw.async === undefined ? undefined : asyncConfig(fn, raw.async as Raw, own.async as Raw | undefined, ctx);
  fn.events = ((raw.events ?? []) as unknown[]).flatMap((e, i) => (isPlainObject(e) ? mapping(fn, e, pathTo(where("events"), i), ctx) : []));
  return fn;
}

/** Whether a created function takes `key` from `defaults`: no `async` unless something invokes it asynchronously, no runtime, handler or layers for an image, no permissions boundary for its own role. */
function inherits(fn: LambdaFunction, own: Raw, defaults: Raw, key: string): boolean {
  if (key === "async") return fn.asyncInvoked || own.async !== undefined;
  if (key === "permissionsBoundary") return own.role === undefined;
  if (IMAGE_OWN_KEYS.includes(key)) {
    const code = own.code ?? defaults.code;
    return !(isPlainObject(code) && code.image !== undefined);
  }
  return true;
}

// (The keys of shape-checked mappings are the schema's: `for...in` meets no `__proto__`, nor inherited keys.)
function originOf(raw: Raw, at: Path): Record<string, Path> {
  const origin: Record<string, Path> = {};
  for (const key in raw) origin[key] = pathTo(at, key);
  return origin;
}

/** `["defaults", key]`, one path per key for every function that inherits it, in every run (frozen: the caller holds the model). */
const fromDefaults = new Map<string, Path>();
function defaultsPath(key: string): Path {
  let path = fromDefaults.get(key);
  if (!path) fromDefaults.set(key, (path = Object.freeze(["defaults", key])));
  return path;
}

/** `defaults` merged key by key, as if written in the function; `async`, `environment` and `tags` one level deeper. */
function mergeDefaults(fn: LambdaFunction, own: Raw, defaults: Raw, at: Path): { raw: Raw; origin: Record<string, Path> } {
  // (Object.assign, not `{ ...own }`: V8 adds keys to a spread copy on its slow path, about ten times the cost.)
  const raw: Raw = Object.assign({}, own);
  const origin = originOf(own, at);
  for (const key in defaults) {
    if (!inherits(fn, own, defaults, key)) continue;
    const value = defaults[key];
    if (raw[key] === undefined) {
      raw[key] = value;
      origin[key] = defaultsPath(key);
    } else if (MERGED_MAPS.includes(key) && isPlainObject(value) && isPlainObject(raw[key])) {
      raw[key] = { ...value, ...(raw[key] as Raw) };
    }
  }
  return { raw, origin };
}

/** The platform file's `defaults`, beneath the spec's: a key they give is reported at the function that inherits it. */
function withPlatformDefaults(fn: LambdaFunction, merged: { raw: Raw; origin: Record<string, Path> }, platform: Raw, at: Path): { raw: Raw; origin: Record<string, Path> } {
  const { raw } = mergeDefaults(fn, merged.raw, platform, at);
  const origin = Object.assign({}, merged.origin);
  for (const key of Object.keys(raw)) origin[key] ??= at;
  return { raw, origin };
}

/** `vpc`: both subnets and security groups, or Lambda rejects the configuration. */
function vpc(fn: LambdaFunction, raw: Raw, at: Path, ctx: Resolver): LambdaFunction["vpc"] {
  const ids = (key: string) => ((raw[key] ?? []) as unknown[]).filter((s): s is string => typeof s === "string");
  const subnets = ids("subnets");
  const securityGroups = ids("securityGroups");
  // Ids that failed their shape check were reported there; only an empty or absent list is reported here.
  const given = (key: string) => Array.isArray(raw[key]) && (raw[key] as unknown[]).length > 0;
  const missing = [!given("subnets") && "subnets", !given("securityGroups") && "securityGroups"].filter(Boolean);
  if (missing.length > 0) {
    const got = missing.length === 2 ? "neither" : `no ${missing[0]}`;
    ctx.reporter.report("LD152", at, `a function in a VPC needs at least one subnet and one security group (got ${got}); add ${missing.join(" and ")}, or remove vpc`, "key");
    return undefined;
  }
  return subnets.length && securityGroups.length ? { subnets, securityGroups } : undefined;
}

/** ARNs in a policy: any service, region and account may be empty (S3, IAM), the account may be `aws` (managed policies). */
const POLICY_RESOURCE_ARN = /^arn:aws[a-zA-Z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;

/** One `policies` entry: its id, actions, and each resource resolved to an ARN or a spec entry. */
function statement(raw: Raw, i: number, at: Path, ctx: Resolver): PolicyStatement[] {
  const strings = (key: string) => ((raw[key] ?? []) as unknown[]).filter((s): s is string => typeof s === "string");
  const actions = strings("actions");
  for (const key of ["actions", "resources"]) {
    if (Array.isArray(raw[key]) && (raw[key] as unknown[]).length === 0) ctx.reporter.report("LD103", [...at, key], `a statement needs at least one of its ${key} (got none); add one, or remove the statement`, "key");
  }
  const resources = ((raw.resources ?? []) as unknown[]).flatMap((r, j) => (typeof r === "string" ? policyResource(r, [...at, "resources", j], ctx) : []));
  return [{ path: at, sid: (raw.sid as string | undefined) ?? `Policy${i + 1}`, actions: [...new Set(actions)].sort(), resources }];
}

function policyResource(text: string, at: Path, ctx: Resolver): PolicyResource[] {
  if (text === "*") return [{ kind: "arn", arn: text }];
  if (text.startsWith("arn:")) {
    if (POLICY_RESOURCE_ARN.test(text)) return [{ kind: "arn", arn: text }];
    ctx.reporter.report("LD151", at, `expected an ARN, arn:<partition>:<service>:<region>:<account>:<resource> (got ${JSON.stringify(text)}); fix the ARN, or name a spec entry`);
    return [];
  }
  const suffix = text.endsWith("/*") ? "/*" : undefined;
  const name = suffix ? text.slice(0, -2) : text;
  const endpoint = ctx.lookup(name);
  if (!endpoint) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) {
      ctx.reporter.report("LD151", at, `expected an ARN, "*", a spec name or <name>/* (got ${JSON.stringify(text)}); write the full ARN, or name a spec entry`);
    } else {
      ctx.reporter.report("LD201", at, `nothing is declared as ${JSON.stringify(name)}${suggest(name, ctx.names())}; declare it under destinations, sources or functions, or give its ARN`);
    }
    return [];
  }
  if (!endpoint.fn && !endpoint.arn && !(endpoint.created && kindOf(endpoint.type).creates)) {
    ctx.reporter.report("LD151", at, `${JSON.stringify(name)} has no ARN to grant on (got a ${endpoint.type} entry without arn); give its arn, or write the resource's ARN here`);
    return [];
  }
  return [{ kind: "entry", endpoint, suffix }];
}

function code(value: unknown): Code | undefined {
  if (isPlainObject(value) && typeof value.image === "string") return { kind: "image", uri: value.image };
  if (typeof value !== "string") return undefined;
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(value);
  if (s3) return { kind: "s3", bucket: s3[1], key: s3[2] };
  return { kind: "zip", path: value };
}

function asyncConfig(fn: LambdaFunction, raw: Raw, own: Raw | undefined, ctx: Resolver): AsyncConfig {
  const keyAt = (key: string): Path => (own?.[key] !== undefined ? pathTo(fn.path, "async", key) : ["defaults", "async", key]);
  return {
    path: own ? pathTo(fn.path, "async") : ["defaults", "async"],
    retries: (raw.retries as number | undefined) ?? DEFAULT_ASYNC_RETRIES,
    maxEventAge: (raw.maxEventAge as number | undefined) ?? DEFAULT_MAX_EVENT_AGE,
    onSuccess: raw.onSuccess === undefined ? undefined : ctx.ref(raw.onSuccess, keyAt("onSuccess"), `${fn.name}-on-success`),
    onFailure: raw.onFailure === undefined ? undefined : ctx.ref(raw.onFailure, keyAt("onFailure"), `${fn.name}-on-failure`),
    failureDeclared: raw.onFailure !== undefined,
  };
}

function mapping(fn: LambdaFunction, raw: Raw, at: Path, ctx: Resolver): Mapping[] {
  const source = raw.source === undefined ? undefined : ctx.ref(raw.source, pathTo(at, "source"), `${fn.name}-source`);
  if (!source) return [];
  const suffix = (raw.name as string | undefined) ?? source.target.name;
  // (An endpoint's label is toLabel of its name.)
  const label = `${fn.label}_${raw.name === undefined ? source.target.label : toLabel(suffix)}`;
  return [
    {
      path: at,
      label,
      source,
      batchSize: raw.batchSize as number | undefined,
      batchWindow: raw.batchWindow as number | undefined,
      startingPosition: raw.startingPosition as Mapping["startingPosition"],
      startingTimestamp: raw.startingTimestamp as string | undefined,
      retries: raw.retries as number | undefined,
      maxRecordAge: raw.maxRecordAge as number | undefined,
      splitBatchOnError: raw.splitBatchOnError as boolean | undefined,
      parallelization: raw.parallelization as number | undefined,
      tumblingWindow: raw.tumblingWindow as number | undefined,
      reportBatchItemFailures: raw.reportBatchItemFailures as boolean | undefined,
      filters: (raw.filters ?? []) as unknown[],
      maxConcurrency: raw.maxConcurrency as number | undefined,
      enabled: raw.enabled as boolean | undefined,
      onFailure: raw.onFailure === undefined ? undefined : ctx.ref(raw.onFailure, pathTo(at, "onFailure"), `${fn.name}-${suffix}-on-failure`),
      onSuccess: raw.onSuccess === undefined ? undefined : ctx.ref(raw.onSuccess, pathTo(at, "onSuccess"), `${fn.name}-${suffix}-on-success`),
      topic: raw.topic as string | undefined,
      consumerGroupId: raw.consumerGroupId as string | undefined,
    },
  ];
}

const TRIGGER_LIST = joinWords(TRIGGER_KEYS, "or");

/** Each entry is read by the kind its one kind key selects; settings that kind does not take are reported. */
function triggers(fn: LambdaFunction, raws: unknown[], at: Path, ctx: Resolver): Trigger[] {
  const out: Trigger[] = [];
  const counts = new Map<string, number>();
  raws.forEach((raw, i) => {
    if (!isPlainObject(raw)) return;
    const path = pathTo(at, i);
    const keys = TRIGGER_KEYS.filter((k) => raw[k] !== undefined);
    if (keys.length !== 1) {
      const message = keys.length === 0 ? `a trigger needs one of ${TRIGGER_LIST}` : `a trigger has exactly one of ${TRIGGER_LIST} (got ${keys.join(", ")}); use one list entry each`;
      ctx.reporter.report(keys.length === 0 ? "LD103" : "LD210", path, message);
      return;
    }
    const kind = triggerKindOf(keys[0]);
    for (const key of Object.keys(raw)) {
      if (key !== "name" && key !== kind.key && !(key in kind.settings)) {
        ctx.reporter.report("LD210", [...path, key], `${JSON.stringify(key)} does not apply to ${kind.key} triggers; remove it`, "key");
      }
    }
    const n = (counts.get(kind.key) ?? 0) + 1;
    counts.set(kind.key, n);
    const stem = (raw.name as string | undefined) ?? (n === 1 ? kind.stem : `${kind.stem}-${n}`);
    const entry = { fn, raw, path, label: `${fn.label}_${toLabel(stem)}`, stem, awsName: `${fn.arn ? `${ctx.specName}-${fn.name}` : fn.awsName}-${stem}` };
    const trigger = kind.resolve(raw[kind.key], entry, ctx);
    if (trigger) out.push(trigger);
  });
  return out;
}
