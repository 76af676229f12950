import { toLabel } from "../../model/names";
import { MANAGED, managedPolicyArn, NEEDS_VPC } from "../../plan/iam-table";
import { planned, sameStatement } from "../compare";
import { keyFrom } from "../context";
import type { StateResource } from "../read";
import { PROVIDER, type ImportContext, type ImportKind } from "./kind";
import { loosen } from "../unknowns";
import { nonEmpty } from "./values";

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  [key: string]: unknown;
}

/** The statements of each function's policies, read in `run`, split in `afterPlan` into ldgen's and the function's own. */
const pending = new WeakMap<ImportContext, { key: string; from: string; statements: Statement[] }[]>();

const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * A created function's role (`aws_iam_role`, its own: `permissionsBoundary`; shared or not in the input: the
 * function's existing `role`), its inline policies (`aws_iam_role_policy`: ldgen's one per role, the statements
 * ldgen does not write from the wiring become `policies`) and managed policy attachments (`managedPolicies`);
 * an existing function's policy on its existing role.
 */
export const iam: ImportKind = {
  name: "roles and policies",
  phase: 25,
  defaults: {
    aws_iam_role: { description: "", force_detach_policies: false, max_session_duration: 3600, path: "/", inline_policy: PROVIDER, managed_policy_arns: PROVIDER },
  },
  run(ctx) {
    const name = ctx.draft.name;
    const byRole = group(ctx.resources("aws_iam_role_policy"), "role");
    const attachments = group(ctx.resources("aws_iam_role_policy_attachment"), "role");
    const users = group(ctx.resources("aws_lambda_function").filter((f) => ctx.functionOf(f) !== undefined), "role");
    const work: { key: string; from: string; statements: Statement[] }[] = [];
    pending.set(ctx, work);
    const roleOf = new Map<string, string>();
    /** The AWS name ldgen gives a created function, its role and its role policy. */
    const ldgenName = (key: string) => String(ctx.draft.functions[key].awsName ?? `${name}-${key}`);
    // (a policy on a role several functions share: its statements go to each of them)
    const sharedBy = new Map<StateResource, { key: string; main: boolean }[]>();
    const takePolicies = (key: string, roleName: string, role?: StateResource) => {
      const label = toLabel(key);
      const policies = (byRole.get(roleName) ?? []).filter((p) => !ctx.claimed(p));
      // ldgen's policy is the one with ldgen's name: taking over another would rename it, which replaces it (the
      // role goes without it between the delete and the create), so it stays where it is and ldgen writes its own.
      const main = policies.find((p) => p.values.name === ldgenName(key));
      const statements: Statement[] = [];
      for (const p of policies) {
        const read = statementsOf(p.values.policy);
        if (read === undefined) ctx.difference(p.address, "policy", "the policy is not a JSON policy document: ldgen cannot read its statements, and writes its own");
        statements.push(...(read ?? []));
        if (p === main) ctx.claim(p, `aws_iam_role_policy.${label}`, ["functions", key]);
        else sharedBy.set(p, [...(sharedBy.get(p) ?? []), { key, main: main !== undefined }]);
      }
      // Inline policies the role holds that no aws_iam_role_policy of the input writes (its inline_policy blocks).
      const written = new Set(policies.map((p) => p.values.name));
      for (const inline of (role?.values.inline_policy ?? []) as { name?: string; policy?: string }[]) {
        if (!inline.name || written.has(inline.name) || (byRole.get(roleName) ?? []).some((p) => p.values.name === inline.name)) continue;
        const read = statementsOf(inline.policy);
        statements.push(...(read ?? []));
        ctx.difference(
          role!.address,
          `inline_policy.${inline.name}`,
          read === undefined
            ? `the role's inline policy ${JSON.stringify(inline.name)} (an inline_policy block) is not a JSON policy document: ldgen cannot read its statements; Terraform leaves it on the role (inline_policy is computed when unset)`
            : `the role holds the inline policy ${JSON.stringify(inline.name)} (an inline_policy block, not an aws_iam_role_policy): its statements are in functions.${key}.policies, in ldgen's aws_iam_role_policy.${label}; Terraform leaves the block's policy on the role (inline_policy is computed when unset): delete it (aws iam delete-role-policy) once ldgen's is applied`,
        );
      }
      if (statements.length || main) work.push({ key, from: (main ?? policies[0])?.address ?? `aws_iam_role.${roleName}`, statements });
    };
    for (const fn of ctx.resources("aws_lambda_function")) {
      const key = ctx.functionOf(fn);
      if (key === undefined) continue;
      const entry = ctx.draft.functions[key];
      const roleArn = String(fn.values.role ?? "");
      const role = ctx.find("aws_iam_role", "arn", roleArn);
      const sharing = (users.get(roleArn) ?? []).map((f) => ctx.functionOf(f)!);
      const roleName = role ? String(role.values.name) : roleArn.split("/").pop()!;
      // ldgen names a function's role as the function, at the path "/": another name or path replaces the role (and
      // the function goes without it in between), so such a role stays where it is, the function's existing role.
      const path = nonEmpty(role?.values.path) ? role.values.path : "/";
      const renamed = role !== undefined && (role.values.name !== ldgenName(key) || path !== "/");
      if (role && sharing.length === 1 && !ctx.claimed(role) && !renamed) {
        ctx.claim(role, `aws_iam_role.${toLabel(key)}`, ["functions", key]);
        if (nonEmpty(role.values.permissions_boundary)) entry.permissionsBoundary = role.values.permissions_boundary;
      } else {
        // (a created function's role is its ARN: ldgen's function names it)
        entry.role = roleArn;
        if (role && !ctx.claimed(role)) {
          ctx.leaveOut(
            role,
            sharing.length > 1
              ? `the role of ${sharing.length} functions (${sharing.join(", ")}): ldgen makes one role per function, so the spec names it as each one's existing role; keep it in its root`
              : `ldgen would name the role of functions.${key} ${JSON.stringify(ldgenName(key))} at the path "/", not ${JSON.stringify(String(role.values.name))}${path === "/" ? "" : ` at ${JSON.stringify(path)}`} (a new name or path replaces the role): the spec names it as the function's existing role; keep it in its root`,
          );
        }
      }
      takePolicies(key, roleName, role);
      roleOf.set(key, roleName);
      const managed: string[] = [];
      const automatic = new Map<string, string>();
      if (entry.tracing === "Active") automatic.set(managedPolicyArn(ctx.draft.partition ?? "aws", MANAGED.tracing), "tracing");
      if (entry.vpc || pollsInVpc(ctx, entry)) automatic.set(managedPolicyArn(ctx.draft.partition ?? "aws", MANAGED.vpc), "vpc");
      const attached = (attachments.get(roleName) ?? []).filter((a) => !ctx.claimed(a));
      const arns = new Set(attached.map((a) => String(a.values.policy_arn)));
      for (const arn of (role?.values.managed_policy_arns ?? []) as string[]) if (!arns.has(arn)) managed.push(arn);
      for (const a of attached) {
        const arn = String(a.values.policy_arn);
        const label = automatic.get(arn) ?? toLabel(arn.split("/").pop()!);
        if (!automatic.has(arn)) managed.push(arn);
        const own = ctx.find("aws_iam_policy", "arn", arn);
        if (own) ctx.leaveOut(own, `a managed policy ldgen does not create: functions.${key}.managedPolicies attaches it by ARN; keep it in its root`);
        // (a role of this function alone, created or existing, takes its attachments from the spec)
        if (sharing.length <= 1) ctx.claim(a, `aws_iam_role_policy_attachment.${toLabel(key)}_${label}`, ["functions", key]);
        else ctx.leaveOut(a, `attaches ${arn} to the shared role ${roleName}: keep it in its root (the spec's managedPolicies on an existing role would attach it once per function)`);
      }
      if (managed.length && sharing.length <= 1) entry.managedPolicies = [...new Set(managed)];
    }
    for (const [p, users] of sharedBy) {
      const where = users.map(({ key }) => `functions.${key}.policies (in aws_iam_role_policy.${toLabel(key)})`).join(" and ");
      const names = users.map(({ key }) => JSON.stringify(ldgenName(key))).join(" and ");
      ctx.leaveOut(
        p,
        users.every((u) => u.main)
          ? `ldgen writes one inline policy per role: its statements are in ${where}; once that is applied, this one can go`
          : `ldgen names the role's inline policy ${names}, not ${JSON.stringify(String(p.values.name))} (a new name replaces the policy): ldgen writes its own, with these statements in ${where}; once that is applied, this one can go`,
      );
    }
    exclusive(ctx, roleOf, ldgenName);
    // An existing function's policy on its existing role, named as ldgen names it.
    for (const [key, entry] of Object.entries(ctx.draft.functions)) {
      if (!entry.arn) continue;
      const policy = ctx.find("aws_iam_role_policy", "name", `${name}-${key}`);
      if (!policy || ctx.claimed(policy) || !nonEmpty(policy.values.role)) continue;
      entry.role = policy.values.role;
      ctx.claim(policy, `aws_iam_role_policy.${toLabel(key)}`, ["functions", key]);
      work.push({ key, from: policy.address, statements: statementsOf(policy.values.policy) ?? [] });
    }
  },
  afterPlan(ctx, plan) {
    const documents = planned(plan, ctx);
    let changed = false;
    const renames = new Map<string, string>();
    // (a plan's values made before apply: a statement made from the same resources is the same)
    const loose = <T>(s: T): T => loosen(s, ctx.filled.estimates) as T;
    for (const { key, from, statements } of pending.get(ctx) ?? []) {
      // (statement by statement: one on what ldgen creates, such as its log group, is known only after apply, and
      // the others are still told apart from the function's own)
      const planned = documents.statements(`data.aws_iam_policy_document.${toLabel(key)}`);
      if (!planned) continue;
      const edges = planned.filter((p) => !p.unknown).map((p) => loose(p.statement as Statement));
      const vague = planned.filter((p) => p.unknown).map((p) => p.statement as Statement);
      const sids = new Set(planned.map((p) => p.statement.Sid as string | undefined));
      const own: Record<string, unknown>[] = [];
      statements.forEach((s, i) => {
        const l = loose(s);
        if (edges.some((e) => sameStatement(e, l))) return;
        // (one without a Sid that says what one of ldgen's says is ldgen's: the comparison reports the Sid)
        if (s.Sid === undefined && edges.some((e) => sameStatement(withoutSid(e), { Effect: "Allow", ...l }))) return;
        // One of ldgen's own on what it creates: the same Sid and actions (its resource is not known yet).
        if (vague.some((e) => e.Sid === s.Sid && sameStatement({ Effect: e.Effect, Action: e.Action }, { Effect: s.Effect ?? "Allow", Action: s.Action }))) return;
        // One of ldgen's statements under another Sid is ldgen's: on an endpoint the input does not hold, the Sid
        // names it (`PutEventsOnAuditBus`: `audit-bus`); else the comparison reports the Sid.
        const renamed = s.Sid === undefined ? undefined : edges.find((e) => e.Sid !== s.Sid && sameStatement(withoutSid(e), withoutSid(l)));
        if (renamed) {
          const named = nameFromSid(renamed, s, ctx);
          if (named && !renames.has(named.arn)) renames.set(named.arn, named.key);
          return;
        }
        const why = inexpressible(s);
        const name = s.Sid ? `statement ${JSON.stringify(s.Sid)}` : `statement ${i + 1}`;
        if (why) {
          ctx.difference(from, `policy.${s.Sid ?? i}`, `${name} ${why}; the spec's policies take Allow statements of actions on resources: ldgen leaves it out (${JSON.stringify(s).slice(0, 200)})`);
          return;
        }
        const statement: Record<string, unknown> = {};
        if (s.Sid && /^[A-Za-z0-9]+$/.test(s.Sid) && !sids.has(s.Sid)) statement.sid = s.Sid;
        sids.add(s.Sid);
        // (sets: in the order ldgen sorts them, not the order a provider or a person wrote them in)
        statement.actions = [...list(s.Action)].sort();
        statement.resources = [...list(s.Resource)].sort();
        own.push(statement);
      });
      if (own.length) {
        ctx.draft.functions[key].policies = own;
        changed = true;
      }
    }
    if (renames.size) {
      declareNamed(ctx, renames);
      changed = true;
    }
    return changed;
  },
};

/**
 * `aws_iam_role_policies_exclusive` and `aws_iam_role_policy_attachments_exclusive` hold a role's inline policies or
 * attachments to exactly their list: left in their root, the next apply there removes what ldgen adds to the role.
 */
function exclusive(ctx: ImportContext, roleOf: Map<string, string>, ldgenName: (key: string) => string): void {
  const keysOf = (role: unknown) => [...roleOf].filter(([, name]) => name === role).map(([key]) => key);
  for (const r of ctx.resources("aws_iam_role_policies_exclusive")) {
    const keys = keysOf(r.values.role_name);
    if (!keys.length) continue;
    const listed = new Set((r.values.policy_names ?? []) as string[]);
    const missing = keys.filter((k) => !listed.has(ldgenName(k))).map((k) => `${JSON.stringify(ldgenName(k))} (aws_iam_role_policy.${toLabel(k)})`);
    ctx.leaveOut(r, missing.length ? `it holds the inline policies of ${String(r.values.role_name)}, the role of ${keys.map((k) => `functions.${k}`).join(", ")}, to exactly its list: its root's next apply deletes ldgen's ${missing.join(", ")}; add ${missing.length > 1 ? "them" : "it"} to policy_names, or remove this resource, before ldgen's root is applied` : `it holds the inline policies of ${String(r.values.role_name)}, the role of ${keys.map((k) => `functions.${k}`).join(", ")}, to exactly its list, which names ldgen's: keep it in its root`);
  }
  for (const r of ctx.resources("aws_iam_role_policy_attachments_exclusive")) {
    const keys = keysOf(r.values.role_name);
    if (!keys.length) continue;
    const listed = new Set((r.values.policy_arns ?? []) as string[]);
    const partition = ctx.draft.partition ?? "aws";
    const attached = (k: string) => {
      const entry = ctx.draft.functions[k];
      const automatic = [entry.tracing === "Active" && managedPolicyArn(partition, MANAGED.tracing), (entry.vpc || pollsInVpc(ctx, entry)) && managedPolicyArn(partition, MANAGED.vpc)].filter((a): a is string => typeof a === "string");
      return [...automatic, ...((entry.managedPolicies ?? []) as string[])];
    };
    const missing = [...new Set(keys.flatMap(attached))].filter((arn) => !listed.has(arn));
    ctx.leaveOut(r, `it holds the managed policies attached to ${String(r.values.role_name)}, the role of ${keys.map((k) => `functions.${k}`).join(", ")}, to exactly its list${missing.length ? `: its root's next apply detaches what ldgen attaches and the list lacks (${missing.join(", ")}); add them to policy_arns, or remove this resource, before ldgen's root is applied` : ", which names what ldgen attaches: keep it in its root"}`);
  }
}

/** The statement without its Sid, made once per statement. */
const sidless = new WeakMap<Statement, Statement>();
function withoutSid(s: Statement): Statement {
  let out = sidless.get(s);
  if (!out) {
    const { Sid, ...rest } = s;
    void Sid;
    sidless.set(s, (out = rest));
  }
  return out;
}

/** Whether one of the function's mappings reads a source whose poller runs in a VPC (ldgen attaches the VPC policy). */
function pollsInVpc(ctx: ImportContext, entry: Record<string, unknown>): boolean {
  const events = Array.isArray(entry.events) ? (entry.events as { source?: unknown }[]) : [];
  return events.some(({ source }) => {
    if (typeof source !== "string") return false;
    const type = (ctx.draft.sources[source] ?? ctx.draft.destinations[source])?.type ?? (source.startsWith("arn:") ? BY_SERVICE[source.split(":")[2]] : undefined);
    return NEEDS_VPC.has(type as never);
  });
}

/** Statement id stems of the edges to an endpoint, and the endpoint types they name (plan/iam-table.ts). */
const VERBS: [string, string | undefined][] = [["SendTo", "sqs"], ["PublishTo", "sns"], ["PutEventsOn", "eventbridge"], ["PutObjectsIn", "s3"], ["ReadFrom", undefined]];
const BY_SERVICE: Record<string, string> = { sqs: "sqs", sns: "sns", events: "eventbridge", s3: "s3", kinesis: "kinesis", dynamodb: "dynamodb", kafka: "msk", mq: "mq", rds: "docdb" };

/** The spec name a state statement's Sid gives the ARN of ldgen's edge statement, when the input does not hold it. */
function nameFromSid(edge: Statement, state: Statement, ctx: ImportContext): { arn: string; key: string } | undefined {
  const verb = VERBS.find(([v]) => edge.Sid?.startsWith(v) && state.Sid?.startsWith(v) && state.Sid.length > v.length);
  const resources = list(edge.Resource);
  if (!verb || resources.length !== 1) return undefined;
  const arn = resources[0].replace(/\/\*$/, "");
  if (!arn.startsWith("arn:") || ctx.byArn(arn)) return undefined;
  const key = keyFrom(state.Sid!.slice(verb[0].length));
  const taken = (k: string) => k in ctx.draft.functions || k in ctx.draft.destinations || k in ctx.draft.sources;
  return taken(key) ? undefined : { arn, key };
}

/** Declares each ARN under its name (`{ type, arn }`) and refers to it by name wherever the functions did by ARN. */
function declareNamed(ctx: ImportContext, renames: Map<string, string>): void {
  const asSource = new Set<string>();
  const walk = (value: unknown, parentKey: string): unknown => {
    if (typeof value === "string") {
      const key = renames.get(value);
      if (key !== undefined && parentKey === "source") asSource.add(value);
      return key ?? value;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, parentKey));
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) if (k !== "arn" && k !== "policies") (value as Record<string, unknown>)[k] = walk(v, k);
    }
    return value;
  };
  for (const fn of Object.values(ctx.draft.functions)) walk(fn, "");
  for (const [arn, key] of renames) {
    const type = BY_SERVICE[arn.split(":")[2]];
    if (type) ctx.draft[asSource.has(arn) ? "sources" : "destinations"][key] = { type, arn };
  }
}

/** Why a statement cannot be a spec `policies` entry, if it cannot. */
function inexpressible(s: Statement): string | undefined {
  if ((s.Effect ?? "Allow") !== "Allow") return `is ${s.Effect}`;
  for (const key of ["Condition", "NotAction", "NotResource", "Principal", "NotPrincipal"]) if (key in s) return `has ${key}`;
  const actions = list(s.Action);
  if (actions.length === 0) return "has no Action";
  const bad = actions.find((a) => !IAM_ACTION.test(a));
  if (bad) return `has the action ${JSON.stringify(bad)}, not <service>:<action>`;
  if (list(s.Resource).length === 0) return "has no Resource";
  return undefined;
}

/** A policy document's statements; undefined when it is not one. */
function statementsOf(policy: unknown): Statement[] | undefined {
  if (!nonEmpty(policy)) return [];
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return statements.every((s) => s !== null && typeof s === "object" && !Array.isArray(s)) ? statements : undefined;
  } catch {
    return undefined;
  }
}

function group(resources: readonly StateResource[], attribute: string): Map<string, StateResource[]> {
  const out = new Map<string, StateResource[]>();
  for (const r of resources) {
    const k = String(r.values[attribute] ?? "");
    let l = out.get(k);
    if (!l) out.set(k, (l = []));
    l.push(r);
  }
  return out;
}
