import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http.js';
import { randomAlnum } from '../ids.js';
import type { SimDeviceAuthorization, SimUser } from '../types.js';
import { GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN } from './fixtures.js';
import { missing, oauthError, oauthJson, readForm } from './form.js';
import type { DeviceGrant, OieState } from './state.js';

const LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

/** Okta's user codes: 8 upper-case letters (e.g. `NNBJWNSJ`). */
const userCode = (): string => Array.from(randomAlnum(8), (c) => LETTERS[c.charCodeAt(0) % LETTERS.length]).join('');

/** Scopes anyone may ask for; the Okta API read scopes must be granted to the app. */
const OPEN_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access', 'okta.apps.sso']);

export const unknownClient = (): SimResponse => oauthError(401, 'invalid_client', "Invalid value for 'client_id' parameter.");

export const grantNotAllowed = (grantTypes: string[]): SimResponse =>
  oauthError(400, 'unauthorized_client', `The client is not authorized to use the provided grant type. Configured grant types: [${grantTypes.join(', ')}].`);

/** POST /oauth2/v1/device/authorize (client_id, scope). */
export const deviceAuthorize = (state: OieState, req: SimRequest): SimResponse => {
  const read = readForm(req);
  if ('error' in read) return read.error;
  const clientId = read.form.get('client_id');
  if (!clientId) return missing('client_id');
  const client = state.clients.find((c) => c.clientId === clientId);
  if (!client) return unknownClient();
  if (!client.grantTypes.includes(GRANT_DEVICE_CODE)) return grantNotAllowed(client.grantTypes);
  let scopes = (read.form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (scopes.length === 0) return missing('scope');
  const refused = scopes.filter((s) => !OPEN_SCOPES.has(s) && !client.grantedScopes.includes(s));
  if (refused.length > 0) return oauthError(400, 'invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
  if (scopes.includes('offline_access') && !client.grantTypes.includes(GRANT_REFRESH_TOKEN)) {
    if (state.okta.scenario.rejectOfflineAccessWithoutRefreshGrant) {
      return oauthError(400, 'invalid_scope', "The requested scope 'offline_access' is not allowed for this client.");
    }
    scopes = scopes.filter((s) => s !== 'offline_access');
  }
  const now = state.okta.clock.now();
  const grant: DeviceGrant = {
    deviceCode: randomUUID(),
    userCode: userCode(),
    client,
    scopes,
    expiresAt: new Date(now.getTime() + state.okta.scenario.deviceCodeLifetimeSeconds * 1000),
    interval: state.okta.scenario.deviceInterval,
    polls: 0,
    status: 'pending',
  };
  state.devices.set(grant.deviceCode, grant);
  state.userCodes.set(grant.userCode, grant.deviceCode);
  const seen: SimDeviceAuthorization = { userCode: grant.userCode, clientId, scope: scopes.join(' ') };
  for (const w of state.waiters.splice(0)) w(seen);
  const activate = `${state.okta.baseUrl}/activate`;
  return oauthJson({
    device_code: grant.deviceCode,
    user_code: grant.userCode,
    verification_uri: activate,
    verification_uri_complete: `${activate}?user_code=${grant.userCode}`,
    expires_in: state.okta.scenario.deviceCodeLifetimeSeconds,
    interval: grant.interval,
  });
};

const pendingGrant = (state: OieState, code: string): DeviceGrant => {
  const deviceCode = state.userCodes.get(code.replace(/[^A-Za-z]/g, '').toUpperCase());
  const grant = deviceCode ? state.devices.get(deviceCode) : undefined;
  if (!grant) throw new Error(`simulator: no device authorization with user code ${code}`);
  if (grant.status !== 'pending') throw new Error(`simulator: user code ${code} is already ${grant.status}`);
  return grant;
};

/** The browser step: the person signs in (a new Okta session) and approves the code. */
export const approveDevice = (state: OieState, code: string, user: SimUser): void => {
  const grant = pendingGrant(state, code);
  const now = state.okta.clock.now();
  const session = {
    id: `idx${randomAlnum(22)}`,
    user,
    expiresAt: new Date(now.getTime() + state.okta.sessionLifetimeSeconds * 1000),
    ended: false,
  };
  state.sessions.set(session.id, session);
  grant.status = 'approved';
  grant.user = user;
  grant.sessionId = session.id;
};

export const denyDevice = (state: OieState, code: string): void => {
  pendingGrant(state, code).status = 'denied';
};
