import { describe, it, expect } from 'vitest';
import { parseSamlAssertion } from '../../../src/saml/assertion.js';
import { SamlError } from '../../../src/errors.js';
import { expectTyped, fc, params, timed } from './fuzz-config.js';

const ROLE = 'https://aws.amazon.com/SAML/Attributes/Role';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const arnPart = fc.oneof(
  fc.constantFrom(
    'arn:aws:iam::123456789012:role/gateway',
    'arn:aws:iam::123456789012:role/path/to/Role',
    'arn:aws:iam::123456789012:saml-provider/okta',
    'arn:aws-us-gov:iam::123456789012:role/x',
    'arn:aws:iam::12345:role/short-account',
    'arn:aws:iam::123456789012:role/',
    'arn:aws:iam::123456789012:user/notarole',
    '',
  ),
  fc.string({ maxLength: 80 }),
);
const roleValue = fc.tuple(arnPart, arnPart, fc.constantFrom(',', ', ', ',,', ';')).map(([a, b, sep]) => `${a}${sep}${b}`);
const attribute = fc
  .tuple(
    fc.constantFrom(ROLE, 'https://aws.amazon.com/SAML/Attributes/RoleSessionName', 'https://aws.amazon.com/SAML/Attributes/SessionDuration', 'other'),
    fc.array(roleValue, { maxLength: 6 }),
  )
  .map(
    ([name, values]) =>
      `<saml2:Attribute Name="${name}">${values.map((v) => `<saml2:AttributeValue>${v.replace(/[<&]/g, '')}</saml2:AttributeValue>`).join('')}</saml2:Attribute>`,
  );
const ns = fc.constantFrom(
  'xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"',
  'xmlns:saml2p="urn:wrong" xmlns:saml2="urn:also-wrong"',
  '',
);
const document = fc
  .tuple(ns, fc.array(attribute, { maxLength: 5 }), fc.boolean())
  .map(
    ([n, attrs, withStatus]) =>
      `<?xml version="1.0"?><saml2p:Response ${n} Destination="https://signin.aws.amazon.com/saml">${withStatus ? '<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>' : ''}<saml2:Assertion><saml2:AttributeStatement>${attrs.join('')}</saml2:AttributeStatement></saml2:Assertion></saml2p:Response>`,
  );

describe('fuzz: SAML assertion parsing', () => {
  it('arbitrary strings → a result or a SamlError, quickly', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => timed(() => expectTyped(() => parseSamlAssertion(s)))),
      params,
    );
  });

  it('arbitrary base64 of arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => timed(() => expectTyped(() => parseSamlAssertion(Buffer.from(bytes).toString('base64'))))),
      params,
    );
  });

  it('structured assertions: odd ARNs, several Role attributes, wrong namespaces', () => {
    fc.assert(
      fc.property(document, (xml) =>
        timed(() =>
          expectTyped(() => {
            const a = parseSamlAssertion(b64(xml));
            for (const r of a.roles) {
              expect(r.roleArn).toMatch(/^arn:aws[\w-]*:iam::\d{12}:role\/.+/);
              expect(r.principalArn).toMatch(/:saml-provider\//);
            }
          }),
        ),
      ),
      params,
    );
  });

  it('truncated documents at every length', () => {
    fc.assert(
      fc.property(document, fc.nat(), (xml, cut) => timed(() => expectTyped(() => parseSamlAssertion(b64(xml.slice(0, cut % (xml.length + 1))))))),
      params,
    );
  });

  it.each([
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><saml2p:Response>&lol2;</saml2p:Response>`,
    ],
    ['XXE file', `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><saml2p:Response>&x;</saml2p:Response>`],
    ['XXE http', `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]><r>&x;</r>`],
    ['parameter entity', `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/hosts"> %p;]><r/>`],
    ['lowercase doctype', `<!doctype r [<!entity x SYSTEM "file:///etc/passwd">]><r>&x;</r>`],
  ])('refuses %s without resolving anything', (_, xml) => {
    expect(() => timed(() => parseSamlAssertion(b64(xml)))).toThrow(SamlError);
  });

  it('a huge assertion is refused quickly', () => {
    const huge = 'A'.repeat(3 * 1024 * 1024);
    expect(() => timed(() => parseSamlAssertion(huge))).toThrow(SamlError);
  });

  it('10 000 roles parse in bounded time', () => {
    const values = Array.from(
      { length: 10_000 },
      (_, i) => `<saml2:AttributeValue>arn:aws:iam::123456789012:role/r${i},arn:aws:iam::123456789012:saml-provider/okta</saml2:AttributeValue>`,
    ).join('');
    const xml = `<saml2p:Response xmlns:saml2p="p" xmlns:saml2="a"><saml2:Assertion><saml2:AttributeStatement><saml2:Attribute Name="${ROLE}">${values}</saml2:Attribute></saml2:AttributeStatement></saml2:Assertion></saml2p:Response>`;
    const a = timed(() => parseSamlAssertion(b64(xml)), 3000);
    expect(a.roles).toHaveLength(10_000);
  });
});
