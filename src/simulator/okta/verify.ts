import { json, type SimRequest, type SimResponse } from '../http.js';
import { stringField } from './body.js';
import type { OktaContext } from './context.js';
import { notFound, wrongState } from './errors.js';
import { FACTOR_KINDS, findFactor } from './factors.js';
import { verifyAnswer, verifySentCode, verifyTotp } from './verify-code.js';
import { verifyPush } from './verify-push.js';
import { readLiveTransaction } from './transactions.js';
import { currentSession } from './sessions.js';
import { unauthenticatedJson } from './transaction-json.js';
import { verifyWebAuthn } from '../browser/webauthn.js';

/** POST /api/v1/authn/factors/{factorId}/verify (and .../verify/resend); `?rememberDevice=true` honoured. */
export const verifyFactor = (ctx: OktaContext, req: SimRequest, factorId: string, resend: boolean): SimResponse => {
  const read = readLiveTransaction(ctx, req);
  if ('error' in read) return read.error;
  const { t } = read;
  const kind = findFactor(t.user, factorId);
  if (!kind) return notFound(`${factorId} (UserFactor)`);
  if (t.status !== 'MFA_REQUIRED' && t.status !== 'MFA_CHALLENGE') return wrongState();
  if (t.stepUp) {
    const session = currentSession(ctx, req);
    if (!session || session.id !== t.stepUp.sessionId) return json(200, unauthenticatedJson(ctx, t));
  }
  switch (FACTOR_KINDS[kind].verifyWith) {
    case 'push':
      return verifyPush(ctx, req, t, factorId, kind, resend);
    case 'totp':
      return verifyTotp(ctx, req, t, stringField(read.body, 'passCode'));
    case 'sent-code':
      return verifySentCode(ctx, req, t, factorId, kind, resend, stringField(read.body, 'passCode'));
    case 'answer':
      return verifyAnswer(ctx, req, t, stringField(read.body, 'answer'));
    case 'unsupported':
      // A security key / passkey is verified by the browser sign-in page (scenario `browserSignIn`);
      // u2f, hardware tokens and Duo are modelled only by their listing.
      if (kind === 'webauthn' && ctx.scenario.browserSignIn) return verifyWebAuthn(ctx, req, t, factorId, read.body);
      return wrongState();
  }
};
