/** Reading show JSON values: Terraform writes a block as a list of objects, an unset string as "" or null. */

import type { ImportContext } from "./kind";

/** The first element of a list (a block's single instance), if any. */
export function first<T = unknown>(value: unknown): T | undefined {
  return Array.isArray(value) && value.length > 0 ? (value[0] as T) : undefined;
}

export const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";

/** A duration as the spec writes it: `1h`, `5m`, `45s`, or a plain number of seconds. */
export function seconds(n: number): number | string {
  if (n > 0 && n % 86400 === 0) return `${n / 86400}d`;
  if (n > 0 && n % 3600 === 0) return `${n / 3600}h`;
  if (n > 0 && n % 60 === 0) return `${n / 60}m`;
  return n;
}

/** A customer-managed KMS key's ARN (what `kmsKey` takes), not an alias such as `alias/aws/sqs`. */
export const isKmsKeyArn = (v: unknown): v is string => typeof v === "string" && /^arn:[^:]+:kms:/.test(v);

/** The resource's own tags, if any. */
export function tagsOf(values: Record<string, unknown>): Record<string, string> | undefined {
  const tags = values.tags;
  return tags && typeof tags === "object" && Object.keys(tags).length ? (tags as Record<string, string>) : undefined;
}

/**
 * The customer-managed key a queue or topic is encrypted with, as `kmsKey` takes it: its ARN, also when the root
 * names the key by its id (`aws_kms_key.k.id`) or by its alias, and the input holds the key (ldgen writes the ARN:
 * the comparison reports the attribute). Undefined for an AWS managed key (`alias/aws/sqs`) and a key the input
 * does not hold: the spec then has no key, and the comparison reports that.
 */
export function kmsKeyOf(ctx: ImportContext, value: unknown): string | undefined {
  if (isKmsKeyArn(value)) return value;
  if (!nonEmpty(value) || value.startsWith("alias/aws/")) return undefined;
  const alias = ctx.find("aws_kms_alias", "name", value);
  const id = alias ? (nonEmpty(alias.values.target_key_id) ? alias.values.target_key_id : alias.values.target_key_arn) : value;
  if (alias && isKmsKeyArn(id)) return id;
  const key = ctx.find("aws_kms_key", "key_id", id) ?? ctx.find("aws_kms_key", "id", id);
  return key && isKmsKeyArn(key.values.arn) ? key.values.arn : undefined;
}
