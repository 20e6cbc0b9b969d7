import { isOktaBedrockError, runLogin } from '../errors.js';
import { OktaClient } from '../okta/client.js';
import { CookieJar } from '../okta/cookie-jar.js';
import { tokensUsable } from '../okta/oie/token.js';
import { currentSession } from '../okta/session.js';
import { timeText } from '../platform/ui.js';
import { OidcTokenFileStore } from '../store/oidc-cache.js';
import { fail, pass, skip, type CheckResult, type DoctorCheck, type DoctorState } from './types.js';

/**
 * An Identity Engine (device flow) login keeps OIDC tokens, not a session cookie: valid tokens
 * (or a refresh token to renew them) mean refreshes need no browser. Read only, no request.
 */
async function oidcTokensCheck(state: DoctorState, orgUrl: string, clientId: string): Promise<CheckResult> {
  const { deps } = state;
  const now = deps.clock.now();
  const fix = `${runLogin(state.profile)} and approve the sign-in in the browser`;
  const tokens = await new OidcTokenFileStore(deps.paths.cacheDir, orgUrl, clientId, () => now).load();
  if (!tokens) return fail(`no Okta Identity Engine tokens cached for ${state.username ?? orgUrl}`, fix);
  const who = tokens.login || state.username || orgUrl;
  if (tokensUsable(tokens, now, 0)) {
    const until = new Date(Math.min(Date.parse(tokens.accessTokenExpiresAt), Date.parse(tokens.idTokenExpiresAt)));
    return pass(`${who}, Identity Engine tokens expire ${timeText(until, now)}${tokens.refreshToken ? ' (renewable with the refresh token)' : ''}`);
  }
  if (tokens.refreshToken) return pass(`${who}, Identity Engine tokens expired; renewable with the refresh token`);
  return fail(`the Okta Identity Engine tokens of ${who} expired at ${timeText(new Date(tokens.idTokenExpiresAt), now)}`, fix);
}

/**
 * Okta session valid: the cached session cookie still opens GET /api/v1/sessions/me (read only);
 * after a device-flow login, the cached OIDC tokens.
 */
export const oktaSessionCheck: DoctorCheck = {
  id: 'okta-session',
  title: 'Okta session',
  async run(state) {
    const { orgUrl, username, deps } = state;
    if (state.record?.authFlow === 'device' && state.record.oidcClientId && orgUrl) return oidcTokensCheck(state, orgUrl, state.record.oidcClientId);
    if (state.record?.authFlow === 'browser') {
      // The session lives in the okta-bedrock browser profile's cookies, which we never read here.
      return pass(`${username ?? orgUrl}: signs in through the browser (the Okta session is kept in the okta-bedrock browser profile)`);
    }
    if (!orgUrl || !username) return skip('no Okta org and username known yet');
    const fix = `${runLogin(state.profile)} (password + MFA); later refreshes reuse the session`;
    const session = await deps.cache.readSession(orgUrl, username);
    if (!session) return fail(`no Okta session cached for ${username}`, fix);
    if (Date.parse(session.expiresAt) <= deps.clock.now().getTime())
      return fail(`the Okta session of ${username} expired at ${timeText(new Date(session.expiresAt), deps.clock.now())}`, fix);
    const jar = new CookieJar(orgUrl);
    for (const [k, v] of Object.entries(session.cookies)) jar.set(k, v);
    try {
      const live = await currentSession(new OktaClient({ orgUrl, http: deps.http, log: deps.core.log, cookies: jar }));
      if (!live) return fail(`Okta no longer knows the session of ${username} (signed out or expired)`, fix);
      return pass(`${username}, ${live.status ?? 'ACTIVE'} until ${timeText(new Date(live.expiresAt ?? session.expiresAt), deps.clock.now())}`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return fail(e.message, 'check your network and proxy');
    }
  },
};
