import { OktaError } from '../../errors.js';
import type { Logger } from '../../platform/log.js';
import type { DeviceFlowContext } from './device.js';
import { postOAuth } from './form.js';
import { decodeJwtClaims, jwtExpiry } from './jwt.js';
import type { OidcTokens, TokenResponse } from './types.js';

/** Keeps the tokens we got (device code or refresh grant) in the shape we cache. */
export function tokensFromResponse(res: TokenResponse, now: Date, log: Logger, previous?: OidcTokens): OidcTokens {
  const idToken = res.id_token ?? previous?.idToken;
  if (!res.access_token || !idToken) {
    throw new OktaError('Okta returned no ID token — the OIDC app must be allowed the `openid` scope (see "OIE org" in the README)');
  }
  log.addSecret(res.access_token);
  log.addSecret(idToken);
  log.addSecret(res.refresh_token);
  const accessFallback = new Date(now.getTime() + (res.expires_in > 0 ? res.expires_in : 3600) * 1000);
  const accessTokenExpiresAt = jwtExpiry(res.access_token, accessFallback);
  const sub = decodeJwtClaims(res.access_token)?.sub;
  return {
    accessToken: res.access_token,
    idToken,
    refreshToken: res.refresh_token ?? previous?.refreshToken,
    scope: res.scope ?? previous?.scope ?? '',
    accessTokenExpiresAt: accessTokenExpiresAt.toISOString(),
    idTokenExpiresAt: jwtExpiry(idToken, accessTokenExpiresAt).toISOString(),
    login: typeof sub === 'string' ? sub : (previous?.login ?? ''),
    ...(previous ? { refreshed: true } : {}),
  };
}

/** Both tokens the exchange needs are valid for at least `marginMs` more. */
export function tokensUsable(t: OidcTokens, now: Date, marginMs = 60_000): boolean {
  const limit = now.getTime() + marginMs;
  return Date.parse(t.accessTokenExpiresAt) > limit && Date.parse(t.idTokenExpiresAt) > limit;
}

/** `grant_type=refresh_token`: a new access token and ID token without the browser. */
export async function refreshTokens(ctx: DeviceFlowContext, tokens: OidcTokens): Promise<OidcTokens> {
  if (!tokens.refreshToken) throw new OktaError('No refresh token cached');
  const res = await postOAuth<TokenResponse>({
    http: ctx.http,
    log: ctx.log,
    url: `${ctx.orgUrl}/oauth2/v1/token`,
    params: { client_id: ctx.clientId, grant_type: 'refresh_token', refresh_token: tokens.refreshToken, scope: tokens.scope || undefined },
    signal: ctx.signal,
  });
  return tokensFromResponse(res, ctx.clock.now(), ctx.log, tokens);
}
