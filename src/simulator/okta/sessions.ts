import { json, redirect, type SimRequest, type SimResponse } from '../http.js';
import { randomAlnum } from '../ids.js';
import { readJson, stringField } from './body.js';
import type { OktaContext, OktaSession, SessionTokenGrant } from './context.js';
import { apiTokenRequired, authenticationFailed, notFound, validationFailed } from './errors.js';
import { redeemSessionToken } from './transactions.js';
import { forbiddenPage, notFoundPage } from './pages.js';

const lifetimeMs = (ctx: OktaContext): number => ctx.sessionLifetimeSeconds * 1000;

const sidCookie = (id: string): string => `sid=${id}; Path=/; HttpOnly`;
const clearedSidCookie = 'sid=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/';

const createSession = (ctx: OktaContext, grant: SessionTokenGrant): OktaSession => {
  const now = ctx.clock.now();
  const session: OktaSession = {
    id: '102' + randomAlnum(22),
    user: grant.user,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs(ctx)),
    lastPasswordVerification: grant.passwordVerifiedAt,
    lastFactorVerification: grant.factorVerifiedAt,
    amr: grant.amr,
    stepUps: new Set(),
  };
  ctx.sessions.set(session.id, session);
  return session;
};

/** The live session named by the `sid` cookie, if any. */
export const currentSession = (ctx: OktaContext, req: SimRequest): OktaSession | undefined => {
  const sid = req.cookies.get('sid');
  const session = sid ? ctx.sessions.get(sid) : undefined;
  if (!session) return undefined;
  if (session.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    ctx.sessions.delete(session.id);
    return undefined;
  }
  return session;
};

const sessionJson = (ctx: OktaContext, s: OktaSession): Record<string, unknown> => {
  const self = `${ctx.baseUrl}/api/v1/sessions/${s.id}`;
  return {
    id: s.id,
    userId: s.user.id,
    login: s.user.login,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    status: 'ACTIVE',
    lastPasswordVerification: s.lastPasswordVerification.toISOString(),
    lastFactorVerification: s.lastFactorVerification?.toISOString() ?? null,
    amr: s.amr,
    idp: { id: ctx.orgId, type: 'OKTA' },
    mfaActive: s.lastFactorVerification !== null,
    _links: {
      self: { href: self, hints: { allow: ['GET', 'DELETE'] } },
      refresh: { href: `${self}/lifecycle/refresh`, hints: { allow: ['POST'] } },
      user: {
        name: `${s.user.firstName} ${s.user.lastName}`,
        href: `${ctx.baseUrl}/api/v1/users/${s.user.id}`,
        hints: { allow: ['GET'] },
      },
    },
  };
};

const noSession = (): SimResponse => notFound('me (Session)');

/**
 * POST /api/v1/sessions {sessionToken}: Okta's Sessions API "Create a Session with session token".
 * Real orgs accept it without an API token — the single-use sessionToken is the credential — and
 * answer the Session object (id, userId, login, createdAt, expiresAt, status, lastPasswordVerification,
 * lastFactorVerification, amr, idp, mfaActive, _links) whose `id` is the `sid` cookie value. Clients
 * rely on that: aws_okta_keyman and okta-awscli POST here with no Authorization header and send
 * `sid=<id>` on the app link. A wrong API token is still refused (401 E0000011), as Okta does.
 * /login/sessionCookieRedirect works in the same org (see below): real orgs offer both.
 */
export const createSessionFromToken = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const auth = req.headers.authorization;
  if (auth !== undefined && auth !== `SSWS ${ctx.adminApiToken}`) return apiTokenRequired(true);
  const read = readJson(req);
  if ('error' in read) return read.error;
  const token = stringField(read.body, 'sessionToken');
  if (token === undefined) return validationFailed('sessionToken');
  const grant = redeemSessionToken(ctx, token);
  if (!grant) return authenticationFailed();
  const session = createSession(ctx, grant);
  return json(200, sessionJson(ctx, session), { 'set-cookie': sidCookie(session.id) });
};

/** GET /api/v1/sessions/me */
export const getMySession = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const session = currentSession(ctx, req);
  return session ? json(200, sessionJson(ctx, session)) : noSession();
};

/** POST /api/v1/sessions/me/lifecycle/refresh */
export const refreshMySession = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const session = currentSession(ctx, req);
  if (!session) return noSession();
  session.expiresAt = new Date(ctx.clock.now().getTime() + lifetimeMs(ctx));
  return json(200, sessionJson(ctx, session));
};

/** DELETE /api/v1/sessions/me */
export const deleteMySession = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const session = currentSession(ctx, req);
  if (!session) return noSession();
  ctx.sessions.delete(session.id);
  return { status: 204, headers: { 'set-cookie': clearedSidCookie } };
};

const sameOrigin = (ctx: OktaContext, target: string): string | undefined => {
  try {
    const url = new URL(target, ctx.baseUrl);
    return url.origin === new URL(ctx.baseUrl).origin ? url.toString() : undefined;
  } catch {
    return undefined;
  }
};

/** GET /login/sessionCookieRedirect?token=…&redirectUrl=… */
export const sessionCookieRedirect = (ctx: OktaContext, req: SimRequest): SimResponse => {
  if (ctx.scenario.sessionsApiOnly) return notFoundPage();
  const target = sameOrigin(ctx, req.url.searchParams.get('redirectUrl') ?? `${ctx.baseUrl}/app/UserHome`);
  if (!target) return forbiddenPage('The redirect URL is not a trusted origin.');
  const grant = redeemSessionToken(ctx, req.url.searchParams.get('token') ?? '');
  if (!grant) {
    const fromURI = new URL(target).pathname + new URL(target).search;
    return redirect(`${ctx.baseUrl}/login/login.htm?fromURI=${encodeURIComponent(fromURI)}`);
  }
  const session = createSession(ctx, grant);
  return redirect(target, { 'set-cookie': sidCookie(session.id) });
};
