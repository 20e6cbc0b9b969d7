import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { describe, expect, it } from 'vitest';
import { createBedrockApiKey, keyLifetime, parseKeySeconds } from '../../../src/bedrock/api-key.js';
import { verifyBedrockApiKey } from '../../../src/simulator/bedrock/bearer.js';
import type { IssuedCredential } from '../../../src/simulator/types.js';

const now = new Date();
const creds = {
  accessKeyId: 'ASIAUNITTEST',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'Fwo//tok+en=',
  expiration: new Date(now.getTime() + 3600_000),
};
const issued = (): Map<string, IssuedCredential> => new Map([[creds.accessKeyId, { ...creds, arn: 'arn:aws:sts::123456789012:assumed-role/R/s' }]]);
const at = (d: Date) => ({ clock: { now: () => d }, issuedCredentials: issued() });

describe('key lifetime', () => {
  it("is min(requested, 12 h, the credentials' remaining life)", () => {
    const exp = new Date(now.getTime() + 3600_000);
    expect(keyLifetime(undefined, exp, now)).toEqual({ seconds: 3600, cappedByCredentials: true });
    expect(keyLifetime(600, exp, now)).toEqual({ seconds: 600, cappedByCredentials: false });
    expect(keyLifetime(undefined, new Date(now.getTime() + 86_400_000), now)).toEqual({ seconds: 43_200, cappedByCredentials: false });
  });

  it('--expires takes whole seconds in (0, 43200]', () => {
    expect(parseKeySeconds(undefined)).toBeUndefined();
    expect(parseKeySeconds('900')).toBe(900);
    for (const bad of ['0', '43201', '-5', '1.5', '1h', '']) expect(() => parseKeySeconds(bad), bad).toThrow(/--expires/);
  });
});

describe("keys and the simulator's check of them", () => {
  it('a key from @aws/bedrock-token-generator verifies, bound to its region', async () => {
    const key = await createBedrockApiKey(creds, 'eu-west-1', 900, new Date());
    expect(key.seconds).toBe(900);
    expect(verifyBedrockApiKey(key.token, at(new Date()))).toEqual({ ok: true, accessKeyId: creds.accessKeyId, region: 'eu-west-1' });
  });

  it('expires after X-Amz-Expires and with its credentials', async () => {
    const key = await createBedrockApiKey(creds, 'us-east-1', 60, new Date());
    expect(verifyBedrockApiKey(key.token, at(new Date(Date.now() + 61_000)))).toEqual({ ok: false, reason: 'expired' });
    const long = await createBedrockApiKey(creds, 'us-east-1', undefined, new Date());
    expect(long.cappedByCredentials).toBe(true);
    expect(verifyBedrockApiKey(long.token, at(new Date(creds.expiration.getTime() + 1000)))).toEqual({ ok: false, reason: 'expired' });
  });

  it('a tampered, foreign or malformed key is invalid', async () => {
    const key = (await createBedrockApiKey(creds, 'us-east-1', 600, new Date())).token;
    const url = Buffer.from(key.slice(16), 'base64').toString('utf8');
    const reencode = (u: string) => `bedrock-api-key-${Buffer.from(u).toString('base64')}`;
    for (const bad of [
      reencode(url.replace('us-east-1', 'us-west-2')),
      reencode(url.replace('X-Amz-Expires=600', 'X-Amz-Expires=601')),
      reencode(url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000')),
      reencode(url.replace('&Version=1', '')),
      reencode(`https://${url}`),
      'bedrock-api-key-%%%',
      'ABSKlongtermkey',
    ]) {
      expect(verifyBedrockApiKey(bad, at(new Date()))).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(verifyBedrockApiKey(key, { clock: { now: () => new Date() }, issuedCredentials: new Map() })).toEqual({ ok: false, reason: 'invalid' });
  });

  it("a key presigned with UNSIGNED-PAYLOAD (the Python generator's way) verifies too", async () => {
    const signer = new SignatureV4({ service: 'bedrock', region: 'us-east-1', credentials: creds, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
    const req = new HttpRequest({
      method: 'POST',
      protocol: 'https:',
      hostname: 'bedrock.amazonaws.com',
      path: '/',
      headers: { host: 'bedrock.amazonaws.com', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      query: { Action: 'CallWithBearerToken' },
    });
    const signed = await signer.presign(req, { expiresIn: 300, unsignableHeaders: new Set(['x-amz-content-sha256']) });
    const q = Object.entries(signed.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    const token = `bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?${q}&Version=1`).toString('base64')}`;
    expect(verifyBedrockApiKey(token, at(new Date()))).toMatchObject({ ok: true });
  });
});
