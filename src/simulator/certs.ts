import { generateKeyPairSync } from 'node:crypto';
import { generate } from 'selfsigned';

/** The IdP signing key and its self-signed X.509 certificate (PEM). */
export interface SigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

let shared: Promise<SigningKey> | undefined;

const create = async (): Promise<SigningKey> => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const notBeforeDate = new Date(Date.UTC(2020, 0, 1));
  const pems = await generate(
    [
      { name: 'commonName', value: 'okta-simulator' },
      { name: 'organizationName', value: 'Okta' },
    ],
    {
      keyPair: { privateKey, publicKey },
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(Date.UTC(2036, 0, 1)),
    },
  );
  return { privateKeyPem: pems.private, certificatePem: pems.cert };
};

/** One key pair per process: generating RSA keys is the slow part of starting a simulator. */
export const signingKey = (): Promise<SigningKey> => (shared ??= create());
