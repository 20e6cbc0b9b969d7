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

export interface Scenario {
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
  /** Bedrock model ids (foundation models) without model access; '*' = every model. */
  bedrockModelAccessDenied: string[];
  /** IAM actions the caller's role lacks, e.g. 'bedrock:ListFoundationModels', 'bedrock:InvokeModel'. */
  bedrockDeniedActions: string[];
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
  clock?: SimClock;
  users?: SimUser[];
  apps?: SimApp[];
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
  requests: RequestLogEntry[];
  certificatePem: string;
  totp(login?: string, at?: Date): string;
  issuedCredentials: Map<string, IssuedCredential>;
  close(): Promise<void>;
}
