import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, GATEWAY_ROLE_ARN, defaultUser, twoRolesApps } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE as pw, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e();
const env = t.env;
const loginArgs = t.args;

async function readCreds(): Promise<string> {
  return readFile(t.home.credentialsFile, 'utf8');
}

describe('okta-bedrock login (e2e against the simulator)', () => {
  it('TOTP login writes the default profile with 0600 and prints what keyman users expect', async () => {
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp(), '--app', `${DEFAULT_APP_ID}/272`), {
      env: env(),
      input: pw,
    });
    expect(r.stderr).toContain('Authenticated Alice Smith');
    expect(r.stderr).toContain(`Assuming role ${GATEWAY_ROLE_ARN}`);
    expect(r.stderr).toContain('Wrote profile "default" to ~/.aws/credentials');
    expect(r.stderr).toMatch(/Session expires at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 1 h\)/);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = await readCreds();
    expect(text).toMatch(
      /^\[default\]\naws_access_key_id = ASIA\w+\naws_secret_access_key = \S+\naws_session_token = \S+\nx_security_token_expires = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
    );
    expect((await stat(t.home.credentialsFile)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(t.home.credentialsFile))).mode & 0o777).toBe(0o700);
    expect(r.stderr).not.toContain(defaultUser.password);
    // the engine check (cached per org), then authn, verify, sessionCookieRedirect, app page
    expect(t.sim.requests.filter((q) => q.service === 'okta' && q.path !== '/.well-known/okta-organization')).toHaveLength(4);
  });

  it('discovers the single AWS app when none is configured', async () => {
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp()), { env: env(), input: pw });
    expect(r.stderr).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
    expect(t.sim.requests.some((q) => q.path === '/api/v1/users/me/appLinks')).toBe(true);
  });

  it('push approved after 2 polls shows the number challenge', async () => {
    t.sim.scenario.pushApproveAfterPolls = 2;
    t.sim.scenario.numberChallenge = 42;
    const r = await runCli(loginArgs('--factor', 'push'), { env: env(), input: pw });
    expect(r.stderr).toContain('approve on your phone');
    expect(r.stderr).toContain('42');
    expect(r.code).toBe(0);
    const verifies = t.sim.requests.filter((q) => q.path.includes('/verify'));
    expect(verifies.length).toBeGreaterThanOrEqual(3);
  });

  it('push is the default factor when offered', async () => {
    const r = await runCli(loginArgs(), { env: env(), input: pw });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Okta Verify push');
  });

  it('push rejected → clear message, exit ≠ 0, nothing written', async () => {
    t.sim.scenario.pushResult = 'reject';
    const r = await runCli(loginArgs('--factor', 'push'), { env: env(), input: pw });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/push was rejected/);
    await expect(stat(t.home.credentialsFile)).rejects.toThrow();
  });

  it('wrong password → authentication failed, credentials file byte-identical', async () => {
    await mkdir(dirname(t.home.credentialsFile), { recursive: true });
    const before = '# mine\n[other]\naws_access_key_id = AKIAOTHER\n';
    await writeFile(t.home.credentialsFile, before);
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp()), { env: env(), input: 'wrong\n' });
    expect(r.code).not.toBe(0);
    expect(r.stderr.toLowerCase()).toContain('authentication failed');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readCreds()).toBe(before);
  });

  it('locked out → clear message', async () => {
    t.sim.users[0]!.status = 'LOCKED_OUT';
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp()), { env: env(), input: pw });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/locked out/i);
  });

  it('wrong TOTP without a terminal → clear stop', async () => {
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', '000000'), { env: env(), input: pw });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/MFA code was wrong/);
  });

  describe('two roles', () => {
    beforeEach(async () => {
      await t.restart({ apps: twoRolesApps() });
    });
    it('--role picks one', async () => {
      const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp(), '--role', 'my-bedrock-role'), { env: env(), input: pw });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`Assuming role ${BEDROCK_ROLE_ARN}`);
    });
    it('unknown role lists the roles', async () => {
      const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp(), '--role', 'nope'), { env: env(), input: pw });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(GATEWAY_ROLE_ARN);
      expect(r.stderr).toContain(BEDROCK_ROLE_ARN);
    });
    it('no --role and no terminal lists the roles', async () => {
      const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp()), { env: env(), input: pw });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('--role');
      expect(r.stderr).toContain(BEDROCK_ROLE_ARN);
    });
  });

  it('chained --assume-role-arn writes the Bedrock role credentials', async () => {
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp(), '--assume-role-arn', BEDROCK_ROLE_ARN, '--profile', 'bedrock'), {
      env: env(),
      input: pw,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Assuming role ${BEDROCK_ROLE_ARN}`);
    expect(t.sim.requests.filter((q) => q.action === 'AssumeRole')).toHaveLength(1);
    const text = await readCreds();
    expect(text).toContain('[bedrock]');
    const keyId = /aws_access_key_id = (\S+)/.exec(text)?.[1] ?? '';
    expect(t.sim.issuedCredentials.get(keyId)?.arn).toContain('assumed-role/my-bedrock-role/');
  });

  it('keeps other profiles and comments before and after', async () => {
    await mkdir(dirname(t.home.credentialsFile), { recursive: true });
    const before =
      '# top comment\n[work]\naws_access_key_id = AKIAWORK\n; note\naws_secret_access_key = s\n\n[default]\n# keep me\nregion = eu-west-1\naws_access_key_id = OLD\n\n# trailing comment\n[zzz]\nx = 1\n';
    await writeFile(t.home.credentialsFile, before);
    await chmod(t.home.credentialsFile, 0o644);
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp()), { env: env(), input: pw });
    expect(r.code).toBe(0);
    const after = await readCreds();
    expect(
      after.startsWith(
        '# top comment\n[work]\naws_access_key_id = AKIAWORK\n; note\naws_secret_access_key = s\n\n[default]\n# keep me\nregion = eu-west-1\naws_access_key_id = ASIA',
      ),
    ).toBe(true);
    expect(after.endsWith('\n\n# trailing comment\n[zzz]\nx = 1\n')).toBe(true);
    expect((await stat(t.home.credentialsFile)).mode & 0o777).toBe(0o600);
  });

  it('malformed SAML → clear error, nothing written', async () => {
    t.sim.scenario.malformedSaml = true;
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp()), { env: env(), input: pw });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SAML/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expect(stat(t.home.credentialsFile)).rejects.toThrow();
  });

  it('assertion altered in transit → the STS simulator rejects it', async () => {
    t.sim.scenario.tamperAssertion = true;
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp()), { env: env(), input: pw });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/rejected the SAML assertion|InvalidIdentityToken/);
    await expect(stat(t.home.credentialsFile)).rejects.toThrow();
  });

  it('SessionDuration caps --duration', async () => {
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp(), '--duration', '43200'), { env: env(), input: pw });
    expect(r.code).toBe(0);
    const expires = /x_security_token_expires = (\S+)/.exec(await readCreds())?.[1] ?? '';
    const seconds = (Date.parse(expires) - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(3500);
    expect(seconds).toBeLessThanOrEqual(3600);
  });

  it("reads keyman's config file unchanged", async () => {
    await writeFile(
      `${t.home.env.XDG_CONFIG_HOME}/aws_okta_keyman.yml`,
      `console: null\nduo_factor: null\norg: ${t.sim.oktaUrl}\npassword_cache: false\nregion: us-east-1\nreup: null\nrole: my-developer-gateway-role\nscreen: null\nusername: ${defaultUser.login}\n`,
    );
    const r = await runCli(['login', '--password-stdin', '--factor', 'totp', '--passcode', t.sim.totp()], { env: env(), input: pw });
    expect(r.code).toBe(0);
    expect(await readCreds()).toContain('[default]');
  });

  it('a bad config file → one-line error naming file, line and key', async () => {
    const file = `${t.home.env.XDG_CONFIG_HOME}/okta-bedrock/config.yml`;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `org: ${t.sim.oktaUrl}\nduration: soon\n`);
    const r = await runCli(['login', '--password-stdin'], { env: env(), input: pw });
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe(`error: ${file}:2: duration: expected a whole number, got "soon"`);
  });

  it('http:// org other than loopback is refused', async () => {
    const r = await runCli(['login', '--org', 'http://acme.okta.com', '--username', 'a', '--password-stdin'], { env: env(), input: pw });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('https://');
  });

  it('no terminal and no --password-stdin → says what to do', async () => {
    const r = await runCli(['login', '--org', t.sim.oktaUrl, '--username', defaultUser.login], { env: env() });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--password-stdin');
  });
});

describe('okta-bedrock demo', () => {
  it('runs a full login against the built-in simulator and exits 0', async () => {
    const r = await runCli(['demo', '--credentials-file', t.home.credentialsFile], { env: t.home.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Authenticated Alice Smith');
    expect(r.stdout).toMatch(/aws_secret_access_key = \*\*\*\*\S{4}/);
    expect(await readCreds()).toContain('[default]');
  });
});

describe('Okta without /login/sessionCookieRedirect', () => {
  it('falls back to POST /api/v1/sessions for the sid cookie', async () => {
    t.sim.scenario.sessionsApiOnly = true;
    const r = await runCli(loginArgs('--factor', 'totp', '--passcode', t.sim.totp(), '--app', `${DEFAULT_APP_ID}/272`), { env: env(), input: pw });
    expect(r.code, r.stderr).toBe(0);
    expect(t.sim.requests.filter((q) => q.path === '/api/v1/sessions' && q.method === 'POST')).toHaveLength(1);
    expect(await readCreds()).toContain('[default]');
  });
});
