import type { SimBrowser } from './browser/state.js';
/** Public types of the loopback Okta + STS simulator. */

/**
 * Factor kinds a simulated user can have. The last five are ones the CLI cannot verify
 * (security keys, hardware tokens, Duo): they are listed by Okta like the others.
 */
export type SimFactorKind =
  'push' | 'totp-okta' | 'totp-google' | 'sms' | 'call' | 'email' | 'question' | 'webauthn' | 'u2f' | 'token-hardware' | 'duo-web' | 'claims-provider';

/**
 * The account's state as primary authentication sees it. PASSWORD_EXPIRED, PASSWORD_WARN and
 * PASSWORD_RESET are reported after MFA (Okta challenges enrolled factors first).
 */
export type SimUserStatus = 'ACTIVE' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'PASSWORD_WARN' | 'PASSWORD_RESET' | 'MFA_ENROLL' | 'MFA_ENROLL_ACTIVATE';

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
  /** For sms/call factors (Okta shows it masked: +1 XXX-XXX-1337). */
  phoneNumber?: string;
  /** For the email factor (Okta shows it masked: a...e@example.com). */
  email?: string;
  /** For the question factor. */
  securityQuestion?: { question: string; questionText: string; answer: string };
}

export interface SimApp {
  id: string;
  label: string;
  appName: 'amazon_aws' | string;
  /** Role ARNs; the provider ARN is derived: arn:aws:iam::ACCT:saml-provider/okta. */
  roles: string[];
  /** SAML attribute SessionDuration (default 3600). */
  sessionDurationSeconds?: number;
  /** App sign-on policy asks for MFA again (step-up) once per Okta session. */
  stepUp?: boolean;
  /** False: not assigned to the user — absent from appLinks, its link answers Okta's 403 page. */
  assigned?: boolean;
}

/** A fault injected in front of the Okta org: the next `times` matching requests get it. */
export interface OktaFault {
  /** Path prefix (`/api/v1/users/me/appLinks`, `/home/`). */
  path: string;
  method?: string;
  /**
   * `status`: answer with this 5xx; `reset`: drop the connection; `reset-mid-body`: send 200 headers
   * and half a body, then drop it; `delay`: answer late.
   */
  kind: 'status' | 'reset' | 'reset-mid-body' | 'delay';
  status?: number;
  delayMs?: number;
  times: number;
}

/** A one-time code Okta "sent" (SMS, voice call or email); tests read it from `outbox`. */
export interface SentCode {
  channel: 'sms' | 'call' | 'email';
  login: string;
  to: string;
  code: string;
  at: Date;
}

/**
 * Okta Identity Engine sign-in through the IDX API (src/simulator/idx, shapes from the
 * Sign-In Widget's mocks). With `idx` on, app links and the dashboard without a session serve the
 * widget page (`var stateToken = '…'`), `/idp/idx/*` answers, `.well-known/okta-organization` says
 * `pipeline: "idx"`, and app step-up (SimApp.stepUp) runs through IDX. `numberChallenge`,
 * `pushResult`, `pushApproveAfterPolls` and `stepUpAlwaysRequired` apply as on the classic API.
 */
export interface IdxScenario {
  /** IDX mode (`okta-bedrock simulator --idx`). */
  idx: boolean;
  /** The identify form carries `credentials.passcode` (identify-with-password.json); else the password is its own challenge. */
  idxPasswordWithIdentifier: boolean;
  /** Offer keep-me-signed-in after MFA (post-auth-keep-me-signed-in.json). */
  idxKeepMeSignedIn: boolean;
  /** challenge-poll `refresh` in ms (Okta: 4000); polls sooner are refused with 429. */
  idxPollRefreshMs: number;
  /** After the password, Okta Verify pushes at once (authenticator-verification-okta-verify-push-autoChallenge-on.json). */
  idxAutoChallengePush: boolean;
  /** A remediation no command line can satisfy: at identify (redirect-idp, device-challenge-poll) or after the password (select-authenticator-enroll). */
  idxUnsupportedRemediation: 'redirect-idp' | 'device-challenge-poll' | 'select-authenticator-enroll' | null;
}

export interface Scenario extends OieScenario, IdxScenario {
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
  /** X-Rate-Limit-Reset on those answers: now + this many seconds (Okta: the next minute). */
  oktaRateLimitResetSeconds: number;
  /**
   * Org-wide per-minute rate limits: `off` (default: only the scripted 429s above), or `workforce`
   * (Okta's published Workforce Identity defaults per endpoint — see okta/rate-limits.ts).
   */
  oktaRateLimitProfile: 'off' | 'workforce';
  /** Per-minute limits by bucket or path (`{"/api/v1/authn": 100}`), on top of the profile. */
  oktaRateLimits: Record<string, number>;
  /**
   * /api/v1/authn is switched off, as on Identity Engine orgs whose policies the Classic
   * Authentication API cannot satisfy: every authn call answers 403 E0000015.
   */
  classicAuthnDisabled: boolean;
  /** Transient faults (5xx, connection resets, slow answers) on matching Okta requests. */
  oktaFaults: OktaFault[];
  /** The sign-on policy offers "remember this device" (`policy.allowRememberDevice`). */
  allowRememberDevice: boolean;
  /**
   * An org (or a fake of one) without /login/sessionCookieRedirect (404) whose POST /api/v1/sessions
   * takes a session token without an admin API token — clients must fall back to it.
   */
  sessionsApiOnly: boolean;
  /** How long a remembered device skips MFA. */
  rememberDeviceLifetimeMinutes: number;
  /** The AWS app page posts an empty SAMLResponse. */
  emptyAssertion: boolean;
  /** Step-up apps ask again even right after a step-up (a broken app policy). */
  stepUpAlwaysRequired: boolean;
  /** The Okta session ends just as the step-up page is served (idle timeout, admin sign-out). */
  endSessionAtStepUp: boolean;
  /** Primary authentication answers this status (one Okta adds in future), or null. */
  unknownAuthnStatus: string | null;
  /** Role ARNs that AssumeRole refuses with AccessDenied. */
  denyAssumeRoleArns: string[];
  /** Max SigV4 clock skew in seconds (AWS: 900), or null to skip the check. */
  sigv4MaxSkewSeconds: number | null;
  /** Bedrock model ids (foundation models) without model access; '*' = every model. */
  bedrockModelAccessDenied: string[];
  /** IAM actions the caller's role lacks, e.g. 'bedrock:ListFoundationModels', 'bedrock:InvokeModel'. */
  bedrockDeniedActions: string[];
  /**
   * /login/login.htm is an HTML sign-in page (src/simulator/browser/) whose JS signs in with the
   * password and the user's WebAuthn factor (a real navigator.credentials.get, verified here).
   */
  browserSignIn: boolean;
  /** The AWS app's policy demands device assurance: only a browser that ran the sign-in page's device check passes. */
  deviceAssurance: boolean;
}

export interface RequestLogEntry {
  service: 'okta' | 'sts' | 'bedrock' | 'bedrock-runtime' | 'signin';
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
  /** Port for the Okta server (default 0: ephemeral); the other servers always use ephemeral ports. */
  oktaPort?: number;
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
  /** Bedrock control plane (AWS_ENDPOINT_URL_BEDROCK). */
  bedrockUrl: string;
  /** Bedrock runtime (AWS_ENDPOINT_URL_BEDROCK_RUNTIME). */
  bedrockRuntimeUrl: string;
  /** AWS sign-in federation endpoint, …/federation (OKTA_BEDROCK_FEDERATION_URL). */
  federationUrl: string;
  scenario: Scenario;
  users: SimUser[];
  apps: SimApp[];
  /** Okta Identity Engine: OIDC clients and the test's browser step. */
  oie: SimOie;
  /** The browser sign-in page (scenario `browserSignIn`): the users' registered passkeys. */
  browser: SimBrowser;
  requests: RequestLogEntry[];
  certificatePem: string;
  totp(login?: string, at?: Date): string;
  issuedCredentials: Map<string, IssuedCredential>;
  /** Codes sent by SMS, voice call and email, oldest first. */
  outbox: SentCode[];
  /** The org's admin API token (`Authorization: SSWS …`), needed by POST /api/v1/sessions. */
  adminApiToken: string;
  /**
   * Every secret the simulated services know or issued so far: passwords, TOTP secrets, state and
   * session tokens, sid cookies, SAML responses, AWS secret keys and session tokens, OIDC tokens.
   */
  secrets(): string[];
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
