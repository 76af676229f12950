/** Reading show JSON values: Terraform writes a block as a list of objects, an unset string as "" or null. */

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
