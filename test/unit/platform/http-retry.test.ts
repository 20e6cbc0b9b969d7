import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/platform/clock.js';
import { backoffDelay, defaultRetryPolicy, isIdempotent, TransientNetworkError, withRetries } from '../../../src/platform/http-retry.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/platform/http.js';
import { NetworkError } from '../../../src/errors.js';

const response = (status: number, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  url: 'https://a.okta.com/x',
  headers,
  setCookie: [],
  body: '',
});

/** An HttpClient that answers from a script: a status, or an error to throw. */
function scripted(answers: (number | Error)[]): HttpClient & { calls: number } {
  const client = {
    calls: 0,
    async send(): Promise<HttpResponse> {
      const next = answers[Math.min(client.calls, answers.length - 1)] as number | Error;
      client.calls++;
      if (next instanceof Error) throw next;
      return response(next);
    },
  };
  return client;
}

const policy = (clock: FakeClock, delays: number[]) => defaultRetryPolicy({ clock, random: () => 0.5, onRetry: (r) => delays.push(r.delayMs) });

const get: HttpRequest = { method: 'GET', url: 'https://a.okta.com/api/v1/users/me/appLinks' };
const post: HttpRequest = { method: 'POST', url: 'https://a.okta.com/api/v1/authn/factors/x/verify', body: '{}' };

describe('withRetries', () => {
  it('retries an idempotent request on 5xx with growing jittered delays, on the injected clock', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    const inner = scripted([503, 502, 200]);
    const res = await withRetries(inner, policy(clock, delays)).send(get);
    expect(res.status).toBe(200);
    expect(inner.calls).toBe(3);
    expect(delays).toEqual([125, 250]);
    expect(clock.now().getTime() - new FakeClock().now().getTime()).toBe(375);
  });

  it('gives up after 3 retries and returns the last answer', async () => {
    const inner = scripted([500]);
    const res = await withRetries(inner, policy(new FakeClock(), [])).send(get);
    expect(res.status).toBe(500);
    expect(inner.calls).toBe(4);
  });

  it.each([
    ['a POST', post, 1],
    ['a POST marked idempotent (a push poll)', { ...post, idempotent: true }, 2],
    ['a GET marked not idempotent (a one-time token)', { ...get, idempotent: false }, 1],
  ])('%s', async (_, req, calls) => {
    const inner = scripted([503, 200]);
    await withRetries(inner, policy(new FakeClock(), [])).send(req);
    expect(inner.calls).toBe(calls);
  });

  it('retries connection resets but not other network errors', async () => {
    const reset = scripted([new TransientNetworkError('reset'), 200]);
    expect((await withRetries(reset, policy(new FakeClock(), [])).send(get)).status).toBe(200);
    const dns = scripted([new NetworkError('dns'), 200]);
    await expect(withRetries(dns, policy(new FakeClock(), [])).send(get)).rejects.toThrow('dns');
    expect(dns.calls).toBe(1);
    const resetPost = scripted([new TransientNetworkError('reset'), 200]);
    await expect(withRetries(resetPost, policy(new FakeClock(), [])).send(post)).rejects.toThrow('reset');
  });

  it('never passes 4xx or 429 back in (rate limits are handled by the Okta client)', async () => {
    const inner = scripted([429, 200]);
    expect((await withRetries(inner, policy(new FakeClock(), [])).send(get)).status).toBe(429);
    expect(inner.calls).toBe(1);
  });
});

describe('backoffDelay', () => {
  it.each([
    [0, 0.999, 250],
    [1, 0.999, 500],
    [2, 0.5, 500],
    [6, 0.999, 3996],
    [3, 0, 0],
  ])('attempt %i with random %f → %i ms', (attempt, random, want) => {
    expect(backoffDelay(attempt, { baseDelayMs: 250, maxDelayMs: 4000, random: () => random })).toBe(want);
  });
});

describe('isIdempotent', () => {
  it.each([
    ['GET', undefined, true],
    ['DELETE', undefined, true],
    ['POST', undefined, false],
    ['POST', true, true],
    ['GET', false, false],
  ] as const)('%s (idempotent: %s) → %s', (method, idempotent, want) => {
    expect(isIdempotent({ method, url: 'https://x', idempotent })).toBe(want);
  });
});
