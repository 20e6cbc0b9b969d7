import type { OktaContext, SessionTokenGrant, Transaction } from './context.js';
import { FACTOR_KINDS, factorJson, verifyHref } from './factors.js';
import { embeddedUser } from './users.js';

type Json = Record<string, unknown>;

const link = (href: string, extra: Json = {}, allow = 'POST'): Json => ({ ...extra, href, hints: { allow: [allow] } });
const cancelLink = (ctx: OktaContext): Json => link(`${ctx.baseUrl}/api/v1/authn/cancel`);
const prevLink = (ctx: OktaContext): Json => link(`${ctx.baseUrl}/api/v1/authn/previous`);

/** The remember-device subset of the sign-on policy (`_embedded.policy`). */
const policy = (ctx: OktaContext): Json => ({
  allowRememberDevice: ctx.scenario.allowRememberDevice,
  rememberDeviceLifetimeInMinutes: ctx.scenario.allowRememberDevice ? ctx.scenario.rememberDeviceLifetimeMinutes : 0,
  rememberDeviceByDefault: false,
  factorsPolicyInfo: {},
});

const passwordPolicy = (expireDays?: number): Json => ({
  ...(expireDays === undefined ? {} : { expiration: { passwordExpireDays: expireDays } }),
  complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true },
  age: { minAgeMinutes: 0, historyCount: 4 },
});

/** Step-up transactions also name their type, the app (target) and the SAML issuer. */
const stepUpFields = (ctx: OktaContext, t: Transaction): { top: Json; embedded: Json } => {
  if (!t.stepUp) return { top: {}, embedded: {} };
  const app = t.stepUp.app;
  return {
    top: { type: 'SESSION_STEP_UP' },
    embedded: {
      target: {
        type: 'APP',
        name: app.appName,
        label: app.label,
        _links: { logo: { name: 'medium', href: `${ctx.baseUrl}/img/logos/aws.png`, type: 'image/png' } },
      },
      authentication: { protocol: 'SAML2.0', issuer: { id: app.id, name: app.label, uri: ctx.issuer } },
    },
  };
};

const base = (ctx: OktaContext, t: Transaction, status: string): Json => ({
  stateToken: t.stateToken,
  ...stepUpFields(ctx, t).top,
  expiresAt: t.expiresAt.toISOString(),
  status,
});

/** `status: SUCCESS` with the one-time sessionToken. */
export const successJson = (ctx: OktaContext, sessionToken: string, grant: SessionTokenGrant): Json => ({
  expiresAt: grant.expiresAt.toISOString(),
  status: 'SUCCESS',
  sessionToken,
  _embedded: { user: embeddedUser(grant.user) },
  _links: { cancel: cancelLink(ctx) },
});

/** A finished step-up: no sessionToken; the `original` link (GET) resumes the app sign-in. */
export const stepUpSuccessJson = (ctx: OktaContext, t: Transaction): Json => ({
  ...base(ctx, t, 'SUCCESS'),
  _embedded: { user: embeddedUser(t.user), ...stepUpFields(ctx, t).embedded },
  _links: {
    next: link(`${ctx.baseUrl}/login/step-up/redirect?stateToken=${t.stateToken}`, { name: 'original' }, 'GET'),
    cancel: cancelLink(ctx),
  },
});

/** A step-up transaction whose Okta session is gone: primary authentication comes first. */
export const unauthenticatedJson = (ctx: OktaContext, t: Transaction): Json => ({
  ...base(ctx, t, 'UNAUTHENTICATED'),
  _embedded: stepUpFields(ctx, t).embedded,
  _links: { next: link(`${ctx.baseUrl}/api/v1/authn`, { name: 'authenticate' }) },
});

const mfaRequired = (ctx: OktaContext, t: Transaction): Json => ({
  ...base(ctx, t, 'MFA_REQUIRED'),
  _embedded: {
    user: embeddedUser(t.user),
    factors: t.user.factors.map((kind) => factorJson(ctx.baseUrl, t.user, kind, true)),
    policy: policy(ctx),
    ...stepUpFields(ctx, t).embedded,
  },
  _links: { cancel: cancelLink(ctx) },
});

const mfaChallenge = (ctx: OktaContext, t: Transaction): Json => {
  const challenge = t.challenge;
  if (!challenge) return mfaRequired(ctx, t);
  const href = verifyHref(ctx.baseUrl, challenge.factorId);
  const factor = factorJson(ctx.baseUrl, t.user, challenge.kind, false);
  const spec = FACTOR_KINDS[challenge.kind];
  const embedded = { user: embeddedUser(t.user), policy: policy(ctx), ...stepUpFields(ctx, t).embedded };
  if (spec.verifyWith === 'sent-code') {
    // SMS, voice call, email: the code is on its way; POST it to `next`, or ask for another.
    return {
      ...base(ctx, t, 'MFA_CHALLENGE'),
      _embedded: { ...embedded, factor },
      _links: {
        next: link(href, { name: 'verify' }),
        cancel: cancelLink(ctx),
        prev: prevLink(ctx),
        resend: [link(`${href}/resend`, { name: spec.channel })],
      },
    };
  }
  const number = ctx.scenario.numberChallenge;
  const waiting = challenge.result === undefined;
  return {
    ...base(ctx, t, 'MFA_CHALLENGE'),
    factorResult: challenge.result ?? 'WAITING',
    ...(waiting ? { challengeType: 'FACTOR' } : {}),
    _embedded: {
      ...embedded,
      factor: waiting && number !== null ? { ...factor, _embedded: { challenge: { correctAnswer: number } } } : factor,
    },
    _links: {
      next: link(href, { name: waiting ? 'poll' : 'verify' }),
      cancel: cancelLink(ctx),
      prev: prevLink(ctx),
      resend: [link(`${href}/resend`, { name: 'push' })],
    },
  };
};

const passwordExpired = (ctx: OktaContext, t: Transaction): Json => ({
  ...base(ctx, t, 'PASSWORD_EXPIRED'),
  _embedded: { user: embeddedUser(t.user), policy: passwordPolicy() },
  _links: {
    next: link(`${ctx.baseUrl}/api/v1/authn/credentials/change_password`, { name: 'changePassword' }),
    cancel: cancelLink(ctx),
  },
});

const passwordWarn = (ctx: OktaContext, t: Transaction): Json => ({
  ...base(ctx, t, 'PASSWORD_WARN'),
  _embedded: { user: embeddedUser(t.user), policy: passwordPolicy(5) },
  _links: {
    next: link(`${ctx.baseUrl}/api/v1/authn/credentials/change_password`, { name: 'changePassword' }),
    skip: link(`${ctx.baseUrl}/api/v1/authn/skip`, { name: 'skip' }),
    cancel: cancelLink(ctx),
  },
});

const passwordReset = (ctx: OktaContext, t: Transaction): Json => ({
  ...base(ctx, t, 'PASSWORD_RESET'),
  recoveryType: 'PASSWORD',
  _embedded: { user: embeddedUser(t.user), policy: passwordPolicy(0) },
  _links: {
    next: link(`${ctx.baseUrl}/api/v1/authn/credentials/reset_password`, { name: 'resetPassword' }),
    cancel: cancelLink(ctx),
  },
});

const enrollLink = (ctx: OktaContext): Json => ({ enroll: link(`${ctx.baseUrl}/api/v1/authn/factors`) });

const mfaEnroll = (ctx: OktaContext, t: Transaction): Json => ({
  ...base(ctx, t, 'MFA_ENROLL'),
  _embedded: {
    user: embeddedUser(t.user),
    factors: [
      { factorType: 'push', provider: 'OKTA', vendorName: 'OKTA', enrollment: 'REQUIRED', status: 'NOT_SETUP', _links: enrollLink(ctx) },
      { factorType: 'token:software:totp', provider: 'GOOGLE', vendorName: 'GOOGLE', enrollment: 'OPTIONAL', status: 'NOT_SETUP', _links: enrollLink(ctx) },
    ],
  },
  _links: { cancel: cancelLink(ctx) },
});

/** A factor enrolled but not activated yet (an SMS number awaiting its first code). */
const mfaEnrollActivate = (ctx: OktaContext, t: Transaction): Json => {
  const id = `mbl${t.user.id.slice(3)}`;
  return {
    ...base(ctx, t, 'MFA_ENROLL_ACTIVATE'),
    _embedded: {
      user: embeddedUser(t.user),
      factor: { id, factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', profile: { phoneNumber: '+1 XXX-XXX-1337' } },
    },
    _links: {
      next: link(`${ctx.baseUrl}/api/v1/authn/factors/${id}/lifecycle/activate`, { name: 'activate' }),
      cancel: cancelLink(ctx),
      prev: prevLink(ctx),
      resend: [link(`${ctx.baseUrl}/api/v1/authn/factors/${id}/lifecycle/resend`, { name: 'sms' })],
    },
  };
};

/** The transaction object for the transaction's current state. */
export const transactionJson = (ctx: OktaContext, t: Transaction): Json => {
  switch (t.status) {
    case 'MFA_REQUIRED':
      return mfaRequired(ctx, t);
    case 'MFA_CHALLENGE':
      return mfaChallenge(ctx, t);
    case 'PASSWORD_EXPIRED':
      return passwordExpired(ctx, t);
    case 'PASSWORD_WARN':
      return passwordWarn(ctx, t);
    case 'PASSWORD_RESET':
      return passwordReset(ctx, t);
    case 'MFA_ENROLL':
      return mfaEnroll(ctx, t);
    case 'MFA_ENROLL_ACTIVATE':
      return mfaEnrollActivate(ctx, t);
    case 'SUCCESS':
      return stepUpSuccessJson(ctx, t);
  }
};

/** LOCKED_OUT carries no stateToken, only the unlock link. */
export const lockedOutJson = (ctx: OktaContext): Json => ({
  status: 'LOCKED_OUT',
  _links: { next: link(`${ctx.baseUrl}/api/v1/authn/recovery/unlock`, { name: 'unlock' }) },
});

/** A status this simulator's clients do not know (one Okta may add): shaped like the others. */
export const unknownStatusJson = (ctx: OktaContext, t: Transaction, status: string): Json => ({
  ...base(ctx, t, status),
  _embedded: { user: embeddedUser(t.user) },
  _links: { cancel: cancelLink(ctx) },
});
