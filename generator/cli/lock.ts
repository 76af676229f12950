import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The lock file inside an output folder that serializes ldgen runs on it. */
export const LOCK_FILE = ".ldgen.lock";

export class LockTimeout extends Error {}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Blocks the thread for `ms` (the CLI is synchronous; a lock wait has nothing else to do). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
    return typeof holder.pid === "number" ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** A holder on this host whose process is gone (a killed run). A holder on another host is never presumed dead. */
function isStale(holder: Holder | undefined): boolean {
  if (!holder) return false;
  if (holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Takes the lock of `dir` (which must exist): creates `dir/.ldgen.lock` exclusively, naming this
 * process. A second run waits up to `timeoutMs`, then throws LockTimeout naming the holder. A lock
 * left by a dead process on this host is taken over: it is renamed aside first (only one taker's
 * rename can succeed), then checked to be the dead holder's, and only then removed.
 * Returns the function that releases it.
 */
export function acquireLock(dir: string, timeoutMs: number): () => void {
  const file = path.join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, JSON.stringify(me) + "\n");
      fs.closeSync(fd);
      return () => {
        if (readHolder(file)?.pid === me.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    if (isStale(holder)) {
      takeOver(file, holder!);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : "another process";
      throw new LockTimeout(
        `another ldgen run holds ${file} (${who}); waited ${Math.round(timeoutMs / 1000)} s. If no ldgen runs there, delete the lock file and run again`,
      );
    }
    sleep(Math.min(25 * 2 ** Math.min(attempt, 3), 200));
  }
}

function takeOver(file: string, dead: Holder): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // another run took it over first
  }
  const taken = readHolder(aside);
  if (taken && (taken.pid !== dead.pid || taken.host !== dead.host)) {
    // Between our read and our rename a live run took the lock over: give it back.
    try {
      fs.linkSync(aside, file);
    } catch {
      /* a third run holds it now; ours waits as before */
    }
  }
  fs.rmSync(aside, { force: true });
}
