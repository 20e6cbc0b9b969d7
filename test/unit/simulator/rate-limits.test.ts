import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { OrgRateLimiter, parseRateLimitOverride, rateLimitBuckets } from '../../../src/simulator/okta/rate-limits.js';
import { oktaPost } from './helpers.js';

describe('Okta org-wide rate limits', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it('workforce profile: per-endpoint buckets, the most specific wins', () => {
    const limiter = new OrgRateLimiter(rateLimitBuckets('workforce'));
    const at = Date.UTC(2026, 0, 1, 9, 0, 30);
    expect(limiter.take('POST', '/api/v1/authn', at)).toMatchObject({
      bucket: '/api/v1/authn',
      limit: 500,
      remaining: 499,
      resetEpoch: Date.UTC(2026, 0, 1, 9, 1) / 1000,
    });
    expect(limiter.take('POST', '/api/v1/authn/factors/opf1/verify', at)).toMatchObject({
      bucket: '/api/v1/authn/factors/{factorIdOrFactorType}/verify',
      limit: 500,
    });
    expect(limiter.take('POST', '/api/v1/sessions/me/lifecycle/refresh', at)).toMatchObject({ bucket: '/api/v1/sessions', limit: 750 });
    expect(limiter.take('GET', '/home/amazon_aws/0oa1/272', at)).toMatchObject({ bucket: '/app/{app}/{key}/sso/saml', limit: 750 });
    expect(limiter.take('POST', '/oauth2/v1/token', at)).toMatchObject({ limit: 2000 });
    expect(limiter.take('GET', '/.well-known/okta-organization', at)).toBeUndefined();
  });

  it('PATH:N overrides a bucket or adds one', () => {
    expect(parseRateLimitOverride('/api/v1/authn:3')).toEqual({ path: '/api/v1/authn', perMinute: 3 });
    expect(parseRateLimitOverride('authn:3')).toBeUndefined();
    expect(parseRateLimitOverride('/api/v1/authn:x')).toBeUndefined();
    const buckets = rateLimitBuckets('off', { '/api/v1/authn': 3, '/login/sessionCookieRedirect': 7 });
    expect(buckets.map((b) => [b.name, b.perMinute])).toEqual([
      ['/login/sessionCookieRedirect', 7],
      ['/api/v1/authn', 3],
    ]);
  });

  it('answers 429 E0000047 with X-Rate-Limit-* headers once the minute is used up, and resets on the next minute', async () => {
    let now = Date.UTC(2026, 0, 1, 9, 0, 10);
    sim = await startSimulator({ clock: { now: () => new Date(now) }, scenario: { oktaRateLimits: { '/api/v1/authn': 2 } } });
    const bad = { username: 'alice@example.com', password: 'wrong' };
    const first = await oktaPost(sim, '/api/v1/authn', bad);
    expect(first.status).toBe(401);
    expect(first.headers.get('x-rate-limit-limit')).toBe('2');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
    expect(first.headers.get('x-rate-limit-reset')).toBe(String(Date.UTC(2026, 0, 1, 9, 1) / 1000));
    await oktaPost(sim, '/api/v1/authn', bad);
    const limited = await oktaPost(sim, '/api/v1/authn', bad);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.body).toMatchObject({
      errorCode: 'E0000047',
      errorSummary: 'API call exceeded rate limit due to too many requests.',
      errorLink: 'E0000047',
      errorCauses: [],
    });
    expect(limited.body.errorId).toMatch(/^oae/);
    now += 60_000;
    expect((await oktaPost(sim, '/api/v1/authn', bad)).status).toBe(401);
  });

  it('classic authn off: /api/v1/authn answers 403 E0000015', async () => {
    sim = await startSimulator({ scenario: { classicAuthnDisabled: true } });
    const r = await oktaPost(sim, '/api/v1/authn', { username: 'alice@example.com', password: 'x' });
    expect(r.status).toBe(403);
    expect(r.body.errorCode).toBe('E0000015');
  });
});
