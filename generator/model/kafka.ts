import { awsName } from "./names";
import type { LambdaFunction, Mapping, Model } from "./types";

/** The topic a Kafka mapping reads: its own `topic`, else its source's. */
export const kafkaTopic = (m: Mapping): string | undefined => m.topic ?? m.source.target.topic;

/**
 * The consumer group a Kafka mapping joins: its own `consumerGroupId`, else a created function's AWS name
 * (`<spec name>-<function>`, or its `awsName`: a renamed function keeps its group's offsets), else `<spec name>-<function>`.
 */
export const consumerGroup = (model: Model, fn: LambdaFunction, m: Mapping): string => m.consumerGroupId ?? (fn.arn ? awsName(model.name, fn.name) : fn.awsName);

/** `arn:aws:kafka:r:a:cluster/name/uuid` -> `arn:aws:kafka:r:a:<kind>/name/uuid/<item>` (topic and group ARNs for IAM). */
export function mskResourceArn(clusterArn: string, kind: "topic" | "group", item: string): string | undefined {
  const match = /^(arn:[^:]+:kafka:[^:]*:[^:]*:)cluster\/([^/]+\/[^/]+)$/.exec(clusterArn);
  return match ? `${match[1]}${kind}/${match[2]}/${item}` : undefined;
}
