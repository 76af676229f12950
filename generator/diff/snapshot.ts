import type { Path } from "../diagnostics";
import { address, type Item, type Plan, type Value } from "../plan/view";

/**
 * What `ldgen diff` compares: a plan's resources as plain JSON, each attribute by its path in the body
 * (`name`, `destination_config.on_failure.destination_arn`, `statement.0.actions`, the index only in repeated
 * blocks), values in a compact form. It is what the manifest records of the last generate, so it is data, not
 * the plan's objects: old and new plans, and a plan and a manifest, compare the same way.
 */
export type Compact = string | number | boolean | Compact[] | { [key: string]: Compact };

export interface SnapResource {
  type: string;
  /** A data source (read at plan time, never created): its changes reach what refers to it. */
  data?: true;
  /** The spec path that made it. */
  origin: Path;
  attrs: Record<string, Compact>;
  /** `lifecycle { prevent_destroy = true }`: a plan that destroys or replaces it fails while this is in the config. */
  protect?: true;
}

export interface Snapshot {
  /** By address (`aws_sqs_queue.jobs`, `data.aws_iam_policy_document.fn`). */
  resources: Record<string, SnapResource>;
  moves: { from: string; to: string }[];
}

export function snapshot(plan: Plan): Snapshot {
  const resources: Record<string, SnapResource> = {};
  for (const file of plan.files) {
    for (const r of file.resources) {
      const attrs: Record<string, Compact> = {};
      flatten(r.body, "", attrs);
      const entry: SnapResource = r.mode === "data" ? { type: r.type, data: true, origin: r.origin, attrs } : r.protect ? { type: r.type, origin: r.origin, attrs, protect: true } : { type: r.type, origin: r.origin, attrs };
      resources[address(r)] = entry;
    }
  }
  return { resources, moves: (plan.moves ?? []).map((m) => ({ from: m.from, to: m.to })) };
}

function flatten(items: Item[], prefix: string, out: Record<string, Compact>): void {
  const counts = new Map<string, number>();
  for (const item of items) {
    if ("attr" in item) out[prefix + item.attr] = compact(item.value);
    else if (item.repeated) {
      const i = counts.get(item.block) ?? 0;
      counts.set(item.block, i + 1);
      flatten(item.body, `${prefix}${item.block}.${i}.`, out);
    } else flatten(item.body, `${prefix}${item.block}.`, out);
  }
}

/**
 * A value as JSON: strings, numbers, flags and lists as themselves; the rest as an object with one tag key
 * (`ref`, `map`, `json`, `encode`, `file`, `call`). A map's keys are sorted (Terraform's maps have no order).
 */
export function compact(value: Value): Compact {
  switch (value.t) {
    case "str":
    case "num":
    case "bool":
      return value.v;
    case "ref": {
      const out: Record<string, Compact> = { ref: `${value.address}.${value.attr}` };
      if (value.prefix) out.prefix = value.prefix;
      if (value.suffix) out.suffix = value.suffix;
      return out;
    }
    case "list":
      return value.items.map(compact);
    case "map": {
      const entries: Record<string, Compact> = {};
      for (const [k, v] of [...value.entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) entries[k] = compact(v);
      return { map: entries };
    }
    case "json":
      return { json: value.text };
    case "encode":
      return { encode: compact(value.value) };
    case "file":
      return { file: value.fromHcl, hash: value.hash };
    case "call":
      return { call: value.fn, args: value.args.map(compact) };
  }
}

/** Every reference inside a compact value, as `address.attr`. */
export function refsIn(value: Compact, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) refsIn(v, out);
  } else if (typeof value === "object") {
    if (typeof value.ref === "string") out.push(value.ref);
    else if (value.map !== undefined) for (const v of Object.values(value.map as Record<string, Compact>)) refsIn(v, out);
    else if (value.encode !== undefined) refsIn(value.encode, out);
    else if (value.args !== undefined) refsIn(value.args, out);
  }
  return out;
}

/** Splits `address.attr` (the attribute never holds a dot). */
export function splitRef(ref: string): { address: string; attr: string } {
  const dot = ref.lastIndexOf(".");
  return { address: ref.slice(0, dot), attr: ref.slice(dot + 1) };
}

/** An attribute path without the indexes of repeated blocks: how the replacement table names it. */
export const tablePath = (path: string): string => path.replace(/\.\d+(?=\.|$)/g, "");

/** Whether a snapshot read from a manifest has the shape `snapshot()` gives. */
export function isSnapshot(value: unknown): value is Snapshot {
  if (!value || typeof value !== "object") return false;
  const s = value as Partial<Snapshot>;
  if (!s.resources || typeof s.resources !== "object" || !Array.isArray(s.moves)) return false;
  for (const r of Object.values(s.resources)) {
    if (!r || typeof r !== "object" || typeof r.type !== "string" || !Array.isArray(r.origin) || !r.attrs || typeof r.attrs !== "object") return false;
  }
  return s.moves.every((m) => m && typeof m.from === "string" && typeof m.to === "string");
}
