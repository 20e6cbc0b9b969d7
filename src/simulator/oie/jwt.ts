import { createHash, createSign } from 'node:crypto';
import type { SigningKey } from '../certs.js';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The key id Okta puts in JWT headers (a stable hash of the signing key here). */
export const keyId = (key: SigningKey): string => createHash('sha256').update(key.certificatePem).digest('base64url').slice(0, 43);

/** An RS256 JWT signed with the org's key, like Okta's access and ID tokens. */
export const signJwt = (claims: Record<string, unknown>, key: SigningKey): string => {
  const input = `${b64({ kid: keyId(key), alg: 'RS256' })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKeyPem).toString('base64url');
  return `${input}.${signature}`;
};

/** `at_hash`: the left half of SHA-256 of the access token, base64url (OIDC Core §3.1.3.6). */
export const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
