import * as path from "node:path";
import { kindOf } from "../kinds/registry";
import { consumerGroup, kafkaTopic } from "../model/kafka";
import { awsName } from "../model/names";
import type { LambdaFunction, Mapping, Model } from "../model/types";
import { ASSUME_ROLE_LABEL, assumeRoleDocument, policyDocument, statementsFor } from "./iam";
import { MANAGED, NEEDS_VPC } from "./iam-table";
import { arnOf, functionName, policyAddress, qualifiedArn } from "./refs";
import { block, body, bool, json, num, opt, ref, str, stringMap, strings, type Item, type Output, type Resource, type Value } from "./view";

export interface FunctionPlan {
  functions: Resource[];
  iam: Resource[];
  wiring: Resource[];
  outputs: Output[];
}

const resource = (type: string, label: string, fn: LambdaFunction, items: Item[], dependsOn: string[] = []): Resource => ({
  mode: "resource",
  type,
  label,
  body: items,
  dependsOn,
  origin: fn.path,
});

/** Everything one function needs: itself, its log group, its role and policy, its invoke config and mappings. */
type Tags = (own: Record<string, string>) => Value | undefined;

export function planFunction(fn: LambdaFunction, model: Model, ctx: { outDir: string; tags: Tags }): FunctionPlan {
  const plan: FunctionPlan = { functions: [], iam: [], wiring: [], outputs: [] };
  const statements = statementsFor(fn, model);
  const policy = policyAddress(fn);
  const doc: Resource = { mode: "data", type: "aws_iam_policy_document", label: fn.label, body: policyDocument(statements), dependsOn: [], origin: fn.path };
  plan.iam.push(doc);
  const policyJson = ref(`data.aws_iam_policy_document.${fn.label}`, "json");
  const roleName = iamRole(fn, plan, ctx.tags);
  if (policy) plan.iam.push(resource("aws_iam_role_policy", fn.label, fn, body({ name: str(awsName(model.name, fn.name)), role: roleName, policy: policyJson })));
  else plan.outputs.push({ name: `${fn.label}_required_policy_json`, description: `The policy ${fn.name}'s existing role needs (ldgen was given no role to attach it to).`, value: policyJson, origin: fn.path });

  if (!fn.arn) {
    const logGroup = `aws_cloudwatch_log_group.${fn.label}`;
    plan.functions.push(
      resource("aws_cloudwatch_log_group", fn.label, fn, body({ name: str(`/aws/lambda/${fn.awsName}`), retention_in_days: opt(fn.logRetention, num), tags: ctx.tags(fn.tags) })),
      resource("aws_lambda_function", fn.label, fn, functionBody(fn, model, ctx), [logGroup, ...(policy ? [policy] : [])]),
    );
    plan.outputs.push({ name: `${fn.label}_arn`, description: `ARN of the ${fn.name} function.`, value: ref(`aws_lambda_function.${fn.label}`, "arn"), origin: fn.path });
  }
  if (fn.async) plan.wiring.push(invokeConfig(fn, policy));
  for (const mapping of fn.events) plan.wiring.push(eventSourceMapping(fn, mapping, model, policy, ctx.tags));
  return plan;
}

/** The role that receives the policy: a created one, or the spec's existing role. Returns the role's name as a value. */
function iamRole(fn: LambdaFunction, plan: FunctionPlan, tags: Tags): Value | undefined {
  let role: Value | undefined;
  if (fn.role) role = str(fn.role.split("/").pop()!);
  else if (!fn.arn) {
    plan.iam.push(
      resource(
        "aws_iam_role",
        fn.label,
        fn,
        body({ name: str(fn.awsName), assume_role_policy: ref(`data.aws_iam_policy_document.${ASSUME_ROLE_LABEL}`, "json"), tags: tags(fn.tags) }),
      ),
    );
    role = ref(`aws_iam_role.${fn.label}`, "name");
  }
  if (!role) return undefined;
  const managed: string[] = [];
  if (fn.tracing === "Active") managed.push("tracing");
  if (fn.events.some((m) => NEEDS_VPC.has(m.source.target.type))) managed.push("vpc");
  for (const key of managed) {
    plan.iam.push(resource("aws_iam_role_policy_attachment", `${fn.label}_${key}`, fn, body({ role, policy_arn: str(MANAGED[key as keyof typeof MANAGED]) })));
  }
  return role;
}

function functionBody(fn: LambdaFunction, model: Model, ctx: { outDir: string; tags: Tags }): Item[] {
  const code = fn.code;
  let codeAttrs: Record<string, Value | undefined> = {};
  if (code?.kind === "zip") {
    const zip = path.resolve(path.dirname(model.file), code.path);
    const from = (root: string) => path.relative(path.resolve(ctx.outDir, root), zip).split(path.sep).join("/");
    const file = (hash: boolean): Value => ({ t: "file", fromHcl: from("hcl"), fromCdktf: from("cdktf"), hash });
    codeAttrs = { filename: file(false), source_code_hash: file(true) };
  } else if (code?.kind === "s3") codeAttrs = { s3_bucket: str(code.bucket), s3_key: str(code.key) };
  else if (code?.kind === "image") codeAttrs = { package_type: str("Image"), image_uri: str(code.uri) };
  const role = fn.role ? str(fn.role) : ref(`aws_iam_role.${fn.label}`, "arn");
  const dlq = fn.deadLetterQueue && arnOf(fn.deadLetterQueue.target);
  return body(
    {
      function_name: str(fn.awsName),
      description: opt(fn.description, str),
      role,
      ...codeAttrs,
      runtime: opt(fn.runtime, str),
      handler: opt(fn.handler, str),
      architectures: opt(fn.architecture, (a) => strings([a])),
      memory_size: num(fn.memory ?? 128),
      timeout: num(fn.timeout),
      reserved_concurrent_executions: opt(fn.reservedConcurrency, num),
      layers: fn.layers.length ? strings(fn.layers) : undefined,
      tags: ctx.tags(fn.tags),
    },
    Object.keys(fn.environment).length > 0 && block("environment", body({ variables: stringMap(fn.environment) })),
    fn.tracing && block("tracing_config", body({ mode: str(fn.tracing) })),
    dlq && block("dead_letter_config", body({ target_arn: dlq })),
  );
}

function invokeConfig(fn: LambdaFunction, policy: string | undefined): Resource {
  const a = fn.async!;
  const success = a.onSuccess && arnOf(a.onSuccess.target);
  const failure = a.onFailure && arnOf(a.onFailure.target);
  const destinations =
    (success || failure) &&
    block(
      "destination_config",
      [success && block("on_success", body({ destination: success })), failure && block("on_failure", body({ destination: failure }))].filter((b): b is Item => !!b),
    );
  return resource(
    "aws_lambda_function_event_invoke_config",
    fn.label,
    fn,
    body(
      { function_name: functionName(fn), qualifier: opt(fn.qualifier, str), maximum_retry_attempts: num(a.retries), maximum_event_age_in_seconds: num(a.maxEventAge) },
      destinations,
    ),
    policy ? [policy] : [],
  );
}

function eventSourceMapping(fn: LambdaFunction, m: Mapping, model: Model, policy: string | undefined, tags: Tags): Resource {
  const source = m.source.target;
  const traits = kindOf(source.type).source;
  const stream = traits?.stream === true;
  const failure = m.onFailure && arnOf(m.onFailure.target);
  const extra = traits?.mappingItems?.(source, { topic: kafkaTopic(m), consumerGroup: consumerGroup(model, fn, m) }) ?? [];
  return resource(
    "aws_lambda_event_source_mapping",
    m.label,
    fn,
    body(
      {
        event_source_arn: arnOf(source),
        function_name: qualifiedArn(fn),
        enabled: bool(m.enabled ?? true),
        batch_size: opt(m.batchSize ?? traits?.batchSize, num),
        maximum_batching_window_in_seconds: opt(m.batchWindow, num),
        starting_position: opt(m.startingPosition, str),
        starting_position_timestamp: opt(m.startingTimestamp, str),
        maximum_retry_attempts: stream ? num(m.retries ?? -1) : undefined,
        maximum_record_age_in_seconds: stream ? num(m.maxRecordAge ?? -1) : undefined,
        bisect_batch_on_function_error: stream ? bool(m.splitBatchOnError ?? false) : undefined,
        parallelization_factor: stream ? num(m.parallelization ?? 1) : undefined,
        tumbling_window_in_seconds: opt(m.tumblingWindow, num),
        function_response_types: m.reportBatchItemFailures ? strings(["ReportBatchItemFailures"]) : undefined,
        tags: tags({}),
      },
      m.filters.length > 0 && block("filter_criteria", m.filters.map((f) => block("filter", body({ pattern: json(f) }), true))),
      m.maxConcurrency !== undefined && block("scaling_config", body({ maximum_concurrency: num(m.maxConcurrency) })),
      failure && block("destination_config", [block("on_failure", body({ destination_arn: failure }))]),
      ...extra,
    ),
    policy ? [policy] : [],
  );
}
