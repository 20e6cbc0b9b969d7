import { randomInt } from 'node:crypto';
import { json, type SimRequest, type SimResponse } from '../http.js';
import type { SimFactorKind } from '../types.js';
import { factorVerified } from './complete.js';
import type { OktaContext, Transaction } from './context.js';
import { invalidPasscode, oktaError, REUSED_PASSCODE, WRONG_ANSWER, WRONG_PASSCODE, wrongState } from './errors.js';
import { FACTOR_KINDS, securityAnswer } from './factors.js';
import { matchTotp } from './totp.js';
import { transactionJson } from './transaction-json.js';

/** Okta's OTPs sent by SMS and email live 5 minutes. */
const SENT_CODE_LIFETIME_MS = 5 * 60_000;

/** Okta's answers when a code was sent too recently (one per 30 s for SMS and calls, 5 s for email). */
const TOO_SOON: Record<string, [string, string]> = {
  sms: ['E0000109', 'An SMS message was recently sent. Please wait 30 seconds before trying again.'],
  call: ['E0000133', 'A phone call was recently made. Please wait 30 seconds before trying again.'],
  email: ['E0000118', 'An email was recently sent. Please wait 5 seconds before trying again.'],
};

const AMR: Record<string, string> = { sms: 'sms', call: 'tel', email: 'email' };

/** `token:software:totp`: RFC 6238 within ±1 step; a code is accepted once. */
export const verifyTotp = (ctx: OktaContext, req: SimRequest, t: Transaction, passCode: string | undefined): SimResponse => {
  if (passCode === undefined) return invalidPasscode(WRONG_PASSCODE);
  const step = matchTotp(t.user.totpSecret, passCode, ctx.clock.now());
  if (step === undefined) return invalidPasscode(WRONG_PASSCODE);
  const key = `${t.user.id}:${step}`;
  if (ctx.usedTotpSteps.has(key)) return invalidPasscode(REUSED_PASSCODE);
  ctx.usedTotpSteps.add(key);
  return factorVerified(ctx, req, t, ['otp', 'mfa']);
};

/** Generates and "delivers" a code (voice calls read 5 digits, SMS and email carry 6). */
const sendCode = (ctx: OktaContext, t: Transaction, factorId: string, kind: SimFactorKind): SimResponse => {
  const spec = FACTOR_KINDS[kind];
  const channel = spec.channel ?? 'sms';
  const previous = t.challenge?.factorId === factorId ? t.challenge.sentAt : undefined;
  const now = ctx.clock.now();
  if (previous && now.getTime() - previous.getTime() < (spec.resendAfterSeconds ?? 30) * 1000) {
    const [code, summary] = TOO_SOON[channel] ?? ['E0000109', 'Please wait before trying again.'];
    return oktaError(429, code, summary);
  }
  const digits = channel === 'call' ? 5 : 6;
  const code = String(randomInt(10 ** (digits - 1), 10 ** digits));
  const to = channel === 'email' ? (t.user.email ?? t.user.login) : (t.user.phoneNumber ?? '+1-555-415-1337');
  ctx.outbox.push({ channel, login: t.user.login, to, code, at: now });
  t.status = 'MFA_CHALLENGE';
  t.challenge = { factorId, kind, polls: 0, code, sentAt: now };
  return json(200, transactionJson(ctx, t));
};

/** SMS, voice call, email: without `passCode` (or on `/resend`) a code is sent; with it, checked. */
export const verifySentCode = (
  ctx: OktaContext,
  req: SimRequest,
  t: Transaction,
  factorId: string,
  kind: SimFactorKind,
  resend: boolean,
  passCode: string | undefined,
): SimResponse => {
  const challenge = t.challenge?.factorId === factorId ? t.challenge : undefined;
  if (resend && !challenge) return wrongState();
  if (resend || passCode === undefined) return sendCode(ctx, t, factorId, kind);
  const sentAt = challenge?.sentAt?.getTime() ?? 0;
  if (!challenge?.code || ctx.clock.now().getTime() - sentAt > SENT_CODE_LIFETIME_MS || passCode.trim() !== challenge.code) {
    return invalidPasscode(WRONG_PASSCODE);
  }
  return factorVerified(ctx, req, t, [AMR[FACTOR_KINDS[kind].channel ?? 'sms'] ?? 'sms', 'mfa']);
};

/** The security question: `answer`, compared without regard to case or surrounding spaces. */
export const verifyAnswer = (ctx: OktaContext, req: SimRequest, t: Transaction, answer: string | undefined): SimResponse => {
  if (answer === undefined || answer.trim().toLowerCase() !== securityAnswer(t.user).trim().toLowerCase()) {
    return invalidPasscode(WRONG_ANSWER);
  }
  return factorVerified(ctx, req, t, ['kba']);
};
