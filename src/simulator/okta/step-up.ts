import { redirect, type SimRequest, type SimResponse } from '../http.js';
import type { SimApp } from '../types.js';
import type { OktaContext, OktaSession, Transaction } from './context.js';
import { forbiddenPage, secondFactorPage } from './pages.js';
import { currentSession } from './sessions.js';
import { liveTransaction, startTransaction } from './transactions.js';

/**
 * App sign-on policy MFA ("step-up"), as classic Okta does it: the app link redirects to
 * /login/second-factor, a sign-in widget page whose script holds the transaction's stateToken;
 * POST /api/v1/authn {stateToken} (with the session cookie) answers MFA_REQUIRED of type
 * SESSION_STEP_UP; after the factor, SUCCESS carries an `original` link to
 * /login/step-up/redirect, which records the step-up and sends the browser back to the app.
 */
export const needsStepUp = (ctx: OktaContext, session: OktaSession, app: SimApp): boolean =>
  app.stepUp === true && (ctx.scenario.stepUpAlwaysRequired || !session.stepUps.has(app.id));

export const startStepUp = (ctx: OktaContext, session: OktaSession, app: SimApp, fromURI: string): SimResponse => {
  const t = startTransaction(ctx, session.user, 'MFA_REQUIRED', {
    stepUp: { sessionId: session.id, app, fromURI },
    passwordVerifiedAt: session.lastPasswordVerification,
  });
  ctx.pendingStepUps.set(session.id, t.stateToken);
  if (ctx.scenario.endSessionAtStepUp) ctx.sessions.delete(session.id);
  return redirect(`${ctx.baseUrl}/login/second-factor?fromURI=${encodeURIComponent(fromURI)}&forcePrompt=true&hasChallenge=true`);
};

const loginRedirect = (ctx: OktaContext, req: SimRequest): SimResponse =>
  redirect(`${ctx.baseUrl}/login/login.htm?fromURI=${encodeURIComponent(req.url.searchParams.get('fromURI') ?? '/app/UserHome')}`);

/** GET /login/second-factor: the "Extra Verification" page for the sid cookie's pending step-up. */
export const secondFactor = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const sid = req.cookies.get('sid');
  const stateToken = sid ? ctx.pendingStepUps.get(sid) : undefined;
  if (!stateToken || !liveTransaction(ctx, stateToken)) return loginRedirect(ctx, req);
  return secondFactorPage(ctx.orgName, stateToken);
};

/**
 * A step-up transaction reached SUCCESS: the session has passed the app's MFA from now on. Real
 * Okta records this on the session itself, so a client may either follow the `original` link
 * (/login/step-up/redirect, what the sign-in widget does) or simply re-fetch the app link with
 * its sid cookie — aws_okta_keyman does the latter (ReauthNeeded → authn {stateToken} → MFA →
 * get_assertion again) and loops forever against a server that only honours the link.
 */
export const recordStepUp = (ctx: OktaContext, t: Transaction): void => {
  const session = t.stepUp ? ctx.sessions.get(t.stepUp.sessionId) : undefined;
  if (!session || !t.stepUp) return;
  session.stepUps.add(t.stepUp.app.id);
  session.lastFactorVerification = t.factorVerifiedAt ?? ctx.clock.now();
  ctx.pendingStepUps.delete(session.id);
};

/** GET /login/step-up/redirect?stateToken=…: a finished step-up resumes the app sign-in. */
export const stepUpRedirect = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const t = liveTransaction(ctx, req.url.searchParams.get('stateToken') ?? '');
  const session = currentSession(ctx, req);
  if (!t?.stepUp || t.status !== 'SUCCESS') return forbiddenPage('The step-up transaction is not complete or has expired.');
  if (!session || session.id !== t.stepUp.sessionId) return loginRedirect(ctx, req);
  session.stepUps.add(t.stepUp.app.id);
  session.lastFactorVerification = t.factorVerifiedAt ?? ctx.clock.now();
  ctx.transactions.delete(t.stateToken);
  ctx.pendingStepUps.delete(session.id);
  return redirect(`${ctx.baseUrl}${t.stepUp.fromURI}`);
};
