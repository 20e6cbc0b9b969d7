import { describe, expect, it } from 'vitest';
import { partitionOfSignin as partitionOf } from '../../../src/aws/partition.js';
import { parseRoleValue, parseSamlAssertion } from '../../../src/saml/assertion.js';
import { matchRole } from '../../../src/saml/roles.js';
import { SamlError } from '../../../src/errors.js';

const ROLE = 'arn:aws:iam::123456789012:role/gateway';
const PATH_ROLE = 'arn:aws:iam::123456789012:role/teams/data/Bedrock';
const IDP = 'arn:aws:iam::123456789012:saml-provider/okta';

function response(attrs: string, destination = 'https://signin.aws.amazon.com/saml'): string {
  const xml = `<?xml version="1.0"?><saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Destination="${destination}"><saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status><saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"><saml2:Conditions NotOnOrAfter="2026-11-21T12:05:00Z"/><saml2:AttributeStatement>${attrs}</saml2:AttributeStatement></saml2:Assertion></saml2p:Response>`;
  return Buffer.from(xml).toString('base64');
}
const attr = (name: string, ...values: string[]): string =>
  `<saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/${name}">${values.map((v) => `<saml2:AttributeValue>${v}</saml2:AttributeValue>`).join('')}</saml2:Attribute>`;

describe('parseRoleValue', () => {
  it.each([
    [`${ROLE},${IDP}`, ROLE, 'gateway'],
    [`${IDP},${ROLE}`, ROLE, 'gateway'],
    [`${PATH_ROLE}, ${IDP}`, PATH_ROLE, 'Bedrock'],
    [`arn:aws-us-gov:iam::123456789012:role/x,arn:aws-us-gov:iam::123456789012:saml-provider/o`, 'arn:aws-us-gov:iam::123456789012:role/x', 'x'],
  ])('%s', (value, roleArn, roleName) => {
    expect(parseRoleValue(value)).toMatchObject({ roleArn, roleName, principalArn: expect.stringContaining('saml-provider') });
  });
  it.each([ROLE, `${ROLE},${ROLE}`, 'garbage,more', `${ROLE},${IDP},extra`])('rejects %s', (v) => {
    expect(parseRoleValue(v)).toBeUndefined();
  });
});

describe('parseSamlAssertion', () => {
  it('reads roles in either order, session name and duration', () => {
    const a = parseSamlAssertion(
      response(attr('Role', `${ROLE},${IDP}`, `${IDP},${PATH_ROLE}`) + attr('RoleSessionName', 'alice@example.com') + attr('SessionDuration', '7200')),
    );
    expect(a.roles.map((r) => r.roleArn)).toEqual([ROLE, PATH_ROLE]);
    expect(a.roleSessionName).toBe('alice@example.com');
    expect(a.sessionDurationSeconds).toBe(7200);
    expect(a.partition).toBe('aws');
    expect(a.notOnOrAfter?.toISOString()).toBe('2026-11-21T12:05:00.000Z');
  });
  it.each([
    ['not base64', '%%%%'],
    ['not xml', Buffer.from('hello').toString('base64')],
    ['doctype', Buffer.from('<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><x>&a;</x>').toString('base64')],
    ['no response', Buffer.from('<a/>').toString('base64')],
    ['no role attribute', response(attr('RoleSessionName', 'a'))],
    ['no usable role', response(attr('Role', 'nonsense'))],
    ['empty', ''],
  ])('%s → SamlError', (_, b64) => {
    expect(() => parseSamlAssertion(b64)).toThrow(SamlError);
  });
  it.each([
    ['https://signin.aws.amazon.com/saml', 'aws'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws-us-gov'],
    ['https://signin.amazonaws.cn/saml', 'aws-cn'],
  ])('partition of %s', (dest, p) => {
    expect(partitionOf(dest)).toBe(p);
  });
});

describe('matchRole', () => {
  const roles = parseSamlAssertion(response(attr('Role', `${ROLE},${IDP}`, `${PATH_ROLE},${IDP}`))).roles;
  it.each([
    ['gateway', ROLE],
    [ROLE, ROLE],
    ['Bedrock', PATH_ROLE],
    ['teams/data/Bedrock', PATH_ROLE],
  ])('%s', (w, arn) => {
    expect(matchRole(roles, w)?.roleArn).toBe(arn);
  });
  it('unknown → undefined', () => expect(matchRole(roles, 'nope')).toBeUndefined());
});
