import { generateKeyPairSync } from 'node:crypto';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { signingKey } from '../../../src/simulator/certs.js';
import { PATH_ROLE_ARN, GATEWAY_ROLE_ARN, SAML_PROVIDER_ARN } from '../../../src/simulator/index.js';
import { buildSamlResponse } from '../../../src/simulator/saml/build.js';
import { signAssertion } from '../../../src/simulator/saml/sign.js';
import { verifySamlResponse } from '../../../src/simulator/saml/verify.js';

const input = {
  issuer: 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9',
  login: 'alice@example.com',
  roleArns: [PATH_ROLE_ARN, GATEWAY_ROLE_ARN],
  providerArn: SAML_PROVIDER_ARN,
  sessionDurationSeconds: 3600,
  now: new Date(),
};
const b64 = (xml: string): string => Buffer.from(xml, 'utf8').toString('base64');

describe('simulator SAML signing and verification', () => {
  it('signs an assertion STS accepts, with role values in alternating order', async () => {
    const key = await signingKey();
    const verified = verifySamlResponse(b64(signAssertion(buildSamlResponse(input).xml, key)), key.certificatePem);
    expect(verified.roleValues).toEqual([`${PATH_ROLE_ARN},${SAML_PROVIDER_ARN}`, `${SAML_PROVIDER_ARN},${GATEWAY_ROLE_ARN}`]);
    expect(verified).toMatchObject({ subject: 'alice@example.com', roleSessionName: 'alice@example.com', audiences: ['urn:amazon:webservices'] });
  });

  it('rejects a signature wrapping attack (an unsigned second assertion)', async () => {
    const key = await signingKey();
    const signed = signAssertion(buildSamlResponse(input).xml, key);
    const evil = buildSamlResponse({ ...input, roleArns: ['arn:aws:iam::123456789012:role/admin'] }).xml;
    const evilAssertion = /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/.exec(evil)?.[0] ?? '';
    const wrapped = signed.replace('<saml2p:Status>', `${evilAssertion}<saml2p:Status>`);
    expect(() => verifySamlResponse(b64(wrapped), key.certificatePem)).toThrow(/exactly one Assertion/);
  });

  it('rejects an assertion signed by another key, even with its own certificate in KeyInfo', async () => {
    const key = await signingKey();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const other = await generate([{ name: 'commonName', value: 'attacker' }], { keyPair: { privateKey, publicKey }, algorithm: 'sha256' });
    const forged = signAssertion(buildSamlResponse(input).xml, { privateKeyPem: other.private, certificatePem: other.cert });
    expect(() => verifySamlResponse(b64(forged), key.certificatePem)).toThrow(/signature invalid/);
  });

  it('rejects unsigned and non-XML input', async () => {
    const key = await signingKey();
    expect(() => verifySamlResponse(b64(buildSamlResponse(input).xml), key.certificatePem)).toThrow(/not signed/);
    expect(() => verifySamlResponse(b64('<html>'), key.certificatePem)).toThrow(/not well-formed|samlp:Response/);
    expect(() => verifySamlResponse('%%% not base64 %%%', key.certificatePem)).toThrow(/base64/);
  });
});
