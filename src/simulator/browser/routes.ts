import { json, redirect, type Route, type SimRequest, type SimResponse } from '../http.js';
import { randomAlnum } from '../ids.js';
import type { OktaContext } from '../okta/context.js';
import { forbiddenPage } from '../okta/pages.js';
import { browserSignInPage } from './pages.js';
import { browserStateOf } from './state.js';
import { SIGN_IN_HOST, signInOrigin } from './webauthn.js';

/** The cookie that marks a browser whose device check passed (Okta keys device signals on its device token). */
export const MANAGED_DEVICE_COOKIE = 'sim_managed_device';

const onSignInHost = (req: SimRequest): boolean => (req.headers.host ?? '').split(':')[0] === SIGN_IN_HOST;

/** GET /login/login.htm in the `browserSignIn` scenario: the HTML sign-in page (on the WebAuthn-capable host). */
export const browserSignIn = (ctx: OktaContext, req: SimRequest): SimResponse => {
  if (!onSignInHost(req)) return redirect(`${signInOrigin(ctx)}${req.url.pathname}${req.url.search}`);
  const fromURI = req.url.searchParams.get('fromURI') ?? '/app/UserHome';
  return browserSignInPage(ctx.baseUrl, fromURI.startsWith('/') && !fromURI.startsWith('//') ? fromURI : '/app/UserHome');
};

/** True when the request comes from a browser whose device check passed (device assurance). */
export const deviceAssured = (ctx: OktaContext, req: SimRequest): boolean => {
  const token = req.cookies.get(MANAGED_DEVICE_COOKIE);
  return token !== undefined && browserStateOf(ctx).devices.has(token);
};

/**
 * POST /sim/browser/device-check: stands for the device signals Okta Verify / FastPass give a
 * device assurance policy (OS version, disk encryption, screen lock...). Only a browser running
 * the sign-in page gets here; API clients never do.
 */
const deviceCheck = (ctx: OktaContext): SimResponse => {
  const deviceToken = `dev${randomAlnum(24)}`;
  browserStateOf(ctx).devices.add(deviceToken);
  return json(200, { deviceToken });
};

/** GET /sim/browser/finish?token&device&redirectUrl (org host): keeps the device cookie, then Okta's sessionCookieRedirect. */
const finish = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const device = req.url.searchParams.get('device') ?? '';
  if (!browserStateOf(ctx).devices.has(device)) return forbiddenPage('Unknown device.');
  const next = new URLSearchParams({ token: req.url.searchParams.get('token') ?? '', redirectUrl: req.url.searchParams.get('redirectUrl') ?? '' });
  return redirect(`${ctx.baseUrl}/login/sessionCookieRedirect?${next}`, {
    'set-cookie': `${MANAGED_DEVICE_COOKIE}=${device}; Path=/; Max-Age=31536000; HttpOnly`,
  });
};

export const browserRoutes = (ctx: OktaContext): Route[] => [
  { method: 'POST', pattern: /^\/sim\/browser\/device-check$/, handle: () => deviceCheck(ctx) },
  { method: 'GET', pattern: /^\/sim\/browser\/finish$/, handle: (req) => finish(ctx, req) },
];
