import { kindOf } from "../kinds/registry";
import type { Endpoint, LambdaFunction } from "../model/types";
import { ref, str, type Value } from "./view";

/** The ARN of an endpoint as a value: a reference when ldgen creates it, the literal ARN otherwise. */
export function arnOf(endpoint: Endpoint, suffix?: string): Value | undefined {
  // A function is sent to (and granted) at its alias or version when it has one.
  if (endpoint.fn && suffix === undefined) return qualifiedArn(endpoint.fn);
  if (suffix !== undefined) return endpointArn(endpoint, suffix);
  // One value per endpoint, however many statements, configs and mappings name it (values are never changed).
  if (!arns.has(endpoint)) arns.set(endpoint, endpointArn(endpoint, undefined));
  return arns.get(endpoint);
}

const arns = new WeakMap<Endpoint, Value | undefined>();

function endpointArn(endpoint: Endpoint, suffix: string | undefined): Value | undefined {
  const creates = kindOf(endpoint.type).creates;
  if (endpoint.created && creates) return ref(`${creates.resource}.${endpoint.label}`, "arn", undefined, suffix);
  return endpoint.arn === undefined ? undefined : str(endpoint.arn + (suffix ?? ""));
}

/** The unqualified ARN of an existing function (without an alias or version suffix). */
export function baseArn(fn: LambdaFunction): string {
  return fn.arn!.split(":").slice(0, 7).join(":");
}

/** The function as `function_name` of its invoke config and permissions: its name, or its ARN when it exists already. */
export function functionName(fn: LambdaFunction): Value {
  return fn.arn ? str(baseArn(fn)) : ref(`aws_lambda_function.${fn.label}`, "function_name");
}

/** The function's ARN, qualified by its alias or version when it has one (a created function's alias by reference). */
export function qualifiedArn(fn: LambdaFunction): Value {
  if (!fn.arn) return fn.qualifier ? ref(aliasAddress(fn), "arn") : ref(`aws_lambda_function.${fn.label}`, "arn");
  return str(baseArn(fn) + (fn.qualifier ? `:${fn.qualifier}` : ""));
}

/** The unqualified ARN of a function: what its own `policies` and other specs' grants on it name. */
export function unqualifiedArn(fn: LambdaFunction): Value {
  return fn.arn ? str(baseArn(fn)) : ref(`aws_lambda_function.${fn.label}`, "arn");
}

/** `qualifier` of invoke configs and permissions: the alias ldgen creates (by reference, so it waits for it), or the spec's. */
export function qualifierOf(fn: LambdaFunction): Value | undefined {
  if (!fn.qualifier) return undefined;
  return fn.arn ? str(fn.qualifier) : ref(aliasAddress(fn), "name");
}

/** The alias a created function with a `qualifier` gets. */
export const aliasAddress = (fn: LambdaFunction): string => `aws_lambda_alias.${fn.label}`;

/** The address of the policy that grants a function's edges, when ldgen attaches one. */
export function policyAddress(fn: LambdaFunction): string | undefined {
  return fn.arn && !fn.role ? undefined : `aws_iam_role_policy.${fn.label}`;
}
