import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e();
const cacheFile = (profile: string): string => join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', `${profile}.json`);
const minutesFromNow = (m: number): string => new Date(Date.now() + m * 60_000).toISOString();

async function login(profile: string): Promise<void> {
  const r = await runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`, '--profile', profile, '--assume-role-arn', BEDROCK_ROLE_ARN), {
    env: t.env(),
    input: PASSWORD_LINE,
  });
  expect(r.code, r.stderr).toBe(0);
}
async function expire(profile: string): Promise<void> {
  const c = JSON.parse(await readFile(cacheFile(profile), 'utf8')) as { gateway: { expiration: string }; chained: { expiration: string } };
  c.gateway.expiration = minutesFromNow(-1);
  c.chained.expiration = minutesFromNow(-1);
  await writeFile(cacheFile(profile), JSON.stringify(c));
}
async function endOktaSession(): Promise<void> {
  const dir = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'sessions');
  for (const file of await readdir(dir)) {
    const session = JSON.parse(await readFile(join(dir, file), 'utf8')) as { cookies: { sid: string } };
    await fetch(`${t.sim.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { cookie: `sid=${session.cookies.sid}`, accept: 'application/json' } });
  }
}

describe('okta-bedrock refresh', () => {
  it('uses the cheapest layer: the cache, then SAML from the Okta session; never reads stdin', async () => {
    await login('bedrock');
    const fresh = await runCli(['refresh', '--profile', 'bedrock'], { env: t.env() });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/profile bedrock credentials still fresh, valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in [^)]+\)/);
    await expire('bedrock');
    const saml = await runCli(['refresh', '--profile', 'bedrock'], { env: t.env(), input: 'this must not be read\n' });
    expect(saml.code, saml.stderr).toBe(0);
    expect(saml.stdout).toContain('from your Okta session');
  });

  it('with the Okta session ended and no saved password: exit ≠ 0 with one line', async () => {
    await login('bedrock');
    await expire('bedrock');
    await endOktaSession();
    const r = await runCli(['refresh', '--profile', 'bedrock'], { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('okta-bedrock login --profile bedrock');
  });
});

describe('credential-process never waits for input under Claude Code', () => {
  it.each([
    ['CLAUDECODE=1', { CLAUDECODE: '1' }, []],
    ['OKTA_BEDROCK_NO_INPUT=1', { OKTA_BEDROCK_NO_INPUT: '1' }, []],
    ['--no-input', {}, ['--no-input']],
  ])('%s: exits within 2 s naming okta-bedrock refresh', async (_, extraEnv: Record<string, string>, flags: string[]) => {
    await login('bedrock');
    await expire('bedrock');
    await endOktaSession();
    const t0 = Date.now();
    const r = await runCli(['credential-process', '--profile', 'bedrock', ...flags], { env: { ...t.env(), ...extraEnv } });
    expect(Date.now() - t0).toBeLessThan(2_000 + 1_500); // 2 s, plus a loaded CI machine's node start-up
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('okta-bedrock refresh --profile bedrock');
  });

  it('a profile with no login record says "not logged in"', async () => {
    const r = await runCli(['credential-process', '--profile', 'never'], { env: { ...t.env(), CLAUDECODE: '1' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe('error: not logged in — run `okta-bedrock login --profile never`');
  });
});

describe('one Okta session per org + user, for every profile', () => {
  it('login --profile B uses the live session of A (no password, no MFA); --force signs in afresh', async () => {
    await login('bedrock');
    const authn = t.oktaRequests('/api/v1/authn').length;
    const r = await runCli(['login', '--org', t.sim.oktaUrl, '--username', 'alice@example.com', '--app', `${DEFAULT_APP_ID}/272`, '--profile', 'other'], {
      env: t.env(),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Using your Okta session \(expires \d\d:\d\d\)/);
    expect(t.oktaRequests('/api/v1/authn').length).toBe(authn);
    const cp = await runCli(['credential-process', '--profile', 'other'], { env: { ...t.env(), CLAUDECODE: '1' } });
    expect(cp.code, cp.stderr).toBe(0);
    const forced = await runCli(t.args('--factor', 'push', '--app', `${DEFAULT_APP_ID}/272`, '--profile', 'other', '--force'), {
      env: t.env(),
      input: PASSWORD_LINE,
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).not.toContain('Using your Okta session');
    expect(t.oktaRequests('/api/v1/authn').length).toBeGreaterThan(authn);
  });

  it('credential-process for a configured profile without a record uses the live session', async () => {
    await login('bedrock');
    const config = join(t.home.env.XDG_CONFIG_HOME!, 'okta-bedrock', 'config.yml');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(t.home.env.XDG_CONFIG_HOME!, 'okta-bedrock'), { recursive: true }));
    await writeFile(config, `org: ${t.sim.oktaUrl}\nusername: alice@example.com\nappid: ${DEFAULT_APP_ID}/272\nprofiles:\n  second: {}\n`);
    const authn = t.oktaRequests('/api/v1/authn').length;
    const r = await runCli(['credential-process', '--profile', 'second'], { env: { ...t.env(), CLAUDECODE: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Version: 1 });
    expect(t.oktaRequests('/api/v1/authn').length).toBe(authn);
  });
});

describe('logout removes only the keys okta-bedrock wrote', () => {
  it('keeps the section and user keys like region, also after the keys were refreshed in the background', async () => {
    await login('bedrock');
    const creds = t.home.credentialsFile;
    const text = await readFile(creds, 'utf8');
    // The user added a region; a background refresh (daemon) rewrote the key id since.
    await writeFile(
      creds,
      text.replace('[bedrock]\n', '[bedrock]\nregion = eu-west-1\n').replace(/aws_access_key_id = \S+/, 'aws_access_key_id = ASIAREFRESHEDBYDAEMON'),
    );
    const r = await runCli(['logout', '--profile', 'bedrock'], { env: t.env() });
    expect(r.code, r.stderr).toBe(0);
    const after = await readFile(creds, 'utf8');
    expect(after).toContain('[bedrock]');
    expect(after).toContain('region = eu-west-1');
    expect(after).not.toMatch(/aws_access_key_id|aws_secret_access_key|aws_session_token|x_security_token_expires/);
  });
});
