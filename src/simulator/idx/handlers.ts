import { html, json, redirect, type SimRequest, type SimResponse } from '../http.js';
import { oktaToken, randomAlnum } from '../ids.js';
import type { OktaContext, OktaSession } from '../okta/context.js';
import { errorPage, oktaJsEscape, plainAppPage } from '../okta/pages.js';
import { currentSession } from '../okta/sessions.js';
import { matchTotp } from '../okta/totp.js';
import type { SimApp } from '../types.js';
import { authenticatorsFor, bareError, PRODUCES, stateJson, type StateExtras } from './json.js';
import { idxStateOf, rotateHandle, startIdxTransaction, type IdxTarget, type IdxTransaction } from './state.js';

/** Identity Engine: 10 requests per state handle (transaction) per 5 s. */
const LIMIT = 10;
const WINDOW_MS = 5000;
/** A poll may come a little early (timers, network): 90 % of `refresh` is accepted. */
const EARLY_TOLERANCE = 0.9;

/** The sign-in widget page Okta serves for an app link or the dashboard without a session: the token in script, JS-escaped. */
export const widgetPage = (ctx: OktaContext, t: IdxTransaction): SimResponse =>
  html(
    200,
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/><title>' +
      `${ctx.orgName} - Sign In</title></head>\n<body class="auth okta-container">\n<div id="okta-sign-in"></div>\n` +
      '<script type="text/javascript">\n' +
      `var stateToken = '${oktaJsEscape(t.stateToken)}';\n` +
      `var signInWidgetOptions = {stateToken: stateToken, baseUrl: '${oktaJsEscape(ctx.baseUrl)}', features: {router: true}};\n` +
      '</script>\n</body></html>\n',
  );

/** App link without a session (IDX mode): a new transaction for the app, served as the widget page. */
export const idxSignInForApp = (ctx: OktaContext, app: SimApp, fromURI: string): SimResponse =>
  widgetPage(ctx, startIdxTransaction(ctx, { kind: 'app', app, fromURI }));

/** App step-up on Identity Engine: the widget page again, its transaction starting at the MFA choice. */
export const idxStepUpForApp = (ctx: OktaContext, session: OktaSession, app: SimApp, fromURI: string): SimResponse => {
  const t = startIdxTransaction(
    ctx,
    { kind: 'app', app, fromURI },
    { user: session.user, stage: 'select', stepUpSessionId: session.id, passwordVerifiedAt: session.lastPasswordVerification },
  );
  if (authenticatorsFor(session.user).length <= 1) t.stage = 'password';
  return widgetPage(ctx, t);
};

/** GET /oauth2/v1/authorize for Okta's dashboard client (the org's own sign-in page). */
export const idxAuthorize = (ctx: OktaContext, req: SimRequest): SimResponse => {
  if (req.url.searchParams.get('client_id') !== 'okta.2b1959c8-bcc0-56eb-a589-cfcfb7422f26') {
    return errorPage(400, 'Bad Request', 'The client_id is not an application of this org.');
  }
  const state = req.url.searchParams.get('state') ?? '';
  if (currentSession(ctx, req)) return redirect(`${ctx.baseUrl}/enduser/callback?code=${randomAlnum(43)}&state=${encodeURIComponent(state)}`);
  return widgetPage(ctx, startIdxTransaction(ctx, { kind: 'dashboard', state }));
};

const idxJson = (status: number, body: unknown, headers: Record<string, string> = {}): SimResponse =>
  json(status, body, { 'content-type': PRODUCES, ...headers });

const sessionExpired = (): SimResponse =>
  idxJson(401, bareError('idx.session.expired', 'You have been logged out due to inactivity. Refresh or return to the sign in screen.'));

const readBody = (req: SimRequest): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(req.body.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const acceptsIdx = (req: SimRequest): boolean => {
  const accept = req.headers.accept ?? '';
  return accept === '' || /application\/(ion\+)?json|\*\/\*/.test(accept);
};

/**
 * Every /idp/idx POST: an ION/JSON Accept, a JSON body, the current stateHandle (a stale one is
 * refused as the session-expired error), and at most 10 requests per transaction in 5 s.
 */
const withTransaction = (ctx: OktaContext, req: SimRequest, fn: (t: IdxTransaction, body: Record<string, unknown>) => SimResponse): SimResponse => {
  if (!acceptsIdx(req)) return idxJson(406, bareError('E0000021', 'Bad request. Accept and/or Content-Type headers likely do not match supported values.'));
  const body = readBody(req);
  if (!body) return idxJson(400, bareError('E0000003', 'The request body was not well-formed.'));
  const s = idxStateOf(ctx);
  const handle = typeof body.stateHandle === 'string' ? body.stateHandle : undefined;
  const token = typeof body.stateToken === 'string' ? body.stateToken : undefined;
  const t = handle ? s.byHandle.get(handle) : token ? s.byToken.get(token) : undefined;
  if (!t || (handle && handle !== t.handle) || t.expiresAt.getTime() <= ctx.clock.now().getTime()) return sessionExpired();
  const now = ctx.clock.now().getTime();
  if (ctx.scenario.oktaRateLimitNextRequests > 0) {
    // The org-wide limiter, as on /api/v1 (error-429-too-many-request.json body).
    ctx.scenario.oktaRateLimitNextRequests -= 1;
    return idxJson(429, bareError('tooManyRequests', 'Too many requests'), {
      'x-rate-limit-limit': '600',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(Math.floor(now / 1000) + ctx.scenario.oktaRateLimitResetSeconds),
    });
  }
  t.requests = t.requests.filter((at) => now - at < WINDOW_MS);
  if (t.requests.length >= LIMIT) {
    return idxJson(429, bareError('tooManyRequests', 'Too many requests'), {
      'x-rate-limit-limit': String(LIMIT),
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(Math.ceil((t.requests[0] as number) / 1000 + WINDOW_MS / 1000)),
    });
  }
  t.requests.push(now);
  return fn(t, body);
};

const answer = (ctx: OktaContext, t: IdxTransaction, status = 200, extras: StateExtras = {}): SimResponse => {
  rotateHandle(ctx, t);
  t.lastAnswerAt = ctx.clock.now().getTime();
  return idxJson(status, stateJson(ctx, t, extras, ctx.scenario.idxPollRefreshMs));
};

/** After a verified authenticator: more MFA, keep-me-signed-in, or success. */
const advance = (ctx: OktaContext, t: IdxTransaction): SimResponse => {
  t.challenge = undefined;
  const user = t.user;
  if (!user) return answer(ctx, t);
  const hasMfa = authenticatorsFor(user).length > 1;
  if (
    !t.factorVerifiedAt &&
    t.stepUpSessionId === undefined &&
    (user.status === 'MFA_ENROLL' || ctx.scenario.idxUnsupportedRemediation === 'select-authenticator-enroll')
  ) {
    t.stage = 'enroll';
    return answer(ctx, t);
  }
  if (!t.factorVerifiedAt && hasMfa) {
    const ov = authenticatorsFor(user).find((a) => a.key === 'okta_verify' && a.methods.includes('push'));
    if (ctx.scenario.idxAutoChallengePush && ov && !t.challenge) {
      t.stage = 'challenge';
      t.challenge = { key: 'okta_verify', method: 'push', polls: 0 };
      return answer(ctx, t);
    }
    t.stage = 'select';
    return answer(ctx, t);
  }
  if (ctx.scenario.idxKeepMeSignedIn && !t.kmsiAnswered && t.stepUpSessionId === undefined) {
    t.stage = 'keep-me-signed-in';
    return answer(ctx, t);
  }
  t.stage = 'success';
  return answer(ctx, t);
};

const findUser = (ctx: OktaContext, identifier: string) => ctx.users.find((u) => u.login.toLowerCase() === identifier.toLowerCase());

const failedAuth = (ctx: OktaContext, t: IdxTransaction, key: string, message: string): SimResponse => answer(ctx, t, 401, { messages: [{ key, message }] });

const checkPassword = (ctx: OktaContext, t: IdxTransaction, password: unknown): SimResponse | undefined => {
  const user = t.user;
  if (!user || password !== user.password) {
    // error-authenticator-verify-password.json
    return failedAuth(
      ctx,
      t,
      t.stage === 'identify' ? 'errors.E0000004' : 'incorrectPassword',
      t.stage === 'identify' ? 'Authentication failed' : 'Password is incorrect',
    );
  }
  t.passwordVerifiedAt = ctx.clock.now();
  t.amr = [...new Set([...t.amr, 'pwd'])];
  return undefined;
};

/** POST /idp/idx/introspect {stateToken} */
export const introspect = (ctx: OktaContext, req: SimRequest): SimResponse => withTransaction(ctx, req, (t) => answer(ctx, t));

/** POST /idp/idx/identify {identifier, credentials?: {passcode}, rememberMe} */
export const identify = (ctx: OktaContext, req: SimRequest): SimResponse =>
  withTransaction(ctx, req, (t, body) => {
    if (t.stage !== 'identify')
      return answer(ctx, t, 400, { messages: [{ key: 'E0000079', message: 'This operation is not allowed in the current authentication state.' }] });
    const identifier = typeof body.identifier === 'string' ? body.identifier : '';
    const user = findUser(ctx, identifier);
    // identify-unknown-user.json: Okta does not say whether the user exists.
    if (!user) return failedAuth(ctx, t, 'errors.E0000004', 'Authentication failed');
    if (user.status === 'LOCKED_OUT') return failedAuth(ctx, t, 'errors.E0000119', 'Your account is locked. Please contact your administrator.');
    t.user = user;
    const credentials = body.credentials as { passcode?: unknown } | undefined;
    if (ctx.scenario.idxPasswordWithIdentifier) {
      const bad = checkPassword(ctx, t, credentials?.passcode);
      if (bad) {
        t.user = undefined;
        return bad;
      }
      return advance(ctx, t);
    }
    t.stage = 'password';
    return answer(ctx, t);
  });

const sendCode = (ctx: OktaContext, t: IdxTransaction, channel: 'sms' | 'call' | 'email'): string => {
  const code = String(Math.floor(100000 + Math.random() * 900000));
  const user = t.user;
  if (user)
    ctx.outbox.push({ channel, login: user.login, to: channel === 'email' ? (user.email ?? user.login) : (user.phoneNumber ?? ''), code, at: ctx.clock.now() });
  return code;
};

/** POST /idp/idx/challenge {authenticator: {id, methodType?, enrollmentId?}} */
export const challenge = (ctx: OktaContext, req: SimRequest): SimResponse =>
  withTransaction(ctx, req, (t, body) => {
    const user = t.user;
    const chosen = body.authenticator as { id?: unknown; methodType?: unknown } | undefined;
    const a = user ? authenticatorsFor(user).find((x) => x.id === chosen?.id) : undefined;
    if (!user || !a || !['password', 'select', 'challenge'].includes(t.stage)) {
      return answer(ctx, t, 400, { messages: [{ key: 'E0000001', message: 'Api validation failed: authenticator' }] });
    }
    if (a.key === 'okta_password') {
      t.stage = 'password';
      t.challenge = undefined;
      return answer(ctx, t);
    }
    const method = typeof chosen?.methodType === 'string' ? chosen.methodType : (a.methods[0] ?? '');
    if (!a.methods.includes(method)) return answer(ctx, t, 400, { messages: [{ key: 'E0000001', message: 'Api validation failed: methodType' }] });
    t.stage = 'challenge';
    t.challenge = { key: a.key, method, polls: 0 };
    if (a.key === 'phone_number') t.challenge.code = sendCode(ctx, t, method === 'voice' ? 'call' : 'sms');
    if (a.key === 'okta_email') t.challenge.code = sendCode(ctx, t, 'email');
    return answer(ctx, t);
  });

/** POST /idp/idx/challenge/resend: a new code (or push) for the current challenge. */
export const resend = (ctx: OktaContext, req: SimRequest): SimResponse =>
  withTransaction(ctx, req, (t) => {
    const c = t.challenge;
    if (c?.key === 'phone_number') c.code = sendCode(ctx, t, c.method === 'voice' ? 'call' : 'sms');
    if (c?.key === 'okta_email') c.code = sendCode(ctx, t, 'email');
    if (c) c.polls = 0;
    return answer(ctx, t);
  });

const factorOk = (ctx: OktaContext, t: IdxTransaction, amr: string): SimResponse => {
  t.factorVerifiedAt = ctx.clock.now();
  t.amr = [...new Set([...t.amr, amr])];
  return advance(ctx, t);
};

/** POST /idp/idx/challenge/answer {credentials: {passcode | totp | questionKey+answer}} */
export const answerChallenge = (ctx: OktaContext, req: SimRequest): SimResponse =>
  withTransaction(ctx, req, (t, body) => {
    const credentials = (body.credentials ?? {}) as Record<string, unknown>;
    if (t.stage === 'password') {
      const bad = checkPassword(ctx, t, credentials.passcode);
      return bad ?? advance(ctx, t);
    }
    const c = t.challenge;
    const user = t.user;
    if (t.stage !== 'challenge' || !c || !user)
      return answer(ctx, t, 400, { messages: [{ key: 'E0000079', message: 'This operation is not allowed in the current authentication state.' }] });
    const wrong = (key: string, message: string) => answer(ctx, t, 401, { fieldMessage: { key, message } });
    switch (c.key) {
      case 'okta_verify':
      case 'google_otp': {
        // Okta Verify's code is credentials.totp, Google Authenticator's credentials.passcode.
        const code = c.key === 'okta_verify' ? credentials.totp : credentials.passcode;
        const step = typeof code === 'string' ? matchTotp(user.totpSecret, code, ctx.clock.now()) : undefined;
        if (step === undefined || ctx.usedTotpSteps.has(`${user.id}:${step}`)) {
          return c.key === 'okta_verify'
            ? wrong('api.authn.error.PASSCODE_INVALID', 'Invalid code. Try again.')
            : wrong('authfactor.challenge.soft_token.invalid_passcode', "API error: Your code doesn't match our records. Please try again.");
        }
        ctx.usedTotpSteps.add(`${user.id}:${step}`);
        return factorOk(ctx, t, 'otp');
      }
      case 'phone_number':
      case 'okta_email':
        if (typeof credentials.passcode !== 'string' || credentials.passcode !== c.code)
          return wrong('api.authn.error.PASSCODE_INVALID', 'Invalid code. Try again.');
        return factorOk(ctx, t, c.key === 'okta_email' ? 'email' : c.method === 'voice' ? 'tel' : 'sms');
      case 'security_question':
        if (typeof credentials.answer !== 'string' || credentials.answer.trim().toLowerCase() !== user.securityQuestion?.answer.toLowerCase()) {
          return wrong('authfactor.challenge.question_factor.answer_invalid', "Your answer doesn't match our records. Please try again.");
        }
        return factorOk(ctx, t, 'kba');
      default:
        return answer(ctx, t, 400, { messages: [{ key: 'E0000001', message: 'Api validation failed: credentials' }] });
    }
  });

/** POST /idp/idx/challenge/poll: the push's state; a poll before `refresh` ms is refused. */
export const poll = (ctx: OktaContext, req: SimRequest): SimResponse =>
  withTransaction(ctx, req, (t) => {
    const c = t.challenge;
    if (t.stage !== 'challenge' || c?.method !== 'push') return answer(ctx, t);
    const now = ctx.clock.now().getTime();
    if (now - t.lastAnswerAt < ctx.scenario.idxPollRefreshMs * EARLY_TOLERANCE) {
      return idxJson(429, bareError('tooManyRequests', 'Too many requests', t));
    }
    c.polls++;
    if (c.polls < ctx.scenario.pushApproveAfterPolls) return answer(ctx, t);
    if (ctx.scenario.pushResult === 'reject') {
      // authenticator-verification-okta-verify-reject-push.json
      return answer(ctx, t, 403, { messages: [{ key: 'api.authn.poll.error.push_rejected', message: 'You have chosen to reject this login.' }] });
    }
    if (ctx.scenario.pushResult === 'timeout') {
      return answer(ctx, t, 403, { messages: [{ key: 'api.authn.poll.error.push_timeout', message: 'Your push notification has expired.' }] });
    }
    return factorOk(ctx, t, 'mfa');
  });

/** POST /idp/idx/keep-me-signed-in {keepMeSignedIn} */
export const keepMeSignedIn = (ctx: OktaContext, req: SimRequest): SimResponse =>
  withTransaction(ctx, req, (t, body) => {
    if (t.stage !== 'keep-me-signed-in')
      return answer(ctx, t, 400, { messages: [{ key: 'E0000079', message: 'This operation is not allowed in the current authentication state.' }] });
    t.kmsiAnswered = true;
    t.keepMeSignedIn = body.keepMeSignedIn === true;
    return advance(ctx, t);
  });

/** POST /idp/idx/cancel */
export const cancel = (ctx: OktaContext, req: SimRequest): SimResponse =>
  withTransaction(ctx, req, (t) => {
    idxStateOf(ctx).byToken.delete(t.stateToken);
    t.expiresAt = new Date(0);
    return idxJson(200, bareError('idx.session.expired', 'The transaction was cancelled.'));
  });

const lifetimeMs = (ctx: OktaContext, t: IdxTransaction): number => (t.keepMeSignedIn ? 7 * 24 * 3600 : ctx.sessionLifetimeSeconds) * 1000;

/**
 * GET success.href (/login/token/redirect?stateToken=…): the session starts (sid, plus the
 * idx and DT cookies Okta sets), then the browser goes on to the app or the dashboard callback.
 */
export const tokenRedirect = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const t = idxStateOf(ctx).byToken.get(req.url.searchParams.get('stateToken') ?? '');
  if (!t || t.stage !== 'success' || !t.user) return errorPage(403, '403 - Forbidden', 'The sign-in transaction is not complete or has expired.');
  idxStateOf(ctx).byToken.delete(t.stateToken);
  const now = ctx.clock.now();
  const cookies: string[] = [];
  let session = t.stepUpSessionId ? ctx.sessions.get(t.stepUpSessionId) : undefined;
  if (session && t.target.kind === 'app') {
    session.stepUps.add(t.target.app.id);
    session.lastFactorVerification = t.factorVerifiedAt ?? now;
  } else {
    session = {
      id: '102' + randomAlnum(22),
      user: t.user,
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetimeMs(ctx, t)),
      lastPasswordVerification: t.passwordVerifiedAt ?? now,
      lastFactorVerification: t.factorVerifiedAt ?? null,
      amr: t.amr,
      stepUps: new Set(),
    };
    ctx.sessions.set(session.id, session);
    cookies.push(`sid=${session.id}; Path=/; HttpOnly`, `idx=${oktaToken('')}; Path=/; HttpOnly; Secure; SameSite=None`);
    if (!req.cookies.get('DT')) cookies.push(`DT=DI${randomAlnum(20)}; Path=/; HttpOnly; Max-Age=31536000`);
  }
  const target: IdxTarget = t.target;
  const location =
    target.kind === 'app'
      ? `${ctx.baseUrl}${target.fromURI}`
      : `${ctx.baseUrl}/enduser/callback?code=${randomAlnum(43)}&state=${encodeURIComponent(target.state)}`;
  return redirect(location, { 'set-cookie': cookies });
};

/** GET /enduser/callback: the dashboard client's callback (the code is never redeemed here). */
export const enduserCallback = (ctx: OktaContext): SimResponse => redirect(`${ctx.baseUrl}/app/UserHome`);

export const userHome = (ctx: OktaContext, req: SimRequest): SimResponse =>
  currentSession(ctx, req) ? plainAppPage('My Apps') : widgetPage(ctx, startIdxTransaction(ctx, { kind: 'dashboard', state: '' }));
