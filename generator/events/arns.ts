import { kindOf } from "../kinds/registry";
import type { EventPatternTrigger, ScheduleTrigger } from "../model/types";
import type { Endpoint, LambdaFunction, Model } from "../model/types";

/** The account when the spec names none: the samples are for tests, not for matching a real account. */
export const PLACEHOLDER_ACCOUNT = "123456789012";

/** Where the samples live: the spec's region, partition and account, and the ARN of everything they name. */
export interface Place {
  region: string;
  partition: string;
  account: string;
  arn(service: string, resource: string): string;
  /** A function's unqualified ARN. */
  functionArn(fn: LambdaFunction): string;
  endpointArn(e: Endpoint): string;
  ruleArn(t: ScheduleTrigger | EventPatternTrigger): string;
  /** The account in an ARN, or the spec's. */
  accountOf(arn: string): string;
  /** A self-managed cluster's servers as the spec gives them; an MSK broker's name in the cluster's region otherwise. */
  bootstrapServers(e: Endpoint): string;
}

export function placeOf(model: Model): Place {
  const region = model.region ?? "us-east-1";
  const partition = model.partition;
  const account = model.account ?? PLACEHOLDER_ACCOUNT;
  const arn = (service: string, resource: string) => (service === "s3" ? `arn:${partition}:s3:::${resource}` : `arn:${partition}:${service}:${region}:${account}:${resource}`);
  const functionArn = (fn: LambdaFunction) => (fn.arn ? fn.arn.split(":").slice(0, 7).join(":") : arn("lambda", `function:${fn.awsName}`));
  return {
    region,
    partition,
    account,
    arn,
    functionArn,
    endpointArn(e) {
      if (e.fn) return functionArn(e.fn);
      if (e.arn) return e.arn;
      const resource = { eventbridge: `event-bus/${e.awsName}`, kinesis: `stream/${e.awsName}` }[e.type as string] ?? e.awsName;
      return arn(kindOf(e.type).arnService ?? e.type, resource);
    },
    ruleArn: (t) => arn("events", `rule/${t.kind === "eventPattern" && t.bus ? `${t.bus.target.awsName}/` : ""}${t.awsName}`),
    accountOf: (text) => text.split(":")[4] || account,
    bootstrapServers: (e) => e.bootstrapServers?.join(",") ?? `b-1.example.c1.kafka.${e.arn?.split(":")[3] || region}.amazonaws.com${partition === "aws-cn" ? ".cn" : ""}:9098`,
  };
}
