import * as path from "node:path";
import { kindOf } from "../kinds/registry";
import { consumerGroup, kafkaTopic } from "../model/kafka";
import { awsName, toLabel } from "../model/names";
import { DEFAULT_LOG_RETENTION, type LambdaFunction, type Mapping, type Model } from "../model/types";
import { ASSUME_ROLE_LABEL, assumeRoleDocument, policyDocument, statementsFor } from "./iam";
import { MANAGED, managedPolicyArn, NEEDS_VPC } from "./iam-table";
import { aliasAddress, arnOf, functionName, policyAddress, qualifiedArn, qualifierOf } from "./refs";
import { block, body, bool, json, num, opt, ref, str, stringMap, strings, type Item, type Output, type Resource, type Value } from "./view";

export interface FunctionPlan {
  functions: Resource[];
  iam: Resource[];
  wiring: Resource[];
  outputs: Output[];
}

// (Resources are written with their fields in one order everywhere, `mode, type, label, origin, dependsOn, body`:
// objects of one shape keep the code that reads them fast, and are not recompiled when a new shape comes by.)
const resource = (type: string, label: string, fn: LambdaFunction, items: Item[], dependsOn: string[] = []): Resource => ({
  mode: "resource",
  type,
  label,
  origin: fn.path,
  dependsOn,
  body: items,
});

/** Everything one function needs: itself, its log group, its role and policy, its invoke config and mappings. */
type Tags = (own: Record<string, string>) => Value | undefined;

export function planFunction(fn: LambdaFunction, model: Model, ctx: { outDir: string; tags: Tags }): FunctionPlan {
  const plan: FunctionPlan = { functions: [], iam: [], wiring: [], outputs: [] };
  const statements = statementsFor(fn, model);
  const policy = policyAddress(fn);
  const doc: Resource = { mode: "data", type: "aws_iam_policy_document", label: fn.label, origin: fn.path, dependsOn: [], body: policyDocument(statements) };
  plan.iam.push(doc);
  const policyJson = ref(`data.aws_iam_policy_document.${fn.label}`, "json");
  const roleName = iamRole(fn, model, plan, ctx.tags);
  // Lambda checks the role's permissions when it creates a function in a VPC, a mapping or an invoke config: all wait for every grant.
  const grants = policy ? [policy] : [];
  for (const r of plan.iam) if (r.type === "aws_iam_role_policy_attachment") grants.push(`${r.type}.${r.label}`);
  if (policy) plan.iam.push(resource("aws_iam_role_policy", fn.label, fn, body({ name: str(fn.arn ? awsName(model.name, fn.name) : fn.awsName), role: roleName, policy: policyJson })));
  else plan.outputs.push({ name: `${fn.label}_required_policy_json`, description: `The policy ${fn.name}'s existing role needs (ldgen was given no role to attach it to).`, value: policyJson, origin: fn.path });

  if (!fn.arn) {
    const logGroup = `aws_cloudwatch_log_group.${fn.label}`;
    const lambda = `aws_lambda_function.${fn.label}`;
    plan.functions.push(
      resource("aws_cloudwatch_log_group", fn.label, fn, body({ name: str(`/aws/lambda/${fn.awsName}`), retention_in_days: num(fn.logRetention ?? DEFAULT_LOG_RETENTION), tags: ctx.tags(fn.tags) })),
      resource("aws_lambda_function", fn.label, fn, functionBody(fn, model, ctx), [logGroup, ...grants]),
    );
    // A qualifier on a created function is an alias ldgen creates, at the version each apply publishes.
    if (fn.qualifier) {
      plan.functions.push(
        resource("aws_lambda_alias", fn.label, fn, body({ name: str(fn.qualifier), function_name: ref(lambda, "function_name"), function_version: ref(lambda, "version") })),
      );
    }
    const output = (suffix: string, description: string, value: Value) => plan.outputs.push({ name: `${fn.label}_${suffix}`, description, value, origin: fn.path });
    output("arn", `ARN of the ${fn.name} function.`, ref(lambda, "arn"));
    output("function_name", `Name of the ${fn.name} function.`, ref(lambda, "function_name"));
    if (fn.qualifier) {
      output("alias_arn", `ARN of the ${fn.name} function's alias ${fn.qualifier}, which its triggers, mappings and async config use.`, ref(aliasAddress(fn), "arn"));
    }
    if (!fn.role) {
      output("role_name", `Name of the ${fn.name} function's role.`, ref(`aws_iam_role.${fn.label}`, "name"));
      output("role_arn", `ARN of the ${fn.name} function's role.`, ref(`aws_iam_role.${fn.label}`, "arn"));
    } else {
      output("role_name", `Name of the ${fn.name} function's role.`, str(fn.role.split("/").pop()!));
      output("role_arn", `ARN of the ${fn.name} function's role.`, str(fn.role));
    }
    output("log_group_name", `Name of the ${fn.name} function's log group.`, ref(logGroup, "name"));
  }
  if (fn.async) plan.wiring.push(invokeConfig(fn, grants));
  for (const mapping of fn.events) plan.wiring.push(eventSourceMapping(fn, mapping, model, grants, ctx.tags));
  return plan;
}

/** The role that receives the policy: a created one, or the spec's existing role. Returns the role's name as a value. */
function iamRole(fn: LambdaFunction, model: Model, plan: FunctionPlan, tags: Tags): Value | undefined {
  let role: Value | undefined;
  if (fn.role) role = str(fn.role.split("/").pop()!);
  else if (!fn.arn) {
    plan.iam.push(
      resource(
        "aws_iam_role",
        fn.label,
        fn,
        body({
          name: str(fn.awsName),
          assume_role_policy: ref(`data.aws_iam_policy_document.${ASSUME_ROLE_LABEL}`, "json"),
          permissions_boundary: opt(fn.permissionsBoundary, str),
          tags: tags(fn.tags),
        }),
      ),
    );
    role = ref(`aws_iam_role.${fn.label}`, "name");
  }
  if (!role) return undefined;
  for (const { label, arn } of managedPolicies(fn, model)) plan.iam.push(resource("aws_iam_role_policy_attachment", `${fn.label}_${label}`, fn, body({ role, policy_arn: str(arn) })));
  return role;
}

/**
 * The managed policies attached to a function's role, each once: X-Ray for active tracing, VPC access
 * for a function in a VPC or a poller that needs network interfaces, then the spec's `managedPolicies`
 * (labelled by policy name).
 */
function managedPolicies(fn: LambdaFunction, model: Model): { label: string; arn: string }[] {
  const out: { label: string; arn: string }[] = [];
  if (fn.tracing === "Active") out.push({ label: "tracing", arn: managedPolicyArn(model.partition, MANAGED.tracing) });
  if (fn.vpc || fn.events.some((m) => NEEDS_VPC.has(m.source.target.type))) out.push({ label: "vpc", arn: managedPolicyArn(model.partition, MANAGED.vpc) });
  for (const arn of fn.managedPolicies) {
    if (!out.some((m) => m.arn === arn)) out.push({ label: toLabel(arn.split("/").pop()!), arn });
  }
  return out;
}

function functionBody(fn: LambdaFunction, model: Model, ctx: { outDir: string; tags: Tags }): Item[] {
  const code = fn.code;
  const zip = code?.kind === "zip" ? zipFile(code.path, model, ctx.outDir) : undefined;
  const role = fn.role ? str(fn.role) : ref(`aws_iam_role.${fn.label}`, "arn");
  const dlq = fn.deadLetterQueue && arnOf(fn.deadLetterQueue.target);
  // (The code's attributes are written out, one kind defined at a time: an object literal with a spread in the
  // middle, `{ role, ...codeAttrs, runtime }`, is built on V8's slow path.)
  return body(
    {
      function_name: str(fn.awsName),
      description: opt(fn.description, str),
      role,
      filename: zip && zip(false),
      source_code_hash: zip && zip(true),
      s3_bucket: code?.kind === "s3" ? str(code.bucket) : undefined,
      s3_key: code?.kind === "s3" ? str(code.key) : undefined,
      package_type: code?.kind === "image" ? str("Image") : undefined,
      image_uri: code?.kind === "image" ? str(code.uri) : undefined,
      runtime: opt(fn.runtime, str),
      handler: opt(fn.handler, str),
      architectures: opt(fn.architecture, (a) => strings([a])),
      memory_size: num(fn.memory ?? 128),
      publish: fn.qualifier ? bool(true) : undefined,
      timeout: num(fn.timeout),
      reserved_concurrent_executions: opt(fn.reservedConcurrency, num),
      layers: fn.layers.length ? strings(fn.layers) : undefined,
      tags: ctx.tags(fn.tags),
    },
    Object.keys(fn.environment).length > 0 && block("environment", body({ variables: stringMap(fn.environment) })),
    fn.tracing && block("tracing_config", body({ mode: str(fn.tracing) })),
    fn.vpc && block("vpc_config", body({ subnet_ids: strings(fn.vpc.subnets), security_group_ids: strings(fn.vpc.securityGroups) })),
    dlq && block("dead_letter_config", body({ target_arn: dlq })),
  );
}

/** A local zip, as the value of `filename` (or, with `hash`, of `source_code_hash`): relative to each output root. */
function zipFile(codePath: string, model: Model, outDir: string): (hash: boolean) => Value {
  const zip = path.resolve(path.dirname(model.file), codePath);
  const from = (root: string) => path.relative(path.resolve(outDir, root), zip).split(path.sep).join("/");
  return (hash) => ({ t: "file", fromHcl: from("hcl"), fromCdktf: from("cdktf"), hash });
}

function invokeConfig(fn: LambdaFunction, grants: string[]): Resource {
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
      { function_name: functionName(fn), qualifier: qualifierOf(fn), maximum_retry_attempts: num(a.retries), maximum_event_age_in_seconds: num(a.maxEventAge) },
      destinations,
    ),
    grants,
  );
}

function eventSourceMapping(fn: LambdaFunction, m: Mapping, model: Model, grants: string[], tags: Tags): Resource {
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
    grants,
  );
}
