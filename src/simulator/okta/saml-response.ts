import { buildSamlResponse } from '../saml/build.js';
import { signAssertion } from '../saml/sign.js';
import type { SimApp, SimUser } from '../types.js';
import type { OktaContext } from './context.js';

export const providerArn = (accountId: string): string => `arn:aws:iam::${accountId}:saml-provider/okta`;

/** Change a role ARN inside the signed assertion (the signature no longer matches). */
const tamper = (signedXml: string, roleArn: string | undefined): string =>
  roleArn ? signedXml.replace(roleArn, roleArn.replace(/role\/(.+)$/, 'role/$1-admin')) : signedXml.replace('alice', 'mallory');

/** The base64 SAMLResponse the app page posts to AWS, per the scenario. */
export const samlResponseFor = (ctx: OktaContext, user: SimUser, app: SimApp): string => {
  if (ctx.scenario.malformedSaml) return 'This is not a SAML response: <html>%%%</html>';
  if (ctx.scenario.emptyAssertion) return '';
  const { xml } = buildSamlResponse({
    issuer: ctx.issuer,
    login: user.login,
    roleArns: app.roles,
    providerArn: providerArn(ctx.accountId),
    sessionDurationSeconds: app.sessionDurationSeconds ?? 3600,
    now: ctx.clock.now(),
  });
  const signed = signAssertion(xml, ctx.signing);
  const served = ctx.scenario.tamperAssertion ? tamper(signed, app.roles[0]) : signed;
  const base64 = Buffer.from(served, 'utf8').toString('base64');
  ctx.issuedSaml?.push(base64);
  return base64;
};
