import { createHash } from 'node:crypto';
import { AWS_AUDIENCE, AWS_SAML_ACS } from '../saml/build.js';
import { SamlRejected, verifySamlResponse, type VerifiedAssertion } from '../saml/verify.js';
import type { StsContext } from './context.js';
import { issueRoleCredentials } from './credentials.js';
import { accessDenied, expiredTokenException, invalidIdentityToken, validationError } from './faults.js';
import { durationSeconds, parseRoleArn, required, validSessionName } from './params.js';
import type { XmlTree } from './xml.js';

const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithSAML';
const FORMAT_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';

const verify = (ctx: StsContext, samlAssertion: string): VerifiedAssertion => {
  try {
    return verifySamlResponse(samlAssertion, ctx.certificatePem);
  } catch (err) {
    if (err instanceof SamlRejected) throw invalidIdentityToken(err.message);
    throw invalidIdentityToken('Invalid SAML response');
  }
};

const checkTimes = (ctx: StsContext, a: VerifiedAssertion): void => {
  const now = ctx.clock.now();
  for (const limit of [a.notOnOrAfter, a.subjectNotOnOrAfter]) {
    if (limit && now.getTime() >= limit.getTime()) {
      throw expiredTokenException(`Token expired: current date/time ${now.toISOString()} must be before the expiration date/time${limit.toISOString()}`);
    }
  }
  if (a.notBefore && now.getTime() < a.notBefore.getTime()) throw invalidIdentityToken('SAML assertion is not yet valid');
};

/** Each Role value is "roleArn,providerArn" in either order. */
const rolePairs = (values: string[]): Array<{ role: string; provider: string }> =>
  values.flatMap((value) => {
    const [a = '', b = ''] = value.split(',').map((s) => s.trim());
    if (a.includes(':role/') && b.includes(':saml-provider/')) return [{ role: a, provider: b }];
    if (b.includes(':role/') && a.includes(':saml-provider/')) return [{ role: b, provider: a }];
    return [];
  });

const nameQualifier = (issuer: string, accountId: string, providerArn: string): string =>
  createHash('sha1')
    .update(issuer + accountId + '/' + (providerArn.split('/').pop() ?? ''))
    .digest('base64');

/** Action=AssumeRoleWithSAML (unsigned). */
export const assumeRoleWithSaml = (ctx: StsContext, params: URLSearchParams): XmlTree => {
  const roleArn = required(params, 'RoleArn', 'roleArn');
  const principalArn = required(params, 'PrincipalArn', 'principalArn');
  const samlAssertion = required(params, 'SAMLAssertion', 'sAMLAssertion');
  const duration = durationSeconds(params);
  const provider = /^arn:aws:iam::(\d{12}):saml-provider\/([\w.-]+)$/.exec(principalArn);
  if (!provider || provider[1] !== ctx.accountId || provider[2] !== 'okta') {
    throw invalidIdentityToken("Specified provider doesn't exist");
  }
  const assertion = verify(ctx, samlAssertion);
  if (!assertion.audiences.some((a) => a === AWS_AUDIENCE || a === AWS_SAML_ACS)) {
    throw invalidIdentityToken('SAML Assertion audience is invalid');
  }
  checkTimes(ctx, assertion);
  if (!rolePairs(assertion.roleValues).some((p) => p.role === roleArn && p.provider === principalArn)) {
    throw accessDenied(NOT_AUTHORIZED);
  }
  const role = parseRoleArn(roleArn);
  if (!role || role.accountId !== ctx.accountId) throw accessDenied(NOT_AUTHORIZED);
  if (assertion.roleSessionName === undefined) {
    throw invalidIdentityToken('No RoleSessionName attribute in SAML assertion');
  }
  const sessionName = validSessionName(assertion.roleSessionName, 'roleSessionName');
  if (duration > ctx.scenario.roleMaxSessionSeconds) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const issued = issueRoleCredentials(ctx, roleArn, role.roleName, sessionName, duration);
  const format = assertion.subjectFormat;
  return [
    ['Credentials', issued.xml.credentials],
    ['AssumedRoleUser', issued.xml.assumedRoleUser],
    ['Audience', assertion.recipient],
    ['Issuer', assertion.issuer],
    ['NameQualifier', nameQualifier(assertion.issuer, ctx.accountId, principalArn)],
    ['Subject', assertion.subject],
    ['SubjectType', format.startsWith(FORMAT_PREFIX) ? format.slice(FORMAT_PREFIX.length) : format],
  ];
};
