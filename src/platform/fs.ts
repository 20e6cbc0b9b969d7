import { randomBytes } from 'node:crypto';
import { promises as fsp, constants as fsc } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileSystemError } from '../errors.js';

/** Reads a text file, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileSystemError(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Creates a directory (and parents) with the given mode when missing. */
export async function ensureDir(dir: string, mode = 0o700): Promise<void> {
  try {
    await fsp.mkdir(dir, { recursive: true, mode });
  } catch (e) {
    throw new FileSystemError(`Cannot create directory ${dir}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * If `path` is a symlink, returns the file it points to (so we replace the target and keep the
 * link); otherwise `path` itself.
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  try {
    return await fsp.realpath(path);
  } catch {
    return path;
  }
}

/**
 * A rename would replace a file even when its owner made it read-only (chmod a-w), silently
 * overriding that choice: refuse instead, and say how to proceed.
 */
async function refuseReadOnly(path: string, target: string): Promise<void> {
  let mode: number;
  try {
    mode = (await fsp.stat(target)).mode;
  } catch {
    return;
  }
  if ((mode & 0o200) === 0) {
    throw new FileSystemError(
      `${path} is read-only (mode ${(mode & 0o777).toString(8)}) — make it writable (chmod u+w ${path}) or write elsewhere; it was left unchanged`,
    );
  }
}

export interface AtomicWriteOptions {
  mode?: number;
  /** Mode for the parent directory when it has to be created. */
  dirMode?: number;
}

/**
 * Writes a file atomically: a temp file in the same directory, fsync, then rename over the
 * target. A failure (full disk, read-only dir) leaves the original untouched.
 */
export async function atomicWrite(path: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveWriteTarget(path);
  await refuseReadOnly(path, target);
  const dir = dirname(target);
  await ensureDir(dir, options.dirMode ?? 0o700);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = options.mode ?? 0o600;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, mode);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fsp.chmod(tmp, mode);
    await fsp.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw new FileSystemError(`Cannot write ${path}: ${(e as Error).message} — the file was left unchanged`, {
      cause: e,
    });
  }
}

/** Whether `path` is an existing regular file. */
export async function isFile(path: string): Promise<boolean> {
  return fsp.stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
