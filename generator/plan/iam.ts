import { toPascal } from "../model/names";
import { consumerGroup, kafkaTopic, mskResourceArn } from "../model/kafka";
import type { Edge, Endpoint, LambdaFunction, Model, PolicyResource } from "../model/types";
import { consumerStream, KINESIS_CONSUMER, KMS, LOGS, MSK_IAM, NEEDS_VPC, POLLER_NETWORK, READ, SECRET, SEND, type Grant } from "./iam-table";
import { arnOf, unqualifiedArn } from "./refs";
import { block, body, list, ref, shared, str, strings, type Item, type Value } from "./view";

export interface Statement {
  sid: string;
  actions: string[];
  resources: Value[];
}

/** The function's policy document: its edge statements, then its own `policies`. */
export function statementsFor(fn: LambdaFunction, model: Model): Statement[] {
  const edges = edgeStatements(fn, model);
  return fn.policies.length === 0 ? edges : [...edges, ...ownStatements(fn)];
}

/** One statement per edge of the function, on exactly that edge's ARN; merged by id and sorted. */
export function edgeStatements(fn: LambdaFunction, model: Model): Statement[] {
  const out: Statement[] = [];
  const grant = (g: Grant, endpoint: Endpoint, resource: Value | undefined) => {
    // (The table's actions are sorted, as test/iam.test.ts checks: every statement on a grant shares its list.)
    if (resource) out.push({ sid: g.verb + toPascal(endpoint.name), actions: g.actions, resources: [resource] });
  };
  const send = (edge: Edge | undefined) => {
    if (!edge) return;
    for (const g of SEND[edge.target.type] ?? []) grant(g, edge.target, arnOf(edge.target, g.suffix));
    if (edge.target.kmsKey) grant(KMS.send, edge.target, str(edge.target.kmsKey));
  };
  send(fn.async?.onSuccess);
  send(fn.async?.onFailure);
  send(fn.deadLetterQueue);
  for (const mapping of fn.events) {
    const source = mapping.source.target;
    const stream = source.type === "kinesis" && source.arn ? consumerStream(source.arn) : undefined;
    if (stream) {
      for (const g of READ.kinesis ?? []) grant(g, source, str(stream));
      grant(KINESIS_CONSUMER, source, str(source.arn!));
    } else for (const g of READ[source.type] ?? []) grant(g, source, arnOf(source, g.suffix));
    if (source.kmsKey) grant(KMS.read, source, str(source.kmsKey));
    if (source.secret) grant(SECRET, source, str(source.secret));
    else if (source.type === "msk" && source.arn) {
      const topic = kafkaTopic(mapping);
      const topicArn = topic === undefined ? undefined : mskResourceArn(source.arn, "topic", topic);
      const groupArn = mskResourceArn(source.arn, "group", consumerGroup(model, fn, mapping));
      grant(MSK_IAM.connect, source, str(source.arn));
      if (topicArn) grant(MSK_IAM.topic, source, str(topicArn));
      if (groupArn) grant(MSK_IAM.group, source, str(groupArn));
    }
    send(mapping.onFailure);
  }
  if (fn.events.some((m) => NEEDS_VPC.has(m.source.target.type))) out.push({ sid: POLLER_NETWORK.verb, actions: POLLER_NETWORK.actions, resources: [str("*")] });
  if (!fn.arn) out.push({ sid: LOGS.verb, actions: LOGS.actions, resources: [ref(`aws_cloudwatch_log_group.${fn.label}`, "arn", undefined, LOGS.suffix)] });
  return merge(out);
}

/** The function's own `policies`, after the edge statements, in the spec's order, each with its id. */
export function ownStatements(fn: LambdaFunction): Statement[] {
  return fn.policies.map((p) => ({
    sid: p.sid,
    actions: p.actions,
    resources: p.resources.map(policyResource).filter((v): v is Value => v !== undefined),
  }));
}

function policyResource(r: PolicyResource): Value | undefined {
  if (r.kind === "arn") return str(r.arn);
  const fn = r.endpoint.fn;
  if (!fn) return arnOf(r.endpoint, r.suffix);
  const arn = unqualifiedArn(fn);
  if (r.suffix === undefined) return arn;
  return arn.t === "ref" ? { ...arn, suffix: r.suffix } : arn.t === "str" ? str(arn.v + r.suffix) : arn;
}

/**
 * Statement ids (letters and digits, LD154) in English alphabetical order, the order ldgen has always
 * written them: case-insensitively, digits before letters, and at the first difference in case only,
 * lower case first (`a`, `A`, `aa1`, `Aa1`, `b`). Not `localeCompare`: that follows the machine's locale
 * (Lithuanian sorts `y` before `j`, Estonian `z` after `s`), so two machines would write two policies, and
 * its first call loads ICU's collator (about 13 ms). Other text, which LD154 refuses, is ordered by code units.
 */
export function sidOrder(a: string, b: string): number {
  if (a === b) return 0;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    const d = b.charCodeAt(i);
    // (the same letter: its lower case has the higher code and comes first)
    if (c !== d) return c > d ? -1 : 1;
  }
  return 0;
}

const bySid = (a: Statement, b: Statement): number => sidOrder(a.sid, b.sid);

/** Same id and same resource: one statement. Same id, other resource: numbered apart. */
function merge(statements: Statement[]): Statement[] {
  // Most functions' statements all have different ids: nothing to merge or number.
  const sids = new Set<string>();
  for (const s of statements) sids.add(s.sid);
  if (sids.size === statements.length) return statements.sort(bySid);
  const byKey = new Map<string, Statement>();
  for (const s of statements) {
    const key = `${s.sid}|${JSON.stringify(s.resources)}`;
    const known = byKey.get(key);
    if (known) known.actions = [...new Set([...known.actions, ...s.actions])].sort();
    else byKey.set(key, { ...s });
  }
  const seen = new Map<string, number>();
  const result = [...byKey.values()];
  for (const s of result) {
    const n = (seen.get(s.sid) ?? 0) + 1;
    seen.set(s.sid, n);
    if (n > 1) s.sid = `${s.sid}${n}`;
  }
  return result.sort(bySid);
}

/** The body of an `aws_iam_policy_document` with these statements. */
export function policyDocument(statements: Statement[]): Item[] {
  return statements.map((s) => block("statement", body({ sid: str(s.sid), effect: ALLOW, actions: actionList(s.actions), resources: list(s.resources) }), true));
}

const ALLOW = shared(str("Allow"));

/** The value of an action list, one per list: the statements of every function on the same grant, in every run, share it (`shared`). */
const actionLists = new WeakMap<string[], Value>();
function actionList(actions: string[]): Value {
  let value = actionLists.get(actions);
  if (!value) actionLists.set(actions, (value = shared(strings(actions))));
  return value;
}

/** The trust policy every created role shares. */
export const ASSUME_ROLE_LABEL = "lambda_assume_role";
export function assumeRoleDocument(): Item[] {
  return [
    block(
      "statement",
      body(
        { sid: str("LambdaAssumeRole"), effect: str("Allow"), actions: strings(["sts:AssumeRole"]) },
        block("principals", body({ type: str("Service"), identifiers: strings(["lambda.amazonaws.com"]) }), true),
      ),
      true,
    ),
  ];
}
