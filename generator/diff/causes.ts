import { formatPath, type Path } from "../diagnostics";

/** A spec as `ldgen diff` reads it: its file, its document as data, and where a path is written in it. */
export interface SpecSource {
  file: string;
  value: unknown;
  position?: (path: Path) => { line: number; col: number };
}

export interface Cause {
  /** The spec path in the user's words (`functions.resize.events[0].startingPosition`). */
  path: string;
  /** Which spec it is in: the new one, or (a key that is gone) the old one. */
  file: string;
  line?: number;
  col?: number;
  /** The key is in neither spec file that can be pointed at: gone from the new one (the position is its nearest parent there). */
  gone?: true;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The spec paths whose values differ between two documents: the deepest where both sides have the key, or the
 * key itself where only one side has it (a renamed entry is its old key and its new one).
 */
export function changedPaths(a: unknown, b: unknown, path: (string | number)[] = [], out: Path[] = []): Path[] {
  if (isObject(a) && isObject(b)) {
    for (const key in a) {
      if (!(key in b)) out.push([...path, key]);
      else changedPaths(a[key], b[key], [...path, key], out);
    }
    for (const key in b) if (!(key in a)) out.push([...path, key]);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length || i >= b.length) out.push([...path, i]);
      else changedPaths(a[i], b[i], [...path, i], out);
    }
  } else if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
  return out;
}

const under = (path: Path, origin: Path) => origin.length <= path.length && origin.every((k, i) => path[i] === k);
/** Keys that change what every entry makes: where a change no entry explains comes from. */
const SHARED = new Set(["name", "defaults", "tags", "account", "partition", "region", "monitoring", "terraform"]);
const has = (doc: unknown, path: Path): boolean => {
  let v = doc;
  for (const k of path) {
    if (v === null || typeof v !== "object" || !(k in (v as object))) return false;
    v = (v as Record<string | number, unknown>)[k];
  }
  return true;
};
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
/** Attribute words whose spec keys are named otherwise: what a policy, an ARN or a destination is made from. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  policy: ["onsuccess", "onfailure", "source", "deadletter", "policies", "kmskey", "secret"],
  eventsourcearn: ["source"],
  destination: ["onsuccess", "onfailure"],
  destinationarn: ["onfailure"],
  targetarn: ["deadletterqueue"],
  memorysize: ["memory"],
  retentionindays: ["logretention"],
  fifoqueue: ["fifo"],
  fifotopic: ["fifo"],
  shardcount: ["shards"],
  maximumretryattempts: ["retries"],
};

/**
 * The spec key that most likely caused each change: a changed path under the resource's origin, the one named
 * like an attribute that changed if any (`startingPosition` for `starting_position`), else one that no other
 * change of the same origin is named after (a changed reference, for a policy); without one under the origin, a
 * changed shared key (`name`, `defaults...`); else the origin itself. Positions are in the new spec where the
 * key is there, else in the old one.
 */
export function causesOf(changes: { origin: Path; attributes: string[] }[], changed: Path[], old: SpecSource | undefined, next: SpecSource): Cause[] {
  const named = (candidates: Path[], attributes: string[]) => {
    const words = attributes.flatMap((a) => a.split(".").filter((w) => !/^\d+$/.test(w)).map(squash)).flatMap((w) => [w, ...(ALIASES[w] ?? [])]);
    return candidates.find((p) => {
      const last = [...p].reverse().find((k): k is string => typeof k === "string");
      const key = last ? squash(last) : "";
      return key !== "" && words.some((w) => w.includes(key) || key.includes(w));
    });
  };
  const candidatesOf = (origin: Path) => {
    // (a changed path under the origin, or the entry it belongs to, removed or added whole)
    const own = changed.filter((p) => under(p, origin) || (p.length > 1 && under(origin, p)));
    return own.length ? own : changed.filter((p) => typeof p[0] === "string" && SHARED.has(p[0]));
  };
  const first = changes.map((c) => named(candidatesOf(c.origin), c.attributes));
  const claimed = new Set(first.filter((p): p is Path => p !== undefined));
  return changes.map((c, i) => {
    const candidates = candidatesOf(c.origin);
    const path = first[i] ?? candidates.find((p) => !claimed.has(p)) ?? candidates[0] ?? c.origin;
    return locate(path, old, next);
  });
}
function locate(path: Path, old: SpecSource | undefined, next: SpecSource): Cause {
  const inNext = has(next.value, path);
  const source = inNext || !old?.position || !has(old.value, path) ? next : old;
  const at = source.position?.(path);
  return { path: formatPath(path), file: source.file, ...(at && { line: at.line, col: at.col }), ...(!inNext && source === next && { gone: true as const }) };
}
