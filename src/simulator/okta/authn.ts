import { json, type SimRequest, type SimResponse } from '../http.js';
import { readJson, stringField } from './body.js';
import type { OktaContext } from './context.js';
import { authenticationFailed, invalidToken, oktaError, validationFailed } from './errors.js';
import { lockedOutJson, successJson, transactionJson } from './transaction-json.js';
import { liveTransaction, mintSessionToken, startTransaction } from './transactions.js';
import { findUserByLogin } from './users.js';

/** POST /api/v1/authn: primary authentication, or the state of a transaction given `stateToken`. */
export const primaryAuth = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const read = readJson(req);
  if ('error' in read) return read.error;
  const stateToken = stringField(read.body, 'stateToken');
  const username = stringField(read.body, 'username');
  if (stateToken !== undefined && username === undefined) {
    const t = liveTransaction(ctx, stateToken);
    return t ? json(200, transactionJson(ctx, t)) : invalidToken();
  }
  const password = stringField(read.body, 'password');
  if (username === undefined) return validationFailed('username');
  if (password === undefined) return validationFailed('password');
  const user = findUserByLogin(ctx.users, username);
  if (!user || user.password !== password) return authenticationFailed();
  switch (user.status ?? 'ACTIVE') {
    case 'LOCKED_OUT':
      return json(200, lockedOutJson(ctx));
    case 'PASSWORD_EXPIRED':
      return json(200, transactionJson(ctx, startTransaction(ctx, user, 'PASSWORD_EXPIRED')));
    case 'MFA_ENROLL':
      return json(200, transactionJson(ctx, startTransaction(ctx, user, 'MFA_ENROLL')));
    default:
      break;
  }
  if (user.factors.length === 0) {
    const { token, grant } = mintSessionToken(ctx, user, ctx.clock.now(), null, ['pwd']);
    return json(200, successJson(ctx, token, grant));
  }
  return json(200, transactionJson(ctx, startTransaction(ctx, user, 'MFA_REQUIRED')));
};

/** POST /api/v1/authn/cancel */
export const cancelTransaction = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const read = readJson(req);
  if ('error' in read) return read.error;
  const stateToken = stringField(read.body, 'stateToken');
  if (stateToken === undefined) return validationFailed('stateToken');
  if (!liveTransaction(ctx, stateToken)) return invalidToken();
  ctx.transactions.delete(stateToken);
  return json(200, { status: 'UNAUTHENTICATED' });
};

/** Endpoints of the authn API the simulator does not model (recovery, enrollment). */
export const unsupportedAuthnStep = (): SimResponse =>
  oktaError(403, 'E0000079', 'This operation is not allowed in the current authentication state.');
