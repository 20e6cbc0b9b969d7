import { XMLParser } from 'fast-xml-parser';
import { ARN_PARTITION, partitionOfSignin, type Partition } from '../aws/partition.js';
import { SamlError } from '../errors.js';

export const ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
export const ROLE_SESSION_NAME_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
export const SESSION_DURATION_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';

export type { Partition } from '../aws/partition.js';

export interface SamlRole {
  roleArn: string;
  principalArn: string;
  accountId: string;
  /** The role's name without its path (for `--role NAME`). */
  roleName: string;
}

export interface SamlAssertion {
  /** The base64 SAMLResponse exactly as received (passed to STS unchanged). */
  base64: string;
  roles: SamlRole[];
  roleSessionName?: string;
  sessionDurationSeconds?: number;
  destination?: string;
  partition: Partition;
  notOnOrAfter?: Date;
}

const MAX_BASE64_LENGTH = 2 * 1024 * 1024;
const ROLE_ARN = new RegExp(`^arn:${ARN_PARTITION}:iam::(\\d{12}):role\\/(?:[\\w+=,.@/-]*\\/)?([\\w+=,.@-]{1,128})$`);
const PROVIDER_ARN = new RegExp(`^arn:${ARN_PARTITION}:iam::(\\d{12}):saml-provider\\/[\\w.-]{1,128}$`);

type XmlNode = Record<string, unknown>;

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (v && typeof v === 'object' && '#text' in v) return String((v as XmlNode)['#text']).trim();
  return undefined;
}

/** Splits one Role AttributeValue (`roleArn,providerArn` in either order). */
export function parseRoleValue(value: string): SamlRole | undefined {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2) return undefined;
  const role = parts.find((p) => ROLE_ARN.test(p));
  const provider = parts.find((p) => PROVIDER_ARN.test(p));
  if (!role || !provider) return undefined;
  const m = ROLE_ARN.exec(role) as RegExpExecArray;
  return { roleArn: role, principalArn: provider, accountId: m[2] as string, roleName: m[3] as string };
}

function decode(base64: string): string {
  const compact = base64.replace(/\s+/g, '');
  if (compact.length === 0) throw new SamlError('The SAML assertion is empty — ask your Okta admin to check the AWS app');
  if (compact.length > MAX_BASE64_LENGTH) throw new SamlError('The SAML assertion is too large to be real');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new SamlError('The SAML assertion from Okta is not valid base64 — the AWS app may be misconfigured');
  }
  const xml = Buffer.from(compact, 'base64').toString('utf8');
  if (!xml.includes('<')) throw new SamlError('The SAML assertion from Okta is not XML — the AWS app may be misconfigured');
  // SAML never carries a DTD; refusing one rules out entity expansion and external entities.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SamlError('The SAML assertion contains a DTD, which SAML forbids — refusing it');
  return xml;
}

/** Decodes the base64 SAMLResponse and reads what AWS will read from it. */
export function parseSamlAssertion(base64: string): SamlAssertion {
  const xml = decode(base64);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    processEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml, true) as XmlNode;
  } catch (e) {
    throw new SamlError('The SAML assertion from Okta is not well-formed XML — the AWS app may be misconfigured', {
      detail: (e as Error).message,
    });
  }
  const response = doc.Response as XmlNode | undefined;
  if (!response || typeof response !== 'object') {
    throw new SamlError('The SAML data from Okta is not a SAML Response — the AWS app may be misconfigured');
  }
  if (response.EncryptedAssertion !== undefined) {
    throw new SamlError('The SAML assertion is encrypted — AWS apps in Okta must send unencrypted assertions');
  }
  const statusCode = ((response.Status as XmlNode | undefined)?.StatusCode as XmlNode | undefined)?.['@_Value'];
  if (typeof statusCode === 'string' && !statusCode.endsWith(':Success')) {
    throw new SamlError(`Okta's SAML Response reports ${statusCode.split(':').pop()} — ask your Okta admin to check the AWS app`);
  }
  const assertion = asArray(response.Assertion)[0] as XmlNode | undefined;
  if (!assertion) throw new SamlError('The SAML Response has no Assertion — the AWS app may be misconfigured');

  const attributes = new Map<string, string[]>();
  for (const statement of asArray(assertion.AttributeStatement)) {
    for (const attr of asArray((statement as XmlNode).Attribute)) {
      const name = (attr as XmlNode)['@_Name'];
      if (typeof name !== 'string') continue;
      const values = asArray((attr as XmlNode).AttributeValue)
        .map(textOf)
        .filter((v): v is string => v !== undefined && v !== '');
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  const roleValues = attributes.get(ROLE_ATTRIBUTE);
  if (!roleValues) {
    throw new SamlError('The SAML assertion has no AWS Role attribute — ask your Okta admin to assign you a role in the AWS app (Role attribute missing)');
  }
  const seen = new Set<string>();
  const roles: SamlRole[] = [];
  for (const v of roleValues) {
    const role = parseRoleValue(v);
    if (role && !seen.has(role.roleArn)) {
      seen.add(role.roleArn);
      roles.push(role);
    }
  }
  if (roles.length === 0) {
    throw new SamlError('The SAML assertion lists no usable AWS roles — ask your Okta admin to check the role and identity provider ARNs');
  }
  const durationText = attributes.get(SESSION_DURATION_ATTRIBUTE)?.[0];
  const duration = durationText === undefined ? undefined : Number(durationText);
  const confirmation = ((assertion.Subject as XmlNode | undefined)?.SubjectConfirmation as XmlNode | undefined)?.SubjectConfirmationData as XmlNode | undefined;
  const destination =
    (typeof response['@_Destination'] === 'string' ? response['@_Destination'] : undefined) ??
    (typeof confirmation?.['@_Recipient'] === 'string' ? (confirmation['@_Recipient'] as string) : undefined);
  const notOnOrAfterText = (assertion.Conditions as XmlNode | undefined)?.['@_NotOnOrAfter'];
  const notOnOrAfter = typeof notOnOrAfterText === 'string' ? new Date(notOnOrAfterText) : undefined;
  return {
    base64,
    roles,
    roleSessionName: attributes.get(ROLE_SESSION_NAME_ATTRIBUTE)?.[0],
    sessionDurationSeconds: duration !== undefined && Number.isInteger(duration) && duration > 0 ? duration : undefined,
    destination,
    partition: partitionOfSignin(destination),
    notOnOrAfter: notOnOrAfter && !Number.isNaN(notOnOrAfter.getTime()) ? notOnOrAfter : undefined,
  };
}
