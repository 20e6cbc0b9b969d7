import { json, type SimRequest, type SimResponse } from '../http.js';
import type { SimFactorKind } from '../types.js';
import { factorVerified } from './complete.js';
import type { OktaContext, Transaction } from './context.js';
import { transactionJson } from './transaction-json.js';

/** First verify sends the push; each later POST is a poll answered per the scenario. */
export const verifyPush = (ctx: OktaContext, req: SimRequest, t: Transaction, factorId: string, kind: SimFactorKind, resend: boolean): SimResponse => {
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
        return factorVerified(ctx, req, t, ['mfa', 'swk', 'hwk']);
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
