/** Loopback Okta (classic Authentication API) + AWS STS simulator, strict like the real services. */
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
export type { SimBrowser, SimWebAuthnCredential } from './browser/state.js';
