import { AuthenticationError, MfaError, OktaError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import type { Prompter } from '../platform/prompts.js';
import type { OktaClient } from './client.js';
import { selectFactor, type FactorOption } from './factors/registry.js';
import { defaultFactorTiming, type FactorTiming } from './factors/types.js';
import type { AuthnTransaction, OktaUser } from './types.js';

export interface AuthnOptions {
  client: OktaClient;
  username: string;
  /** Asked lazily so a cached session never prompts. */
  password: () => Promise<string>;
  prompter: Prompter;
  log: Logger;
  clock: Clock;
  factor?: string;
  passcode?: string;
  timing?: Partial<FactorTiming>;
  signal?: AbortSignal;
  /** Called with the factor that succeeded (to remember the choice). */
  onFactorUsed?: (option: FactorOption) => void;
  /** Menu for several factors; omitted → first supported in preference order. */
  chooseFactor?: (options: FactorOption[]) => Promise<FactorOption>;
}

export interface AuthnResult {
  sessionToken: string;
  user?: OktaUser;
}

function displayName(user: OktaUser | undefined, fallback: string): string {
  const p = user?.profile;
  const name = [p?.firstName, p?.lastName].filter(Boolean).join(' ');
  return name || p?.login || fallback;
}
export { displayName };

/**
 * Okta classic Authentication API: primary auth, then the MFA state machine until SUCCESS.
 * https://developer.okta.com/docs/reference/api/authn/
 */
export async function authenticate(options: AuthnOptions): Promise<AuthnResult> {
  const { client, log } = options;
  const password = await options.password();
  log.addSecret(password);
  let tx = await client.json<AuthnTransaction>('POST', '/api/v1/authn', {
    username: options.username,
    password,
    options: { multiOptionalFactorEnroll: false, warnBeforePasswordExpired: true },
  });
  return continueTransaction(tx, options);
}

/** Drives a transaction (from primary auth, or a step-up `stateToken`) to SUCCESS. */
export async function continueTransaction(start: AuthnTransaction, options: AuthnOptions): Promise<AuthnResult> {
  const { client, log } = options;
  const timing = { ...defaultFactorTiming, ...options.timing };
  let tx = start;
  for (let step = 0; step < 10; step++) {
    if (typeof tx !== 'object' || tx === null || typeof tx.status !== 'string') {
      throw new OktaError('Okta answered the sign-in with something that is not an authentication transaction — is the org URL right?');
    }
    if (tx.stateToken) log.addSecret(tx.stateToken);
    switch (tx.status) {
      case 'SUCCESS': {
        if (!tx.sessionToken) throw new OktaError('Okta said SUCCESS without a session token — the org may need a redirect flow');
        log.addSecret(tx.sessionToken);
        return { sessionToken: tx.sessionToken, user: tx._embedded?.user };
      }
      case 'PASSWORD_WARN': {
        log.warn(`Your Okta password expires soon — change it at ${client.orgUrl}`);
        const skip = tx._links?.skip?.href;
        if (!skip) throw new AuthenticationError(`Okta wants a password change before continuing — change it at ${client.orgUrl}`);
        tx = await client.json<AuthnTransaction>('POST', skip, { stateToken: tx.stateToken });
        break;
      }
      case 'MFA_REQUIRED': {
        const factors = tx._embedded?.factors ?? [];
        const option = await selectFactor(factors, options.factor, options.chooseFactor);
        log.debug(`MFA with ${option.driver.describe(option.factor)} (${option.factor.id})`);
        const result = await option.driver.verify({
          client,
          transaction: tx,
          factor: option.factor,
          prompter: options.prompter,
          log,
          clock: options.clock,
          passcode: options.passcode,
          signal: options.signal,
          timing,
        });
        if (result?.status === 'SUCCESS') options.onFactorUsed?.(option);
        tx = result;
        break;
      }
      case 'LOCKED_OUT':
        throw new AuthenticationError(`Your Okta account is locked out — unlock it at ${client.orgUrl} or ask your Okta admin`);
      case 'PASSWORD_EXPIRED':
      case 'PASSWORD_RESET':
        throw new AuthenticationError(`Your Okta password has expired — change it at ${client.orgUrl}, then log in again`);
      case 'MFA_ENROLL':
      case 'MFA_ENROLL_ACTIVATE':
        throw new MfaError(`Okta requires an MFA factor you have not set up — enroll a factor in Okta first (${client.orgUrl})`);
      case 'MFA_CHALLENGE':
        throw new MfaError('Okta is still waiting for the MFA challenge — run login again');
      case 'UNAUTHENTICATED':
        throw new AuthenticationError('Okta reports the sign-in as unauthenticated — run login again with your username and password');
      case 'RECOVERY':
      case 'RECOVERY_CHALLENGE':
        throw new AuthenticationError(`Okta is in account recovery for this user — finish it at ${client.orgUrl}`);
      default:
        throw new OktaError(`Okta returned an unexpected sign-in status "${tx.status}" — sign in at ${client.orgUrl} to see what it wants`);
    }
  }
  throw new OktaError('Okta sign-in did not finish after 10 steps — run login again');
}
