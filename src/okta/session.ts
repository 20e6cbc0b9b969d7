import { OktaError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { OktaClient } from './client.js';
import type { OktaSession } from './types.js';

export const SESSION_COOKIE = 'sid';

/**
 * Turns a one-time session token into the Okta session cookie (`sid`) the way a browser gets
 * it: `GET /login/sessionCookieRedirect?token=…&redirectUrl=…`. (`POST /api/v1/sessions` needs
 * an admin API token on real Okta, so it is only a fallback for when that endpoint is missing.)
 * With `follow`, the redirect to `redirectUrl` (an app link on the org) is followed and that page
 * returned, saving a request.
 */
export async function redeemSessionToken(
  client: OktaClient,
  sessionToken: string,
  redirectUrl: string,
  follow: boolean,
): Promise<Awaited<ReturnType<OktaClient['page']>>> {
  const url = new URL('/login/sessionCookieRedirect', client.orgUrl);
  url.searchParams.set('checkAccountSetupComplete', 'true');
  url.searchParams.set('token', sessionToken);
  url.searchParams.set('redirectUrl', redirectUrl);
  // The token is one-time: this GET must not be resent after a 5xx or a reset.
  let res = await client.page(url.toString(), { follow, idempotent: false });
  if (!client.cookies.get(SESSION_COOKIE) && (res.status === 404 || res.status === 405)) {
    // No cookie-redirect endpoint (a proxy or fake in front of Okta): the token was not used, so
    // create the session through the Sessions API instead; its `id` is the sid cookie's value.
    const session = await client.json<SessionBody>('POST', '/api/v1/sessions', { sessionToken });
    if (!client.cookies.get(SESSION_COOKIE) && typeof session?.id === 'string') client.cookies.set(SESSION_COOKIE, session.id);
    if (follow) res = await client.page(redirectUrl);
  }
  if (!client.cookies.get(SESSION_COOKIE)) {
    throw new OktaError('Okta did not start a session (no sid cookie) — the session token may have expired; run login again', {
      detail: `sessionCookieRedirect → HTTP ${res.status}`,
    });
  }
  return res;
}

interface SessionBody {
  id: string;
  login?: string;
  expiresAt?: string;
  status?: string;
}

/** Reads the current session (`GET /api/v1/sessions/me`); undefined when it is gone. */
export async function currentSession(client: OktaClient): Promise<SessionBody | undefined> {
  try {
    return await client.json<SessionBody>('GET', '/api/v1/sessions/me');
  } catch (e) {
    if (e instanceof OktaError) return undefined;
    throw e;
  }
}

/** Extends the session (`POST /api/v1/sessions/me/lifecycle/refresh`); undefined when it is gone. */
export async function refreshSession(client: OktaClient): Promise<SessionBody | undefined> {
  try {
    return await client.json<SessionBody>('POST', '/api/v1/sessions/me/lifecycle/refresh');
  } catch (e) {
    if (e instanceof OktaError) return undefined;
    throw e;
  }
}

/** Ends the session (`DELETE /api/v1/sessions/me`). */
export async function closeSession(client: OktaClient): Promise<void> {
  try {
    await client.json<unknown>('DELETE', '/api/v1/sessions/me');
  } catch (e) {
    if (!(e instanceof OktaError)) throw e;
  }
}

/** Snapshot of the session for the cache. Okta's default lifetime (2 h) when the expiry is unknown. */
export function snapshotSession(client: OktaClient, login: string, clock: Clock, expiresAt?: string): OktaSession {
  const sid = client.cookies.get(SESSION_COOKIE);
  if (!sid) throw new OktaError('No Okta session cookie to save');
  const parsed = expiresAt ? new Date(expiresAt) : undefined;
  return {
    orgUrl: client.orgUrl,
    login,
    sid,
    expiresAt: parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date(clock.now().getTime() + 2 * 3600_000),
  };
}
