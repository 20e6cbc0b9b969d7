import { randomInt } from 'node:crypto';
import { xmlEscape as x } from './xml-escape.js';

export const AWS_SAML_ACS = 'https://signin.aws.amazon.com/saml';
export const AWS_AUDIENCE = 'urn:amazon:webservices';
export const ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
export const ROLE_SESSION_NAME_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
export const SESSION_DURATION_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';
export const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';

export interface SamlResponseInput {
  issuer: string;
  login: string;
  roleArns: string[];
  providerArn: string;
  sessionDurationSeconds: number;
  now: Date;
}

export interface BuiltSamlResponse {
  xml: string;
  assertionId: string;
}

/** Okta ids in SAML look like `id` + 25 digits. */
const samlId = (): string => 'id' + Array.from({ length: 25 }, () => randomInt(10)).join('');

/** Okta writes instants with milliseconds: 2026-11-21T12:00:00.123Z. */
const instant = (d: Date): string => d.toISOString();

/** Each value is `role,provider`; the order alternates so clients must accept both. */
export const roleAttributeValues = (roleArns: string[], providerArn: string): string[] =>
  roleArns.map((role, i) => (i % 2 === 0 ? `${role},${providerArn}` : `${providerArn},${role}`));

const attribute = (name: string, values: string[]): string =>
  `<saml2:Attribute Name="${x(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
  values
    .map(
      (v) =>
        `<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${x(v)}</saml2:AttributeValue>`,
    )
    .join('') +
  '</saml2:Attribute>';

/** An unsigned SAML 2.0 Response shaped like the one Okta posts to AWS. */
export const buildSamlResponse = (input: SamlResponseInput): BuiltSamlResponse => {
  const now = input.now.getTime();
  const issued = instant(input.now);
  const notBefore = instant(new Date(now - 5 * 60_000));
  const notOnOrAfter = instant(new Date(now + 5 * 60_000));
  const assertionId = samlId();
  const issuer = `<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${x(input.issuer)}</saml2:Issuer>`;
  const assertion =
    `<saml2:Assertion xmlns:saml2="${NS_ASSERTION}" ID="${assertionId}" IssueInstant="${issued}" Version="2.0">` +
    issuer +
    '<saml2:Subject>' +
    `<saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${x(input.login)}</saml2:NameID>` +
    '<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml2:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${AWS_SAML_ACS}"/>` +
    '</saml2:SubjectConfirmation></saml2:Subject>' +
    `<saml2:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml2:AudienceRestriction><saml2:Audience>${AWS_AUDIENCE}</saml2:Audience></saml2:AudienceRestriction>` +
    '</saml2:Conditions>' +
    `<saml2:AuthnStatement AuthnInstant="${issued}" SessionIndex="${samlId()}">` +
    '<saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext>' +
    '</saml2:AuthnStatement>' +
    '<saml2:AttributeStatement>' +
    // No role mapped for the user: Okta leaves the Role attribute out altogether.
    (input.roleArns.length > 0 ? attribute(ROLE_ATTRIBUTE, roleAttributeValues(input.roleArns, input.providerArn)) : '') +
    attribute(ROLE_SESSION_NAME_ATTRIBUTE, [input.login]) +
    attribute(SESSION_DURATION_ATTRIBUTE, [String(input.sessionDurationSeconds)]) +
    '</saml2:AttributeStatement>' +
    '</saml2:Assertion>';
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<saml2p:Response xmlns:saml2p="${NS_PROTOCOL}" Destination="${AWS_SAML_ACS}" ID="${samlId()}" IssueInstant="${issued}" Version="2.0">` +
    `<saml2:Issuer xmlns:saml2="${NS_ASSERTION}" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${x(input.issuer)}</saml2:Issuer>` +
    '<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>' +
    assertion +
    '</saml2p:Response>';
  return { xml, assertionId };
};
