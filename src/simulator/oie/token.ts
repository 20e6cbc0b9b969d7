import type { SimRequest, SimResponse } from '../http.js';
import type { SimOidcClient } from '../types.js';
import { grantNotAllowed, unknownClient } from './device.js';
import { tokenExchange } from './exchange.js';
import { GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN, GRANT_TOKEN_EXCHANGE } from './fixtures.js';
import { missing, oauthError, oauthJson, readForm } from './form.js';
import type { OieState } from './state.js';
import { mintTokens } from './tokens.js';

/** RFC 8628 §3.5 answers, with Okta's descriptions. */
const PENDING = 'The device authorization is pending. Please try again later.';
const SLOW_DOWN_SECONDS = 5;
/** A poll this much earlier than the interval still counts as on time (timer and network jitter). */
const EARLY_TOLERANCE_MS = 50;

const deviceCodeGrant = (state: OieState, form: URLSearchParams, client: SimOidcClient): SimResponse => {
  const code = form.get('device_code');
  if (!code) return missing('device_code');
  const grant = state.devices.get(code);
  if (!grant || grant.client.clientId !== client.clientId || grant.status === 'redeemed') {
    return oauthError(400, 'invalid_grant', 'The device code is invalid or has expired.');
  }
  const now = state.okta.clock.now();
  if (now.getTime() >= grant.expiresAt.getTime()) return oauthError(400, 'expired_token', 'The device code has expired.');
  grant.polls++;
  // RFC 8628 §3.5: `interval` is the minimum time between polling requests — counted from the
  // previous *poll*, not from the authorization. gimme-aws-creds (and Okta's own CLI samples) poll
  // once right after /device/authorize; Okta answers that poll authorization_pending, not slow_down.
  const early = grant.lastPollAt !== undefined && now.getTime() - grant.lastPollAt.getTime() < grant.interval * 1000 - EARLY_TOLERANCE_MS;
  grant.lastPollAt = now;
  if (early || grant.polls <= state.okta.scenario.deviceSlowDownPolls) {
    grant.interval += SLOW_DOWN_SECONDS;
    return oauthError(400, 'slow_down', 'The client is polling too frequently. Please slow down.');
  }
  if (grant.status === 'denied') return oauthError(400, 'access_denied', 'The resource owner or authorization server denied the request.');
  if (grant.status === 'pending' || !grant.user || !grant.sessionId) return oauthError(400, 'authorization_pending', PENDING);
  grant.status = 'redeemed';
  return oauthJson(
    mintTokens(state, {
      user: grant.user,
      client,
      scopes: grant.scopes,
      sessionId: grant.sessionId,
      refreshed: false,
      offline: grant.scopes.includes('offline_access'),
    }),
  );
};

const refreshTokenGrant = (state: OieState, form: URLSearchParams, client: SimOidcClient): SimResponse => {
  const token = form.get('refresh_token');
  if (!token) return missing('refresh_token');
  const grant = state.refreshTokens.get(token);
  if (!grant || !grant.active || grant.client.clientId !== client.clientId) {
    return oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.');
  }
  const asked = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (asked.some((s) => !grant.scopes.includes(s))) {
    return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
  }
  // Okta rotates refresh tokens: the old one stops working once the new one is issued.
  grant.active = false;
  return oauthJson(
    mintTokens(state, {
      user: grant.user,
      client,
      scopes: asked.length > 0 ? asked : grant.scopes,
      sessionId: grant.sessionId,
      refreshed: true,
      offline: true,
    }),
  );
};

/** POST /oauth2/v1/token on the org authorization server. */
export const tokenEndpoint = (state: OieState, req: SimRequest): SimResponse => {
  const read = readForm(req);
  if ('error' in read) return read.error;
  const { form } = read;
  const clientId = form.get('client_id');
  if (!clientId) return oauthError(401, 'invalid_client', 'No client credentials found.');
  const client = state.clients.find((c) => c.clientId === clientId);
  if (!client) return unknownClient();
  const grantType = form.get('grant_type');
  if (!grantType) return missing('grant_type');
  if (![GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN, GRANT_TOKEN_EXCHANGE].includes(grantType)) {
    return oauthError(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server: ${grantType}.`);
  }
  if (!client.grantTypes.includes(grantType)) return grantNotAllowed(client.grantTypes);
  if (grantType === GRANT_DEVICE_CODE) return deviceCodeGrant(state, form, client);
  if (grantType === GRANT_REFRESH_TOKEN) return refreshTokenGrant(state, form, client);
  return tokenExchange(state, form, client);
};
