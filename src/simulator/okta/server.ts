import { createRouter, type Handler, type Route, type SimRequest, type SimResponse } from '../http.js';
import { listAppLinks, openApp } from './apps.js';
import { cancelTransaction, primaryAuth, skipStep, unsupportedAuthnStep } from './authn.js';
import { acceptsJson } from './body.js';
import type { OktaContext } from './context.js';
import { notFound, oktaError } from './errors.js';
import { applyFault } from './faults.js';
import { loginPage, notFoundPage } from './pages.js';
import { rateLimit } from './rate-limit.js';
import { createSessionFromToken, deleteMySession, getMySession, refreshMySession, sessionCookieRedirect } from './sessions.js';
import { secondFactor, stepUpRedirect } from './step-up.js';
import { verifyFactor } from './verify.js';
import { organizationInfo } from '../oie/organization.js';
import { oieRoutes } from '../oie/routes.js';
import { idxRoutes } from '../idx/routes.js';
import { browserRoutes, browserSignIn } from '../browser/routes.js';

const ID = '([A-Za-z0-9]+)';

const routes = (ctx: OktaContext): Route[] => [
  ...idxRoutes(ctx),
  ...oieRoutes(ctx),
  ...browserRoutes(ctx),
  {
    method: 'GET',
    pattern: /^\/\.well-known\/okta-organization$/,
    handle: () => organizationInfo(ctx),
  },
  { method: 'POST', pattern: /^\/api\/v1\/authn$/, handle: (req) => primaryAuth(ctx, req) },
  { method: 'POST', pattern: /^\/api\/v1\/authn\/cancel$/, handle: (req) => cancelTransaction(ctx, req) },
  { method: 'POST', pattern: /^\/api\/v1\/authn\/skip$/, handle: (req) => skipStep(ctx, req) },
  { method: 'POST', pattern: new RegExp(`^/api/v1/authn/factors/${ID}/verify$`), handle: (req, [id = '']) => verifyFactor(ctx, req, id, false) },
  { method: 'POST', pattern: new RegExp(`^/api/v1/authn/factors/${ID}/verify/resend$`), handle: (req, [id = '']) => verifyFactor(ctx, req, id, true) },
  { method: 'POST', pattern: /^\/api\/v1\/authn\/(previous|recovery\/.*|credentials\/.*|factors)$/, handle: () => unsupportedAuthnStep() },
  { method: 'POST', pattern: /^\/api\/v1\/sessions$/, handle: (req) => createSessionFromToken(ctx, req) },
  { method: 'GET', pattern: /^\/api\/v1\/sessions\/me$/, handle: (req) => getMySession(ctx, req) },
  { method: 'DELETE', pattern: /^\/api\/v1\/sessions\/me$/, handle: (req) => deleteMySession(ctx, req) },
  { method: 'POST', pattern: /^\/api\/v1\/sessions\/me\/lifecycle\/refresh$/, handle: (req) => refreshMySession(ctx, req) },
  { method: 'GET', pattern: /^\/api\/v1\/users\/me\/appLinks$/, handle: (req) => listAppLinks(ctx, req) },
  { method: 'GET', pattern: /^\/login\/sessionCookieRedirect$/, handle: (req) => sessionCookieRedirect(ctx, req) },
  { method: 'GET', pattern: /^\/login\/login\.htm$/, handle: (req) => (ctx.scenario.browserSignIn ? browserSignIn(ctx, req) : loginPage()) },
  { method: 'GET', pattern: /^\/login\/second-factor$/, handle: (req) => secondFactor(ctx, req) },
  { method: 'GET', pattern: /^\/login\/step-up\/redirect$/, handle: (req) => stepUpRedirect(ctx, req) },
  { method: 'GET', pattern: new RegExp(`^/home/([a-z0-9_]+)/${ID}/\\d+$`), handle: (req, [name = '', id = '']) => openApp(ctx, req, name, id) },
  { method: 'GET', pattern: new RegExp(`^/app/([a-z0-9_]+)/${ID}/sso/saml$`), handle: (req, [name = '', id = '']) => openApp(ctx, req, name, id) },
];

/**
 * An org that does not offer the Classic Authentication API to this client (Identity Engine orgs
 * whose authentication policies /api/v1/authn cannot satisfy): Okta's E0000015 "feature" error.
 * Clients must use the device flow or IDX instead.
 */
const classicAuthnOff = (): SimResponse => oktaError(403, 'E0000015', 'You do not have permission to access the feature you are requesting');

const isApi = (req: SimRequest): boolean => req.url.pathname.startsWith('/api/');

/** The Okta org: injected faults, routes, JSON Accept negotiation and rate-limit headers on `/api/v1`. */
export const oktaHandler = (ctx: OktaContext): Handler => {
  const route = createRouter(routes(ctx), {
    notFound: (req) => (isApi(req) ? notFound(req.url.pathname) : notFoundPage()),
    methodNotAllowed: () => oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method'),
  });
  const serve = async (req: SimRequest): Promise<SimResponse> => {
    const fault = await applyFault(ctx, req);
    if (fault) return fault;
    const limit = rateLimit(ctx, req);
    if (limit.limited) return limit.limited;
    if (!isApi(req)) {
      const page = await route(req);
      return { ...page, headers: { ...limit.headers, ...page.headers } };
    }
    if (ctx.scenario.classicAuthnDisabled && req.url.pathname.startsWith('/api/v1/authn')) return classicAuthnOff();
    const res = acceptsJson(req)
      ? await route(req)
      : oktaError(406, 'E0000021', 'Bad request. Accept and/or Content-Type headers likely do not match supported values.');
    return { ...res, headers: { ...limit.headers, ...res.headers } };
  };
  // The Date header is the org's clock (X-Rate-Limit-Reset is read against it).
  return async (req) => {
    const res = await serve(req);
    return { ...res, headers: { date: ctx.clock.now().toUTCString(), ...res.headers } };
  };
};
