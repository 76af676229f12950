import * as fs from "node:fs";
import * as path from "node:path";
import { check, hasErrors, type Checked, type Diagnostic } from "../index";
import { diffSnapshots, exitCode, formatText, isSnapshot, losses, snapshot, toJson, where, type Change, type Snapshot, type SpecSource } from "../diff";
import { MANIFEST_FILE, MANIFEST_VERSION, readManifest, type Manifest, type ManifestRecord } from "./manifest";
import type { PlatformSource } from "../index";

/** A spec checked for `ldgen diff`: its plan as a snapshot and where its keys are, or its diagnostics. */
export interface DiffSide {
  checked: Checked;
  snapshot?: Snapshot;
  source?: SpecSource;
}

export function checkSide(text: string, file: string, options: { outDir: string; platform?: PlatformSource; exists: (p: string) => boolean; previous?: Snapshot }): DiffSide {
  const checked = check(text, file, options);
  if (hasErrors(checked.diagnostics) || !checked.plan || !checked.document) return { checked };
  return { checked, snapshot: snapshot(checked.plan), source: { file, value: checked.document.value, position: checked.document.position } };
}

/**
 * The plan the last generate into `dir` recorded, for the next generate's moves; none without a manifest, or
 * with one that records none (an older ldgen's) or that ldgen cannot read (writing then says why).
 */
export function previousSnapshot(dir: string): Snapshot | undefined {
  if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) return undefined;
  try {
    const record = readManifest(dir, []).record;
    return record && isSnapshot(record.plan) ? record.plan : undefined;
  } catch {
    return undefined;
  }
}

/** Thrown for a DIR that `diff --out` cannot compare with: exit 2, with the reason and what to do. */
export class NoRecord extends Error {}

/** The record of the last generate into `dir`, or why there is none. */
export function recordOf(dir: string): ManifestRecord & { plan: Snapshot } {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) {
    throw new NoRecord(`${dir} has no ${MANIFEST_FILE}: nothing ldgen generated there to compare with (give the old spec instead: ldgen diff OLD NEW)`);
  }
  const manifest = readManifest(dir, []);
  return recordOfManifest(manifest, file);
}

export function recordOfManifest(manifest: Manifest, file: string): ManifestRecord & { plan: Snapshot } {
  if (manifest.version > MANIFEST_VERSION) {
    throw new NoRecord(`${file} was written by a newer ldgen (manifest version ${manifest.version}; this one reads up to ${MANIFEST_VERSION}): upgrade ldgen, or compare the specs instead (ldgen diff OLD NEW)`);
  }
  if (!manifest.record && manifest.version < MANIFEST_VERSION) {
    throw new NoRecord(`${file} was written by an older ldgen (manifest version ${manifest.version}), which did not record what it generated; compare the specs instead (ldgen diff OLD NEW), or run ldgen generate once to record it`);
  }
  if (!manifest.record) throw new NoRecord(`${file}: its record of the last generate is missing or damaged; compare the specs instead (ldgen diff OLD NEW), or run ldgen generate once to record it again`);
  if (!isSnapshot(manifest.record.plan)) throw new NoRecord(`${file}: its record of the plan is not one this ldgen reads; run ldgen generate once to record it again`);
  return manifest.record as ManifestRecord & { plan: Snapshot };
}

export function report(changes: Change[], format: "text" | "json", names: { old: string; new: string }): string {
  return format === "json" ? JSON.stringify(toJson(changes, names), null, 2) + "\n" : formatText(changes, `ldgen diff ${names.old} -> ${names.new}`);
}

export { diffSnapshots, exitCode };

/** Addresses `--allow-replace` names, or every one with `--allow-data-loss`. */
export interface Allowed {
  all: boolean;
  addresses: string[];
}

/**
 * What `generate` says before it writes over an earlier output: the changes that lose data and are not allowed
 * (the run is refused), and warnings (access widened, allowed losses, a manifest without a record).
 */
export function guardReport(manifest: Manifest, dir: string, next: Snapshot, source: SpecSource, allowed: Allowed): { refused: Change[]; warnings: string[] } {
  const warnings: string[] = [];
  if (!manifest.record || !isSnapshot(manifest.record.plan)) {
    if (Object.keys(manifest.files).some((f) => f.startsWith("hcl/") || f.startsWith("cdktf/") || f.startsWith("cdktn/"))) {
      warnings.push(`${path.join(dir, MANIFEST_FILE)} records no earlier plan (an older ldgen wrote it): this run cannot check for changes that lose data; it records the plan for the next run`);
    }
    return { refused: [], warnings };
  }
  const old = manifest.record;
  const changes = diffSnapshots(old.plan as Snapshot, next, { old: { file: old.spec.file, value: old.spec.value }, next: source });
  const refused: Change[] = [];
  for (const c of losses(changes)) {
    if (allowed.all || allowed.addresses.includes(c.address)) warnings.push(`allowed: ${lossLine(c)}`);
    else refused.push(c);
  }
  for (const c of changes) {
    for (const f of c.flags) {
      if (f.kind === "access") warnings.push(`${c.address}: widens access: ${f.message} (${where(c.cause)})`);
      else if (f.kind === "protected") warnings.push(`${c.address}: ${f.message} (${where(c.cause)})`);
    }
  }
  const flagged = new Set(losses(changes).map((c) => c.address));
  for (const a of allowed.addresses) if (!flagged.has(a)) warnings.push(`--allow-replace ${a}: no change of that address loses data`);
  return { refused, warnings };
}

export function lossLine(c: Change): string {
  const how = c.action === "destroy" ? "is destroyed" : `is replaced (${c.forcedBy.join(", ")} ${c.forcedBy.length === 1 ? "forces" : "force"} it)`;
  return `${c.address} ${how}: ${c.flags.filter((f) => f.kind === "loss").map((f) => f.message).join("; ")} (${where(c.cause)})`;
}

export type { Diagnostic };

/** What the manifest records of a generate (`ManifestRecord`): the spec's document and the plan's snapshot. */
export function recordFor(checked: Checked, specFile: string): ManifestRecord & { plan: Snapshot } {
  return { spec: { file: path.basename(specFile), value: checked.document!.value }, plan: snapshot(checked.plan!) };
}
