import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultUser, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { field, oktaPost, verifyHref, type Json } from './helpers.js';

const credentials = { username: 'alice@example.com', password: 'correct horse battery staple' };

describe('simulator Okta authn', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });

  it('reports a classic pipeline', async () => {
    const res = await fetch(`${sim.oktaUrl}/.well-known/okta-organization`);
    const body = (await res.json()) as Json;
    expect(body.pipeline).toBe('v1');
    expect(body.id).toMatch(/^00o/);
    expect(field(body, '_links', 'organization', 'href')).toBe(sim.oktaUrl);
  });

  it('answers MFA_REQUIRED with the real factor shapes', async () => {
    const { status, body } = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(status).toBe(200);
    expect(body.status).toBe('MFA_REQUIRED');
    expect(typeof body.stateToken).toBe('string');
    expect(field(body, '_embedded', 'user', 'profile', 'login')).toBe('alice@example.com');
    const factors = field(body, '_embedded', 'factors') as Json[];
    expect(factors.map((f) => [f.factorType, f.provider])).toEqual([
      ['push', 'OKTA'],
      ['token:software:totp', 'OKTA'],
      ['token:software:totp', 'GOOGLE'],
    ]);
    const push = factors[0] as Json;
    expect(field(push, 'profile', 'deviceType')).toBe('SmartPhone_IPhone');
    expect(field(push, '_links', 'verify', 'href')).toBe(`${sim.oktaUrl}/api/v1/authn/factors/${push.id as string}/verify`);
    expect(field(push, '_links', 'verify', 'hints', 'allow')).toEqual(['POST']);
    expect(field(body, '_links', 'cancel', 'href')).toBe(`${sim.oktaUrl}/api/v1/authn/cancel`);
  });

  it('completes a TOTP flow and refuses the same code twice', async () => {
    await sim.close();
    sim = await startSimulator({ clock: { now: () => new Date(Date.UTC(2026, 10, 21, 12, 0, 10)) } });
    const authn = await oktaPost(sim, '/api/v1/authn', credentials);
    const href = verifyHref(authn.body, 'token:software:totp', 'GOOGLE');
    const ok = await oktaPost(sim, href, { stateToken: authn.body.stateToken, passCode: sim.totp() });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('SUCCESS');
    expect(ok.body.sessionToken).toEqual(expect.any(String));
    expect(field(ok.body, '_embedded', 'user', 'id')).toBe(defaultUser.id);

    const again = await oktaPost(sim, '/api/v1/authn', credentials);
    const replay = await oktaPost(sim, verifyHref(again.body, 'token:software:totp', 'OKTA'), {
      stateToken: again.body.stateToken,
      passCode: sim.totp(),
    });
    expect(replay.status).toBe(403);
    expect(replay.body.errorCode).toBe('E0000068');
  });

  it('rejects a wrong password with 401 E0000004', async () => {
    const { status, body } = await oktaPost(sim, '/api/v1/authn', { ...credentials, password: 'nope' });
    expect(status).toBe(401);
    expect(body).toMatchObject({ errorCode: 'E0000004', errorSummary: 'Authentication failed', errorLink: 'E0000004', errorCauses: [] });
    expect(body.errorId).toMatch(/^oae/);
  });

  it('rejects a wrong TOTP with 403 E0000068', async () => {
    const authn = await oktaPost(sim, '/api/v1/authn', credentials);
    const res = await oktaPost(sim, verifyHref(authn.body, 'token:software:totp', 'OKTA'), {
      stateToken: authn.body.stateToken,
      passCode: sim.totp() === '000000' ? '111111' : '000000',
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      errorCode: 'E0000068',
      errorSummary: 'Invalid Passcode/Answer',
      errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }],
    });
  });

  it('approves a push after the configured number of polls, with a number challenge', async () => {
    sim.scenario.pushApproveAfterPolls = 3;
    sim.scenario.numberChallenge = 42;
    const authn = await oktaPost(sim, '/api/v1/authn', credentials);
    const first = await oktaPost(sim, verifyHref(authn.body, 'push', 'OKTA'), { stateToken: authn.body.stateToken });
    expect(first.body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'WAITING' });
    expect(field(first.body, '_embedded', 'factor', '_embedded', 'challenge', 'correctAnswer')).toBe(42);
    expect(field(first.body, '_links', 'next', 'name')).toBe('poll');
    const next = field(first.body, '_links', 'next', 'href') as string;
    const results: unknown[] = [];
    let res = first;
    while (res.body.status === 'MFA_CHALLENGE') {
      res = await oktaPost(sim, next, { stateToken: authn.body.stateToken });
      results.push(res.body.factorResult ?? res.body.status);
    }
    expect(results).toEqual(['WAITING', 'WAITING', 'SUCCESS']);
    expect(res.body.sessionToken).toEqual(expect.any(String));
  });

  it.each(['reject', 'timeout'] as const)('reports a push %s', async (pushResult) => {
    sim.scenario.pushResult = pushResult;
    sim.scenario.pushApproveAfterPolls = 1;
    const authn = await oktaPost(sim, '/api/v1/authn', credentials);
    const href = verifyHref(authn.body, 'push', 'OKTA');
    await oktaPost(sim, href, { stateToken: authn.body.stateToken });
    const res = await oktaPost(sim, href, { stateToken: authn.body.stateToken });
    expect(res.body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: pushResult === 'reject' ? 'REJECTED' : 'TIMEOUT' });
  });

  it('returns the transaction for a stateToken and 401 E0000011 for an unknown one', async () => {
    const authn = await oktaPost(sim, '/api/v1/authn', credentials);
    const state = await oktaPost(sim, '/api/v1/authn', { stateToken: authn.body.stateToken });
    expect(state.body.status).toBe('MFA_REQUIRED');
    const bad = await oktaPost(sim, '/api/v1/authn', { stateToken: '00bogus' });
    expect(bad.status).toBe(401);
    expect(bad.body.errorCode).toBe('E0000011');
  });

  it('404s a factor that is not in the transaction', async () => {
    const authn = await oktaPost(sim, '/api/v1/authn', credentials);
    const res = await oktaPost(sim, '/api/v1/authn/factors/opfNOTREAL1234567890/verify', { stateToken: authn.body.stateToken });
    expect(res.status).toBe(404);
    expect(res.body.errorCode).toBe('E0000007');
  });

  it('refuses bodies that are not JSON', async () => {
    const res = await fetch(`${sim.oktaUrl}/api/v1/authn`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'username=alice%40example.com&password=x',
    });
    expect(res.status).toBe(415);
    const broken = await fetch(`${sim.oktaUrl}/api/v1/authn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"username":',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as Json).errorCode).toBe('E0000003');
  });

  it('answers 429 E0000047 with rate-limit headers when the scenario asks', async () => {
    sim.scenario.oktaRateLimitNextRequests = 1;
    const limited = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(limited.status).toBe(429);
    expect(limited.body.errorCode).toBe('E0000047');
    expect(Number(limited.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await oktaPost(sim, '/api/v1/authn', credentials)).status).toBe(200);
  });
});
