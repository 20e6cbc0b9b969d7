import { chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

// Issue 14 item 4: a cache or config dir another user owns is refused (as ssh does with ~/.ssh).
const t = useOktaE2e();
const NOBODY = 65534;
const root = process.getuid?.() === 0;
if (!root) console.log('foreign-owner.test.ts: skipped — chown to another uid needs root');

async function chownTree(dir: string, uid: number): Promise<void> {
  const { readdir } = await import('node:fs/promises');
  await chown(dir, uid, uid);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) await chownTree(join(dir, e.name), uid);
    else await chown(join(dir, e.name), uid, uid);
  }
}

describe.skipIf(!root)('cache/config dirs owned by another user', () => {
  it('credential-process refuses keys from a cache dir another uid owns, one clear line, nothing on stdout', async () => {
    const r0 = await runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`), { env: t.env(), input: PASSWORD_LINE });
    expect(r0.code, r0.stderr).toBe(0);
    const cacheDir = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock');
    await chownTree(cacheDir, NOBODY);
    for (const args of [['credential-process', '--profile', 'default'], ['credential-process'], ['status']]) {
      const r = await runCli(args, { env: t.env() });
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: .*okta-bedrock is owned by another user \(uid 65534\), not you \(uid 0\)/m);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a config dir another uid owns is refused', async () => {
    const configDir = join(t.home.env.XDG_CONFIG_HOME!, 'okta-bedrock');
    await mkdir(configDir, { recursive: true });
    await chown(configDir, NOBODY, NOBODY);
    const r = await runCli(['status'], { env: t.env() });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/is owned by another user \(uid 65534\)/);
  });
});
