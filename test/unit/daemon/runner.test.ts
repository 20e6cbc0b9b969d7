import { afterEach, describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN } from '../../../src/simulator/index.js';
import { HOUR, MIN, START, harness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Records every stretch of time during which the credentials file held expired credentials. */
function watchLapses(x: Harness, from = START, to = Number.POSITIVE_INFINITY): { at: number; ms: number }[] {
  const lapses: { at: number; ms: number }[] = [];
  x.clock.beforeSleep.push(async (now, ms) => {
    if (now < from || now > to) return;
    const exp = (await x.fileExpiry()) ?? 0;
    if (exp <= now + ms) lapses.push({ at: now - START, ms: now + ms - exp });
  });
  return lapses;
}

describe('DaemonRunner under a fake clock against the simulator', () => {
  it('a simulated 24 h with 1-h gateway and chained credentials: never an expired credentials file', async () => {
    const x = (h = await harness({ chained: true }));
    const lapses = watchLapses(x);
    const t0 = performance.now();
    await x.runUntil(START + 24 * HOUR);
    const seconds = (performance.now() - t0) / 1000;
    expect(lapses).toEqual([]);
    const bySource = (s: string): number => x.refreshes.filter((r) => r.source === s).length;
    // 1-h credentials refreshed ~15 min before expiry: ~32 refreshes, alternating re-chain / new SAML.
    expect(x.refreshes.length).toBeGreaterThanOrEqual(28);
    expect(x.refreshes.length).toBeLessThanOrEqual(40);
    expect(bySource('rechain')).toBeGreaterThanOrEqual(12);
    expect(bySource('saml')).toBeGreaterThanOrEqual(12);
    expect(bySource('login')).toBe(0);
    // The Okta session was kept alive all day (2-h lifetime, refreshed at least every 30 min).
    const keepAlives = x.sim.requests.filter((r) => r.path === '/api/v1/sessions/me/lifecycle/refresh' && r.status === 200);
    expect(keepAlives.length).toBeGreaterThanOrEqual(40);
    const end = x.runner.state();
    expect(end.sessions[0]?.state).toBe('alive');
    expect(end.profiles.default?.state).toBe('ok');
    expect(Date.parse(end.sessions[0]?.expiresAt ?? '')).toBeGreaterThan(START + 24 * HOUR);
    expect(x.logs.filter((l) => l.includes('warning:'))).toEqual([]);
    expect(seconds).toBeLessThan(45);
    // The file holds the chained (Bedrock) role's credentials.
    const issued = [...x.sim.issuedCredentials.values()].at(-1);
    expect(issued?.arn).toContain('my-bedrock-role');
  });

  it('network down for 10 minutes at refresh time: retries with backoff, recovers, no lapse', async () => {
    const x = (h = await harness({ chained: true }));
    const lapses = watchLapses(x);
    // The refresh falls 15–20 min before the 1 h credentials expire (refresh_before + jitter).
    const down = { from: START + 39.5 * MIN, to: START + 49.5 * MIN };
    const sts = x.deps.stsEndpoint;
    x.clock.afterSleep.push((now) => {
      const isDown = now >= down.from && now < down.to;
      x.net.oktaDown = isDown;
      x.deps.stsEndpoint = isDown ? 'http://127.0.0.1:9' : sts;
    });
    await x.runUntil(START + 3 * HOUR);
    expect(lapses).toEqual([]);
    const failures = x.states.filter((s) => s.profiles.default?.state === 'retrying');
    // Backoff: a handful of tries in 10 minutes, not a spin.
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures.length).toBeLessThanOrEqual(20);
    const recovered = x.refreshes.find((r) => r.at >= down.to);
    expect(recovered).toBeDefined();
    expect((recovered?.at ?? 0) - down.to).toBeLessThanOrEqual(5 * MIN);
    expect(x.runner.state().profiles.default?.state).toBe('ok');
    expect(x.logs.some((l) => l.includes('Profile "default" recovered'))).toBe(true);
  });

  it('Okta 5xx and 429, then STS AccessDenied: backs off and recovers by itself', async () => {
    const x = (h = await harness({ chained: false }));
    const lapses = watchLapses(x);
    x.clock.afterSleep.push((now) => {
      x.net.oktaStatus = now >= START + 39.5 * MIN && now < START + 47 * MIN ? 503 : undefined;
      if (now >= START + 47 * MIN && now < START + 47.5 * MIN) x.sim.scenario.oktaRateLimitNextRequests = 2;
    });
    await x.runUntil(START + 2 * HOUR);
    expect(lapses).toEqual([]);
    expect(x.logs.some((l) => /warning: Refreshing "default" failed: .*HTTP 503/.test(l))).toBe(true);
    expect(x.runner.state().profiles.default?.state).toBe('ok');

    // STS refuses the Bedrock role for 5 minutes (a chained profile).
    const y = await harness({ chained: true });
    try {
      const lapsesY = watchLapses(y);
      y.clock.afterSleep.push((now) => {
        y.sim.scenario.denyAssumeRoleArns = now >= START + 39.5 * MIN && now < START + 49 * MIN ? [BEDROCK_ROLE_ARN] : [];
      });
      await y.runUntil(START + 2 * HOUR);
      expect(lapsesY).toEqual([]);
      expect(y.logs.some((l) => l.includes('AWS denied the role'))).toBe(true);
      expect(y.runner.state().profiles.default?.state).toBe('ok');
    } finally {
      await y.close();
    }
  });

  it('an Okta 429 holds back every task on that org (refreshes and keep-alives) until X-Rate-Limit-Reset', async () => {
    const x = (h = await harness({ chained: false }));
    const lapses = watchLapses(x);
    x.sim.scenario.oktaRateLimitResetSeconds = 120; // beyond what one request waits: the daemon must hold back
    let armed = true;
    x.clock.afterSleep.push((now) => {
      if (armed && now >= START + 39.5 * MIN) {
        armed = false;
        x.sim.scenario.oktaRateLimitNextRequests = 3; // the client's own two waits, then a RateLimitError
      }
    });
    await x.runUntil(START + 2 * HOUR);
    const okta = x.sim.requests.filter((r) => r.service === 'okta');
    const limited = okta.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const last = limited.at(-1)!;
    const reset = Math.floor(last.at.getTime() / 1000) * 1000 + 120_000;
    const after = okta.filter((r) => r.at.getTime() > last.at.getTime());
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.at.getTime()).toBeGreaterThanOrEqual(reset);
    expect(lapses).toEqual([]);
    expect(x.runner.state().profiles.default?.state).toBe('ok');
  });

  it('a laptop sleep (the wall clock jumps 3 h) is noticed and everything is refreshed at once', async () => {
    const x = (h = await harness({ chained: true, sim: { oktaSessionLifetimeSeconds: 12 * 3600 } }));
    const jumpAt = START + 20 * MIN;
    x.clock.jumps.push({ at: jumpAt, by: 3 * HOUR });
    let validAgainAt: number | undefined;
    x.clock.beforeSleep.push(async (now) => {
      if (now > jumpAt + 3 * HOUR && validAgainAt === undefined && ((await x.fileExpiry()) ?? 0) > now) validAgainAt = now;
    });
    await x.runUntil(START + 5 * HOUR);
    expect(x.logs.some((l) => /The clock jumped forward 180 min/.test(l))).toBe(true);
    expect(validAgainAt).toBeDefined();
    // Refreshed within one 30-s slice of waking up, from the Okta session (no password, no MFA).
    expect((validAgainAt ?? 0) - (jumpAt + 3 * HOUR)).toBeLessThanOrEqual(31_000);
    expect(x.refreshes.some((r) => r.source === 'saml' && r.at > jumpAt)).toBe(true);
  });

  it('Okta session gone, no saved password: "login required", old credentials kept, no spinning', async () => {
    const x = (h = await harness({ chained: true }));
    // Someone ends the session (e.g. signs out in the browser).
    const session = await x.cache.readSession(x.sim.oktaUrl, 'alice@example.com');
    await fetch(`${x.sim.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { accept: 'application/json', cookie: `sid=${session?.cookies.sid}` } });
    await x.runUntil(START + 4 * HOUR);
    const state = x.runner.state();
    expect(state.profiles.default?.state).toBe('login-required');
    expect(state.profiles.default?.lastError).toMatch(/okta-bedrock login/);
    expect(state.sessions[0]?.state).toBe('gone');
    // The gateway credentials still re-chained once; then the last credentials stayed in the file.
    expect(x.refreshes.map((r) => r.source).filter((s) => s !== 'cache')).toEqual(['rechain']);
    const expiry = await x.fileExpiry();
    expect(expiry).toBe(Date.parse(x.runner.state().profiles.default?.expiresAt ?? ''));
    // While waiting for a person: at most one look every 5 minutes, and no Okta sign-in attempts.
    const lastHour = x.sim.requests.filter((r) => r.at.getTime() > START + 3 * HOUR);
    expect(lastHour.length).toBeLessThanOrEqual(15);
    expect(x.sim.requests.filter((r) => r.path === '/api/v1/authn').length).toBe(1);
    expect(x.logs.filter((l) => l.includes('login required')).length).toBe(1);
  });

  it('Okta session gone, password in the keychain, push MFA: signs in again and notifies', async () => {
    const x = (h = await harness({ chained: true, factor: 'push', keychainPassword: true }));
    const session = await x.cache.readSession(x.sim.oktaUrl, 'alice@example.com');
    await fetch(`${x.sim.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { accept: 'application/json', cookie: `sid=${session?.cookies.sid}` } });
    const lapses = watchLapses(x);
    await x.runUntil(START + 4 * HOUR);
    expect(lapses).toEqual([]);
    expect(x.refreshes.some((r) => r.source === 'login')).toBe(true);
    expect(x.notices.some((n) => n.includes('approve on your phone'))).toBe(true);
    expect(x.logs.some((l) => l.includes('signing in again'))).toBe(true);
    expect(x.runner.state().profiles.default?.state).toBe('ok');
    expect(x.runner.state().sessions[0]?.state).toBe('alive');
    // The keychain password is not logged.
    expect(x.logs.join('\n')).not.toContain('correct horse battery staple');
  });

  it('a rejected push is not repeated: "login required" until a person signs in', async () => {
    const x = (h = await harness({ chained: true, factor: 'push', keychainPassword: true }));
    const session = await x.cache.readSession(x.sim.oktaUrl, 'alice@example.com');
    await fetch(`${x.sim.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { accept: 'application/json', cookie: `sid=${session?.cookies.sid}` } });
    x.sim.scenario.pushResult = 'reject';
    await x.runUntil(START + 4 * HOUR);
    expect(x.runner.state().profiles.default?.state).toBe('login-required');
    expect(x.runner.state().profiles.default?.lastError).toMatch(/rejected/);
    // One sign-in (primary auth) and one push for the whole 4 hours.
    expect(x.sim.requests.filter((r) => r.path === '/api/v1/authn').length).toBe(2);
    expect(x.notices.filter((n) => n.startsWith('notify: Sign-in needed')).length).toBe(1);
  });
});
