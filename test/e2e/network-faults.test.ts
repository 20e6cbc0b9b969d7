import { stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runCli, tempHome, type TempHome } from '../helpers/cli.js';
import { startTlsFront, type TlsFront } from '../helpers/tls-front.js';

let sim: Simulator;
let home: TempHome;
const APP_LINKS = '/api/v1/users/me/appLinks';

beforeEach(async () => {
  sim = await startSimulator();
  home = await tempHome();
});
afterEach(async () => {
  await sim.close();
});

const login = (org: string, extraEnv: Record<string, string> = {}, ...extra: string[]) =>
  runCli(['login', '--org', org, '--username', defaultUser.login, '--password-stdin', '--factor', 'totp', '--passcode', sim.totp(), ...extra], {
    env: { ...home.env, AWS_ENDPOINT_URL_STS: sim.stsUrl, ...extraEnv },
    input: `${defaultUser.password}\n`,
  });
const appLinkCalls = (): number[] => sim.requests.filter((r) => r.path === APP_LINKS).map((r) => r.status);

describe('network faults', () => {
  it('a connection reset mid-body on an idempotent GET is retried, and the login succeeds', async () => {
    sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'reset-mid-body', times: 1 });
    const r = await login(sim.oktaUrl);
    expect(r.code, r.stderr).toBe(0);
    expect(appLinkCalls()).toEqual([200, 200]);
  });

  it('resets mid-body that persist end in a clear network error, nothing written', async () => {
    sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'reset-mid-body', times: 10 });
    const r = await login(sim.oktaUrl);
    expect(r.code).toBe(10);
    expect(r.stderr).toMatch(/^error: .*(reset|failed|closed)/im);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expect(stat(home.credentialsFile)).rejects.toThrow();
  });

  it.each([502, 503])('HTTP %i on a GET is retried', async (status) => {
    sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'status', status, times: 1 });
    const r = await login(sim.oktaUrl);
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
      front = await startTlsFront(sim.oktaUrl);
    });
    afterEach(async () => {
      await front.close();
    });

    it('an untrusted certificate is a clear error that names NODE_EXTRA_CA_CERTS (exit 10)', async () => {
      const r = await login(front.url, {}, '--app', `${DEFAULT_APP_ID}/272`);
      expect(r.code).toBe(10);
      expect(r.stderr).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ is not trusted .* NODE_EXTRA_CA_CERTS/);
      expect(sim.requests).toHaveLength(0);
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
    await mkdir(dirname(home.credentialsFile), { recursive: true });
    await writeFile(home.credentialsFile, '[keep]\naws_access_key_id = AKIAKEEP\n');
    await chmod(home.credentialsFile, 0o400);
    const r = await login(sim.oktaUrl, {}, '--app', `${DEFAULT_APP_ID}/272`);
    expect(r.code).toBe(13);
    expect(r.stderr).toMatch(/is read-only \(mode 400\) — make it writable \(chmod u\+w .*\)/);
    expect(await readFile(home.credentialsFile, 'utf8')).toBe('[keep]\naws_access_key_id = AKIAKEEP\n');
    expect((await stat(home.credentialsFile)).mode & 0o777).toBe(0o400);
  });
});
