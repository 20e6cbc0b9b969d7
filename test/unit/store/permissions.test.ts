import { chmod, mkdtemp, mkdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/log.js';
import { enforcePrivate } from '../../../src/store/permissions.js';

describe('enforcePrivate', () => {
  it('tightens a looser cache dir and credentials file, with a warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perm-'));
    const cache = join(dir, 'cache');
    const creds = join(dir, 'credentials');
    await mkdir(cache, { mode: 0o755 });
    await chmod(cache, 0o755);
    await writeFile(creds, 'x');
    await chmod(creds, 0o644);
    const lines: string[] = [];
    await enforcePrivate([{ path: cache, mode: 0o700 }, { path: creds, mode: 0o600 }, { path: join(dir, 'missing'), mode: 0o600 }], createLogger({ write: (l) => lines.push(l) }));
    expect((await stat(cache)).mode & 0o777).toBe(0o700);
    expect((await stat(creds)).mode & 0o777).toBe(0o600);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/readable by others/);
  });
});
