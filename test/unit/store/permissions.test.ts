import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/log.js';
import { enforcePrivate, privateTree } from '../../../src/store/permissions.js';
import { tempDir } from '../../helpers/temp.js';

describe('enforcePrivate', () => {
  it('tightens a looser cache dir and credentials file, with a warning', async () => {
    const dir = await tempDir('perm-');
    const cache = join(dir, 'cache');
    const creds = join(dir, 'credentials');
    await mkdir(cache, { mode: 0o755 });
    await chmod(cache, 0o755);
    await writeFile(creds, 'x');
    await chmod(creds, 0o644);
    const lines: string[] = [];
    await enforcePrivate(
      [
        { path: cache, mode: 0o700 },
        { path: creds, mode: 0o600 },
        { path: join(dir, 'missing'), mode: 0o600 },
      ],
      createLogger({ write: (l) => lines.push(l) }),
    );
    expect((await stat(cache)).mode & 0o777).toBe(0o700);
    expect((await stat(creds)).mode & 0o777).toBe(0o600);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/readable by others/);
  });
});

describe('privateTree', () => {
  it('lists the cache dir, its sub-directories and their files, and enforcePrivate tightens them all', async () => {
    const dir = await tempDir('perm-tree-');
    await mkdir(join(dir, 'profiles'));
    await chmod(join(dir, 'profiles'), 0o755);
    await writeFile(join(dir, 'profiles', 'default.json'), '{}');
    await chmod(join(dir, 'profiles', 'default.json'), 0o644);
    await writeFile(join(dir, 'daemon-state.json'), '{}');
    await chmod(join(dir, 'daemon-state.json'), 0o600);
    const paths = await privateTree(dir);
    expect(paths).toEqual(
      expect.arrayContaining([
        { path: dir, mode: 0o700 },
        { path: join(dir, 'profiles'), mode: 0o700 },
        { path: join(dir, 'profiles', 'default.json'), mode: 0o600 },
        { path: join(dir, 'daemon-state.json'), mode: 0o600 },
      ]),
    );
    const lines: string[] = [];
    await enforcePrivate(paths, createLogger({ write: (l) => lines.push(l) }));
    expect((await stat(join(dir, 'profiles'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'profiles', 'default.json'))).mode & 0o777).toBe(0o600);
    expect(lines).toHaveLength(2);
  });

  it('leaves lock directories (proper-lockfile mkdir, umask mode) alone: they hold nothing', async () => {
    const dir = await tempDir('perm-tree-lock-');
    await mkdir(join(dir, 'daemon.lock'));
    await chmod(join(dir, 'daemon.lock'), 0o755);
    await mkdir(join(dir, 'profiles'));
    await mkdir(join(dir, 'profiles', 'default.json.lock'));
    const paths = (await privateTree(dir)).map((p) => p.path);
    expect(paths).not.toContain(join(dir, 'daemon.lock'));
    expect(paths).not.toContain(join(dir, 'profiles', 'default.json.lock'));
    expect(paths).toContain(join(dir, 'profiles'));
  });

  it('is just the dir when it does not exist yet', async () => {
    const dir = join(tmpdir(), 'perm-tree-missing-' + process.pid);
    expect(await privateTree(dir)).toEqual([{ path: dir, mode: 0o700 }]);
  });
});
