import { it } from 'vitest';
import { signingKey } from '../../../src/simulator/certs.js';
import { buildSamlResponse } from '../../../src/simulator/saml/build.js';
import { signAssertion } from '../../../src/simulator/saml/sign.js';
import { verifySamlResponse } from '../../../src/simulator/saml/verify.js';
it('scratch', async () => {
const key = await signingKey();
const { xml } = buildSamlResponse({ issuer: 'http://www.okta.com/exk1', login: 'alice@example.com', roleArns: ['arn:aws:iam::123456789012:role/a','arn:aws:iam::123456789012:role/b'], providerArn: 'arn:aws:iam::123456789012:saml-provider/okta', sessionDurationSeconds: 3600, now: new Date() });
const signed = signAssertion(xml, key);
console.log(signed.slice(0, 2500));
console.log(verifySamlResponse(Buffer.from(signed).toString('base64'), key.certificatePem));
try { verifySamlResponse(Buffer.from(signed.replace('role/a', 'role/X')).toString('base64'), key.certificatePem); } catch (e) { console.log('tampered:', (e as Error).message); }
});
