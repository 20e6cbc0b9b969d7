import type { SimResponse } from '../http.js';
import { oktaToken } from '../ids.js';
import type { SimOidcClient } from '../types.js';
import { missing, oauthError, oauthJson } from './form.js';
import type { OieState } from './state.js';
import { liveAccessToken } from './tokens.js';

const ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
const ID = 'urn:ietf:params:oauth:token-type:id_token';
const WEB_SSO = 'urn:okta:oauth:token-type:web_sso_token';
const WEB_SSO_LIFETIME_SECONDS = 300;

/**
 * RFC 8693 token exchange for a Web SSO token (what okta-aws-cli uses): the access token
 * (actor) and the ID token (subject, bound to the browser session by `sid`) → a one-time token
 * for `/login/token/sso` of the AWS app named by `audience=urn:okta:apps:{appId}`.
 */
export const tokenExchange = (state: OieState, form: URLSearchParams, client: SimOidcClient): SimResponse => {
  for (const name of ['actor_token', 'actor_token_type', 'subject_token', 'subject_token_type', 'requested_token_type', 'audience']) {
    if (!form.get(name)) return missing(name);
  }
  if (form.get('actor_token_type') !== ACCESS) return oauthError(400, 'invalid_request', "The 'actor_token_type' is invalid.");
  if (form.get('subject_token_type') !== ID) return oauthError(400, 'invalid_request', "The 'subject_token_type' is invalid.");
  if (form.get('requested_token_type') !== WEB_SSO) return oauthError(400, 'invalid_request', "The 'requested_token_type' is invalid.");
  const ctx = state.okta;
  const now = ctx.clock.now().getTime();
  const actor = liveAccessToken(state, form.get('actor_token') ?? undefined);
  if (!actor || actor.client.clientId !== client.clientId) return oauthError(400, 'invalid_grant', "The 'actor_token' is invalid.");
  const subject = state.idTokens.get(form.get('subject_token') ?? '');
  if (!subject || subject.client.clientId !== client.clientId || subject.user.id !== actor.user.id) {
    return oauthError(400, 'invalid_grant', "'subject_token' is invalid.");
  }
  const session = state.sessions.get(subject.sessionId);
  if (subject.expiresAt.getTime() <= now || !session || session.ended || session.expiresAt.getTime() <= now) {
    return oauthError(400, 'invalid_grant', "The 'subject_token' either expired or the session associated with it was terminated.");
  }
  if (subject.refreshed && ctx.scenario.rejectRefreshedIdToken) return oauthError(400, 'invalid_grant', "'subject_token' is invalid.");
  if (!actor.scopes.includes('okta.apps.sso')) {
    return oauthError(400, 'invalid_scope', "The 'actor_token' does not have the required scope: okta.apps.sso.");
  }
  const appId = /^urn:okta:apps:([A-Za-z0-9]+)$/.exec(form.get('audience') ?? '')?.[1];
  const app = appId ? ctx.apps.find((a) => a.id === appId) : undefined;
  if (!app) return oauthError(400, 'invalid_request', "The 'audience' parameter is invalid.");
  if (client.webSsoApps && !client.webSsoApps.includes(app.id)) {
    return oauthError(400, 'invalid_request', 'The client is not an allowed Web SSO client of the target application.');
  }
  if (ctx.scenario.webSsoAssuranceUnmet) {
    return oauthError(400, 'invalid_grant', "The application's assurance requirements are not met by the 'subject_token'.");
  }
  const token = oktaToken('');
  state.webSsoTokens.set(token, { user: actor.user, appId: app.id, expiresAt: new Date(now + WEB_SSO_LIFETIME_SECONDS * 1000), used: false });
  return oauthJson({ token_type: 'N_A', expires_in: WEB_SSO_LIFETIME_SECONDS, access_token: token, issued_token_type: WEB_SSO });
};
