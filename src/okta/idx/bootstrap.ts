import { randomBytes, createHash } from 'node:crypto';
import type { OktaClient, PageResponse } from '../client.js';
import { findStateToken, parseAppPage } from '../saml-page.js';
import { DASHBOARD_CLIENT_ID } from './types.js';

/** What an Okta page turned out to be for the IDX sign-in. */
export type IdxPage = { kind: 'saml'; samlResponse: string } | { kind: 'state-token'; stateToken: string } | { kind: 'no-token' };

/**
 * Reads a page Okta served: the SAML form (signed in), the sign-in widget with its
 * `var stateToken = '…'` (JS-escaped, e.g. `\x2D`) — the initial sign-in or an app's step-up —
 * or anything else (a sign-in page without a token → no-token; error pages throw as on the classic path).
 */
export function readIdxPage(res: PageResponse, strict = true): IdxPage {
  if (/name=["']SAMLResponse["']/.test(res.body)) {
    const page = parseAppPage(res.status, res.finalUrl, res.body);
    if (page.kind === 'saml') return { kind: 'saml', samlResponse: page.samlResponse };
  }
  if (res.status === 200) {
    const stateToken = findStateToken(res.body, res.finalUrl);
    if (stateToken) return { kind: 'state-token', stateToken };
  }
  if (!strict) return { kind: 'no-token' };
  const page = parseAppPage(res.status, res.finalUrl, res.body);
  if (page.kind === 'saml') return { kind: 'saml', samlResponse: page.samlResponse };
  if (page.kind === 'step-up') return { kind: 'state-token', stateToken: page.stateToken };
  return { kind: 'no-token' };
}

/**
 * The org's own sign-in page, for when the AWS app is not known: Okta's built-in End-User
 * Dashboard client (the same id in every org), as the dashboard's own sign-in starts. The PKCE
 * verifier is thrown away: the code is never redeemed, only the session the sign-in sets.
 */
export function dashboardAuthorizeUrl(orgUrl: string): string {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/oauth2/v1/authorize', orgUrl);
  url.searchParams.set('client_id', DASHBOARD_CLIENT_ID);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('response_mode', 'query');
  url.searchParams.set('scope', 'openid profile email okta.users.read.self');
  url.searchParams.set('redirect_uri', new URL('/enduser/callback', orgUrl).toString());
  url.searchParams.set('state', randomBytes(16).toString('base64url'));
  url.searchParams.set('nonce', randomBytes(16).toString('base64url'));
  url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** A state token from the dashboard's sign-in page, else from the org root; undefined when neither has one. */
export async function dashboardStateToken(client: OktaClient): Promise<string | undefined> {
  for (const url of [dashboardAuthorizeUrl(client.orgUrl), `${client.orgUrl}/`]) {
    const res = await client.page(url);
    if (res.status !== 200) continue;
    const token = findStateToken(res.body, res.finalUrl);
    if (token) return token;
  }
  return undefined;
}
