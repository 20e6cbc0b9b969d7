/**
 * Cross-process lock around read-modify-write of a shared file.
 *
 * ~/.aws/credentials and ~/.aws/config are written by several processes at once: the AWS CLI or
 * an SDK runs one `okta-bedrock` credential_process per parallel command, the background refresh
 * daemon rewrites credentials on its own schedule, and a user may run `okta-bedrock login` in
 * another terminal. atomicWrite() makes each write all-or-nothing, but two writers that both read
 * the old file would each drop the other's profile (lost update). Holding this lock from the read
 * to the rename serialises our writers. (Other tools, e.g. `aws configure set`, do not take it;
 * atomic rename still means they never see a half-written file.)
 *
 * We use proper-lockfile: the lock is a directory `${path}.lock` created with mkdir (atomic on
 * every platform and on NFS), refreshed while held and considered stale after `staleMs`, so a
 * crashed process cannot block others forever. `realpath: false` lets us lock a file that does
 * not exist yet (first write).
 */
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { FileSystemError } from '../errors.js';
import { ensureDir, resolveWriteTarget } from '../platform/fs.js';

export interface FileLockOptions {
  /** How long to keep retrying when another process holds the lock (default 10 s). */
  timeoutMs?: number;
  /** A lock not refreshed for this long is taken over (default 10 s; minimum 2 s). */
  staleMs?: number;
  /**
   * The longest the lock is held. A holder whose process is alive but stuck (a server that never
   * answers) keeps refreshing the lock, so staleness never frees it: past this, the holder lets
   * go and a waiter takes over. `fn` goes on; its atomic writes still land whole.
   */
  maxHoldMs?: number;
}

const RETRY_MIN_MS = 25;
const RETRY_MAX_MS = 200;
const RETRY_FACTOR = 1.5;

/** Retry count whose (non-randomised) backoff delays add up to at least `timeoutMs`. */
function retriesFor(timeoutMs: number): number {
  let total = 0;
  let delay = RETRY_MIN_MS;
  let n = 0;
  while (total < timeoutMs) {
    total += delay;
    delay = Math.min(RETRY_MAX_MS, delay * RETRY_FACTOR);
    n++;
  }
  return n;
}

/**
 * Runs `fn` while holding an exclusive lock on `path` (the file need not exist). A symlinked
 * path is locked on its target, so writers using the link and the target share one lock.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const staleMs = Math.max(2_000, opts.staleMs ?? 10_000);
  const target = await resolveWriteTarget(path);
  const lockfilePath = `${target}.lock`;
  await ensureDir(dirname(target), 0o700);

  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      realpath: false,
      lockfilePath,
      stale: staleMs,
      retries: {
        retries: retriesFor(timeoutMs),
        factor: RETRY_FACTOR,
        minTimeout: RETRY_MIN_MS,
        maxTimeout: RETRY_MAX_MS,
        randomize: true,
      },
      // The default throws from a timer (crashing the process); record it and fail the call.
      onCompromised: (err: Error) => {
        compromised = err;
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new FileSystemError(`${path} is locked by another okta-bedrock process; try again (if none is running, remove ${lockfilePath})`, { cause: e });
    }
    throw new FileSystemError(`Cannot lock ${path}: ${(e as Error).message}`, { cause: e });
  }

  let letGo = false;
  const holdTimer =
    opts.maxHoldMs === undefined
      ? undefined
      : setTimeout(() => {
          letGo = true;
          void release().catch(() => undefined);
        }, opts.maxHoldMs);
  holdTimer?.unref();
  try {
    const result = await fn();
    if (compromised && !letGo) {
      throw new FileSystemError(`The lock on ${path} was lost while writing (another process took it over); check the file and try again`, {
        cause: compromised,
      });
    }
    return result;
  } finally {
    if (holdTimer) clearTimeout(holdTimer);
    // Releasing a compromised lock fails by design; anything else is worth reporting only if
    // fn succeeded, and it did its work, so ignore it either way: the lock goes stale.
    if (!letGo) await release().catch(() => undefined);
  }
}
