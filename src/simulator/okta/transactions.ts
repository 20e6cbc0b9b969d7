import type { SimRequest, SimResponse } from '../http.js';
import { oktaToken } from '../ids.js';
import type { SimUser } from '../types.js';
import { readJson, stringField, type JsonBody } from './body.js';
import { TRANSACTION_LIFETIME_MS, type OktaContext, type SessionTokenGrant, type StepUp, type Transaction } from './context.js';
import { invalidToken, validationFailed } from './errors.js';

const later = (ctx: OktaContext): Date => new Date(ctx.clock.now().getTime() + TRANSACTION_LIFETIME_MS);

export interface StartOptions {
  warnBeforePasswordExpired?: boolean;
  stepUp?: StepUp;
  /** Password verified now (primary auth); a step-up keeps the session's. */
  passwordVerifiedAt?: Date;
}

export const startTransaction = (ctx: OktaContext, user: SimUser, status: Transaction['status'], options: StartOptions = {}): Transaction => {
  const t: Transaction = {
    stateToken: oktaToken('00'),
    user,
    status,
    expiresAt: later(ctx),
    passwordVerifiedAt: options.passwordVerifiedAt ?? ctx.clock.now(),
    amr: ['pwd'],
    warnBeforePasswordExpired: options.warnBeforePasswordExpired ?? false,
    stepUp: options.stepUp,
  };
  ctx.transactions.set(t.stateToken, t);
  return t;
};

/** The transaction behind a stateToken, or undefined when unknown or expired. Each use extends it. */
export const liveTransaction = (ctx: OktaContext, stateToken: string): Transaction | undefined => {
  const t = ctx.transactions.get(stateToken);
  if (!t) return undefined;
  if (t.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    ctx.transactions.delete(stateToken);
    return undefined;
  }
  t.expiresAt = later(ctx);
  return t;
};

/** End a transaction with SUCCESS: the stateToken dies, a one-time sessionToken is born. */
export const mintSessionToken = (
  ctx: OktaContext,
  user: SimUser,
  passwordVerifiedAt: Date,
  factorVerifiedAt: Date | null,
  amr: string[],
): { token: string; grant: SessionTokenGrant } => {
  const token = oktaToken('20111');
  const grant: SessionTokenGrant = { user, expiresAt: later(ctx), passwordVerifiedAt, factorVerifiedAt, amr };
  ctx.sessionTokens.set(token, grant);
  return { token, grant };
};

/** Redeem a session token once; undefined if unknown, used or expired. */
export const redeemSessionToken = (ctx: OktaContext, token: string): SessionTokenGrant | undefined => {
  const grant = ctx.sessionTokens.get(token);
  ctx.sessionTokens.delete(token);
  if (!grant || grant.expiresAt.getTime() <= ctx.clock.now().getTime()) return undefined;
  return grant;
};

/**
 * The start of every call that continues a transaction: a JSON body with a `stateToken` naming a
 * live transaction — else Okta's error for what is missing (400 E0000001, 401 E0000011).
 */
export const readLiveTransaction = (ctx: OktaContext, req: SimRequest): { error: SimResponse } | { t: Transaction; body: JsonBody; stateToken: string } => {
  const read = readJson(req);
  if ('error' in read) return read;
  const stateToken = stringField(read.body, 'stateToken');
  if (stateToken === undefined) return { error: validationFailed('stateToken') };
  const t = liveTransaction(ctx, stateToken);
  if (!t) return { error: invalidToken() };
  return { t, body: read.body, stateToken };
};
