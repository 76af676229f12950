import { formatPath } from "../diagnostics";
import { causesOf, changedPaths, type Cause, type SpecSource } from "./causes";
import { compare, type Action, type ResourceChange } from "./engine";
import { flagsOf, type Flag } from "./losses";
import { PROVIDER } from "./replacements";
import type { Snapshot } from "./snapshot";

export { snapshot, isSnapshot, type Snapshot } from "./snapshot";
export type { SpecSource, Cause } from "./causes";
export type { Flag } from "./losses";
export type { Action } from "./engine";

/** One resource's change, with what it costs and the spec key that caused it. */
export interface Change extends ResourceChange {
  flags: Flag[];
  cause: Cause;
}

/** `ldgen diff`'s exit status: 0 no change, 3 only changes that lose nothing, 4 a flagged change (a loss, or access widened). */
export const DIFF_EXIT = { none: 0, safe: 3, flagged: 4 } as const;

/** Every change going from `old` to `next`, flagged and pointed at the spec, in address order. */
export function diffSnapshots(old: Snapshot, next: Snapshot, specs: { old?: SpecSource; next: SpecSource }): Change[] {
  const changes = compare(old, next);
  const flags = flagsOf(changes, old, next);
  const changed = specs.old ? changedPaths(specs.old.value, specs.next.value) : [];
  const causes = causesOf(changes.map((c) => ({ origin: c.origin, attributes: c.forcedBy.length ? c.forcedBy : c.attributes })), changed, specs.old, specs.next);
  const out: Change[] = changes.map((c, i) => ({ ...c, flags: flags.get(c) ?? [], cause: causes[i] }));
  return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

export const exitCode = (changes: Change[]): number => (changes.length === 0 ? DIFF_EXIT.none : changes.some((c) => c.flags.length > 0) ? DIFF_EXIT.flagged : DIFF_EXIT.safe);

/** The changes whose flags are losses (what `generate` refuses). */
export const losses = (changes: Change[]): Change[] => changes.filter((c) => c.flags.some((f) => f.kind === "loss"));

const ORDER: Action[] = ["destroy", "replace", "update", "move", "create"];
const HEADINGS: Record<Action, string> = {
  destroy: "Destroy",
  replace: "Replace (destroyed, then created anew)",
  update: "Update in place",
  move: "Moved (same resource, new address)",
  create: "Create",
};
const FLAG_WORDS: Record<Flag["kind"], string> = { loss: "loses", access: "widens access", protected: "protected" };
const MARKS: Record<Action, string> = { destroy: "-", replace: "-/+", update: "~", move: "->", create: "+" };
const VERBS: Record<Action, string> = { destroy: "to destroy", replace: "to replace", update: "to update in place", move: "moved", create: "to create" };

export function summary(changes: Change[]): Record<Action, number> & { flagged: number } {
  const counts = { create: 0, update: 0, replace: 0, destroy: 0, move: 0, flagged: 0 };
  for (const c of changes) {
    counts[c.action]++;
    if (c.flags.length) counts.flagged++;
  }
  return counts;
}

export const where = (cause: Cause): string => `${cause.file}${cause.line !== undefined ? `:${cause.line}:${cause.col}` : ""}: ${cause.path}${cause.gone ? " (no longer in the spec)" : ""}`;

/** The report for people: a count line, then the changes grouped by action, flagged ones marked `!`. */
export function formatText(changes: Change[], title: string): string {
  if (changes.length === 0) return `${title}: no changes\n`;
  const counts = summary(changes);
  const parts = ORDER.filter((a) => counts[a] > 0).map((a) => `${counts[a]} ${VERBS[a]}`);
  const lines = [`${title}: ${parts.join(", ")}${counts.flagged ? `; ${counts.flagged} flagged` : ""}`];
  for (const action of ORDER) {
    const group = changes.filter((c) => c.action === action);
    if (group.length === 0) continue;
    lines.push("", `${HEADINGS[action]}:`);
    for (const c of group) {
      const what =
        c.action === "replace"
          ? `: ${words(c.forcedBy)} ${c.forcedBy.length === 1 ? "forces" : "force"} replacement`
          : c.action === "update"
            ? `: ${words(c.attributes)}`
            : c.action === "move"
              ? ` (from ${c.from})`
              : "";
      lines.push(`  ${c.flags.length ? "!" : " "} ${MARKS[c.action]} ${c.address}${c.from && c.action !== "move" ? ` (moved from ${c.from})` : ""}${what}`);
      for (const f of c.flags) lines.push(`        ${FLAG_WORDS[f.kind]}: ${f.message}`);
      lines.push(`        from ${where(c.cause)}`);
    }
  }
  return lines.join("\n") + "\n";
}

const words = (paths: string[]) => (paths.length > 4 ? `${paths.slice(0, 4).join(", ")} and ${paths.length - 4} more` : paths.join(", "));

/** The JSON report: a stable, documented shape (docs/changing-specs.md). */
export function toJson(changes: Change[], meta: { old: string; new: string }): object {
  return {
    version: 1,
    old: meta.old,
    new: meta.new,
    provider: PROVIDER.provider,
    summary: summary(changes),
    exit: exitCode(changes),
    changes: changes.map((c) => ({
      address: c.address,
      type: c.type,
      action: c.action,
      ...(c.from && { from: c.from }),
      attributes: c.attributes,
      forcedBy: c.forcedBy,
      flags: c.flags,
      cause: c.cause,
      origin: formatPath(c.origin),
    })),
  };
}
