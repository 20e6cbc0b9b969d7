import { isOktaBedrockError } from '../../errors.js';
import { OktaClient } from '../../okta/client.js';
import { CookieJar } from '../../okta/cookie-jar.js';
import { currentSession } from '../../okta/session.js';
import { fail, loginCommand, pass, skip, type DoctorCheck } from './types.js';

/** Okta session valid: the cached session cookie still opens GET /api/v1/sessions/me (read only). */
export const oktaSessionCheck: DoctorCheck = {
  id: 'okta-session',
  title: 'Okta session',
  async run(state) {
    const { orgUrl, username, deps } = state;
    if (!orgUrl || !username) return skip('no Okta org and username known yet');
    const fix = `run \`${loginCommand(state.profile)}\` (password + MFA); later refreshes reuse the session`;
    const session = await deps.cache.readSession(orgUrl, username);
    if (!session) return fail(`no Okta session cached for ${username}`, fix);
    if (Date.parse(session.expiresAt) <= deps.clock.now().getTime()) return fail(`the Okta session of ${username} expired at ${session.expiresAt}`, fix);
    const jar = new CookieJar(orgUrl);
    for (const [k, v] of Object.entries(session.cookies)) jar.set(k, v);
    try {
      const live = await currentSession(new OktaClient({ orgUrl, http: deps.http, log: deps.core.log, cookies: jar }));
      if (!live) return fail(`Okta no longer knows the session of ${username} (signed out or expired)`, fix);
      return pass(`${username}, ${live.status ?? 'ACTIVE'} until ${live.expiresAt ?? session.expiresAt}`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return fail(e.message, 'check your network and proxy');
    }
  },
};
