import { LoginRequiredError, OktaError, runLogin } from '../../errors.js';
import type { HttpResponse } from '../../platform/http.js';
import { USER_AGENT } from '../client.js';
import { parseAppPage } from '../saml-page.js';
import type { DeviceFlowContext } from './device.js';
import { postForm, postOAuth } from './form.js';
import { GRANT_TOKEN_EXCHANGE, TOKEN_TYPE_ACCESS, TOKEN_TYPE_ID, TOKEN_TYPE_WEB_SSO, type OidcTokens, type WebSsoTokenResponse } from './types.js';

/**
 * RFC 8693 token exchange at the org authorization server: the access token (actor) and ID
 * token (subject) for a one-time Web SSO token whose audience is the AWS app.
 */
export async function exchangeForWebSsoToken(ctx: DeviceFlowContext, tokens: OidcTokens, appId: string): Promise<string> {
  const res = await postOAuth<WebSsoTokenResponse>({
    http: ctx.http,
    log: ctx.log,
    url: `${ctx.orgUrl}/oauth2/v1/token`,
    params: {
      client_id: ctx.clientId,
      grant_type: GRANT_TOKEN_EXCHANGE,
      actor_token: tokens.accessToken,
      actor_token_type: TOKEN_TYPE_ACCESS,
      subject_token: tokens.idToken,
      subject_token_type: TOKEN_TYPE_ID,
      requested_token_type: TOKEN_TYPE_WEB_SSO,
      audience: `urn:okta:apps:${appId}`,
    },
    signal: ctx.signal,
  });
  if (typeof res.access_token !== 'string' || res.access_token === '') throw new OktaError('Okta returned no Web SSO token');
  ctx.log.addSecret(res.access_token);
  return res.access_token;
}

/**
 * Redeems the Web SSO token for the AWS app's SAML form: `POST /login/token/sso` (form
 * `token=…`, `Accept: text/html`), which keeps the token out of URLs and proxy logs. An org that
 * answers 404/405 to the POST gets the `GET ?token=` that okta-aws-cli sends.
 */
export async function samlFromWebSsoToken(ctx: DeviceFlowContext, webSsoToken: string): Promise<string> {
  const url = `${ctx.orgUrl}/login/token/sso`;
  let res: HttpResponse = await postForm({ http: ctx.http, log: ctx.log, url, params: { token: webSsoToken }, accept: 'text/html', signal: ctx.signal });
  if (res.status === 404 || res.status === 405) {
    const get = new URL(url);
    get.searchParams.set('token', webSsoToken);
    res = await ctx.http.send({ method: 'GET', url: get.toString(), headers: { 'user-agent': USER_AGENT, accept: 'text/html' }, signal: ctx.signal });
    ctx.log.debug(`okta GET /login/token/sso → ${res.status}`);
  }
  const finalUrl = res.status >= 300 && res.status < 400 && res.headers.location ? new URL(res.headers.location, url).toString() : url;
  const page = parseAppPage(res.status, finalUrl, res.body);
  if (page.kind === 'saml') return page.samlResponse;
  if (page.kind === 'login-required') throw new LoginRequiredError('Okta did not accept the Web SSO token', { remedy: runLogin() });
  throw new OktaError(
    'The AWS app asked for another sign-in step after the Web SSO exchange — Okta admin: give the OIDC app the same authentication policy as the AWS app',
  );
}
