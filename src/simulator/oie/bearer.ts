import type { SimRequest } from '../http.js';
import type { OktaContext } from '../okta/context.js';
import type { SimUser } from '../types.js';
import { oieOf } from './state.js';
import { liveAccessToken } from './tokens.js';

/**
 * The user behind `Authorization: Bearer <access token>` when the token is live and carries
 * `scope` (Okta's /api/v1 accepts OAuth access tokens with okta.* scopes).
 */
export const bearerSession = (ctx: OktaContext, req: SimRequest, scope: string): { user: SimUser } | undefined => {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  const state = oieOf(ctx);
  const grant = m && state ? liveAccessToken(state, m[1]) : undefined;
  return grant && grant.scopes.includes(scope) ? { user: grant.user } : undefined;
};
