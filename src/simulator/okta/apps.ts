import { json, redirect, type SimRequest, type SimResponse } from '../http.js';
import { stableOktaId } from '../ids.js';
import type { SimApp } from '../types.js';
import type { OktaContext } from './context.js';
import { invalidSession } from './errors.js';
import { currentSession } from './sessions.js';
import { errorPage, notFoundPage, plainAppPage, samlPostPage } from './pages.js';
import { samlResponseFor } from './saml-response.js';
import { needsStepUp, startStepUp } from './step-up.js';
import { AWS_SAML_ACS } from '../saml/build.js';
import { bearerSession } from '../oie/bearer.js';
import { idxSignInForApp, idxStepUpForApp } from '../idx/handlers.js';
import { deviceAssured } from '../browser/routes.js';
import { deviceAssurancePage } from '../browser/pages.js';

export const AWS_APP_NAME = 'amazon_aws';

/** Okta's app link: `/home/{appName}/{appId}/{n}` (272 for the AWS app). */
export const appLinkUrl = (baseUrl: string, app: SimApp): string => `${baseUrl}/home/${app.appName}/${app.id}/${app.appName === AWS_APP_NAME ? 272 : 1}`;

const isAssigned = (app: SimApp): boolean => app.assigned !== false;

/** GET /api/v1/users/me/appLinks: the apps assigned to the session's user. */
export const listAppLinks = (ctx: OktaContext, req: SimRequest): SimResponse => {
  // A browser session (sid cookie), or an OIE access token with okta.users.read.self.
  const session = currentSession(ctx, req) ?? bearerSession(ctx, req, 'okta.users.read.self');
  if (!session) return invalidSession();
  return json(
    200,
    ctx.apps.filter(isAssigned).map((app, sortOrder) => ({
      id: stableOktaId('00u', `${session.user.id}:${app.id}:link`),
      label: app.label,
      linkUrl: appLinkUrl(ctx.baseUrl, app),
      logoUrl: `${ctx.baseUrl}/img/logos/${app.appName === AWS_APP_NAME ? 'aws' : app.appName}.png`,
      appName: app.appName,
      appInstanceId: app.id,
      appAssignmentId: stableOktaId('0ua', `${session.user.id}:${app.id}`),
      credentialsSetup: false,
      hidden: false,
      sortOrder,
    })),
  );
};

/** Okta's page for an app that exists but is not assigned to the signed-in user. */
const notAssignedPage = (app: SimApp): SimResponse =>
  errorPage(
    403,
    `Sorry, you can't access ${app.label} because you are not assigned this app in Okta.`,
    "If you're wondering why this is happening, please contact your administrator.",
  );

/** GET /home/{appName}/{appId}/{n} or /app/{appName}/{appId}/sso/saml with the sid cookie. */
export const openApp = (ctx: OktaContext, req: SimRequest, appName: string, appId: string): SimResponse => {
  const app = ctx.apps.find((a) => a.id === appId && a.appName === appName);
  if (!app) return notFoundPage();
  const session = currentSession(ctx, req);
  const fromURI = req.url.pathname + req.url.search;
  if (!session)
    return ctx.scenario.idx ? idxSignInForApp(ctx, app, fromURI) : redirect(`${ctx.baseUrl}/login/login.htm?fromURI=${encodeURIComponent(fromURI)}`);
  if (!isAssigned(app)) return notAssignedPage(app);
  if (ctx.scenario.deviceAssurance && !deviceAssured(ctx, req)) return deviceAssurancePage();
  if (needsStepUp(ctx, session, app)) return ctx.scenario.idx ? idxStepUpForApp(ctx, session, app, fromURI) : startStepUp(ctx, session, app, fromURI);
  if (app.appName !== AWS_APP_NAME) return plainAppPage(app.label);
  return samlPostPage(AWS_SAML_ACS, samlResponseFor(ctx, session.user, app));
};
