import { spawnSync } from 'node:child_process';
import { findBrowser } from '../../src/platform/chromium/find.js';

/** The Chromium the browser tests drive (Debian's `chromium`, installed by .ci/run), or why there is none. */
export function testChromium(): { path?: string; skip?: string } {
  let path: string;
  try {
    path = findBrowser({ env: process.env, platform: process.platform }).executablePath;
  } catch (e) {
    return { skip: (e as Error).message };
  }
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) return { skip: `${path} --version failed: ${(r.stderr || r.error?.message || '').split('\n')[0]}` };
  return { path };
}
