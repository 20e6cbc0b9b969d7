import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { FileSystemError } from '../errors.js';
import type { Logger } from '../platform/log.js';

export interface PrivatePath {
  path: string;
  /** The most permissive mode allowed: 0o700 for directories, 0o600 for files. */
  mode: number;
}

/** True when a file's permission bits grant nothing beyond `allowed` (0o600, 0o700). */
export function withinMode(fileMode: number, allowed: number): boolean {
  return (fileMode & 0o777 & ~allowed) === 0;
}

/**
 * Files that hold secrets must not be readable by others. Checked when a command starts: a
 * looser mode is tightened with a warning (missing paths are fine — they are created private).
 */
export async function enforcePrivate(paths: PrivatePath[], log: Logger, ownerUid?: number): Promise<void> {
  const foreign: { path: string; uid: number }[] = [];
  await Promise.all(
    paths.map(async ({ path, mode }) => {
      try {
        const st = await fsp.stat(path);
        if (ownerUid !== undefined && st.uid !== ownerUid && (st.isDirectory() || st.isFile())) {
          foreign.push({ path, uid: st.uid });
          return;
        }
        // Never chmod what is not ours to tighten: /dev/null, a FIFO (commands that use the path refuse it).
        if (mode === 0o600 ? !st.isFile() : !st.isDirectory()) return;
        const current = st.mode & 0o777;
        if (withinMode(current, mode)) return;
        await fsp.chmod(path, mode);
        log.warn(`${path} was readable by others (mode ${current.toString(8)}); set it to ${mode.toString(8)}`);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') log.debug(`cannot check ${path}: ${(e as Error).message}`);
      }
    }),
  );
  const first = foreign.sort((a, b) => a.path.length - b.path.length)[0];
  if (first) {
    // As ssh does with ~/.ssh: what another user owns could have been planted (HOME=/tmp in CI).
    throw new FileSystemError(
      `${first.path} is owned by another user (uid ${first.uid}), not you (uid ${ownerUid}) — refusing to trust it; set XDG_CACHE_HOME/XDG_CONFIG_HOME (or HOME) to a directory of your own`,
      { code: 'foreign_owner' },
    );
  }
}

/**
 * The cache dir (0700) and what is in it, two levels deep (sessions/, profiles/, okta/, oidc/,
 * daemon files): sub-directories 0700, files 0600. Symlinks and other kinds are left alone, and
 * so are lock directories (`*.lock`, made by proper-lockfile with the umask's mode): they hold
 * nothing, and a running daemon's lock would otherwise draw a warning from every command.
 */
export async function privateTree(dir: string): Promise<PrivatePath[]> {
  const paths: PrivatePath[] = [{ path: dir, mode: 0o700 }];
  const walk = async (at: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await fsp.readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(at, e.name);
      if (e.isFile()) paths.push({ path, mode: 0o600 });
      else if (e.isDirectory() && !e.name.endsWith('.lock')) {
        paths.push({ path, mode: 0o700 });
        if (depth < 2) await walk(path, depth + 1);
      }
    }
  };
  await walk(dir, 1);
  return paths;
}
