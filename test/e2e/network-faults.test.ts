import { stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';
import { startTlsFront, type TlsFront } from '../helpers/tls-front.js';

const t = useOktaE2e();
const APP_LINKS = '/api/v1/users/me/appLinks';

const login = (org: string, extraEnv: Record<string, string> = {}, ...extra: string[]) =>
  runCli(['login', '--org', org, '--username', defaultUser.login, '--password-stdin', ...t.totp(), ...extra], {
    env: t.env(extraEnv),
    input: PASSWORD_LINE,
  });
const appLinkCalls = (): number[] => t.sim.requests.filter((r) => r.path === APP_LINKS).map((r) => r.status);

describe('network faults', () => {
  it('a connection reset mid-body on an idempotent GET is retried, and the login succeeds', async () => {
    t.sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'reset-mid-body', times: 1 });
    const r = await login(t.sim.oktaUrl);
    expect(r.code, r.stderr).toBe(0);
    expect(appLinkCalls()).toEqual([200, 200]);
  });

  it('resets mid-body that persist end in a clear network error, nothing written', async () => {
    t.sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'reset-mid-body', times: 10 });
    const r = await login(t.sim.oktaUrl);
    expect(r.code).toBe(10);
    expect(r.stderr).toMatch(/^error: .*(reset|failed|closed)/im);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expect(stat(t.home.credentialsFile)).rejects.toThrow();
  });

  it.each([502, 503])('HTTP %i on a GET is retried', async (status) => {
    t.sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'status', status, times: 1 });
    const r = await login(t.sim.oktaUrl);
    expect(r.code, r.stderr).toBe(0);
    expect(appLinkCalls()).toEqual([status, 200]);
  });

  it('a DNS failure says so (exit 10)', async () => {
    const r = await login('https://okta-bedrock-test.invalid');
    expect(r.code).toBe(10);
    expect(r.stderr).toMatch(/Cannot resolve okta-bedrock-test\.invalid/);
  });

  describe('TLS', () => {
    let front: TlsFront;
    beforeEach(async () => {
      front = await startTlsFront(t.sim.oktaUrl);
    });
    afterEach(async () => {
      await front.close();
    });

    it('an untrusted certificate is a clear error that names NODE_EXTRA_CA_CERTS (exit 10)', async () => {
      const r = await login(front.url, {}, '--app', `${DEFAULT_APP_ID}/272`);
      expect(r.code).toBe(10);
      expect(r.stderr).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ is not trusted .* NODE_EXTRA_CA_CERTS/);
      expect(t.sim.requests).toHaveLength(0);
    });

    it('trusted through NODE_EXTRA_CA_CERTS (a corporate CA), the login works over https', async () => {
      const r = await login(front.url, { NODE_EXTRA_CA_CERTS: front.certFile }, '--app', `${DEFAULT_APP_ID}/272`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('Wrote profile "default"');
    });
  });
});

describe('files', () => {
  it('a read-only credentials file is left unchanged with a clear error (exit 13)', async () => {
    const { mkdir, writeFile, chmod, readFile } = await import('node:fs/promises');
    const { dirname } = await import('node:path');
    await mkdir(dirname(t.home.credentialsFile), { recursive: true });
    await writeFile(t.home.credentialsFile, '[keep]\naws_access_key_id = AKIAKEEP\n');
    await chmod(t.home.credentialsFile, 0o400);
    const r = await login(t.sim.oktaUrl, {}, '--app', `${DEFAULT_APP_ID}/272`);
    expect(r.code).toBe(13);
    expect(r.stderr).toMatch(/is read-only \(mode 400\) — make it writable \(chmod u\+w .*\)/);
    expect(await readFile(t.home.credentialsFile, 'utf8')).toBe('[keep]\naws_access_key_id = AKIAKEEP\n');
    expect((await stat(t.home.credentialsFile)).mode & 0o777).toBe(0o400);
  });
});
