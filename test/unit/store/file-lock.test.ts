import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSystemError } from '../../../src/errors.js';
import { withFileLock } from '../../../src/store/file-lock.js';
import { makeTempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => cleanup());

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

describe('withFileLock', () => {
  it('locks a file that does not exist yet (creating its directory) and cleans up', async () => {
    const path = join(dir, 'sub', 'credentials');
    const result = await withFileLock(path, async () => {
      expect(await exists(`${path}.lock`)).toBe(true);
      return 42;
    });
    expect(result).toBe(42);
    expect(await exists(`${path}.lock`)).toBe(false);
    expect(await exists(path)).toBe(false);
  });

  it('serialises concurrent callers', async () => {
    const path = join(dir, 'f');
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withFileLock(path, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(5);
          order.push(i);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(order).toHaveLength(8);
  });

  it('releases the lock when fn throws', async () => {
    const path = join(dir, 'f');
    await expect(
      withFileLock(path, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await exists(`${path}.lock`)).toBe(false);
  });

  it('times out with FileSystemError while another holder keeps the lock', async () => {
    const path = join(dir, 'f');
    let release!: () => void;
    const held = withFileLock(path, () => new Promise<void>((r) => (release = r)));
    await sleep(50);
    const started = Date.now();
    await expect(withFileLock(path, async () => 1, { timeoutMs: 300 })).rejects.toBeInstanceOf(FileSystemError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    release();
    await held;
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const path = join(dir, 'f');
    await mkdir(`${path}.lock`);
    const old = new Date(Date.now() - 60_000);
    const { utimes } = await import('node:fs/promises');
    await utimes(`${path}.lock`, old, old);
    await expect(withFileLock(path, async () => 'ok', { timeoutMs: 1000 })).resolves.toBe('ok');
  });

  it('a holder stuck past maxHoldMs lets go: a waiter takes over the lock (issue 14)', async () => {
    const path = join(dir, 'profile.json');
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    // The holder never finishes (a server that never answers) but its process is alive, so the lock stays fresh.
    const stuck = withFileLock(
      path,
      async () => {
        entered();
        await new Promise(() => undefined);
      },
      { maxHoldMs: 400, staleMs: 10_000 },
    );
    void stuck;
    await inside;
    const started = Date.now();
    await expect(withFileLock(path, async () => 'taken over', { timeoutMs: 5000 })).resolves.toBe('taken over');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
