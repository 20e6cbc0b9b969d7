import { json, type SimRequest, type SimResponse } from '../http.js';
import { randomAlnum } from '../ids.js';
import { readJson, stringField, type JsonBody } from './body.js';
import { completeAuthentication, DEVICE_COOKIE, isRememberedDevice, succeed } from './complete.js';
import type { OktaContext, Transaction } from './context.js';
import { authenticationFailed, invalidToken, oktaError, validationFailed, wrongState } from './errors.js';
import { currentSession } from './sessions.js';
import { lockedOutJson, transactionJson, unauthenticatedJson, unknownStatusJson } from './transaction-json.js';
import { liveTransaction, readLiveTransaction, startTransaction } from './transactions.js';
import { findUserByLogin } from './users.js';

/** Okta hands every new user agent a device token cookie (`DT`); "remember device" keys on it. */
const withDeviceCookie = (req: SimRequest, res: SimResponse): SimResponse => {
  if (req.cookies.has(DEVICE_COOKIE)) return res;
  const cookie = `${DEVICE_COOKIE}=DI1${randomAlnum(22)}; Path=/; Max-Age=157680000; HttpOnly; SameSite=None`;
  return { ...res, headers: { ...res.headers, 'set-cookie': cookie } };
};

const optionFlag = (body: JsonBody, name: string): boolean => {
  const options = body.options;
  return typeof options === 'object' && options !== null && (options as Record<string, unknown>)[name] === true;
};

/** POST /api/v1/authn with only `stateToken`: the transaction's state (a step-up needs its session). */
const transactionState = (ctx: OktaContext, req: SimRequest, t: Transaction): SimResponse => {
  if (t.stepUp) {
    const session = currentSession(ctx, req);
    if (!session || session.id !== t.stepUp.sessionId) return json(200, unauthenticatedJson(ctx, t));
  }
  return json(200, transactionJson(ctx, t));
};

/** POST /api/v1/authn: primary authentication, or the state of a transaction given `stateToken`. */
export const primaryAuth = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const read = readJson(req);
  if ('error' in read) return read.error;
  const stateToken = stringField(read.body, 'stateToken');
  const username = stringField(read.body, 'username');
  if (stateToken !== undefined && username === undefined) {
    const t = liveTransaction(ctx, stateToken);
    return t ? transactionState(ctx, req, t) : invalidToken();
  }
  const password = stringField(read.body, 'password');
  if (username === undefined) return validationFailed('username');
  if (password === undefined) return validationFailed('password');
  const user = findUserByLogin(ctx.users, username);
  if (!user || user.password !== password) return withDeviceCookie(req, authenticationFailed());
  const status = user.status ?? 'ACTIVE';
  if (status === 'LOCKED_OUT') return withDeviceCookie(req, json(200, lockedOutJson(ctx)));
  const t = startTransaction(ctx, user, 'MFA_REQUIRED', {
    warnBeforePasswordExpired: optionFlag(read.body, 'warnBeforePasswordExpired'),
  });
  const answer = (): SimResponse => {
    if (ctx.scenario.unknownAuthnStatus) return json(200, unknownStatusJson(ctx, t, ctx.scenario.unknownAuthnStatus));
    if (status === 'MFA_ENROLL' || status === 'MFA_ENROLL_ACTIVATE') {
      t.status = status;
      return json(200, transactionJson(ctx, t));
    }
    if (user.factors.length === 0 || isRememberedDevice(ctx, req, user.id)) return completeAuthentication(ctx, t);
    return json(200, transactionJson(ctx, t));
  };
  return withDeviceCookie(req, answer());
};

/** POST /api/v1/authn/skip: past PASSWORD_WARN without changing the password. */
export const skipStep = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const read = readLiveTransaction(ctx, req);
  if ('error' in read) return read.error;
  const { t } = read;
  if (t.status !== 'PASSWORD_WARN') return wrongState();
  return succeed(ctx, t);
};

/** POST /api/v1/authn/cancel */
export const cancelTransaction = (ctx: OktaContext, req: SimRequest): SimResponse => {
  const read = readLiveTransaction(ctx, req);
  if ('error' in read) return read.error;
  ctx.transactions.delete(read.stateToken);
  return json(200, { status: 'UNAUTHENTICATED' });
};

/** Endpoints of the authn API the simulator does not model (recovery, enrollment). */
export const unsupportedAuthnStep = (): SimResponse => oktaError(403, 'E0000079', 'This operation is not allowed in the current authentication state.');
