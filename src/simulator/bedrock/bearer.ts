import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalRequest, signingKey, stringToSign } from '../sigv4.js';
import type { IssuedCredential, SimClock } from '../types.js';

/**
 * Short-term Amazon Bedrock API keys (`Authorization: Bearer bedrock-api-key-…`), checked the
 * way Bedrock does: the key is `bedrock-api-key-` + base64 of a SigV4 query-presigned URL
 * `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=…&X-Amz-Credential=…&
 * X-Amz-Date=…&X-Amz-Expires=…&X-Amz-Security-Token=…&X-Amz-SignedHeaders=host&X-Amz-Signature=…
 * &Version=1` (AWS's token generators, e.g. @aws/bedrock-token-generator, presign a POST to that
 * host with an unsigned payload, then drop the scheme and append `&Version=1`). The signature
 * must verify with the secret of credentials the simulated STS issued, for service `bedrock`,
 * and the key is refused after X-Amz-Date + X-Amz-Expires (≤ 12 h) or after those credentials expire.
 */

export const API_KEY_PREFIX = 'bedrock-api-key-';
const HOST = 'bedrock.amazonaws.com';
const VERSION_SUFFIX = '&Version=1';
const MAX_EXPIRES_SECONDS = 43_200;
/**
 * The payload hash in the canonical request: the JS generator (smithy's SignatureV4.presign of a
 * request without a body) hashes the empty payload; the Python one (botocore's SigV4QueryAuth)
 * signs UNSIGNED-PAYLOAD. Keys from both work with Bedrock, so both are accepted.
 */
const PAYLOAD_HASHES = ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'UNSIGNED-PAYLOAD'];

export type BearerResult = { ok: true; accessKeyId: string; region: string } | { ok: false; reason: 'invalid' | 'expired' };

const invalid: BearerResult = { ok: false, reason: 'invalid' };

const parseAmzDate = (value: string): Date | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
};

/** Verifies a bearer key (without the `Bearer ` prefix) against the credentials STS issued. */
export const verifyBedrockApiKey = (key: string, ctx: { clock: SimClock; issuedCredentials: Map<string, IssuedCredential> }): BearerResult => {
  if (!key.startsWith(API_KEY_PREFIX)) return invalid;
  const encoded = key.slice(API_KEY_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return invalid;
  const url = Buffer.from(encoded, 'base64').toString('utf8');
  if (!url.startsWith(`${HOST}/?`) || !url.endsWith(VERSION_SUFFIX)) return invalid;
  // What was signed: the query before `&Version=1`, which the generator appends afterwards.
  const query = url.slice(`${HOST}/?`.length, -VERSION_SUFFIX.length);
  const params = new URLSearchParams(query);
  const get = (name: string): string => params.get(name) ?? '';
  if (get('Action') !== 'CallWithBearerToken' || get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || get('X-Amz-SignedHeaders') !== 'host') return invalid;
  const credential = get('X-Amz-Credential').split('/');
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = credential;
  const amzDate = get('X-Amz-Date');
  const signedAt = parseAmzDate(amzDate);
  const expires = Number(get('X-Amz-Expires'));
  const signature = get('X-Amz-Signature');
  if (credential.length !== 5 || service !== 'bedrock' || terminator !== 'aws4_request' || region === '' || !signedAt || date !== amzDate.slice(0, 8))
    return invalid;
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_SECONDS || !/^[0-9a-f]{64}$/.test(signature)) return invalid;
  const issued = ctx.issuedCredentials.get(accessKeyId);
  if (!issued || get('X-Amz-Security-Token') !== issued.sessionToken) return invalid;
  const kSigning = signingKey(issued.secretAccessKey, date, region, service);
  const scope = `${date}/${region}/${service}/aws4_request`;
  const given = Buffer.from(signature, 'hex');
  const matches = (payloadHash: string): boolean => {
    const canonical = canonicalRequest({
      method: 'POST',
      rawUrl: `/?${query}`,
      headers: { host: HOST },
      signedHeaders: ['host'],
      payloadHash,
      doubleEncodePath: true,
    });
    const expected = createHmac('sha256', kSigning)
      .update(stringToSign(amzDate, scope, canonical))
      .digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!PAYLOAD_HASHES.some(matches)) return invalid;
  const now = ctx.clock.now().getTime();
  if (signedAt.getTime() + expires * 1000 <= now || issued.expiration.getTime() <= now) return { ok: false, reason: 'expired' };
  return { ok: true, accessKeyId, region };
};
