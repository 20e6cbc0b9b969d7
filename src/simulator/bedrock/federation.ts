import { randomBytes } from 'node:crypto';
import type { Handler, SimRequest, SimResponse } from '../http.js';
import type { BedrockContext } from './context.js';

/** Sign-in tokens are good for 15 minutes (AWS: "valid for 15 minutes after issue"). */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

const plain = (status: number, body: string, action: string): SimResponse => ({
  status,
  action,
  headers: { 'content-type': 'text/plain;charset=UTF-8' },
  body,
});

interface SessionParam {
  sessionId?: unknown;
  sessionKey?: unknown;
  sessionToken?: unknown;
}

/** Action=getSigninToken&Session={"sessionId","sessionKey","sessionToken"}[&SessionDuration=N] */
const getSigninToken = (ctx: BedrockContext, params: URLSearchParams): SimResponse => {
  const action = 'getSigninToken';
  let session: SessionParam;
  try {
    session = JSON.parse(params.get('Session') ?? '') as SessionParam;
  } catch {
    return plain(400, 'Bad Request: the Session parameter is not valid JSON', action);
  }
  const duration = params.get('SessionDuration');
  if (duration !== null && !(Number.isInteger(Number(duration)) && Number(duration) >= 900 && Number(duration) <= 43200)) {
    return plain(400, 'Bad Request: SessionDuration must be between 900 and 43200', action);
  }
  const issued = typeof session.sessionId === 'string' ? ctx.issuedCredentials.get(session.sessionId) : undefined;
  if (
    !issued ||
    issued.secretAccessKey !== session.sessionKey ||
    issued.sessionToken !== session.sessionToken ||
    issued.expiration.getTime() <= ctx.clock.now().getTime()
  ) {
    return plain(400, 'Bad Request: the credentials are not valid', action);
  }
  const token = randomBytes(96).toString('base64url');
  ctx.signinTokens.set(token, ctx.clock.now());
  return { status: 200, action, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ SigninToken: token }) };
};

/** Action=login&Issuer=…&Destination=…&SigninToken=… → the console (302). */
const login = (ctx: BedrockContext, params: URLSearchParams): SimResponse => {
  const action = 'login';
  const token = params.get('SigninToken') ?? '';
  const issuedAt = ctx.signinTokens.get(token);
  const destination = params.get('Destination') ?? '';
  if (!issuedAt || ctx.clock.now().getTime() - issuedAt.getTime() > TOKEN_LIFETIME_MS) {
    return plain(400, 'Bad Request: the sign-in token is not valid or has expired', action);
  }
  if (!/^https:\/\/([a-z0-9-]+\.)*console\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)\//.test(destination)) {
    return plain(400, 'Bad Request: Destination must be an AWS console URL', action);
  }
  ctx.signinTokens.delete(token);
  return { status: 302, action, headers: { location: destination }, body: '' };
};

/** signin.aws.amazon.com/federation: the custom identity broker endpoint. */
export const federationHandler =
  (ctx: BedrockContext): Handler =>
  (req: SimRequest): SimResponse => {
    if (req.url.pathname !== '/federation' || req.method !== 'GET') return plain(404, 'Not Found', 'unknown');
    const params = req.url.searchParams;
    switch (params.get('Action')) {
      case 'getSigninToken':
        return getSigninToken(ctx, params);
      case 'login':
        return login(ctx, params);
      default:
        return plain(400, 'Bad Request: unknown Action', 'unknown');
    }
  };
