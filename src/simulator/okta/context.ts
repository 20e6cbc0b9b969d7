import type { SigningKey } from '../certs.js';
import type { Scenario, SentCode, SimApp, SimClock, SimFactorKind, SimUser } from '../types.js';

export type TransactionStatus =
  'MFA_REQUIRED' | 'MFA_CHALLENGE' | 'PASSWORD_EXPIRED' | 'PASSWORD_WARN' | 'PASSWORD_RESET' | 'MFA_ENROLL' | 'MFA_ENROLL_ACTIVATE' | 'SUCCESS';

/** The factor challenge in progress: a push waiting for an answer, or a code sent out of band. */
export interface Challenge {
  factorId: string;
  kind: SimFactorKind;
  polls: number;
  result?: 'REJECTED' | 'TIMEOUT';
  /** sms / call / email: the code sent, and when (Okta allows one send per 30 s). */
  code?: string;
  sentAt?: Date;
}

/** App sign-on policy step-up (`type: SESSION_STEP_UP`): bound to the session and the app. */
export interface StepUp {
  sessionId: string;
  app: SimApp;
  /** Where /login/step-up/redirect sends the browser back to. */
  fromURI: string;
}

/** A primary-auth or step-up transaction (the `stateToken`). */
export interface Transaction {
  stateToken: string;
  user: SimUser;
  status: TransactionStatus;
  expiresAt: Date;
  passwordVerifiedAt: Date;
  factorVerifiedAt?: Date;
  amr: string[];
  /** `options.warnBeforePasswordExpired` from primary authentication. */
  warnBeforePasswordExpired: boolean;
  challenge?: Challenge;
  stepUp?: StepUp;
}

/** A one-time session token minted by a SUCCESS transaction. */
export interface SessionTokenGrant {
  user: SimUser;
  expiresAt: Date;
  passwordVerifiedAt: Date;
  factorVerifiedAt: Date | null;
  amr: string[];
}

export interface OktaSession {
  id: string;
  user: SimUser;
  createdAt: Date;
  expiresAt: Date;
  lastPasswordVerification: Date;
  lastFactorVerification: Date | null;
  amr: string[];
  /** App ids whose step-up MFA this session has passed. */
  stepUps: Set<string>;
}

export interface OktaContext {
  /** Every SAMLResponse served (base64), for tests that check no secret leaks. */
  issuedSaml?: string[];
  /** Set once the server listens. */
  baseUrl: string;
  orgId: string;
  orgName: string;
  issuer: string;
  clock: SimClock;
  users: SimUser[];
  apps: SimApp[];
  scenario: Scenario;
  accountId: string;
  sessionLifetimeSeconds: number;
  signing: SigningKey;
  adminApiToken: string;
  transactions: Map<string, Transaction>;
  sessionTokens: Map<string, SessionTokenGrant>;
  sessions: Map<string, OktaSession>;
  /** `userId:timeStep` of TOTP codes already accepted (Okta refuses a code twice). */
  usedTotpSteps: Set<string>;
  /** `DT cookie:userId` → until when the device skips MFA ("remember this device"). */
  rememberedDevices: Map<string, Date>;
  /** sid → stateToken of the step-up transaction its second-factor page shows. */
  pendingStepUps: Map<string, string>;
  outbox: SentCode[];
}

export const TRANSACTION_LIFETIME_MS = 5 * 60_000;
