/** Public types of the loopback Okta + STS simulator. */

export type SimFactorKind = 'push' | 'totp-okta' | 'totp-google';

export type SimUserStatus = 'ACTIVE' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'MFA_ENROLL';

export interface SimUser {
  id: string;
  login: string;
  password: string;
  firstName: string;
  lastName: string;
  /** Base32 TOTP secret shared by the user's TOTP factors. */
  totpSecret: string;
  factors: SimFactorKind[];
  status?: SimUserStatus;
}

export interface SimApp {
  id: string;
  label: string;
  appName: 'amazon_aws' | string;
  /** Role ARNs; the provider ARN is derived: arn:aws:iam::ACCT:saml-provider/okta. */
  roles: string[];
  /** SAML attribute SessionDuration (default 3600). */
  sessionDurationSeconds?: number;
}

export interface Scenario extends OieScenario {
  pushResult: 'approve' | 'reject' | 'timeout';
  /** The push result is reported on this poll (the first verify POST sends the push). */
  pushApproveAfterPolls: number;
  /** Number challenge shown with the push (`correctAnswer`), or null. */
  numberChallenge: number | null;
  /** The app page serves a SAMLResponse that is not valid base64 XML. */
  malformedSaml: boolean;
  /** The app page serves a signed assertion altered after signing (a role ARN changed). */
  tamperAssertion: boolean;
  /** The role's MaxSessionDuration; larger DurationSeconds -> ValidationError. */
  roleMaxSessionSeconds: number;
  /** The next N Okta `/api/v1/*` requests answer HTTP 429 E0000047. */
  oktaRateLimitNextRequests: number;
  /** Role ARNs that AssumeRole refuses with AccessDenied. */
  denyAssumeRoleArns: string[];
  /** Max SigV4 clock skew in seconds (AWS: 900), or null to skip the check. */
  sigv4MaxSkewSeconds: number | null;
}

export interface RequestLogEntry {
  service: 'okta' | 'sts';
  method: string;
  path: string;
  status: number;
  action?: string;
  at: Date;
}

export interface SimClock {
  now(): Date;
}

export interface SimulatorOptions {
  clock?: SimClock;
  users?: SimUser[];
  apps?: SimApp[];
  /** OIDC apps (OIE device flow); default: one Native app with every grant the CLI needs. */
  oidcClients?: SimOidcClient[];
  scenario?: Partial<Scenario>;
  accountId?: string;
  /** If set, STS issues credentials lasting min(requested, this) seconds. */
  credentialLifetimeSeconds?: number;
  oktaSessionLifetimeSeconds?: number;
}

export interface IssuedCredential {
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  arn: string;
}

export interface Simulator {
  oktaUrl: string;
  stsUrl: string;
  scenario: Scenario;
  users: SimUser[];
  apps: SimApp[];
  /** Okta Identity Engine: OIDC clients and the test's browser step. */
  oie: SimOie;
  requests: RequestLogEntry[];
  certificatePem: string;
  totp(login?: string, at?: Date): string;
  issuedCredentials: Map<string, IssuedCredential>;
  close(): Promise<void>;
}

/** An OIDC app of the simulated org, for the Okta Identity Engine device flow. */
export interface SimOidcClient {
  clientId: string;
  /** Enabled grant types: `urn:ietf:params:oauth:grant-type:device_code`, `…:token-exchange`, `refresh_token`, … */
  grantTypes: string[];
  /** Okta API scopes granted on the app's "Okta API Scopes" tab (`okta.apps.read`, `okta.users.read.self`). */
  grantedScopes: string[];
  /** AWS app ids whose "Allowed Web SSO Client" is this client; undefined = every AWS app. */
  webSsoApps?: string[];
}

/** Scenario switches of the OIE endpoints. */
export interface OieScenario {
  /** `.well-known/okta-organization` → `pipeline`: `v1` (Classic Engine) or `idx` (Identity Engine). */
  oktaPipeline: 'v1' | 'idx';
  /** Device authorization `interval` in seconds (Okta: 5). */
  deviceInterval: number;
  /** Device code lifetime, `expires_in` in seconds (Okta: 600). */
  deviceCodeLifetimeSeconds: number;
  /** Answer `slow_down` to the first N polls of each device code (besides polls that come too fast). */
  deviceSlowDownPolls: number;
  /** Access and ID token lifetime in seconds (Okta's org authorization server: 3600). */
  oidcTokenLifetimeSeconds: number;
  /** The AWS app's authentication policy is not met by the OIDC sign-in (device assurance). */
  webSsoAssuranceUnmet: boolean;
  /** The token exchange refuses ID tokens minted by the refresh_token grant. */
  rejectRefreshedIdToken: boolean;
  /** `offline_access` asked of a client without the refresh_token grant → invalid_scope (else no refresh token). */
  rejectOfflineAccessWithoutRefreshGrant: boolean;
}

/** A device authorization the CLI started, as a test sees it. */
export interface SimDeviceAuthorization {
  userCode: string;
  clientId: string;
  scope: string;
}

/** Test-side control of the OIE endpoints: the browser step, session ends, revocations. */
export interface SimOie {
  clients: SimOidcClient[];
  /** Resolves with the next device authorization started (or one still pending). */
  nextDeviceAuthorization(): Promise<SimDeviceAuthorization>;
  /** The person approves the code in the browser, signed in as `login` (default: the first user). */
  approveDevice(userCode: string, login?: string): void;
  /** The person denies the code in the browser. */
  denyDevice(userCode: string): void;
  /** Ends the users' Okta browser sessions (sign-out, idle timeout). */
  endSessions(): void;
  /** Revokes every refresh token (admin "Clear user sessions"). */
  revokeRefreshTokens(): void;
}
