import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e();
const APP_LINKS = '/api/v1/users/me/appLinks';

describe('rate limits (e2e)', () => {
  it('429 E0000047 with a reset within 30 s: waits with a visible countdown, then succeeds', async () => {
    t.sim.scenario.oktaRateLimitResetSeconds = 2;
    t.sim.scenario.oktaRateLimitNextRequests = 1;
    const started = Date.now();
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Okta rate limit reached — retrying in [12] s/);
    expect(Date.now() - started).toBeGreaterThan(900);
    expect(
      t
        .oktaRequests()
        .filter((q) => q.path === '/api/v1/authn')
        .map((q) => q.status),
    ).toEqual([429, 200]);
  });

  it('429 with a reset further away: stops at once and says when to retry, exit 11', async () => {
    t.sim.scenario.oktaRateLimitResetSeconds = 120;
    t.sim.scenario.oktaRateLimitNextRequests = 1;
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(11);
    expect(r.stderr).toMatch(/error: Okta rate limit reached \(too many requests\) — retry after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 2 min\)/);
    expect(t.oktaRequests()).toHaveLength(1);
  });
});

describe('transient faults (e2e)', () => {
  it('5xx on an idempotent GET is retried with backoff and the login succeeds', async () => {
    t.sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'status', status: 503, times: 2 });
    const r = await runCli(t.args(...t.totp(), '--debug'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(t.oktaRequests(APP_LINKS).map((q) => q.status)).toEqual([503, 503, 200]);
    expect(r.stderr).toMatch(/retrying \/api\/v1\/users\/me\/appLinks in \d+ ms \(HTTP 503\)/);
  });

  it('5xx that persists: 3 retries, then a clear stop, exit 6', async () => {
    t.sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'status', status: 500, times: 10 });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(6);
    expect(r.stderr.trim()).toBe('error: Okta is unavailable (HTTP 500) — retry in a moment');
    expect(t.oktaRequests(APP_LINKS)).toHaveLength(4);
  });

  it('a connection reset on a page load (GET) is retried', async () => {
    t.sim.scenario.oktaFaults.push({ path: `/home/amazon_aws/${DEFAULT_APP_ID}`, kind: 'reset', times: 1 });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(t.oktaRequests('/home/amazon_aws')).toHaveLength(2);
  });

  it('never resends a POST that may have consumed a one-time code (5xx or reset on verify)', async () => {
    t.sim.scenario.oktaFaults.push({ path: '/api/v1/authn/factors/', method: 'POST', kind: 'status', status: 502, times: 1 });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('Okta is unavailable (HTTP 502)');
    expect(t.oktaRequests('/verify')).toHaveLength(1);

    t.sim.scenario.oktaFaults.push({ path: '/api/v1/authn/factors/', method: 'POST', kind: 'reset', times: 1 });
    const reset = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp(undefined, new Date(Date.now() + 30_000))), {
      env: t.env(),
      input: PASSWORD_LINE,
    });
    expect(reset.code).toBe(10);
    expect(reset.stderr).toContain('was reset');
    expect(t.oktaRequests('/verify')).toHaveLength(2);
  });

  it('every request has a deadline: config http_timeout is honoured, exit 10', async () => {
    t.sim.scenario.oktaFaults.push({ path: APP_LINKS, kind: 'delay', delayMs: 2500, times: 1 });
    const config = `${t.home.env.XDG_CONFIG_HOME}/okta-bedrock/config.yml`;
    await mkdir(dirname(config), { recursive: true });
    await writeFile(config, `org: ${t.sim.oktaUrl}\nusername: ${defaultUser.login}\nhttp_timeout: 1\n`);
    const started = Date.now();
    const r = await runCli(['login', '--password-stdin', ...t.totp()], { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(10);
    expect(r.stderr).toContain('did not answer in time');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
