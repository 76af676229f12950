import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generate } from "../../generator";
import type { PlanJson } from "./terraform";
import { COMPUTED } from "../../generator/import/computed";
import { moduleNames, type Planned, type StateV4 } from "./tfstate";

/**
 * What the import suites share: writing a spec's HCL root, and reading what Terraform plans to change in a root
 * that takes over a state (test/import-terraform.test.ts: the round trip and the hand-written roots).
 */

/**
 * Where `applyOffline` runs terraform: local paths in its state (`filename`) are relative to that folder, a fresh
 * one beside the roots in the temp folder (`../<scratch>/...`). ImportOptions.rootDir for such a state.
 */
export const TFSTATE_CWD = path.join(os.tmpdir(), "ldgen-tfstate-cwd");

/** Generates `text` (at `specPath`) as HCL into `out` (emptied first); throws on an error. Returns the root folder. */
export function writeHcl(specPath: string, text: string, out: string): string {
  fs.rmSync(out, { recursive: true, force: true });
  const result = generate(text, specPath, "hcl", { outDir: out, exists: fs.existsSync });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${specPath} does not generate: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  for (const [name, content] of Object.entries(result.files)) {
    fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    fs.writeFileSync(path.join(out, name), content);
  }
  return path.join(out, "hcl");
}

const quiet = (actions: string[]) => actions.every((a) => a === "no-op" || a === "read");

/** Every change of a plan that is not a no-op or a read: `address actions` (from `previous`), sorted. */
export function changesOf(planned: Planned): string[] {
  return planned.changes
    .filter((c) => !quiet(c.actions))
    .map((c) => `${c.address} ${c.actions.join("/")}${c.previousAddress ? ` (from ${c.previousAddress})` : ""}`)
    .sort();
}

/**
 * The attributes an update or replace changes at each address (the address the state held it at: a moved
 * resource's previous address), read from the plan's before and after (a value only known after apply counts as
 * changed when it was known before).
 */
export function changedAttributes(json: PlanJson): Map<string, { actions: string[]; attributes: string[] }> {
  const out = new Map<string, { actions: string[]; attributes: string[] }>();
  for (const c of (json.resource_changes ?? []) as ResourceChange[]) {
    const actions = c.change.actions;
    if (quiet(actions) || (actions.length === 1 && actions[0] !== "update")) continue; // creates and deletes: asserted on their own
    const before = c.change.before ?? {};
    const after = c.change.after ?? {};
    const unknown = c.change.after_unknown ?? {};
    const attributes = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      // (after_unknown holds `true` where a value is unknown, and the shape of a block around it: `[]` is none; an
      // attribute only the provider computes, such as last_modified, is unknown after any update: not a setting)
      .filter((k) => (hasUnknown(unknown[k]) ? before[k] !== null && before[k] !== undefined && !COMPUTED[c.type]?.has(k) : JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)))
      .filter((k) => !(k === "tags_all" && JSON.stringify(before.tags ?? null) !== JSON.stringify(after.tags ?? null)))
      .sort();
    out.set(c.previous_address ?? c.address, { actions, attributes });
  }
  return out;
}

const hasUnknown = (v: unknown): boolean => v === true || (typeof v === "object" && v !== null && Object.values(v).some(hasUnknown));

interface ResourceChange {
  address: string;
  type: string;
  previous_address?: string;
  change: { actions: string[]; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
}

/**
 * The part of `state` (made by applyOffline for the roots `all`) that belongs to the roots `keep`, without the
 * resources `leftOut(key)` names (addresses relative to the root): what planAgainst of those roots alone reads.
 * A root's resources left in the state without its configuration are orphans Terraform cannot plan.
 */
export function stateFor(state: StateV4, all: string[], keep: string[], leftOut: (key: string) => Set<string> = () => new Set()): StateV4 {
  const names = moduleNames(all);
  const byModule = new Map(keep.map((k) => [`module.${names.get(k)}`, k]));
  const resources: StateV4["resources"] = [];
  for (const r of state.resources) {
    const head = r.module?.split(".").slice(0, 2).join(".");
    const key = head === undefined ? undefined : byModule.get(head);
    if (key === undefined) continue;
    const inner = r.module!.split(".").slice(2).join(".");
    const out = leftOut(key);
    const base = `${inner ? `${inner}.` : ""}${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
    const instances = r.instances.filter((i) => !out.has(i.index_key === undefined ? base : `${base}[${JSON.stringify(i.index_key)}]`));
    if (instances.length) resources.push({ ...r, instances });
  }
  return { ...state, resources };
}
