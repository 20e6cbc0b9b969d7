import { json, type SimRequest, type SimResponse } from '../http.js';
import type { OktaContext, Transaction } from './context.js';
import { stepUpSuccessJson, successJson, transactionJson } from './transaction-json.js';
import { mintSessionToken } from './transactions.js';
import { recordStepUp } from './step-up.js';

/** End the transaction with SUCCESS and a one-time sessionToken. */
export const succeed = (ctx: OktaContext, t: Transaction): SimResponse => {
  ctx.transactions.delete(t.stateToken);
  const { token, grant } = mintSessionToken(ctx, t.user, t.passwordVerifiedAt, t.factorVerifiedAt ?? null, t.amr);
  return json(200, successJson(ctx, token, grant));
};

/**
 * What follows the password (no MFA needed) or a verified factor: a step-up ends with its
 * `original` link; otherwise the password policy speaks (expired, reset, warn) before SUCCESS.
 */
export const completeAuthentication = (ctx: OktaContext, t: Transaction): SimResponse => {
  t.challenge = undefined;
  if (t.stepUp) {
    t.status = 'SUCCESS';
    recordStepUp(ctx, t);
    return json(200, stepUpSuccessJson(ctx, t));
  }
  const status = t.user.status ?? 'ACTIVE';
  if (status === 'PASSWORD_EXPIRED' || status === 'PASSWORD_RESET' || (status === 'PASSWORD_WARN' && t.warnBeforePasswordExpired)) {
    t.status = status;
    return json(200, transactionJson(ctx, t));
  }
  return succeed(ctx, t);
};

/** A factor was verified: note it, remember the device when asked and allowed, then complete. */
export const factorVerified = (ctx: OktaContext, req: SimRequest, t: Transaction, amr: string[]): SimResponse => {
  t.factorVerifiedAt = ctx.clock.now();
  t.amr = [...new Set([...t.amr, ...amr])];
  const dt = req.cookies.get(DEVICE_COOKIE);
  if (ctx.scenario.allowRememberDevice && req.url.searchParams.get('rememberDevice') === 'true' && dt) {
    const until = new Date(ctx.clock.now().getTime() + ctx.scenario.rememberDeviceLifetimeMinutes * 60_000);
    ctx.rememberedDevices.set(`${dt}:${t.user.id}`, until);
  }
  return completeAuthentication(ctx, t);
};

/** Okta's device token cookie, set on the first sign-in from a user agent. */
export const DEVICE_COOKIE = 'DT';

/** True when this user agent's DT cookie was remembered for the user and is still in its window. */
export const isRememberedDevice = (ctx: OktaContext, req: SimRequest, userId: string): boolean => {
  const dt = req.cookies.get(DEVICE_COOKIE);
  if (!dt || !ctx.scenario.allowRememberDevice) return false;
  const until = ctx.rememberedDevices.get(`${dt}:${userId}`);
  return until !== undefined && until.getTime() > ctx.clock.now().getTime();
};
