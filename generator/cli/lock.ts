import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The lock file inside an output folder that serializes ldgen runs on it. */
export const LOCK_FILE = ".ldgen.lock";

/**
 * A holder ldgen cannot check (another host, another container's PID namespace, an unreadable lock
 * file) counts as dead once its lock is this old. No run holds the lock for long: generating takes
 * seconds even for 10,000 functions.
 */
export const UNVERIFIABLE_STALE_MS = 10 * 60_000;

export class LockTimeout extends Error {}

interface Holder {
  pid: number;
  host: string;
  /** The PID namespace (`/proc/self/ns/pid`), so that a run in another container is not checked by PID. */
  pidns?: string;
  since: string;
}

/** Blocks the thread for `ms` (the CLI is synchronous; a lock wait has nothing else to do). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidNamespace(): string | undefined {
  try {
    return fs.readlinkSync("/proc/self/ns/pid");
  } catch {
    return undefined;
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
    return typeof holder.pid === "number" ? holder : undefined;
  } catch {
    return undefined;
  }
}

function ageOf(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Whether the lock in `file` was left by a run that is gone: a process on this host and in this PID
 * namespace that no longer exists, or a holder ldgen cannot check whose lock is older than
 * UNVERIFIABLE_STALE_MS.
 */
function isStale(file: string, holder: Holder | undefined): boolean {
  // Lock files are created whole (see createWith): an unreadable one is from a filesystem without hard links, written in a moment.
  if (holder === undefined) return ageOf(file) > 5_000;
  const verifiable = holder.host === os.hostname() && holder.pidns === pidNamespace();
  if (!verifiable) return ageOf(file) > UNVERIFIABLE_STALE_MS;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Creates `file` holding `text`, or fails with EEXIST: the text is written to a private file first
 * and hard-linked into place, so a lock never exists without its holder in it.
 */
function createWith(file: string, text: string): boolean {
  const mine = `${file}.${process.pid}`;
  fs.writeFileSync(mine, text);
  try {
    fs.linkSync(mine, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    // No hard links on this filesystem: exclusive create, then write (a kill between leaves an unreadable lock, stale after a while).
    try {
      fs.writeFileSync(file, text, { flag: "wx" });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e;
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

/**
 * Takes the lock of `dir` (which must exist). A second run waits up to `timeoutMs`, then throws
 * LockTimeout naming the holder. A stale lock is removed under a second, short-lived lock
 * (`.ldgen.lock.takeover`), after reading it again there: so two runs that both find the same dead
 * holder cannot each remove the lock the other has just taken. Returns the function that releases it.
 */
export function acquireLock(dir: string, timeoutMs: number): () => void {
  const file = path.join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: os.hostname(), pidns: pidNamespace(), since: new Date().toISOString() };
  const text = JSON.stringify(me) + "\n";
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (createWith(file, text)) {
      return () => {
        if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) fs.rmSync(file, { force: true });
      };
    }
    let holder = readHolder(file);
    if (isStale(file, holder)) {
      takeOver(file);
      continue;
    }
    if (Date.now() >= deadline) {
      holder = readHolder(file);
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : "another process";
      throw new LockTimeout(
        `another ldgen run holds ${file} (${who}); waited ${Math.round(timeoutMs / 1000)} s. If no ldgen runs there, delete the lock file and run again`,
      );
    }
    sleep(Math.min(25 * 2 ** Math.min(attempt, 3), 200));
  }
}

function takeOver(file: string): void {
  const mutex = `${file}.takeover`;
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), pidns: pidNamespace(), since: new Date().toISOString() }) + "\n";
  if (!createWith(mutex, me)) {
    if (isStale(mutex, readHolder(mutex))) fs.rmSync(mutex, { force: true });
    return; // another run is taking over; try again
  }
  try {
    if (isStale(file, readHolder(file))) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(mutex, { force: true });
  }
}
