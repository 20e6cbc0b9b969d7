import type { Scenario, SimApp, SimUser } from './types.js';
import { defaultOieScenario } from './oie/fixtures.js';

export const DEFAULT_ACCOUNT_ID = '123456789012';
export const GATEWAY_ROLE_ARN = 'arn:aws:iam::123456789012:role/my-developer-gateway-role';
export const BEDROCK_ROLE_ARN = 'arn:aws:iam::123456789012:role/my-bedrock-role';
export const SAML_PROVIDER_ARN = 'arn:aws:iam::123456789012:saml-provider/okta';
/** A role with an IAM path, as some accounts have. */
export const PATH_ROLE_ARN = 'arn:aws:iam::123456789012:role/teams/data/BedrockUser';
export const DEFAULT_APP_ID = '0oa1b2c3d4e5f6g7h8i9';
export const SECOND_APP_ID = '0oa9z8y7x6w5v4u3t2s1';

export const defaultUser: SimUser = {
  id: '00u1a2b3c4d5e6f7g8h9',
  login: 'alice@example.com',
  password: 'correct horse battery staple',
  firstName: 'Alice',
  lastName: 'Smith',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  factors: ['push', 'totp-okta', 'totp-google'],
  phoneNumber: '+1-555-415-1337',
  email: 'alice@example.com',
  securityQuestion: {
    question: 'disliked_food',
    questionText: 'What is the food you least liked as a child?',
    answer: 'mayonnaise',
  },
};

/** The default user with other factors only (e.g. `userWith('sms')`). */
export const userWith = (...factors: SimUser['factors']): SimUser => ({ ...defaultUser, factors });

export const defaultScenario = (): Scenario => ({
  ...defaultOieScenario(),
  idx: false,
  idxPasswordWithIdentifier: false,
  idxKeepMeSignedIn: false,
  idxPollRefreshMs: 4000,
  idxAutoChallengePush: false,
  idxUnsupportedRemediation: null,
  pushResult: 'approve',
  pushApproveAfterPolls: 2,
  numberChallenge: null,
  malformedSaml: false,
  tamperAssertion: false,
  roleMaxSessionSeconds: 3600,
  oktaRateLimitNextRequests: 0,
  oktaRateLimitResetSeconds: 60,
  oktaRateLimitProfile: 'off',
  oktaRateLimits: {},
  classicAuthnDisabled: false,
  oktaFaults: [],
  allowRememberDevice: false,
  sessionsApiOnly: false,
  rememberDeviceLifetimeMinutes: 1440,
  emptyAssertion: false,
  stepUpAlwaysRequired: false,
  endSessionAtStepUp: false,
  unknownAuthnStatus: null,
  denyAssumeRoleArns: [],
  sigv4MaxSkewSeconds: 900,
  bedrockModelAccessDenied: [],
  bedrockDeniedActions: [],
  browserSignIn: false,
  deviceAssurance: false,
});

/** The default setup: one AWS app with the gateway role. */
export const defaultApp = (roles: string[] = [GATEWAY_ROLE_ARN]): SimApp => ({
  id: DEFAULT_APP_ID,
  label: 'Amazon Web Services',
  appName: 'amazon_aws',
  roles,
});

/** One AWS app offering two roles (the user must choose). */
export const twoRolesApps = (): SimApp[] => [defaultApp([GATEWAY_ROLE_ARN, BEDROCK_ROLE_ARN])];

/** Two AWS apps (two accounts' worth of tiles), plus a non-AWS app the client must ignore. */
export const twoAppsSetup = (): SimApp[] => [
  defaultApp(),
  { id: SECOND_APP_ID, label: 'AWS Sandbox', appName: 'amazon_aws', roles: [BEDROCK_ROLE_ARN] },
  { id: '0oa5slack5app5id5xyz', label: 'Slack', appName: 'slack', roles: [] },
];

/** One AWS app whose own sign-on policy asks for MFA again (step-up). */
export const stepUpApps = (): SimApp[] => [{ ...defaultApp(), stepUp: true }];

/** Two AWS apps with the same label (two accounts' tiles both called "AWS"). */
export const duplicateLabelApps = (): SimApp[] => [
  { ...defaultApp(), label: 'AWS' },
  { id: SECOND_APP_ID, label: 'AWS', appName: 'amazon_aws', roles: [BEDROCK_ROLE_ARN] },
];

/** No AWS app at all: only a non-AWS tile. */
export const noAwsApps = (): SimApp[] => [{ id: '0oa5slack5app5id5xyz', label: 'Slack', appName: 'slack', roles: [] }];

/** One AWS app whose assertion carries no Role attribute (no role mapped for the user). */
export const noRoleApps = (): SimApp[] => [defaultApp([])];

/** One AWS app whose roles have IAM paths (role/path/Name). */
export const pathRoleApps = (): SimApp[] => [defaultApp([PATH_ROLE_ARN, GATEWAY_ROLE_ARN])];
