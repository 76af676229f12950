import type { Path } from "../diagnostics";
import { REPLACEMENTS } from "./replacements";
import { refsIn, splitRef, tablePath, type Compact, type SnapResource, type Snapshot } from "./snapshot";

/** Whether the provider replaces a resource of `type` when the attribute at `path` changes (replacements.ts). */
export const forcesReplacement = (type: string, path: string): boolean => REPLACEMENTS[type]?.[tablePath(path)] === true;

/**
 * What Terraform would do to each resource going from one plan to the next, worked out the way Terraform
 * works it out: an attribute whose configured value differs, or that refers to a value that is not known until
 * apply (an attribute the provider computes, of a resource that is replaced or created), is a change; a change
 * of an attribute that the provider replaces the resource for (the table in replacements.ts, made from the
 * provider's own plans) is a replacement. Moved resources (`moved {}`) are the same resource.
 */
export type Action = "create" | "update" | "replace" | "destroy" | "move";

export interface ResourceChange {
  address: string;
  type: string;
  action: Action;
  /** The address it had before, when it moved. */
  from?: string;
  /** Attribute paths whose values change (or are not known until apply). */
  attributes: string[];
  /** For a replacement: the attributes that force it. */
  forcedBy: string[];
  /** The spec path of the resource (the old plan's for a destroy). */
  origin: Path;
}

interface Status {
  action: Action | "none";
  changed: Set<string>;
  forced: string[];
  /**
   * A data source read at apply, not at plan, because a managed resource it refers to (or waits for) has a
   * change planned: Terraform's `read_because_dependency_pending`. Its values are unknown in the plan, so what
   * refers to them is an update in place there, even when the values it reads at apply are the ones it had.
   */
  deferred?: true;
}

/** Attributes the provider computes anew on an update in place (a published function's version). */
const UPDATE_COMPUTED: Readonly<Record<string, readonly string[]>> = {
  aws_lambda_function: ["version", "qualified_arn", "qualified_invoke_arn", "last_modified"],
};

export function compare(old: Snapshot, next: Snapshot): ResourceChange[] {
  const movedFrom = new Map<string, string>();
  const movedTo = new Map<string, string>();
  for (const m of next.moves) {
    if (old.resources[m.from] && next.resources[m.to]) {
      movedFrom.set(m.to, m.from);
      movedTo.set(m.from, m.to);
    }
  }
  // A data source has no state: one whose address changed (the policy document of a renamed function) is read as
  // the one it replaces, so what refers to it changes only if what it renders does.
  for (const to in next.resources) {
    const r = next.resources[to];
    const before = old.resources[movedFrom.get(to) ?? to];
    if (!before || r.data) continue;
    for (const path in r.attrs) {
      const [x, y] = [dataRef(before.attrs[path]), dataRef(r.attrs[path])];
      if (x && y && x !== y && !next.resources[x] && !old.resources[y] && !movedFrom.has(y) && !movedTo.has(x)) {
        movedFrom.set(y, x);
        movedTo.set(x, y);
      }
    }
  }
  const statuses = new Map<string, Status>();
  const busy = new Set<string>();

  const oldOf = (addr: string): SnapResource | undefined => old.resources[movedFrom.get(addr) ?? addr];

  /** Whether `address.attr` may hold another value in the new plan than in the old. */
  const refChanged = (ref: string): boolean => {
    const { address, attr } = splitRef(ref);
    const target = next.resources[address];
    if (!target) return false;
    const s = status(address);
    if (target.data) return s.changed.size > 0 || s.deferred === true;
    if (attr in target.attrs) return s.changed.has(attr) || s.action === "create";
    if (s.action === "create" || s.action === "replace") return true;
    return s.action === "update" && (UPDATE_COMPUTED[target.type]?.includes(attr) ?? false);
  };

  const status = (addr: string): Status => {
    const known = statuses.get(addr);
    if (known) return known;
    const none: Status = { action: "none", changed: new Set(), forced: [] };
    // (a reference cycle is not a plan Terraform accepts; read it as no change rather than recurse forever)
    if (busy.has(addr)) return none;
    busy.add(addr);
    const r = next.resources[addr];
    const before = oldOf(addr);
    let result: Status;
    if (!before) result = { action: "create", changed: new Set(Object.keys(r.attrs)), forced: [] };
    else {
      const changed = new Set<string>();
      for (const path in r.attrs) {
        const value = r.attrs[path];
        if (!(path in before.attrs) || !equal(before.attrs[path], value, movedTo) || (typeof value === "object" && refsIn(value).some(refChanged))) changed.add(path);
      }
      for (const path in before.attrs) if (!(path in r.attrs)) changed.add(path);
      const forced = r.data ? [] : [...changed].filter((p) => forcesReplacement(r.type, p));
      const action = forced.length ? "replace" : changed.size ? "update" : movedFrom.has(addr) ? "move" : "none";
      result = { action, changed, forced };
      if (r.data && changed.size === 0 && dependencyPending(r)) result.deferred = true;
    }
    busy.delete(addr);
    statuses.set(addr, result);
    return result;
  };

  /**
   * Whether a managed resource `r` refers to has a change planned (a move alone is none), directly or through
   * another data source. (Terraform counts `depends_on` too; ldgen writes none on a data source.)
   */
  const dependencyPending = (r: SnapResource): boolean => {
    const addresses = new Set<string>();
    for (const path in r.attrs) for (const ref of refsIn(r.attrs[path])) addresses.add(splitRef(ref).address);
    for (const a of addresses) {
      const target = next.resources[a];
      if (!target) continue;
      const s = status(a);
      if (target.data ? s.deferred : s.action !== "none" && s.action !== "move") return true;
    }
    return false;
  };

  const changes: ResourceChange[] = [];
  for (const addr in next.resources) {
    const r = next.resources[addr];
    const s = status(addr);
    if (r.data || s.action === "none") continue;
    const from = movedFrom.get(addr);
    changes.push({ address: addr, type: r.type, action: s.action, ...(from && { from }), attributes: [...s.changed].sort(), forcedBy: s.forced.sort(), origin: r.origin });
  }
  for (const addr in old.resources) {
    const r = old.resources[addr];
    if (r.data || next.resources[movedTo.get(addr) ?? addr]) continue;
    changes.push({ address: addr, type: r.type, action: "destroy", attributes: [], forcedBy: [], origin: r.origin });
  }
  return changes;
}

/**
 * Whether an old value is the new one, a reference to a moved resource read at its new address. (Maps' keys are
 * sorted in both, so comparing keys in any order is comparing them in order.)
 */
function equal(old: Compact, next: Compact, movedTo: Map<string, string>): boolean {
  if (old === next) return true;
  if (typeof old !== "object" || typeof next !== "object") return false;
  if (Array.isArray(old) || Array.isArray(next)) {
    if (!Array.isArray(old) || !Array.isArray(next) || old.length !== next.length) return false;
    for (let i = 0; i < old.length; i++) if (!equal(old[i], next[i], movedTo)) return false;
    return true;
  }
  const keys = Object.keys(old);
  if (keys.length !== Object.keys(next).length) return false;
  for (const k of keys) {
    if (!(k in next)) return false;
    const a = old[k];
    if (k === "ref" && typeof a === "string" && movedTo.size ? renameRef(a, movedTo) !== next[k] : !equal(a, next[k], movedTo)) return false;
  }
  return true;
}

/** The data source a value is a plain reference to. */
function dataRef(value: Compact | undefined): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value) || typeof value.ref !== "string" || !value.ref.startsWith("data.")) return undefined;
  return splitRef(value.ref).address;
}

function renameRef(ref: string, movedTo: Map<string, string>): string {
  const { address, attr } = splitRef(ref);
  const to = movedTo.get(address);
  return to ? `${to}.${attr}` : ref;
}
