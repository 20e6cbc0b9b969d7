/**
 * Loopback simulator of every service okta-bedrock talks to, strict like the real ones: Okta (classic
 * Authentication API, OIE device authorization, token exchange and Web SSO, the AWS app's SAML page),
 * AWS STS, the console federation endpoint and Bedrock. It imports nothing of the product.
 */
export { startSimulator } from './start.js';
export {
  BEDROCK_ROLE_ARN,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_APP_ID,
  GATEWAY_ROLE_ARN,
  PATH_ROLE_ARN,
  SAML_PROVIDER_ARN,
  SECOND_APP_ID,
  defaultApp,
  defaultScenario,
  defaultUser,
  duplicateLabelApps,
  noAwsApps,
  noRoleApps,
  pathRoleApps,
  stepUpApps,
  userWith,
  twoAppsSetup,
  twoRolesApps,
} from './fixtures.js';
export { appLinkUrl } from './okta/apps.js';
export { factorId } from './okta/factors.js';
export { canonicalRequest, parseAuthorization, signingKey as sigV4SigningKey, verifySigV4 } from './sigv4.js';
export type { SigV4FailureReason, SigV4Request, SigV4Result, SigV4Secret, SigV4VerifyOptions } from './sigv4.js';
export type {
  IssuedCredential,
  OktaFault,
  RequestLogEntry,
  SentCode,
  Scenario,
  SimApp,
  SimClock,
  SimFactorKind,
  SimUser,
  SimUserStatus,
  Simulator,
  SimulatorOptions,
} from './types.js';
export { DEFAULT_OIDC_CLIENT_ID, defaultOidcClient, defaultOieScenario } from './oie/fixtures.js';
export type { OieScenario, SimDeviceAuthorization, SimOidcClient, SimOie } from './types.js';
