import type { Route } from '../http.js';
import type { OktaContext } from '../okta/context.js';
import { activatePage, activateSubmit } from './activate.js';
import { deviceAuthorize } from './device.js';
import { oauthError } from './form.js';
import { oieOf, type OieState } from './state.js';
import { tokenEndpoint } from './token.js';
import { webSso } from './web-sso.js';

/** The Okta Identity Engine endpoints: org authorization server, activation page, Web SSO. */
export const oieRoutes = (ctx: OktaContext): Route[] => {
  const with_ =
    (fn: (state: OieState, ...a: Parameters<Route['handle']>) => ReturnType<Route['handle']>): Route['handle'] =>
    (req, params) => {
      const state = oieOf(ctx);
      return state ? fn(state, req, params) : oauthError(404, 'not_found', 'No authorization server');
    };
  return [
    { method: 'POST', pattern: /^\/oauth2\/v1\/device\/authorize$/, handle: with_((s, req) => deviceAuthorize(s, req)) },
    { method: 'POST', pattern: /^\/oauth2\/v1\/token$/, handle: with_((s, req) => tokenEndpoint(s, req)) },
    { method: 'GET', pattern: /^\/activate$/, handle: (req) => activatePage(req) },
    { method: 'POST', pattern: /^\/activate$/, handle: with_((s, req) => activateSubmit(s, req)) },
    { method: 'POST', pattern: /^\/login\/token\/sso$/, handle: with_((s, req) => webSso(s, req)) },
    { method: 'GET', pattern: /^\/login\/token\/sso$/, handle: with_((s, req) => webSso(s, req)) },
  ];
};
