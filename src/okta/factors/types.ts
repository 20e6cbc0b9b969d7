import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/log.js';
import type { Prompter } from '../../platform/prompts.js';
import type { OktaClient } from '../client.js';
import type { AuthnTransaction, OktaFactor } from '../types.js';

/** The names users give factors on the command line and in config (`--factor push`). */
export type FactorKind = 'push' | 'totp' | 'sms' | 'call' | 'email' | 'question';

export const FACTOR_KINDS: readonly FactorKind[] = ['push', 'totp', 'sms', 'call', 'email', 'question'];

export interface FactorContext {
  client: OktaClient;
  /** The MFA_REQUIRED transaction the factor belongs to. */
  transaction: AuthnTransaction;
  factor: OktaFactor;
  prompter: Prompter;
  log: Logger;
  clock: Clock;
  /** A code given up front (`--passcode`); used for the first attempt only. */
  passcode?: string;
  /** A --passcode was given but used by an earlier MFA in this login (a TOTP code works once). */
  passcodeSpent?: boolean;
  signal?: AbortSignal;
  timing: FactorTiming;
  /** Ask Okta to remember this device (`?rememberDevice=true` on verify): the policy allows it. */
  rememberDevice: boolean;
}

export interface FactorTiming {
  /** Push polling interval (Okta's own widget polls about every 2 s at most once a second). */
  pollIntervalMs: number;
  /** Give up on a push after this long. */
  pushTimeoutMs: number;
  /** Attempts at a typed code before stopping. */
  maxCodeAttempts: number;
}

export const defaultFactorTiming: FactorTiming = { pollIntervalMs: 2000, pushTimeoutMs: 120_000, maxCodeAttempts: 3 };

/** One MFA factor type: how to recognise it in Okta's list and how to verify it. */
export interface FactorDriver {
  readonly kind: FactorKind;
  /** The person must type something (a code, an answer): impossible without a terminal. */
  readonly needsInput: boolean;
  /** `--passcode` can stand in for the typed input (a TOTP code). */
  readonly acceptsPasscode: boolean;
  matches(factor: OktaFactor): boolean;
  /** Human label, e.g. "Okta Verify push (Alice's iPhone)" or "SMS to +1 XXX-XXX-1337". */
  describe(factor: OktaFactor): string;
  /** Runs the verification and returns the transaction once the factor is verified (or a final status). */
  verify(ctx: FactorContext): Promise<AuthnTransaction>;
}
