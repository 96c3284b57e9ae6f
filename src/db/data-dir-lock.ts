/**
 * One process per embedded database: an exclusive OS lock on DATA_DIR/simpul.lock, taken before
 * anything in DATA_DIR is opened and held until the database is closed (decision 018).
 *
 * The lock is the kernel's (open-file-description `fcntl` lock on Linux, `flock` on macOS,
 * `LockFileEx` on Windows, through `fs-native-extensions`), not the file's existence: the kernel
 * drops it when the holder exits in any way, kill -9 and power loss included, so a stale lock
 * cannot exist. The PID written into the file is only there to name the holder in the message.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';

type NativeLocks = {
  tryLock(fd: number, opts?: { shared?: boolean }): boolean;
  unlock(fd: number): void;
};
const native = createRequire(import.meta.url)('fs-native-extensions') as NativeLocks;

export const LOCK_FILE = 'simpul.lock';

/** Another process holds DATA_DIR: the message is the one sentence the operator sees. */
export class DataDirInUseError extends Error {
  readonly dataDir: string;
  readonly holderPid: number | null;
  constructor(dataDir: string, holderPid: number | null) {
    super(dataDirInUseMessage(dataDir, holderPid));
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

export function dataDirInUseMessage(dataDir: string, holderPid: number | null): string {
  const pid = holderPid ? ` (PID ${holderPid})` : '';
  return `Folder data ${dataDir} sedang dipakai proses Simpul lain${pid}; hentikan proses itu dulu, karena basis data tertanam hanya boleh dibuka satu proses. / The data directory ${dataDir} is in use by another Simpul process${pid}; stop it first, because the embedded database may be opened by one process only.`;
}

export type DataDirLock = {
  readonly dataDir: string;
  /** Drops the lock (idempotent). */
  release(): void;
};

/**
 * Takes the lock or throws DataDirInUseError at once (it never waits: a second server or a CLI
 * command must say so, not hang behind the first).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, LOCK_FILE);
  const fd = openSync(path, 'a+', 0o600);
  let locked = false;
  try {
    locked = native.tryLock(fd);
  } finally {
    if (!locked) closeSync(fd);
  }
  if (!locked) throw new DataDirInUseError(dataDir, holderPid(path));
  // who holds it, for the message a second process prints (informational only)
  ftruncateSync(fd, 0);
  writeSync(
    fd,
    `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`,
    0,
  );
  let held = true;
  return {
    dataDir,
    release() {
      if (!held) return;
      held = false;
      try {
        native.unlock(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

function holderPid(path: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) ? pid : null;
  } catch {
    return null; // written at this moment, or unreadable while locked (Windows)
  }
}
