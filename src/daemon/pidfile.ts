/**
 * One refresher per user: a lock (proper-lockfile: `daemon.lock`, a directory made with mkdir,
 * kept fresh while held, taken over only when stale) and `daemon.pid` in the cache dir, which
 * `daemon stop|status` read. A pid is only signalled while the lock is held, so a stale pid
 * file never makes us signal an unrelated process that reused the pid.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { atomicWrite, ensureDir, readTextIfExists } from '../platform/fs.js';

export interface DaemonFiles {
  dir: string;
  pid: string;
  lock: string;
  log: string;
}

export function daemonFiles(cacheDir: string): DaemonFiles {
  return { dir: cacheDir, pid: join(cacheDir, 'daemon.pid'), lock: join(cacheDir, 'daemon.lock'), log: join(cacheDir, 'daemon.log') };
}

const LOCK_STALE_MS = 30_000;

export interface HeldLock {
  release(): Promise<void>;
}

export type LockResult = { acquired: true; lock: HeldLock } | { acquired: false; pid?: number };

/** Takes the per-user refresher lock and writes our pid; `onLost` if another process takes it over. */
export async function acquireDaemonLock(files: DaemonFiles, pid: number, onLost: (e: Error) => void): Promise<LockResult> {
  await ensureDir(files.dir, 0o700);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(join(files.dir, 'daemon'), {
      realpath: false,
      lockfilePath: files.lock,
      stale: LOCK_STALE_MS,
      retries: 0,
      onCompromised: onLost,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return { acquired: false, pid: await readPid(files) };
    throw e;
  }
  await atomicWrite(files.pid, `${pid}\n`, { mode: 0o600 });
  return {
    acquired: true,
    lock: {
      release: async () => {
        if ((await readPid(files)) === pid) await fsp.rm(files.pid, { force: true });
        await release().catch(() => undefined);
      },
    },
  };
}

async function readPid(files: DaemonFiles): Promise<number | undefined> {
  const text = await readTextIfExists(files.pid).catch(() => undefined);
  const pid = Number(text?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running refresher's pid: the lock is held (not stale) and the pid file names a live process. */
export async function runningPid(files: DaemonFiles): Promise<number | undefined> {
  const locked = await lockfile.check(join(files.dir, 'daemon'), { realpath: false, lockfilePath: files.lock, stale: LOCK_STALE_MS }).catch(() => false);
  if (!locked) return undefined;
  const pid = await readPid(files);
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}
