import * as fs from "node:fs";
import * as path from "node:path";
import { isOwnablePath, listFiles, looksGenerated, MANIFEST_FILE } from "./manifest";

/**
 * The commit protocol that replaces ldgen's generated files under an output folder as one set.
 *
 * Generated files live beside files ldgen does not own (backend.tf, state, .terraform/), so the
 * set cannot be swapped by renaming a folder, and POSIX renames one name at a time. The protocol:
 *
 * 1. Stage: every new file is written (and fsynced) under `DIR/.ldgen-staging-*` /new. Staging is
 *    inside DIR, so every rename below stays on one filesystem (mount points, symlinks to other
 *    disks). Until step 3 nothing outside staging has changed: a kill leaves the old set, and the
 *    next run deletes the staging folder.
 * 2. Back up: every file about to be replaced or removed is hard-linked (copied where the
 *    filesystem has no hard links) to staging /old. Only ldgen's own files are ever backed up.
 * 3. Commit point: the journal `DIR/.ldgen-journal.json`, listing every operation, is written to a
 *    temporary name, fsynced and renamed into place: it exists whole or not at all.
 * 4. Apply: each new file is renamed over its target (each file is replaced atomically: a reader
 *    sees the old or the new bytes, never a mix), removed files are unlinked, the manifest goes
 *    last; then the journal is deleted and staging removed.
 *
 * A SIGKILL during step 4 leaves the journal. Every later run takes the lock and then, before
 * anything else, rolls the journal forward: each operation is idempotent (a staged file that is no
 * longer in staging was already renamed into place), so finishing it yields exactly the new set.
 * An error inside this process during step 4 rolls back instead (renaming the /old links back and
 * deleting files that did not exist), after first marking the journal "rollback" so that a kill
 * during the rollback is completed as a rollback. Either way DIR ends with the whole old set or
 * the whole new set, and no file ldgen does not own is moved, copied or deleted.
 */
export const JOURNAL_FILE = ".ldgen-journal.json";
export const STAGING_PREFIX = ".ldgen-staging-";

export interface Replace {
  rel: string;
  /** Whether a file was there before (then its backup is in staging /old). */
  existed: boolean;
  hash: string;
}

export interface Journal {
  staging: string;
  replace: Replace[];
  remove: string[];
  rollback?: boolean;
}

/**
 * Test-only hook: the n-th file operation of a run throws (`LDGEN_TEST_ABORT_AT=n`) or kills the
 * process with SIGKILL (`LDGEN_TEST_KILL_AT=n`), so tests can interrupt a run at every step.
 */
let operations = 0;
export function resetFileOps(): void {
  operations = 0;
}
/** How many file operations the current run has made (tests use it to interrupt each one). */
export const fileOpCount = (): number => operations;
export function fileOp<T>(what: string, run: () => T): T {
  operations++;
  if (Number(process.env.LDGEN_TEST_KILL_AT) === operations) process.kill(process.pid, "SIGKILL");
  if (Number(process.env.LDGEN_TEST_ABORT_AT) === operations) throw new Error(`test hook: aborted at file operation ${operations} (${what})`);
  return run();
}

/** Writes a file and flushes it to disk. */
export function writeDurably(file: string, data: string): void {
  fileOp(`write ${file}`, () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, "w");
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* some filesystems cannot fsync a folder; the rename is still atomic */
  }
}

/** Hard-links (or, without hard links, copies) ldgen's own file `from` to `to`. */
function backUp(from: string, to: string): void {
  fileOp(`back up ${from}`, () => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  });
}

function writeJournal(dir: string, journal: Journal): void {
  const file = path.join(dir, JOURNAL_FILE);
  writeDurably(`${file}.tmp`, JSON.stringify(journal) + "\n");
  fileOp(`commit ${file}`, () => fs.renameSync(`${file}.tmp`, file));
  syncDir(dir);
}

/** Removes the folders under `dir` between `rel`'s folder and its target folder that are now empty. */
function pruneEmpty(dir: string, rel: string): void {
  const parts = rel.split("/").slice(0, -1);
  while (parts.length > 1) {
    try {
      fs.rmdirSync(path.join(dir, ...parts));
    } catch {
      return; // not empty (or gone)
    }
    parts.pop();
  }
}

/** Backs up what will change, writes the journal (the commit point) and applies it. */
export function commit(dir: string, journal: Journal): void {
  const staging = path.join(dir, journal.staging);
  for (const op of journal.replace) if (op.existed) backUp(path.join(dir, op.rel), path.join(staging, "old", op.rel));
  for (const rel of journal.remove) backUp(path.join(dir, rel), path.join(staging, "old", rel));
  writeJournal(dir, journal);
  try {
    apply(dir, journal);
  } catch (error) {
    try {
      rollBack(dir, journal);
    } catch {
      throw new Error(
        `${(error as Error).message}; the interrupted change is recorded in ${path.join(dir, JOURNAL_FILE)} and the next ldgen generate on ${dir} completes it`,
      );
    }
    throw error;
  }
  // The new set is in place: from here on nothing is rolled back. What cleanup leaves, the next run removes.
  try {
    finish(dir, journal);
  } catch {
    /* a journal with nothing left to do, or a staging folder: the next run's recover() removes them */
  }
}

function rollForward(dir: string, journal: Journal): void {
  apply(dir, journal);
  finish(dir, journal);
}

function apply(dir: string, journal: Journal): void {
  const staging = path.join(dir, journal.staging);
  for (const op of journal.replace) {
    const fresh = path.join(staging, "new", op.rel);
    if (!fs.existsSync(fresh)) continue; // already in place
    const target = path.join(dir, op.rel);
    fileOp(`replace ${target}`, () => {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(fresh, target);
    });
  }
  for (const rel of journal.remove) {
    fileOp(`remove ${rel}`, () => fs.rmSync(path.join(dir, rel), { force: true }));
    pruneEmpty(dir, rel);
  }
  syncDir(dir);
}

function rollBack(dir: string, journal: Journal): void {
  const staging = path.join(dir, journal.staging);
  if (!journal.rollback) writeJournal(dir, { ...journal, rollback: true });
  for (const op of [...journal.replace].reverse()) {
    const target = path.join(dir, op.rel);
    const old = path.join(staging, "old", op.rel);
    if (op.existed) {
      if (fs.existsSync(old)) fileOp(`restore ${target}`, () => fs.renameSync(old, target));
    } else if (!fs.existsSync(path.join(staging, "new", op.rel)) && fs.existsSync(target)) {
      fileOp(`unwrite ${target}`, () => fs.rmSync(target, { force: true }));
      pruneEmpty(dir, op.rel);
    }
  }
  for (const rel of journal.remove) {
    const old = path.join(staging, "old", rel);
    const target = path.join(dir, rel);
    if (fs.existsSync(old) && !fs.existsSync(target)) {
      fileOp(`restore ${target}`, () => {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.renameSync(old, target);
      });
    }
  }
  syncDir(dir);
  finish(dir, journal);
}

function finish(dir: string, journal: Journal): void {
  fileOp("end journal", () => fs.rmSync(path.join(dir, JOURNAL_FILE), { force: true }));
  fileOp("remove staging", () => fs.rmSync(path.join(dir, journal.staging), { recursive: true, force: true }));
}

/** A journal whose every path is one ldgen may touch: never followed outside DIR, whoever wrote it. */
function isJournal(j: Journal): boolean {
  return (
    typeof j.staging === "string" &&
    /^\.ldgen-staging-[A-Za-z0-9]+$/.test(j.staging) &&
    Array.isArray(j.replace) &&
    Array.isArray(j.remove) &&
    j.replace.every((op) => op && (op.rel === MANIFEST_FILE || isOwnablePath(op.rel))) &&
    j.remove.every((rel) => isOwnablePath(rel))
  );
}

/**
 * Completes what a killed run left (call with the lock held): an interrupted commit is rolled
 * forward (or, if it was rolling back, back), and staging folders of killed runs are removed, as
 * are those an ldgen before 0.2 left beside DIR (`.<DIR>.ldgen-XXXXXX`).
 */
export function recover(dir: string): string[] {
  const warnings: string[] = [];
  const file = path.join(dir, JOURNAL_FILE);
  if (fs.existsSync(file)) {
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(fs.readFileSync(file, "utf8")) as Journal;
    } catch {
      journal = undefined; // never renamed into place whole: cannot happen, but then nothing was applied
    }
    if (journal && isJournal(journal)) {
      if (journal.rollback) rollBack(dir, journal);
      else rollForward(dir, journal);
    } else fs.rmSync(file, { force: true });
  }
  fs.rmSync(`${file}.tmp`, { force: true });
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(STAGING_PREFIX)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  const parent = path.dirname(path.resolve(dir));
  const legacy = new RegExp(`^\\.${path.basename(path.resolve(dir)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.ldgen-[A-Za-z0-9]{6}(\\.old)?$`);
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(parent, { withFileTypes: true });
  } catch {
    /* the parent may not be readable; those leftovers are not in DIR */
  }
  for (const e of entries) {
    if (!e.isDirectory() || !legacy.test(e.name)) continue;
    const folder = path.join(parent, e.name);
    // That writer moved Terraform's state and working files into its staging folder while it ran:
    // a folder that holds anything but generated files may hold the only copy of them.
    const foreign = listFiles(parent, e.name).find((rel) => !looksGenerated(path.join(parent, rel)));
    if (foreign) warnings.push(`kept ${folder}: an interrupted older ldgen left files there that it did not write (${foreign}); move them back into ${dir}, then delete it`);
    else fs.rmSync(folder, { recursive: true, force: true });
  }
  return warnings;
}

/** Every file staged under `staging/new/<target>`, relative to `staging/new`. */
export function stagedFiles(staging: string, targets: readonly string[]): string[] {
  return targets.flatMap((t) => listFiles(path.join(staging, "new"), t));
}

export { MANIFEST_FILE };
