import type { HttpResponse } from '../platform/http.js';
import { RESEND_TOO_SOON_CODES } from './errors.js';

/**
 * A 429 from Okta's rate limiter (E0000047, or an HTML page on /login and /app paths) — not
 * the "a code was sent recently" 429s of SMS, voice call and email, which waiting will not fix
 * for the current request.
 */
export function isRateLimited(res: HttpResponse): boolean {
  if (res.status !== 429) return false;
  const code = /"errorCode"\s*:\s*"(E\d+)"/.exec(res.body)?.[1];
  return !(code && RESEND_TOO_SOON_CODES.has(code));
}

/**
 * When the window resets, on our clock. X-Rate-Limit-Reset is epoch seconds on Okta's clock, so
 * it is measured against the response's Date header (Okta's "now"), not ours: a skewed laptop
 * clock neither waits too long nor retries too early. (Okta's own SDKs do the same.)
 */
export function rateLimitResetAt(headers: Record<string, string | undefined>, now: Date): Date | undefined {
  const reset = Number(headers['x-rate-limit-reset']);
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  const serverNow = Date.parse(headers.date ?? '');
  const skewMs = Number.isFinite(serverNow) ? now.getTime() - serverNow : 0;
  return new Date(reset * 1000 + skewMs);
}
