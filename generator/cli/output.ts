import * as fs from "node:fs";
import * as path from "node:path";
import { commit, fileOp, resetFileOps, JOURNAL_FILE, recover, stagedFiles, STAGING_PREFIX, writeDurably, type Journal, type Replace } from "./commit";
import { acquireLock } from "./lock";
import { legacyOwned, MANIFEST_FILE, manifestText, readManifest, sha256, type Manifest, type ManifestRecord } from "./manifest";

/** A file ldgen would write, but a file it does not own is in the way. */
export class ForeignFile extends Error {}

export interface WriteOptions {
  /** The top-level folders this run generates (`hcl`, `cdktf`): their listed files are replaced as one set. */
  targets: readonly string[];
  /** Adds to the staged files before the commit (e.g. `cdktf synth` into `<staged>/cdktf/cdktf.out`). */
  prepare?: (staged: string) => void;
  /** How long to wait for another run's lock, in milliseconds. */
  lockTimeoutMs?: number;
  /** What the manifest records of this run (the spec and the plan), for `ldgen diff --out` and the next run's check. */
  record?: ManifestRecord;
  /**
   * Called with DIR's manifest as it is before this run, under the lock and before anything is staged: it may
   * throw to write nothing (generate refusing a change that loses data).
   */
  guard?: (manifest: Manifest) => void;
}

export interface WriteResult {
  written: string[];
  removed: string[];
  unchanged: number;
  /** Whether the manifest changed (also when no generated file did: a folder taken over from an older ldgen). */
  manifestWritten: boolean;
  /** Things the user should know (files kept that ldgen no longer owns, leftovers kept). */
  warnings: string[];
}

const owned = (manifest: Manifest, rel: string) => rel in manifest.files || legacyOwned(manifest, rel);
const inTargets = (rel: string, targets: readonly string[]) => targets.includes(rel.split("/")[0]);
/** Paths target by target, each target's sorted: the order the staged files are listed in (`stagedFiles`). */
const inTargetOrder = (rels: string[], targets: readonly string[]) => targets.flatMap((t) => rels.filter((rel) => rel.split("/")[0] === t).sort());

/**
 * Writes generated files under `dir` as one set (see commit.ts for the protocol): files listed in
 * `dir/.ldgen-manifest.json` are replaced or removed, every other file is left as it is, and on any
 * error nothing under `dir` changes. Runs on one `dir` are serialized by a lock inside it.
 */
export function writeGenerated(dir: string, files: Record<string, string>, options: WriteOptions): WriteResult {
  resetFileOps();
  checkFolder(dir);
  const created = makeDirs(dir);
  let release: (() => void) | undefined;
  let staging: string | undefined;
  try {
    release = acquireLock(dir, options.lockTimeoutMs ?? 60_000);
    const warnings = recover(dir);
    const manifest = readManifest(dir, options.targets);
    options.guard?.(manifest);
    staging = fileOp("create staging", () => fs.mkdtempSync(path.join(dir, STAGING_PREFIX)));
    const stage = (rel: string, text: string) => writeDurably(path.join(staging!, "new", rel), text);
    // Each file's hash, from memory; a file `prepare` adds (the synthesized stack) is read back from staging.
    const fresh: Record<string, string> = {};
    for (const rel of Object.keys(files)) if (inTargets(rel, options.targets)) fresh[rel] = sha256(files[rel]);
    if (options.prepare) {
      // The synth reads the whole app: every file is staged first.
      for (const [rel, text] of Object.entries(files)) stage(rel, text);
      options.prepare(path.join(staging, "new"));
      for (const rel of stagedFiles(staging, options.targets)) fresh[rel] ??= sha256(fs.readFileSync(path.join(staging, "new", rel)));
    }
    const next: Record<string, string> = { ...fresh };
    for (const [rel, hash] of Object.entries(manifest.files)) if (!inTargets(rel, options.targets)) next[rel] = hash;

    // Only what differs from DIR is staged and replaced: a run that changes one file writes (and flushes) one.
    const replace: Replace[] = [];
    for (const rel of inTargetOrder(Object.keys(fresh), options.targets)) {
      const hash = fresh[rel];
      const current = readIfFile(dir, rel);
      const staged = options.prepare !== undefined;
      if (current !== undefined && sha256(current) === hash) {
        if (staged) fs.rmSync(path.join(staging, "new", rel));
        continue;
      }
      if (current !== undefined && !owned(manifest, rel)) {
        throw new ForeignFile(`${path.join(dir, rel)} exists and ldgen did not write it (it is not in ${MANIFEST_FILE}); move it away, then run again`);
      }
      if (!staged) stage(rel, files[rel]);
      replace.push({ rel, existed: current !== undefined, hash });
    }
    // A listed file no longer generated is removed only if it is still what ldgen wrote; one changed since, or
    // replaced by a folder or a link, is the user's now: kept, and no longer listed.
    const remove: string[] = [];
    for (const [rel, hash] of Object.entries(manifest.files)) {
      if (!inTargets(rel, options.targets) || rel in fresh) continue;
      const stat = lstatOrUndefined(path.join(dir, rel));
      if (!stat?.isFile()) continue;
      if (sha256(fs.readFileSync(path.join(dir, rel))) === hash) remove.push(rel);
      else warnings.push(`kept ${path.join(dir, rel)}: ldgen wrote it, no longer generates it, and it was changed since; it is yours now (delete it if it is not needed)`);
    }
    const manifestNow = readIfFile(dir, MANIFEST_FILE)?.toString("utf8");
    // Without a record of its own (a library caller), a run that changes no file keeps the one it found.
    const manifestNext = manifestText(next, options.record ?? (replace.length === 0 && remove.length === 0 ? manifest.record : undefined));
    if (manifestNow !== manifestNext) {
      writeDurably(path.join(staging, "new", MANIFEST_FILE), manifestNext);
      replace.push({ rel: MANIFEST_FILE, existed: manifestNow !== undefined, hash: sha256(manifestNext) });
    }
    if (replace.length || remove.length) {
      checkWritable(dir, [...replace.map((r) => r.rel), ...remove]);
      const journal: Journal = { staging: path.basename(staging), replace, remove };
      commit(dir, journal); // removes staging once done
    } else fs.rmSync(staging, { recursive: true, force: true });
    staging = undefined;
    const written = replace.map((r) => r.rel).filter((r) => r !== MANIFEST_FILE);
    return { written, removed: remove, unchanged: Object.keys(fresh).length - written.length, manifestWritten: manifestNow !== manifestNext, warnings };
  } catch (error) {
    // Before the commit point nothing under dir changed but staging, the lock and folders this run created.
    if (staging && !fs.existsSync(path.join(dir, JOURNAL_FILE))) {
      fs.rmSync(staging, { recursive: true, force: true });
      fs.rmSync(path.join(dir, `${JOURNAL_FILE}.tmp`), { force: true });
    }
    release?.();
    release = undefined;
    for (const d of created.reverse()) {
      try {
        fs.rmdirSync(d);
      } catch {
        break;
      }
    }
    throw error;
  } finally {
    release?.();
  }
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** DIR must be a folder, a link to one, or not exist yet. */
function checkFolder(dir: string): void {
  const link = lstatOrUndefined(dir);
  if (!link) return;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new ForeignFile(`${dir} is a symbolic link to ${fs.readlinkSync(dir)}, which does not exist; create that folder or give another --out`);
  }
  if (!stat.isDirectory()) throw new ForeignFile(`${dir} is not a folder; give --out a folder (it is created if missing)`);
}

/** `mkdir -p dir`, returning the folders it created, outermost first. */
function makeDirs(dir: string): string[] {
  const created: string[] = [];
  let d = path.resolve(dir);
  while (!fs.existsSync(d)) {
    created.unshift(d);
    d = path.dirname(d);
  }
  for (const c of created) fs.mkdirSync(c);
  return created;
}

function readIfFile(dir: string, rel: string): Buffer | undefined {
  const file = path.join(dir, rel);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) throw new ForeignFile(`${file} is not a regular file; ldgen writes a file there, so move it away, then run again`);
  return fs.readFileSync(file);
}

/**
 * Fails before the commit point when a folder that a file is renamed into or out of is not writable,
 * or is on another filesystem than DIR (a link inside DIR to another disk), where a rename cannot go.
 */
function checkWritable(dir: string, rels: string[]): void {
  const seen = new Set<string>();
  const device = fs.statSync(dir).dev;
  for (const rel of rels) {
    let folder = path.dirname(path.join(dir, rel));
    while (!fs.existsSync(folder)) folder = path.dirname(folder);
    if (seen.has(folder)) continue;
    seen.add(folder);
    const stat = fs.statSync(folder);
    if (!stat.isDirectory()) throw new ForeignFile(`${folder} is not a folder; ldgen writes files under it, so move it away, then run again`);
    if (stat.dev !== device) {
      throw new ForeignFile(`${folder} is on another filesystem than ${dir} (a link to another disk?); ldgen stages inside ${dir}, so make ${dir} itself the link`);
    }
    fs.accessSync(folder, fs.constants.W_OK);
  }
}

/**
 * Differences between what would be generated and what `dir` holds, for `--check`: one unified
 * diff per changed file, missing files, and listed files ldgen would remove. Files ldgen does not
 * own are ignored.
 */
export function drift(dir: string, files: Record<string, string>, targets: readonly string[]): string[] {
  if (fs.existsSync(path.join(dir, JOURNAL_FILE))) {
    return [`interrupted: ${path.join(dir, JOURNAL_FILE)} records an ldgen run that did not finish; ldgen generate completes it`];
  }
  checkFolder(dir);
  const manifest = fs.existsSync(dir) ? readManifest(dir, targets) : { files: {}, legacy: true, version: 0 };
  const out: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    const current = lstatOrUndefined(file)?.isFile() ? fs.readFileSync(file, "utf8") : undefined;
    if (current === text) continue;
    if (current !== undefined && !owned(manifest, rel)) {
      out.push(`foreign: ${file} exists and ldgen did not write it; ldgen generate would stop there`);
      continue;
    }
    const { createTwoFilesPatch } = require("diff") as typeof import("diff");
    out.push(current === undefined ? `missing: ${file}` : createTwoFilesPatch(file, `${file} (generated)`, current, text, "", "", { context: 2 }));
  }
  for (const [rel, hash] of Object.entries(manifest.files).sort()) {
    const file = path.join(dir, rel);
    if (!inTargets(rel, targets) || rel in files || !lstatOrUndefined(file)?.isFile()) continue;
    if (sha256(fs.readFileSync(file)) === hash) out.push(`stale: ${file} (ldgen would remove it)`);
  }
  return out;
}
