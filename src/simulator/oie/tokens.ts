import { randomAlnum, oktaToken } from '../ids.js';
import type { SimOidcClient, SimUser } from '../types.js';
import { atHash, signJwt } from './jwt.js';
import type { OieState } from './state.js';

export interface MintInput {
  user: SimUser;
  client: SimOidcClient;
  scopes: string[];
  sessionId: string;
  /** From the refresh_token grant (not the browser sign-in). */
  refreshed: boolean;
  /** Issue a refresh token (offline_access granted). */
  offline: boolean;
}

/** The org authorization server's token answer: access token, ID token, maybe a refresh token. */
export const mintTokens = (state: OieState, m: MintInput): Record<string, unknown> => {
  const ctx = state.okta;
  const now = ctx.clock.now();
  const iat = Math.floor(now.getTime() / 1000);
  const lifetime = ctx.scenario.oidcTokenLifetimeSeconds;
  const exp = iat + lifetime;
  const expiresAt = new Date(exp * 1000);
  const accessToken = signJwt(
    {
      ver: 1,
      jti: `AT.${randomAlnum(43)}`,
      iss: ctx.baseUrl,
      aud: ctx.baseUrl,
      sub: m.user.login,
      iat,
      exp,
      cid: m.client.clientId,
      uid: m.user.id,
      scp: m.scopes,
      auth_time: iat,
    },
    ctx.signing,
  );
  const body: Record<string, unknown> = { token_type: 'Bearer', expires_in: lifetime, access_token: accessToken, scope: m.scopes.join(' ') };
  state.accessTokens.set(accessToken, { ...m, expiresAt });
  if (m.scopes.includes('openid')) {
    const idToken = signJwt(
      {
        sub: m.user.id,
        ver: 1,
        iss: ctx.baseUrl,
        aud: m.client.clientId,
        iat,
        exp,
        jti: `ID.${randomAlnum(43)}`,
        amr: ['pwd', 'mfa', 'otp'],
        idp: ctx.orgId,
        sid: m.sessionId,
        auth_time: iat,
        at_hash: atHash(accessToken),
      },
      ctx.signing,
    );
    body.id_token = idToken;
    state.idTokens.set(idToken, { ...m, expiresAt });
  }
  if (m.offline) {
    const refreshToken = oktaToken('').slice(0, 43);
    body.refresh_token = refreshToken;
    state.refreshTokens.set(refreshToken, { user: m.user, client: m.client, scopes: m.scopes, sessionId: m.sessionId, active: true });
  }
  return body;
};

/** A live access token (not expired), if the string is one we issued. */
export const liveAccessToken = (state: OieState, token: string | undefined) => {
  const grant = token ? state.accessTokens.get(token) : undefined;
  return grant && grant.expiresAt.getTime() > state.okta.clock.now().getTime() ? grant : undefined;
};
