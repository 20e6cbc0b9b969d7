import type { SigningKey } from '../certs.js';
import type { Scenario, SimApp, SimClock, SimFactorKind, SimUser } from '../types.js';

/** A primary-auth transaction (the `stateToken`). */
export interface Transaction {
  stateToken: string;
  user: SimUser;
  status: 'MFA_REQUIRED' | 'MFA_CHALLENGE' | 'PASSWORD_EXPIRED' | 'MFA_ENROLL';
  expiresAt: Date;
  passwordVerifiedAt: Date;
  challenge?: { factorId: string; kind: SimFactorKind; polls: number; result?: 'REJECTED' | 'TIMEOUT' };
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
}

export interface OktaContext {
  /** Set once the server listens. */
  baseUrl: string;
  orgId: string;
  issuer: string;
  clock: SimClock;
  users: SimUser[];
  apps: SimApp[];
  scenario: Scenario;
  accountId: string;
  sessionLifetimeSeconds: number;
  signing: SigningKey;
  transactions: Map<string, Transaction>;
  sessionTokens: Map<string, SessionTokenGrant>;
  sessions: Map<string, OktaSession>;
  /** `userId:timeStep` of TOTP codes already accepted (Okta refuses a code twice). */
  usedTotpSteps: Set<string>;
}

export const TRANSACTION_LIFETIME_MS = 5 * 60_000;
