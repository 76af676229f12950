import type { ResourceChange } from "./engine";
import { refsIn, splitRef, type Compact, type SnapResource, type Snapshot } from "./snapshot";

/**
 * What a change costs beyond the change: the data or position a replaced or destroyed resource takes with it
 * (`loss`), and access a change widens (`access`). Each flag says what, in words a reviewer can act on.
 */
export interface Flag {
  kind: "loss" | "access" | "protected";
  /**
   * One word for tools: `messages`, `subscriptions`, `logs`, `position`, `versions`, `records`, `objects`, `items`
   * (losses), `policy`, `managed-policy`, `boundary` (access), `plan-fails`, `protection-leaves` (protected).
   */
  what: string;
  message: string;
}

type Loss = (before: SnapResource | undefined, after: SnapResource | undefined) => Flag | undefined;

const loss = (what: string, message: string): Flag => ({ kind: "loss", what, message });

/** Where a mapping starts reading, in words: what the new mapping takes up and what it skips or reads again. */
function position(after: SnapResource | undefined, before: SnapResource | undefined): Flag | undefined {
  const streamed = (r: SnapResource | undefined) => r && (r.attrs.starting_position !== undefined || Object.keys(r.attrs).some((p) => p.startsWith("self_managed_event_source") || p.startsWith("amazon_managed_kafka") || p.startsWith("self_managed_kafka")));
  if (!streamed(before) && !streamed(after)) return undefined;
  if (!after) return loss("position", "its position in the stream is lost: a mapping made later starts afresh from its own starting position");
  const start = after.attrs.starting_position;
  const text =
    start === "LATEST"
      ? "the new mapping starts again at LATEST: records written meanwhile are skipped"
      : start === "TRIM_HORIZON"
        ? "the new mapping starts again at TRIM_HORIZON: every record still in the stream is read again"
        : start === "AT_TIMESTAMP"
          ? `the new mapping starts again at ${typeof after.attrs.starting_position_timestamp === "string" ? after.attrs.starting_position_timestamp : "its timestamp"}: records since then are read again, earlier ones skipped`
          : "the new mapping starts again from its starting position (for Kafka, the consumer group's committed offset if it has one): records may be skipped or read again";
  return loss("position", `its position is lost; ${text}`);
}

/** The resources whose replacement or destruction loses something, by type. */
export const LOSSES: Readonly<Record<string, Loss>> = {
  aws_sqs_queue: () => loss("messages", "every message in the queue (waiting or in flight) is deleted with it"),
  aws_sns_topic: () => loss("subscriptions", "its subscriptions are deleted with it: those made outside this spec are gone, and email or HTTP subscriptions must be confirmed again"),
  aws_cloudwatch_log_group: () => loss("logs", "its logs are deleted with it"),
  aws_lambda_event_source_mapping: (before, after) => position(after, before),
  aws_lambda_function: () => loss("versions", "its published versions, its aliases and its async settings (event invoke config, made outside this spec too) are deleted with it; callers of the old ARN fail until they use the new one"),
  aws_kinesis_stream: () => loss("records", "every record in the stream is deleted with it"),
  aws_s3_bucket: () => loss("objects", "the bucket's objects are deleted with it (Terraform refuses to delete a bucket that holds objects)"),
  aws_dynamodb_table: () => loss("items", "every item in the table is deleted with it"),
};

/** The flags of every change: losses of replacements and destroys, and access widened by updates and creates. */
export function flagsOf(changes: ResourceChange[], old: Snapshot, next: Snapshot): Map<ResourceChange, Flag[]> {
  const flags = new Map<ResourceChange, Flag[]>();
  const add = (c: ResourceChange, f: Flag | undefined) => f && (flags.get(c) ?? flags.set(c, []).get(c)!).push(f);
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const fresh = (address: string) => byAddress.get(address)?.action === "create" || byAddress.get(address)?.action === "replace";
  for (const c of changes) {
    const before = old.resources[c.from ?? c.address];
    const after = next.resources[c.address];
    if (c.action === "replace" || c.action === "destroy") add(c, LOSSES[c.type]?.(before, c.action === "destroy" ? undefined : after));
    add(c, protection(c, before, after));
    if (c.action === "update" || c.action === "move" || c.action === "replace") for (const f of widened(c, before, after, old, next, fresh)) add(c, f);
    if (c.action === "create") add(c, grantedToExisting(c, after, fresh));
  }
  return flags;
}

/**
 * What `prevent_destroy` does to a replace or destroy. Terraform reads it from the configuration: a replacement
 * of a protected resource fails the plan; a resource whose block is gone (renamed, removed) has no protection
 * left, and is destroyed although the old spec protected it.
 */
function protection(c: ResourceChange, before: SnapResource | undefined, after: SnapResource | undefined): Flag | undefined {
  if (c.action === "replace" && after?.protect) {
    return { kind: "protected", what: "plan-fails", message: "it is protected (prevent_destroy): terraform plan fails on this replacement; to replace it, remove protect, apply, then make the change" };
  }
  if (c.action === "destroy" && before?.protect) {
    return { kind: "protected", what: "protection-leaves", message: "it was protected, but its prevent_destroy leaves with its block: Terraform destroys it (to keep it, give the entry renamedFrom, or keep its name)" };
  }
  return undefined;
}

/**
 * A policy document as the grants it makes: one `action resource principal conditions` tuple per pair of its
 * Allow statements (a condition that changes is a new tuple: it may allow more). `movedTo` reads an old
 * document's references to moved resources at their new addresses (a rename that moves grants nothing new).
 */
function grants(doc: SnapResource | undefined, movedTo?: Map<string, string>): Map<string, { action: Compact; resource: Compact }> {
  const out = new Map<string, { action: Compact; resource: Compact }>();
  if (!doc) return out;
  const follow = (_: string, x: unknown) => {
    if (!movedTo || !x || typeof x !== "object" || typeof (x as { ref?: unknown }).ref !== "string") return x;
    const { address, attr } = splitRef((x as { ref: string }).ref);
    const to = movedTo.get(address);
    return to ? { ...x, ref: `${to}.${attr}` } : x;
  };
  const key = (v: Compact) => JSON.stringify(v, follow);
  const statements = new Map<string, Record<string, Compact>>();
  for (const [path, value] of Object.entries(doc.attrs)) {
    const match = /^statement\.(\d+)\.(.+)$/.exec(path);
    if (match) (statements.get(match[1]) ?? statements.set(match[1], {}).get(match[1])!)[match[2]] = value;
  }
  const items = (v: Compact | undefined): Compact[] => (v === undefined ? ["-"] : Array.isArray(v) ? v : [v]);
  for (const s of statements.values()) {
    if (s.effect === "Deny") continue;
    const principals = Object.keys(s).filter((k) => k.startsWith("principals")).map((k) => key(s[k])).join(" ");
    const conditions = Object.keys(s).filter((k) => k.startsWith("condition")).map((k) => `${k}=${key(s[k])}`).join(" ");
    for (const action of items(s.actions)) for (const resource of items(s.resources)) out.set(`${key(action)} ${key(resource)} ${principals} ${conditions}`, { action, resource });
  }
  return out;
}

/** The policy documents an attribute's value comes from. */
const documentsOf = (r: SnapResource | undefined, attr: string) => (r?.attrs[attr] === undefined ? [] : refsIn(r.attrs[attr]).map(splitRef).filter((x) => x.address.startsWith("data.aws_iam_policy_document.") && x.attr === "json"));

const POLICY_ATTRS: Readonly<Record<string, string>> = { aws_iam_role_policy: "policy", aws_sqs_queue_policy: "policy", aws_iam_role: "assume_role_policy" };

function widened(c: ResourceChange, before: SnapResource | undefined, after: SnapResource | undefined, old: Snapshot, next: Snapshot, fresh: (address: string) => boolean): Flag[] {
  const out: Flag[] = [];
  const attr = POLICY_ATTRS[c.type];
  if (attr && before && after) {
    const was = new Set<string>();
    const movedTo = new Map(next.moves.map((m) => [m.from, m.to]));
    for (const d of documentsOf(before, attr)) for (const key of grants(old.resources[d.address], movedTo).keys()) was.add(key);
    const added: string[] = [];
    for (const d of documentsOf(after, attr)) {
      for (const [key, g] of grants(next.resources[d.address])) {
        // Access to what this change creates (a renamed queue, a new one) is not access to anything that exists.
        if (was.has(key) || refsIn(g.resource).some((r) => fresh(splitRef(r).address))) continue;
        added.push(`${describeGrant(g.action)} on ${describeGrant(g.resource)}`);
      }
    }
    if (added.length) out.push({ kind: "access", what: "policy", message: `the policy allows more: ${added.slice(0, 4).join(", ")}${added.length > 4 ? ` and ${added.length - 4} more` : ""}` });
  }
  if (c.type === "aws_iam_role" && before?.attrs.permissions_boundary !== undefined && JSON.stringify(before.attrs.permissions_boundary) !== JSON.stringify(after?.attrs.permissions_boundary)) {
    out.push({ kind: "access", what: "boundary", message: after?.attrs.permissions_boundary === undefined ? "its permissions boundary is removed" : "its permissions boundary changes" });
  }
  return out;
}

const describeGrant = (value: Compact): string => {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && !Array.isArray(value) && typeof value.ref === "string") return `${value.prefix ?? ""}${value.ref}${value.suffix ?? ""}`;
  return JSON.stringify(value);
};

/** A created attachment or role policy on a role that stays (an existing role, or one ldgen keeps). */
function grantedToExisting(c: ResourceChange, after: SnapResource | undefined, fresh: (address: string) => boolean): Flag | undefined {
  if (!after || (c.type !== "aws_iam_role_policy_attachment" && c.type !== "aws_iam_role_policy")) return undefined;
  const role = after.attrs.role;
  const roleRef = role === undefined ? [] : refsIn(role).map(splitRef);
  if (roleRef.some((r) => fresh(r.address))) return undefined;
  const who = typeof role === "string" ? `the existing role ${role}` : `the role ${roleRef[0]?.address ?? ""}`;
  if (c.type === "aws_iam_role_policy_attachment") return { kind: "access", what: "managed-policy", message: `${who} gets the managed policy ${typeof after.attrs.policy_arn === "string" ? after.attrs.policy_arn : "(computed)"}` };
  return { kind: "access", what: "policy", message: `${who} gets a new inline policy` };
}
