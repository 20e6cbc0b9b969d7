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

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Refuses a path that exists but is not a regular file or a symlink to one (/dev/null, a FIFO,
 * a directory, a dangling symlink): writing would replace it (root turning /dev/null into a
 * file holding secrets), reading a FIFO hangs. A missing path is fine (it is created).
 */
export async function refuseNonRegular(path: string): Promise<void> {
  let link;
  try {
    link = await fsp.lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw new FileSystemError(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  let st = link;
  if (link.isSymbolicLink()) {
    try {
      st = await fsp.stat(path);
    } catch {
      throw new FileSystemError(`${path} is a symlink to a missing file — fix or remove the link; nothing was changed`, { code: 'not_regular_file' });
    }
  }
  if (!st.isFile()) {
    throw new FileSystemError(`${path} is ${kindOf(st)}, not a regular file — point it at a file (or unset the variable that names it); nothing was changed`, {
      code: 'not_regular_file',
    });
  }
}

/** readTextIfExists for a file we own (credentials, config): refuses what is not a regular file. */
export async function readRegularTextIfExists(path: string): Promise<string | undefined> {
  await refuseNonRegular(path);
  return readTextIfExists(path);
}

/**
 * A text file's content with how it was decoded, so that writing it back changes no byte we did
 * not edit: valid UTF-8 is decoded as UTF-8 (a BOM kept as U+FEFF); anything else (a comment
 * typed in Latin-1 or CP1252) as latin1, one character per byte, and written back the same way.
 */
export interface PreservedText {
  text: string;
  encoding: 'utf8' | 'latin1';
}

export async function readRegularPreservedIfExists(path: string): Promise<PreservedText | undefined> {
  await refuseNonRegular(path);
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileSystemError(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: bytes.toString('latin1'), encoding: 'latin1' };
  }
}

/** The bytes of `text` in the file's encoding; in a latin1 file, text outside Latin-1 is refused. */
export function encodePreserved(path: string, text: string, encoding: PreservedText['encoding']): Buffer {
  if (encoding === 'latin1' && [...text].some((c) => c.charCodeAt(0) > 0xff)) {
    throw new FileSystemError(`Cannot write ${path}: it is not UTF-8 and the new text is not Latin-1 — the file was left unchanged`);
  }
  return Buffer.from(text, encoding);
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
export async function atomicWrite(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await refuseNonRegular(path);
  const target = await resolveWriteTarget(path);
  await refuseReadOnly(path, target);
  const dir = dirname(target);
  await ensureDir(dir, options.dirMode ?? 0o700);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = options.mode ?? 0o600;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(tmp, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, mode);
    await (typeof data === 'string' ? handle.writeFile(data, 'utf8') : handle.writeFile(data));
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
