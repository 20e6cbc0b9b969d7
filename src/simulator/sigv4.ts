import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * AWS Signature Version 4 verification (Authorization header form), written from the AWS
 * "Create a signed AWS API request" spec. Service-agnostic: STS uses it with service `sts`,
 * a Bedrock simulator can reuse it with service `bedrock`.
 */

export interface SigV4Request {
  method: string;
  /** Path and query exactly as they arrived on the wire. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SigV4Secret {
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface SigV4VerifyOptions {
  service: string;
  now: Date;
  lookup(accessKeyId: string): SigV4Secret | undefined;
  /** Allowed difference between X-Amz-Date and `now` (AWS: 900 s); null skips the check. */
  maxSkewSeconds?: number | null;
  /** Double URI-encode path segments (every service but S3). Default true. */
  doubleEncodePath?: boolean;
}

export type SigV4FailureReason = 'missing' | 'malformed' | 'unknown-key' | 'token-mismatch' | 'expired' | 'skew' | 'bad-signature';

export type SigV4Result = { ok: true; accessKeyId: string; region: string; service: string } | { ok: false; reason: SigV4FailureReason; message: string };

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as AWS requires (unreserved: A-Z a-z 0-9 - _ . ~). */
export const uriEscape = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export const parseAuthorization = (header: string): ParsedAuthorization | undefined => {
  if (!header.startsWith(ALGORITHM + ' ')) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || credential[4] !== 'aws4_request') return undefined;
  if (!signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const [accessKeyId = '', date = '', region = '', service = ''] = credential;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
};

const canonicalPath = (path: string, doubleEncode: boolean): string => {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => (doubleEncode ? uriEscape(segment) : uriEscape(decodeURIComponent(segment))))
    .join('/');
};

const canonicalQuery = (query: string): string =>
  query
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      return [uriEscape(key), uriEscape(value)] as const;
    })
    .filter(([key]) => key !== 'X-Amz-Signature')
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');

export interface CanonicalInput {
  method: string;
  rawUrl: string;
  headers: IncomingHttpHeaders;
  signedHeaders: string[];
  payloadHash: string;
  doubleEncodePath: boolean;
}

export const canonicalRequest = (input: CanonicalInput): string => {
  const q = input.rawUrl.indexOf('?');
  const path = q < 0 ? input.rawUrl : input.rawUrl.slice(0, q);
  const query = q < 0 ? '' : input.rawUrl.slice(q + 1);
  const headerLines = input.signedHeaders.map((name) => `${name}:${(headerValue(input.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return [input.method, canonicalPath(path, input.doubleEncodePath), canonicalQuery(query), headerLines, input.signedHeaders.join(';'), input.payloadHash].join(
    '\n',
  );
};

export const signingKey = (secret: string, date: string, region: string, service: string): Buffer =>
  hmac(hmac(hmac(hmac('AWS4' + secret, date), region), service), 'aws4_request');

export const stringToSign = (amzDate: string, scope: string, canonical: string): string => [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');

const parseAmzDate = (value: string): Date | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
};

const fail = (reason: SigV4FailureReason, message: string): SigV4Result => ({ ok: false, reason, message });

/** Verify the request's SigV4 Authorization header against credentials `lookup` knows. */
export const verifySigV4 = (req: SigV4Request, options: SigV4VerifyOptions): SigV4Result => {
  const authorization = headerValue(req.headers, 'authorization');
  if (!authorization) return fail('missing', 'Request is missing Authentication Token');
  const auth = parseAuthorization(authorization);
  if (!auth)
    return fail(
      'malformed',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization.split(' ')[0] ?? ''}`,
    );
  const amzDate = headerValue(req.headers, 'x-amz-date');
  const signedAt = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signedAt) return fail('malformed', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  // HTTP/2 carries the host as the :authority pseudo-header, and SDKs sign it under that name.
  if (!auth.signedHeaders.includes('host') && !auth.signedHeaders.includes(':authority')) {
    return fail('malformed', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (auth.date !== amzDate.slice(0, 8) || auth.service !== options.service || auth.region === '') {
    return fail('bad-signature', `Credential should be scoped to a valid region and service '${options.service}' and date '${amzDate.slice(0, 8)}'.`);
  }
  const secret = options.lookup(auth.accessKeyId);
  if (!secret) return fail('unknown-key', 'The security token included in the request is invalid.');
  const token = headerValue(req.headers, 'x-amz-security-token');
  if (secret.sessionToken !== undefined && token !== secret.sessionToken) {
    return fail('token-mismatch', 'The security token included in the request is invalid.');
  }
  const skew = options.maxSkewSeconds ?? null;
  if (skew !== null && Math.abs(signedAt.getTime() - options.now.getTime()) > skew * 1000) {
    return fail('skew', `Signature expired: ${amzDate} is now earlier or later than the allowed window of ${skew} seconds around the server time.`);
  }
  const payloadHash = headerValue(req.headers, 'x-amz-content-sha256') ?? sha256Hex(req.body);
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(req.body)) {
    return fail('bad-signature', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const canonical = canonicalRequest({
    method: req.method,
    rawUrl: req.rawUrl,
    headers: req.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash,
    doubleEncodePath: options.doubleEncodePath ?? true,
  });
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const expected = createHmac('sha256', signingKey(secret.secretAccessKey, auth.date, auth.region, auth.service))
    .update(stringToSign(amzDate, scope, canonical))
    .digest();
  const given = Buffer.from(auth.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail(
      'bad-signature',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  if (secret.expiration && secret.expiration.getTime() <= options.now.getTime()) {
    return fail('expired', 'The security token included in the request is expired');
  }
  return { ok: true, accessKeyId: auth.accessKeyId, region: auth.region, service: auth.service };
};
