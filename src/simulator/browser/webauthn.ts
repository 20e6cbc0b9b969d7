import { createHash, randomBytes, verify } from 'node:crypto';
import { json, type SimRequest, type SimResponse } from '../http.js';
import type { JsonBody } from '../okta/body.js';
import { stringField } from '../okta/body.js';
import { factorVerified } from '../okta/complete.js';
import type { OktaContext, Transaction } from '../okta/context.js';
import { oktaError } from '../okta/errors.js';
import { factorJson, verifyHref } from '../okta/factors.js';
import { embeddedUser } from '../okta/users.js';
import { browserStateOf, credentialFor } from './state.js';

/**
 * WebAuthn (passkeys, security keys) refuses IP-address origins: the RP ID must be a domain
 * (WebAuthn Level 2 §5.1.4.1, "effective domain is not a valid domain" → SecurityError). So the
 * simulator's browser sign-in page lives on http://localhost:PORT (a secure context), the same
 * server as http://127.0.0.1:PORT — like an org whose sign-in page is on another host, it hands the
 * session back to the org host through /login/sessionCookieRedirect.
 */
export const SIGN_IN_HOST = 'localhost';
export const RP_ID = SIGN_IN_HOST;

export const signInOrigin = (ctx: OktaContext): string => {
  const u = new URL(ctx.baseUrl);
  return `${u.protocol}//${SIGN_IN_HOST}:${u.port}`;
};

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();

/** Okta's "Invalid Passcode/Answer"-style refusal for a WebAuthn assertion that does not verify. */
const refused = (why: string): SimResponse => oktaError(403, 'E0000068', 'Invalid Passcode/Answer', [`WebAuthn assertion refused: ${why}`]);

/**
 * POST /api/v1/authn/factors/{id}/verify for a `webauthn` factor, as Okta's Authentication API
 * does it (developer.okta.com "Verify WebAuthn factor"): `{stateToken}` alone answers
 * MFA_CHALLENGE with `_embedded.factor._embedded.challenge.challenge`; then `{stateToken,
 * clientData, authenticatorData, signatureData}` (base64) from `navigator.credentials.get` is
 * checked like a relying party (WebAuthn Level 2 §7.2): clientDataJSON type, challenge and origin,
 * authenticatorData's RP ID hash and user-present flag, the signature counter, and the ES256
 * signature over authenticatorData || SHA-256(clientDataJSON) with the registered public key.
 */
export const verifyWebAuthn = (ctx: OktaContext, req: SimRequest, t: Transaction, factorId: string, body: JsonBody): SimResponse => {
  const state = browserStateOf(ctx);
  const credential = credentialFor(ctx, t.user);
  const clientData = stringField(body, 'clientData');
  const authenticatorData = stringField(body, 'authenticatorData');
  const signatureData = stringField(body, 'signatureData');
  if (clientData === undefined || authenticatorData === undefined || signatureData === undefined) {
    const challenge = randomBytes(32).toString('base64url');
    state.challenges.set(t.stateToken, challenge);
    t.status = 'MFA_CHALLENGE';
    const factor = factorJson(ctx.baseUrl, t.user, 'webauthn', false);
    return json(200, {
      stateToken: t.stateToken,
      expiresAt: t.expiresAt.toISOString(),
      status: 'MFA_CHALLENGE',
      factorResult: 'CHALLENGE',
      challengeType: 'FACTOR',
      _embedded: {
        user: embeddedUser(t.user),
        factor: { ...factor, _embedded: { challenge: { challenge, extensions: {} } } },
      },
      _links: { next: { name: 'verify', href: verifyHref(ctx.baseUrl, factorId), hints: { allow: ['POST'] } } },
    });
  }
  const expected = state.challenges.get(t.stateToken);
  if (!expected) return refused('no challenge was issued for this transaction');
  const clientDataJson = Buffer.from(clientData, 'base64');
  const authData = Buffer.from(authenticatorData, 'base64');
  let c: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    c = JSON.parse(clientDataJson.toString('utf8')) as typeof c;
  } catch {
    return refused('clientDataJSON is not JSON');
  }
  if (c.type !== 'webauthn.get') return refused(`clientData type ${String(c.type)}`);
  if (c.challenge !== expected) return refused('the challenge does not match');
  if (c.origin !== signInOrigin(ctx)) return refused(`origin ${String(c.origin)}`);
  if (authData.length < 37) return refused('authenticatorData is too short');
  if (!authData.subarray(0, 32).equals(sha256(RP_ID))) return refused('the RP ID hash does not match');
  if (((authData[32] ?? 0) & 0x01) === 0) return refused('the user-present flag is not set');
  const signCount = authData.readUInt32BE(33);
  if ((signCount !== 0 || credential.signCount !== 0) && signCount <= credential.signCount)
    return refused('the signature counter went backwards (cloned key?)');
  const signed = Buffer.concat([authData, sha256(clientDataJson)]);
  if (!verify('sha256', signed, { key: credential.publicKey, dsaEncoding: 'der' }, Buffer.from(signatureData, 'base64'))) {
    return refused('the signature does not verify with the registered public key');
  }
  credential.signCount = signCount;
  state.challenges.delete(t.stateToken);
  return factorVerified(ctx, req, t, ['hwk', 'mfa']);
};
