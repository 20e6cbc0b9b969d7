import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

// Issue 14, low items: each verified through the CLI as a process.
const t = useOktaE2e();
const login = (...more: string[]) => runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`, ...more), { env: t.env(), input: PASSWORD_LINE });

describe('issue 14 low items', () => {
  it('13: a stray undecodable file under profiles/ does not hide the profiles from status', async () => {
    expect((await login()).code).toBe(0);
    await writeFile(join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', 'notes%.json'), '{}', { mode: 0o600 });
    const r = await runCli(['status', '--json'], { env: t.env() });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { profiles: { profile: string }[] }).profiles.map((p) => p.profile)).toEqual(['default']);
  });

  it('15: setup-aws quotes the profile name in credential_process the way botocore (shlex) and a shell split it', async () => {
    const profile = "team$x|o'neil";
    const r = await runCli(['setup-aws', '--profile', profile], { env: t.env() });
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(t.home.configFile, 'utf8');
    const line = /^credential_process = (.*)$/m.exec(text)?.[1] ?? '';
    const py = execFileSync('python3', ['-c', 'import shlex,sys; print(shlex.split(sys.argv[1])[-1])', line], { encoding: 'utf8' }).trim();
    expect(py).toBe(profile);
    const sh = execFileSync('sh', ['-c', `set -- ${line}; eval 'printf %s "\${'$#'}"'`], { encoding: 'utf8' });
    expect(sh).toBe(profile);
  });
});

describe('issue 14 item 14: --profile / --region checked before any network call', () => {
  it.each([
    [['--region', ''], /--region is empty/],
    [['--region', 'us east 1'], /is not an AWS region/],
    [['--profile', 'bad name'], /Invalid AWS profile name/],
  ])('login %j: refused before the password is sent', async (flags, message) => {
    const r = await login(...flags);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(t.sim.requests.filter((q) => q.service === 'okta' && q.path !== '/.well-known/okta-organization')).toHaveLength(0);
    expect(t.sim.requests.filter((q) => q.service === 'sts')).toHaveLength(0);
  });
});

describe('issue 14 item 9: 15-minute credentials are served from cache', () => {
  it('after login --duration 900, 16 parallel credential-process calls make no STS call', async () => {
    expect((await login('--duration', '900')).code).toBe(0);
    const sts = (): number => t.sim.requests.filter((q) => q.service === 'sts').length;
    const before = sts();
    const results = await Promise.all(Array.from({ length: 16 }, () => runCli(['credential-process'], { env: t.env(), timeoutMs: 60_000 })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(new Set(results.map((r) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId)).size).toBe(1);
    expect(sts() - before).toBe(0);
  });

  it('16 parallel calls on due 15-minute credentials: one refresh, the lock waiters reuse it', async () => {
    expect((await login('--duration', '900')).code).toBe(0);
    const file = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', 'default.json');
    const cache = JSON.parse(await readFile(file, 'utf8')) as { gateway: { expiration: string }; lastRefresh?: string; updatedAt: string };
    cache.gateway.expiration = new Date(Date.now() + 60_000).toISOString();
    cache.lastRefresh = cache.updatedAt = new Date(Date.now() - 840_000).toISOString();
    await writeFile(file, JSON.stringify(cache), { mode: 0o600 });
    const sts = (): number => t.sim.requests.filter((q) => q.service === 'sts').length;
    const before = sts();
    const results = await Promise.all(Array.from({ length: 16 }, () => runCli(['credential-process'], { env: t.env(), timeoutMs: 60_000 })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(sts() - before).toBe(1);
  });
});
