import { OktaError } from '../../errors.js';
import { awsAppsOnOrg } from '../apps.js';
import { USER_AGENT } from '../client.js';
import { mapOktaError } from '../errors.js';
import { rateLimitResetAt } from '../rate-limit.js';
import type { OktaAppLink } from '../types.js';
import type { DeviceFlowContext } from './device.js';

/**
 * The AWS apps assigned to the signed-in user, read with the OIDC access token
 * (`GET /api/v1/users/me/appLinks`, `Authorization: Bearer …`; scope okta.users.read.self).
 */
export async function listAwsAppsWithToken(ctx: DeviceFlowContext, accessToken: string): Promise<OktaAppLink[]> {
  const res = await ctx.http.send({
    method: 'GET',
    url: `${ctx.orgUrl}/api/v1/users/me/appLinks`,
    headers: { 'user-agent': USER_AGENT, accept: 'application/json', authorization: `Bearer ${accessToken}` },
    signal: ctx.signal,
  });
  ctx.log.debug(`okta GET /api/v1/users/me/appLinks → ${res.status}`);
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = undefined;
  }
  if (res.status === 401 || res.status === 403) {
    throw new OktaError(
      `Okta would not list your apps with the OIDC token (HTTP ${res.status}) — set appid in the config (or --app 0oa…/272), or ask your ` +
        `Okta admin to grant the OIDC app ${ctx.clientId} the scopes okta.apps.read and okta.users.read.self`,
    );
  }
  if (res.status >= 400) {
    const now = ctx.clock.now();
    throw mapOktaError(res.status, body, { orgUrl: ctx.orgUrl, now, rateLimitResetAt: rateLimitResetAt(res.headers, now) });
  }
  if (!Array.isArray(body)) throw new OktaError('Okta returned an unexpected app list');
  return awsAppsOnOrg(ctx.orgUrl, body);
}
