import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { verifySigV4 } from '../../../src/simulator/index.js';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): Buffer | string =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** node:crypto behind the SDK's Checksum interface. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

const secret = { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjTOKEN' };
const now = new Date(Date.UTC(2026, 10, 21, 12, 0, 0));

const signed = async (path: string, query: Record<string, string>, body: string, service = 'bedrock') => {
  const signer = new SignatureV4({
    service,
    region: 'us-west-2',
    sha256: NodeSha256,
    credentials: { accessKeyId: 'ASIAEXAMPLEEXAMPLE00', ...secret },
  });
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4000,
      path,
      query,
      headers: { host: '127.0.0.1:4000', 'content-type': 'application/json', 'x-custom': '  a   b  ' },
      body,
    },
    { signingDate: now },
  );
  const qs = new URLSearchParams(query).toString().replace(/\+/g, '%20');
  return { method: 'POST', rawUrl: qs ? `${path}?${qs}` : path, headers: request.headers, body: Buffer.from(body) };
};

const options = { service: 'bedrock', now, lookup: (id: string) => (id === 'ASIAEXAMPLEEXAMPLE00' ? secret : undefined), maxSkewSeconds: 900 };

describe('simulator SigV4 verifier', () => {
  it('accepts what the AWS SDK signer produces, including encoded path segments and queries', async () => {
    const req = await signed('/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/invoke', { b: 'x y', a: '1' }, '{"prompt":"hi"}');
    expect(verifySigV4(req, options)).toMatchObject({ ok: true, region: 'us-west-2', service: 'bedrock' });
  });

  it.each([
    ['a changed body', (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, body: Buffer.from('{"prompt":"bye"}') }), 'bad-signature'],
    ['a changed path', (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, rawUrl: '/model/other/invoke' }), 'bad-signature'],
    ['no Authorization', (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, headers: { ...r.headers, authorization: undefined } }), 'missing'],
    ['another token', (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, headers: { ...r.headers, 'x-amz-security-token': 'other' } }), 'token-mismatch'],
  ])('rejects %s', async (_name, change, reason) => {
    const req = change(await signed('/model/m/invoke', {}, '{}'));
    expect(verifySigV4(req, options)).toMatchObject({ ok: false, reason });
  });

  it('rejects unknown keys, the wrong service, skew and expired credentials', async () => {
    const req = await signed('/', {}, 'Action=GetCallerIdentity');
    expect(verifySigV4(req, { ...options, lookup: () => undefined })).toMatchObject({ reason: 'unknown-key' });
    expect(verifySigV4(req, { ...options, service: 'sts' })).toMatchObject({ reason: 'bad-signature' });
    expect(verifySigV4(req, { ...options, now: new Date(now.getTime() + 16 * 60_000) })).toMatchObject({ reason: 'skew' });
    expect(verifySigV4(req, { ...options, lookup: () => ({ ...secret, expiration: now }) })).toMatchObject({ reason: 'expired' });
  });
});
