import { OktaError } from '../errors.js';
import { OktaClient } from '../okta/client.js';
import { CookieJar } from '../okta/cookie-jar.js';
import type { SessionCache } from '../store/cache-files.js';
import type { CoreDeps } from '../core/deps.js';

export type KeepAliveResult = { kind: 'alive'; expiresAt: Date; cookies: Record<string, string> } | { kind: 'gone' };

/**
 * Okta's answers for a session it no longer knows: 404 E0000007 (me (Session)) or 403 E0000005;
 * also a bare 401/403/404 without Okta's error body (a proxy or fake in front of Okta).
 */
const SESSION_GONE = new Set(['E0000005', 'E0000007', 'http_401', 'http_403', 'http_404']);

export function isSessionGone(e: unknown): boolean {
  return e instanceof OktaError && e.code !== undefined && SESSION_GONE.has(e.code);
}

/**
 * Extends the Okta session with `POST /api/v1/sessions/me/lifecycle/refresh` and the cached
 * cookies. Unlike okta/session.ts `refreshSession` (which reads any Okta error as "gone"), a
 * 5xx, 429 or network error is thrown here, so the daemon retries instead of dropping a live session.
 */
export async function keepSessionAlive(session: SessionCache, deps: Pick<CoreDeps, 'http' | 'log' | 'clock' | 'signal'>): Promise<KeepAliveResult> {
  const jar = new CookieJar(session.orgUrl);
  for (const [k, v] of Object.entries(session.cookies)) jar.set(k, v);
  const client = new OktaClient({ orgUrl: session.orgUrl, http: deps.http, log: deps.log, cookies: jar, clock: deps.clock, signal: deps.signal });
  let body: { expiresAt?: string } | undefined;
  try {
    body = await client.json<{ expiresAt?: string }>('POST', '/api/v1/sessions/me/lifecycle/refresh');
  } catch (e) {
    if (isSessionGone(e)) return { kind: 'gone' };
    throw e;
  }
  const parsed = body?.expiresAt ? new Date(body.expiresAt) : undefined;
  // Okta's default session lifetime (2 h) when the answer carries no expiry.
  const expiresAt = parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date(deps.clock.now().getTime() + 2 * 3600_000);
  return { kind: 'alive', expiresAt, cookies: jar.all() };
}
