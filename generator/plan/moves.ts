import type { Path } from "../diagnostics";
import { snapshot, type Compact, type Snapshot } from "../diff/snapshot";
import { forcesReplacement } from "../diff/engine";
import type { Rename } from "../model/types";
import { toLabel } from "../model/names";
import { isPlainObject } from "../parse/shape";
import type { Reporter } from "../rules/reporter";
import { address, nameAttribute, type Move, type Plan, type Resource } from "./view";

/**
 * Where only a resource's Terraform address changes, Plan.moves says so: `moved {}` blocks (HCL), `moveFromId`
 * (CDK), and `ldgen diff` reads a move, not a destroy and a create. Three sources, in this order of precedence:
 *
 * 1. `renamedFrom` (model/renames.ts): the spec with every rename undone is planned too, and each resource of
 *    it is paired with the resource at the same place of this plan (same file, same position: undoing a rename
 *    changes names, never structure); a pair at two addresses is a move, wherever the rename reaches (a
 *    mapping labelled after its renamed source, a permission after its function).
 * 2. The previous generate's record (`previous`, the manifest's plan): a resource that is gone from one address
 *    and new at another, of the same type and the same AWS identity, is a move: the same AWS name, or (for the
 *    resources without one: permissions, policies, mappings, attachments) the same attributes once references
 *    follow the moves found. An inline destination given a name, and a change of ldgen's own labels, move so.
 * 3. The moves the record keeps: written until Terraform has surely applied them, which ldgen cannot know, so
 *    kept while their `to` (through later moves: a chain) is declared and their `from` is not (Terraform rejects
 *    a move from a declared address).
 */
export interface MoveSources {
  /** The plan of the spec with its renames undone, when it has any. */
  renamed?: Plan;
  /** What the last generate into DIR recorded. */
  previous?: Snapshot;
}

const resourcesOf = (plan: Plan): Resource[] => plan.files.flatMap((f) => f.resources);

export function planMoves(plan: Plan, renames: readonly Rename[], sources: MoveSources, reporter?: Reporter): Move[] {
  const declared = new Set(resourcesOf(plan).filter((r) => r.mode === "resource").map(address));
  const moves: Move[] = [];
  const from = new Set<string>();
  const to = new Set<string>();
  const add = (m: Move): boolean => {
    if (declared.has(m.from) || !declared.has(m.to) || from.has(m.from) || to.has(m.to) || m.from === m.to) return false;
    moves.push(m);
    from.add(m.from);
    to.add(m.to);
    return true;
  };
  if (sources.renamed) for (const m of renameMoves(sources.renamed, plan, renames, reporter)) add(m);
  if (sources.previous) {
    for (const m of matchedMoves(sources.previous, plan, moves)) add(m);
    // Recorded moves: a chain's earlier links have a `to` that is no longer declared, so they are added apart.
    const next = new Map(moves.map((m) => [m.from, m.to]));
    const recorded = sources.previous.moves.filter((m) => !declared.has(m.from) && !from.has(m.from) && !to.has(m.to));
    for (const m of recorded) next.set(m.from, m.to);
    const reaches = (address: string): boolean => {
      for (let a = address, hops = 0; hops <= next.size; hops++) {
        if (declared.has(a)) return true;
        const n = next.get(a);
        if (n === undefined) return false;
        a = n;
      }
      return false;
    };
    for (const m of recorded) {
      if (!reaches(m.to) || to.has(m.to)) continue;
      moves.push({ from: m.from, to: m.to, origin: [] });
      from.add(m.from);
      to.add(m.to);
    }
  }
  return moves.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.from < b.from ? -1 : 1));
}

/** Pairs the resources of the renames-undone plan with this plan's, place by place; reports AWS names that still change (LD282). */
function renameMoves(old: Plan, plan: Plan, renames: readonly Rename[], reporter?: Reporter): Move[] {
  const moves: Move[] = [];
  const replaced = new Map<Rename, { address: string; label: string; was?: string; now?: string }[]>();
  for (const file of plan.files) {
    const before = old.files.find((f) => f.name === file.name)?.resources ?? [];
    // (a rename that changed the structure, which undoing one cannot do, pairs nothing of that file)
    if (before.length !== file.resources.length) continue;
    file.resources.forEach((r, i) => {
      const o = before[i];
      if (r.mode !== "resource" || o.mode !== "resource" || o.type !== r.type || o.label === r.label) return;
      // The rename that made it: the entry it belongs to, else the one whose old name its old label carries.
      const rename = renames.find((n) => startsWith(r.origin, [n.section, n.to])) ?? renames.find((n) => o.label.includes(toLabel(n.from))) ?? renames[0];
      moves.push({ from: address(o), to: address(r), origin: rename.path });
      const name = nameAttribute(r.type);
      const was = nameOf(o);
      const now = nameOf(r);
      if (was !== now && forcesReplacement(r.type, name)) {
        const list = replaced.get(rename) ?? replaced.set(rename, []).get(rename)!;
        list.push({ address: address(r), label: r.label, was, now });
      }
    });
  }
  for (const [rename, list] of replaced) {
    // The entry's own resource (its queue, its function) is what awsName names.
    const main = list.find((x) => x.label === toLabel(rename.to) && (rename.section !== "functions" || x.address.startsWith("aws_lambda_function."))) ?? list[0];
    const follow = rename.section === "functions" ? " (its role, log group and rules follow it)" : "";
    const shown = list.map((x) => `${x.address} (${x.was} -> ${x.now})`).join(", ");
    reporter?.report(
      "LD282",
      rename.path,
      `the moves keep the state of ${rename.from}'s resources, but AWS names change, and AWS replaces what they name: ${shown}; set awsName: ${main.was} on ${rename.to} to keep ${main.address}${follow}, or accept the replacement (ldgen diff shows what it loses)`,
      "key",
    );
  }
  return moves;
}

const nameOf = (r: Resource): string | undefined => {
  const attr = nameAttribute(r.type);
  const item = r.body.find((i) => "attr" in i && i.attr === attr);
  return item && "attr" in item && item.value.t === "str" ? item.value.v : undefined;
};

const startsWith = (path: Path, head: readonly (string | number)[]): boolean => head.every((p, i) => path[i] === p);

/**
 * Resources gone from one address and new at another, paired by AWS identity: the name first (unique on both
 * sides), then, until nothing more pairs, the other attributes with references followed through the pairs
 * found (an unnamed resource pairs once what it refers to has).
 */
function matchedMoves(previous: Snapshot, plan: Plan, known: readonly Move[]): Move[] {
  // Most generates change no address: then nothing is gone, and the plan is not snapshotted for nothing.
  const addresses = new Set(resourcesOf(plan).map(address));
  const moving = new Set(known.map((m) => m.from));
  let anyGone = false;
  for (const a in previous.resources) if (!addresses.has(a) && !moving.has(a)) anyGone = true;
  if (!anyGone) return [];
  const next = snapshot(plan);
  const moved = new Map<string, string>(known.map((m) => [m.from, m.to]));
  const taken = new Set(known.map((m) => m.to));
  for (const m of previous.moves) moved.has(m.from) || moved.set(m.from, m.to);
  const gone = Object.keys(previous.resources).filter((a) => !(a in next.resources) && !moved.has(a));
  const fresh = () => Object.keys(next.resources).filter((a) => !(a in previous.resources) && !taken.has(a));
  const out: Move[] = [];
  const pair = (key: (side: "old" | "new", address: string) => string | undefined) => {
    const olds = unique(gone.filter((a) => !moved.has(a)), (a) => key("old", a));
    const news = unique(fresh(), (a) => key("new", a));
    let paired = false;
    for (const [k, a] of olds) {
      const b = news.get(k);
      if (b === undefined) continue;
      moved.set(a, b);
      taken.add(b);
      if (!previous.resources[a].data) out.push({ from: a, to: b, origin: next.resources[b].origin });
      paired = true;
    }
    return paired;
  };
  const res = (side: "old" | "new", a: string) => (side === "old" ? previous.resources[a] : next.resources[a]);
  pair((side, a) => {
    const r = res(side, a);
    const name = r.data ? undefined : r.attrs[nameAttribute(r.type)];
    return typeof name === "string" ? `${r.type}\u0000${name}` : undefined;
  });
  const follow = (v: Compact): string => JSON.stringify(v, (_, x) => (x && typeof x === "object" && typeof x.ref === "string" ? { ...x, ref: renamed(x.ref, moved) } : x));
  for (let round = 0; round < 8; round++) {
    const more = pair((side, a) => {
      const r = res(side, a);
      return `${r.data ? "data." : ""}${r.type}\u0000${side === "old" ? follow(r.attrs) : JSON.stringify(r.attrs)}`;
    });
    if (!more) break;
  }
  return out;
}

/** Keys that name exactly one address (two with one key pair nothing: which is which is a guess). */
function unique(addresses: string[], key: (a: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const twice = new Set<string>();
  for (const a of addresses) {
    const k = key(a);
    if (k === undefined) continue;
    if (out.has(k)) twice.add(k);
    else out.set(k, a);
  }
  for (const k of twice) out.delete(k);
  return out;
}

function renamed(ref: string, moved: Map<string, string>): string {
  const dot = ref.lastIndexOf(".");
  const to = moved.get(ref.slice(0, dot));
  return to ? `${to}${ref.slice(dot)}` : ref;
}

/** Keys whose string values (and `resources` lists) name spec entries: what undoing a rename rewrites. */
const REFERENCE_KEYS = new Set(["onSuccess", "onFailure", "source", "sns", "deadLetter", "queue", "notify", "deadLetterQueue", "bus"]);

/** The spec as it was before its renames: each renamed entry under its old name, and every reference to it. */
export function undoRenames(spec: Record<string, unknown>, renames: readonly Rename[]): Record<string, unknown> {
  const names = new Map(renames.map((r) => [r.to, r.from]));
  const name = (v: unknown): unknown => {
    if (typeof v !== "string") return v;
    if (names.has(v)) return names.get(v);
    return v.endsWith("/*") && names.has(v.slice(0, -2)) ? `${names.get(v.slice(0, -2))}/*` : v;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = REFERENCE_KEYS.has(k) && typeof x === "string" ? name(x) : k === "resources" && Array.isArray(x) ? x.map(name) : walk(x);
    return out;
  };
  const out = walk(spec) as Record<string, unknown>;
  for (const section of ["destinations", "sources", "functions"]) {
    const entries = out[section];
    if (!isPlainObject(entries)) continue;
    out[section] = Object.fromEntries(
      Object.entries(entries).map(([k, x]) => {
        if (!names.has(k) || !isPlainObject(x)) return [k, x];
        const { renamedFrom: _, ...rest } = x;
        return [names.get(k)!, rest];
      }),
    );
  }
  return out;
}
