import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readlink, stat, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

// Issue 14 item 2: a credentials/config path that is not a regular file is refused with one
// line and left exactly as it was (never chmodded, never replaced by a plain file).
const t = useOktaE2e();
const login = (env: Record<string, string>, ...more: string[]) =>
  runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`, ...more), { env: t.env(env), input: PASSWORD_LINE, timeoutMs: 20_000 });

describe('credentials/config paths that are not regular files', () => {
  it('AWS_SHARED_CREDENTIALS_FILE=/dev/null: refused before signing in, /dev/null untouched', async () => {
    const before = await stat('/dev/null');
    const r = await login({ AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^error: \/dev\/null is a character device, not a regular file/m);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('error:')),
    ).toHaveLength(1);
    const after = await stat('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.mode).toBe(before.mode);
    expect(t.oktaRequests('/authn')).toHaveLength(0);
  });

  it('a FIFO as the credentials file: refused at once, no hang', async () => {
    const fifo = join(t.home.home, 'creds.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await login({ AWS_SHARED_CREDENTIALS_FILE: fifo });
    expect(r.signal, 'login hung on the FIFO').toBeNull();
    expect(r.stderr).toMatch(/is a FIFO, not a regular file/);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('a dangling symlink is refused, never replaced by a plain file', async () => {
    await mkdir(dirname(t.home.credentialsFile), { recursive: true });
    await symlink(join(t.home.home, 'missing', 'credentials'), t.home.credentialsFile);
    const r = await login({});
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/is a symlink to a missing file/);
    expect((await lstat(t.home.credentialsFile)).isSymbolicLink()).toBe(true);
    expect(await readlink(t.home.credentialsFile)).toBe(join(t.home.home, 'missing', 'credentials'));
  });

  it('setup-aws with AWS_CONFIG_FILE=/dev/null is refused and changes nothing', async () => {
    const before = await stat('/dev/null');
    const r = await runCli(['setup-aws', '--profile', 'x'], { env: t.env({ AWS_CONFIG_FILE: '/dev/null' }) });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/\/dev\/null is a character device/);
    expect((await stat('/dev/null')).mode).toBe(before.mode);
  });
});
