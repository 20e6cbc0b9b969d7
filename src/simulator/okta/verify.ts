import { json, type SimRequest, type SimResponse } from '../http.js';
import type { SimFactorKind } from '../types.js';
import { readJson, stringField } from './body.js';
import type { OktaContext, Transaction } from './context.js';
import { invalidPasscode, invalidToken, notFound, REUSED_PASSCODE, validationFailed, WRONG_PASSCODE, wrongState } from './errors.js';
import { FACTOR_KINDS, findFactor } from './factors.js';
import { matchTotp } from './totp.js';
import { successJson, transactionJson } from './transaction-json.js';
import { liveTransaction, mintSessionToken } from './transactions.js';

const succeed = (ctx: OktaContext, t: Transaction, amr: string[]): SimResponse => {
  ctx.transactions.delete(t.stateToken);
  const { token, grant } = mintSessionToken(ctx, t.user, t.passwordVerifiedAt, ctx.clock.now(), ['pwd', ...amr]);
  return json(200, successJson(ctx, token, grant));
};

const verifyPasscode = (ctx: OktaContext, t: Transaction, passCode: string | undefined): SimResponse => {
  if (passCode === undefined) return invalidPasscode(WRONG_PASSCODE);
  const step = matchTotp(t.user.totpSecret, passCode, ctx.clock.now());
  if (step === undefined) return invalidPasscode(WRONG_PASSCODE);
  const key = `${t.user.id}:${step}`;
  if (ctx.usedTotpSteps.has(key)) return invalidPasscode(REUSED_PASSCODE);
  ctx.usedTotpSteps.add(key);
  return succeed(ctx, t, ['otp', 'mfa']);
};

/** First verify sends the push; each later POST is a poll answered per the scenario. */
const verifyPush = (ctx: OktaContext, t: Transaction, factorId: string, kind: SimFactorKind, resend: boolean): SimResponse => {
  const current = t.challenge;
  if (resend || !current || current.factorId !== factorId || current.result !== undefined) {
    t.status = 'MFA_CHALLENGE';
    t.challenge = { factorId, kind, polls: 0 };
    return json(200, transactionJson(ctx, t));
  }
  current.polls += 1;
  if (current.polls >= Math.max(1, ctx.scenario.pushApproveAfterPolls)) {
    switch (ctx.scenario.pushResult) {
      case 'approve':
        return succeed(ctx, t, ['mfa', 'swk', 'hwk']);
      case 'reject':
        current.result = 'REJECTED';
        break;
      case 'timeout':
        current.result = 'TIMEOUT';
        break;
    }
  }
  return json(200, transactionJson(ctx, t));
};

/** POST /api/v1/authn/factors/{factorId}/verify (and .../verify/resend). */
export const verifyFactor = (ctx: OktaContext, req: SimRequest, factorId: string, resend: boolean): SimResponse => {
  const read = readJson(req);
  if ('error' in read) return read.error;
  const stateToken = stringField(read.body, 'stateToken');
  if (stateToken === undefined) return validationFailed('stateToken');
  const t = liveTransaction(ctx, stateToken);
  if (!t) return invalidToken();
  const kind = findFactor(t.user, factorId);
  if (!kind) return notFound(`${factorId} (UserFactor)`);
  if (t.status !== 'MFA_REQUIRED' && t.status !== 'MFA_CHALLENGE') return wrongState();
  return FACTOR_KINDS[kind].verifyWith === 'push'
    ? verifyPush(ctx, t, factorId, kind, resend)
    : verifyPasscode(ctx, t, stringField(read.body, 'passCode'));
};
