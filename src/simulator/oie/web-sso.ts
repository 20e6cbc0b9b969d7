import type { SimRequest, SimResponse } from '../http.js';
import { samlPostPage, forbiddenPage } from '../okta/pages.js';
import { samlResponseFor } from '../okta/saml-response.js';
import { AWS_SAML_ACS } from '../saml/build.js';
import type { OieState } from './state.js';

/**
 * `/login/token/sso`: a one-time Web SSO token → the AWS app's auto-submitting SAML form, the
 * same signed assertion the classic app page serves. The token comes as a form field (POST)
 * or as `?token=` (GET, what okta-aws-cli sends).
 */
export const webSso = (state: OieState, req: SimRequest): SimResponse => {
  const token =
    req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(req.body.toString('utf8')).get('token')
      : req.url.searchParams.get('token');
  const grant = token ? state.webSsoTokens.get(token) : undefined;
  const ctx = state.okta;
  if (!grant || grant.used || grant.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    return forbiddenPage('The token is invalid, expired or already used.');
  }
  grant.used = true;
  const app = ctx.apps.find((a) => a.id === grant.appId);
  if (!app) return forbiddenPage('The application no longer exists.');
  return samlPostPage(AWS_SAML_ACS, samlResponseFor(ctx, grant.user, app));
};
