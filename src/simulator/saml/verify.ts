import { SignedXml } from 'xml-crypto';
import type { Element } from '@xmldom/xmldom';
import { elements, firstElement, parseXml, text } from './dom.js';
import { NS_ASSERTION, NS_PROTOCOL, ROLE_ATTRIBUTE, ROLE_SESSION_NAME_ATTRIBUTE } from './build.js';

const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/** What STS reads from a verified assertion. Every field comes from the signed bytes. */
export interface VerifiedAssertion {
  issuer: string;
  subject: string;
  subjectFormat: string;
  recipient: string;
  audiences: string[];
  notBefore?: Date;
  notOnOrAfter?: Date;
  subjectNotOnOrAfter?: Date;
  roleValues: string[];
  roleSessionName?: string;
}

export class SamlRejected extends Error {
  constructor(
    readonly code: 'InvalidIdentityToken' | 'MalformedSaml',
    message: string,
  ) {
    super(message);
  }
}

const attributeValues = (assertion: Element, name: string): string[] =>
  elements(assertion, NS_ASSERTION, 'Attribute')
    .filter((a) => a.getAttribute('Name') === name)
    .flatMap((a) => elements(a, NS_ASSERTION, 'AttributeValue').map((v) => text(v) ?? ''));

const date = (value: string | null | undefined): Date | undefined => (value ? new Date(value) : undefined);

const decode = (samlAssertion: string): string => {
  const compact = samlAssertion.replace(/\s+/g, '');
  if (compact.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new SamlRejected('MalformedSaml', 'Invalid base64 SAML response');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
};

/** The one signed Assertion, verified against `certificatePem` only (KeyInfo is not trusted). */
const verifiedAssertionXml = (xml: string, certificatePem: string): string => {
  let doc;
  try {
    doc = parseXml(xml);
  } catch {
    throw new SamlRejected('MalformedSaml', 'Invalid SAML response: not well-formed XML');
  }
  const response = doc.documentElement;
  if (!response || response.namespaceURI !== NS_PROTOCOL || response.localName !== 'Response') {
    throw new SamlRejected('InvalidIdentityToken', 'Invalid SAML response: expected a samlp:Response');
  }
  const status = firstElement(response, NS_PROTOCOL, 'StatusCode')?.getAttribute('Value');
  if (status !== 'urn:oasis:names:tc:SAML:2.0:status:Success') {
    throw new SamlRejected('InvalidIdentityToken', 'SAML response status is not Success');
  }
  const assertions = elements(doc, NS_ASSERTION, 'Assertion');
  const [assertion] = assertions;
  if (assertions.length !== 1 || !assertion) {
    throw new SamlRejected('InvalidIdentityToken', 'SAML response must contain exactly one Assertion');
  }
  const signature = Array.from(assertion.childNodes).find(
    (n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === NS_DSIG && (n as Element).localName === 'Signature',
  );
  if (!signature) throw new SamlRejected('InvalidIdentityToken', 'Response signature invalid: the assertion is not signed');
  const verifier = new SignedXml({ publicCert: certificatePem });
  // xmldom's Node#toString serialises the element (its type does not say so).
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  verifier.loadSignature(signature.toString());
  let valid = false;
  try {
    valid = verifier.checkSignature(xml);
  } catch {
    valid = false;
  }
  const signed = verifier.getSignedReferences();
  if (!valid || signed.length !== 1 || !signed[0]) throw new SamlRejected('InvalidIdentityToken', 'Response signature invalid');
  const signedAssertion = parseXml(signed[0]).documentElement;
  if (
    !signedAssertion ||
    signedAssertion.localName !== 'Assertion' ||
    signedAssertion.namespaceURI !== NS_ASSERTION ||
    signedAssertion.getAttribute('ID') !== assertion.getAttribute('ID')
  ) {
    throw new SamlRejected('InvalidIdentityToken', 'Response signature invalid: the signature does not cover the assertion');
  }
  return signed[0];
};

/** Decode, verify and read a base64 SAML Response as STS does. */
export const verifySamlResponse = (samlAssertion: string, certificatePem: string): VerifiedAssertion => {
  const assertion = parseXml(verifiedAssertionXml(decode(samlAssertion), certificatePem)).documentElement;
  if (!assertion) throw new SamlRejected('InvalidIdentityToken', 'Invalid SAML assertion');
  const nameId = firstElement(assertion, NS_ASSERTION, 'NameID');
  const confirmation = firstElement(assertion, NS_ASSERTION, 'SubjectConfirmationData');
  const conditions = firstElement(assertion, NS_ASSERTION, 'Conditions');
  return {
    issuer: text(firstElement(assertion, NS_ASSERTION, 'Issuer')) ?? '',
    subject: text(nameId) ?? '',
    subjectFormat: nameId?.getAttribute('Format') ?? '',
    recipient: confirmation?.getAttribute('Recipient') ?? '',
    audiences: elements(assertion, NS_ASSERTION, 'Audience').map((a) => text(a) ?? ''),
    notBefore: date(conditions?.getAttribute('NotBefore')),
    notOnOrAfter: date(conditions?.getAttribute('NotOnOrAfter')),
    subjectNotOnOrAfter: date(confirmation?.getAttribute('NotOnOrAfter')),
    roleValues: attributeValues(assertion, ROLE_ATTRIBUTE),
    roleSessionName: attributeValues(assertion, ROLE_SESSION_NAME_ATTRIBUTE)[0],
  };
};
