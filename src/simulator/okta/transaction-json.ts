import type { OktaContext, SessionTokenGrant, Transaction } from './context.js';
import { factorJson, verifyHref } from './factors.js';
import { embeddedUser } from './users.js';

type Json = Record<string, unknown>;

const link = (href: string, extra: Json = {}): Json => ({ ...extra, href, hints: { allow: ['POST'] } });
const cancelLink = (ctx: OktaContext): Json => link(`${ctx.baseUrl}/api/v1/authn/cancel`);

const policy = (): Json => ({
  allowRememberDevice: false,
  rememberDeviceLifetimeInMinutes: 0,
  rememberDeviceByDefault: false,
  factorsPolicyInfo: {},
});

/** `status: SUCCESS` with the one-time sessionToken. */
export const successJson = (ctx: OktaContext, sessionToken: string, grant: SessionTokenGrant): Json => ({
  expiresAt: grant.expiresAt.toISOString(),
  status: 'SUCCESS',
  sessionToken,
  _embedded: { user: embeddedUser(grant.user) },
  _links: { cancel: cancelLink(ctx) },
});

const mfaRequired = (ctx: OktaContext, t: Transaction): Json => ({
  stateToken: t.stateToken,
  expiresAt: t.expiresAt.toISOString(),
  status: 'MFA_REQUIRED',
  _embedded: {
    user: embeddedUser(t.user),
    factors: t.user.factors.map((kind) => factorJson(ctx.baseUrl, t.user, kind, true)),
    policy: policy(),
  },
  _links: { cancel: cancelLink(ctx) },
});

const mfaChallenge = (ctx: OktaContext, t: Transaction): Json => {
  const challenge = t.challenge;
  if (!challenge) return mfaRequired(ctx, t);
  const href = verifyHref(ctx.baseUrl, challenge.factorId);
  const factor = factorJson(ctx.baseUrl, t.user, challenge.kind, false);
  const number = ctx.scenario.numberChallenge;
  const waiting = challenge.result === undefined;
  return {
    stateToken: t.stateToken,
    expiresAt: t.expiresAt.toISOString(),
    status: 'MFA_CHALLENGE',
    factorResult: challenge.result ?? 'WAITING',
    ...(waiting ? { challengeType: 'FACTOR' } : {}),
    _embedded: {
      user: embeddedUser(t.user),
      factor: waiting && number !== null ? { ...factor, _embedded: { challenge: { correctAnswer: number } } } : factor,
      policy: policy(),
    },
    _links: {
      next: link(href, { name: waiting ? 'poll' : 'verify' }),
      cancel: cancelLink(ctx),
      prev: link(`${ctx.baseUrl}/api/v1/authn/previous`),
      resend: [link(`${href}/resend`, { name: 'push' })],
    },
  };
};

const passwordExpired = (ctx: OktaContext, t: Transaction): Json => ({
  stateToken: t.stateToken,
  expiresAt: t.expiresAt.toISOString(),
  status: 'PASSWORD_EXPIRED',
  _embedded: {
    user: embeddedUser(t.user),
    policy: { complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0 } },
  },
  _links: {
    next: link(`${ctx.baseUrl}/api/v1/authn/credentials/change_password`, { name: 'changePassword' }),
    cancel: cancelLink(ctx),
  },
});

const mfaEnroll = (ctx: OktaContext, t: Transaction): Json => ({
  stateToken: t.stateToken,
  expiresAt: t.expiresAt.toISOString(),
  status: 'MFA_ENROLL',
  _embedded: {
    user: embeddedUser(t.user),
    factors: [
      { factorType: 'push', provider: 'OKTA', vendorName: 'OKTA', enrollment: 'REQUIRED', status: 'NOT_SETUP', _links: { enroll: link(`${ctx.baseUrl}/api/v1/authn/factors`) } },
      { factorType: 'token:software:totp', provider: 'GOOGLE', vendorName: 'GOOGLE', enrollment: 'OPTIONAL', status: 'NOT_SETUP', _links: { enroll: link(`${ctx.baseUrl}/api/v1/authn/factors`) } },
    ],
  },
  _links: { cancel: cancelLink(ctx) },
});

/** The transaction object for the transaction's current state. */
export const transactionJson = (ctx: OktaContext, t: Transaction): Json => {
  switch (t.status) {
    case 'MFA_REQUIRED':
      return mfaRequired(ctx, t);
    case 'MFA_CHALLENGE':
      return mfaChallenge(ctx, t);
    case 'PASSWORD_EXPIRED':
      return passwordExpired(ctx, t);
    case 'MFA_ENROLL':
      return mfaEnroll(ctx, t);
  }
};

/** LOCKED_OUT carries no stateToken, only the unlock link. */
export const lockedOutJson = (ctx: OktaContext): Json => ({
  status: 'LOCKED_OUT',
  _links: { next: link(`${ctx.baseUrl}/api/v1/authn/recovery/unlock`, { name: 'unlock' }) },
});
