import { systemClock, type Clock } from './clock.js';
import type { HttpClient, HttpRequest, HttpResponse } from './http.js';
import { NetworkError } from '../errors.js';

/** A network failure worth another try on an idempotent request (the connection was reset). */
export class TransientNetworkError extends NetworkError {}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  clock: Clock;
  /** In [0, 1): the jitter source (injected so tests are deterministic). */
  random: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; url: string }) => void;
}

export const defaultRetryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  clock: systemClock,
  random: Math.random,
  ...overrides,
});

const RETRY_STATUSES = new Set([500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a request may be sent twice. POSTs are not (an authn POST counts a sign-in attempt, a
 * verify POST may consume a one-time code) unless the caller says so (a push poll); a GET that
 * redeems a one-time token says it is not.
 */
export function isIdempotent(req: HttpRequest): boolean {
  return req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
}

/** "Full jitter" exponential backoff: a random delay up to base·2^attempt, capped. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(policy.random() * ceiling);
}

/** Retry-After in seconds (5xx answers sometimes carry it); honoured up to 10 s. */
function retryAfterMs(res: HttpResponse): number {
  const s = Number(res.headers['retry-after']);
  return Number.isFinite(s) && s > 0 && s <= 10 ? s * 1000 : 0;
}

/**
 * Retries idempotent requests on 500/502/503/504 and on connection resets, at most
 * `maxRetries` times with jittered backoff. Everything else passes through untouched.
 */
export function withRetries(inner: HttpClient, policy: RetryPolicy): HttpClient {
  return {
    async send(req) {
      const retryable = isIdempotent(req);
      for (let attempt = 0; ; attempt++) {
        const last = !retryable || attempt >= policy.maxRetries;
        let res: HttpResponse;
        try {
          res = await inner.send(req);
        } catch (e) {
          if (last || !(e instanceof TransientNetworkError) || req.signal?.aborted) throw e;
          const delayMs = backoffDelay(attempt, policy);
          policy.onRetry?.({ attempt: attempt + 1, delayMs, reason: e.message, url: req.url });
          await policy.clock.sleep(delayMs, req.signal);
          continue;
        }
        if (last || !RETRY_STATUSES.has(res.status)) return res;
        const delayMs = Math.max(backoffDelay(attempt, policy), retryAfterMs(res));
        policy.onRetry?.({ attempt: attempt + 1, delayMs, reason: `HTTP ${res.status}`, url: req.url });
        await policy.clock.sleep(delayMs, req.signal);
      }
    },
  };
}
