import { AuthenticationError, LoginRequiredError, MfaError, OktaError } from '../errors.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import type { Prompter } from '../platform/prompts.js';
import type { OktaClient } from './client.js';
import type { FactorOption } from './factors/registry.js';
import { selectFactor } from './factors/select.js';
import { defaultFactorTiming, type FactorTiming } from './factors/types.js';
import type { RememberedFactor } from './memory.js';
import type { AuthnTransaction, OktaFactor, OktaUser } from './types.js';

export interface AuthnOptions {
  client: OktaClient;
  username: string;
  /** Asked lazily so a cached session never prompts. */
  password: () => Promise<string>;
  prompter: Prompter;
  log: Logger;
  clock: Clock;
  /** `--factor` / config `factor`. */
  factor?: string;
  /** The factor that worked last time (used when no `factor` is given). */
  rememberedFactor?: RememberedFactor;
  passcode?: string;
  timing?: Partial<FactorTiming>;
  signal?: AbortSignal;
  /** Called with the factor once Okta accepted it (to remember the choice). */
  onFactorUsed?: (option: FactorOption) => void;
  /** Do not announce the remembered factor (see okta/remember.ts). */
  quietRememberedFactor?: boolean;
  /** A --passcode was given and used by an earlier MFA in this login (a step-up cannot reuse it). */
  passcodeSpent?: boolean;
  /** Menu for several factors; omitted → first supported in preference order. */
  chooseFactor?: (options: FactorOption[]) => Promise<FactorOption>;
}

/**
 * How a finished transaction continues: a one-time `sessionToken` (primary sign-in), or, for an
 * app step-up (`SESSION_STEP_UP`), the `next` link (GET) back to the app.
 */
export interface AuthnResult {
  sessionToken?: string;
  next?: string;
  user?: OktaUser;
}

function displayName(user: OktaUser | undefined, fallback: string): string {
  const p = user?.profile;
  const name = [p?.firstName, p?.lastName].filter(Boolean).join(' ');
  return name || p?.login || fallback;
}
export { displayName };

/**
 * The factors of an MFA_REQUIRED answer. Entries that are not objects are dropped; a factor
 * without `provider` (Okta always sends one; a proxy or fake may not) counts as Okta's own.
 */
function factorList(tx: AuthnTransaction): OktaFactor[] {
  const factors = tx._embedded?.factors;
  if (!Array.isArray(factors)) return [];
  return factors
    .filter((f): f is OktaFactor => typeof f === 'object' && f !== null && typeof f.factorType === 'string')
    .map((f) => (typeof f.provider === 'string' ? f : { ...f, provider: 'OKTA' }));
}

/**
 * Okta classic Authentication API: primary auth, then the MFA state machine until SUCCESS.
 * https://developer.okta.com/docs/reference/api/authn/
 */
export async function authenticate(options: AuthnOptions): Promise<AuthnResult & { sessionToken: string }> {
  const { client, log } = options;
  const password = await options.password();
  log.addSecret(password);
  const tx = await client
    .json<AuthnTransaction>('POST', '/api/v1/authn', {
      username: options.username,
      password,
      options: { multiOptionalFactorEnroll: false, warnBeforePasswordExpired: true },
    })
    .catch((e: unknown) => {
      // Real Okta answers bad credentials with 401 E0000004; a bare 401 here means the same.
      if (e instanceof OktaError && e.code === 'http_401') {
        throw new AuthenticationError('Okta authentication failed', { remedy: 'check your username and password', detail: e.detail, code: e.code });
      }
      throw e;
    });
  const result = await continueTransaction(tx, options);
  if (!result.sessionToken) throw new OktaError('Okta said SUCCESS without a session token — the org may need a browser sign-in flow');
  return { ...result, sessionToken: result.sessionToken };
}

/**
 * An MFA_REQUIRED answer whose `_embedded.factors` is missing, not a list, or a list of entries
 * without a `factorType` (or an empty list): say the list is unreadable (not "none of your factors can be used").
 */
function unreadableFactors(tx: AuthnTransaction, readable: OktaFactor[], orgUrl: string): OktaError | undefined {
  if (readable.length > 0) return undefined;
  const raw: unknown = tx._embedded?.factors;
  // MFA_REQUIRED always lists at least one factor (none enrolled is MFA_ENROLL): an empty list is unreadable too.
  const shape = Array.isArray(raw)
    ? `${raw.length} entries without a factorType`
    : raw === undefined
      ? 'no _embedded.factors'
      : `_embedded.factors is ${typeof raw}`;
  return new OktaError(
    `Okta asked for MFA but its list of your factors could not be read — sign in through your browser (okta-bedrock login --browser) or at ${orgUrl}`,
    { code: 'unreadable_factors', detail: shape },
  );
}

/** One MFA step: choose the factor, verify it, report it when Okta accepted it. */
async function verifyFactor(tx: AuthnTransaction, options: AuthnOptions, timing: FactorTiming): Promise<AuthnTransaction> {
  const { client, log } = options;
  const factors = factorList(tx);
  const unreadable = unreadableFactors(tx, factors, client.orgUrl);
  if (unreadable) throw unreadable;
  const option = await selectFactor(factors, {
    preference: options.factor,
    remembered: options.rememberedFactor,
    passcode: Boolean(options.passcode),
    interactive: options.prompter.interactive,
    choose: options.chooseFactor,
    log,
    orgUrl: client.orgUrl,
  });
  log.debug(`MFA with ${option.driver.describe(option.factor)} (${option.factor.id})`);
  const policy = tx._embedded?.policy;
  const rememberDevice = policy?.allowRememberDevice === true;
  const result = await option.driver.verify({
    client,
    transaction: tx,
    factor: option.factor,
    prompter: options.prompter,
    log,
    clock: options.clock,
    passcode: options.passcode,
    passcodeSpent: options.passcodeSpent,
    signal: options.signal,
    timing,
    rememberDevice,
  });
  // A malformed body goes back to the state machine, which rejects it.
  if (typeof result?.status === 'string' && result.status !== 'MFA_REQUIRED' && result.status !== 'MFA_CHALLENGE') {
    options.onFactorUsed?.(option);
    if (rememberDevice) {
      const minutes = policy?.rememberDeviceLifetimeInMinutes;
      log.info(
        `Okta will remember this device${minutes ? ` for ${minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`}` : ''} (fewer MFA prompts)`,
      );
    }
  }
  return result;
}

/** Drives a transaction (from primary auth, or a step-up `stateToken`) to SUCCESS. */
export async function continueTransaction(start: AuthnTransaction, options: AuthnOptions): Promise<AuthnResult> {
  const { client, log } = options;
  const org = client.orgUrl;
  const timing = { ...defaultFactorTiming, ...options.timing };
  let tx = start;
  for (let step = 0; step < 10; step++) {
    if (typeof tx !== 'object' || tx === null || typeof tx.status !== 'string') {
      throw new OktaError('Okta answered the sign-in with something that is not an authentication transaction — is the org URL right?');
    }
    if (tx.stateToken) log.addSecret(tx.stateToken);
    switch (tx.status) {
      case 'SUCCESS': {
        if (tx.sessionToken) {
          log.addSecret(tx.sessionToken);
          return { sessionToken: tx.sessionToken, user: tx._embedded?.user };
        }
        const next = tx._links?.next?.href;
        if (next) return { next, user: tx._embedded?.user };
        throw new OktaError('Okta said SUCCESS without a session token — the org may need a browser sign-in flow');
      }
      case 'PASSWORD_WARN': {
        // Okta's documented skip path when the answer leaves `_links.skip` out.
        const skip = tx._links?.skip?.href ?? '/api/v1/authn/skip';
        const days = tx._embedded?.policy?.expiration?.passwordExpireDays;
        const when = typeof days === 'number' ? (days <= 0 ? ' (today)' : ` (in ${days} day${days === 1 ? '' : 's'})`) : '';
        log.warn(`Your Okta password expires soon${when} — change it at ${org}`);
        tx = await client.json<AuthnTransaction>('POST', skip, { stateToken: tx.stateToken });
        break;
      }
      case 'MFA_REQUIRED':
        tx = await verifyFactor(tx, options, timing);
        break;
      case 'LOCKED_OUT':
        throw new AuthenticationError(`Your Okta account is locked out`, { remedy: `unlock it at ${org} or ask your Okta admin` });
      case 'PASSWORD_EXPIRED':
        throw new AuthenticationError(`Your Okta password has expired`, { remedy: `change it at ${org}, then log in again` });
      case 'PASSWORD_RESET':
        throw new AuthenticationError(`Okta requires you to set a new password`, { remedy: `set it at ${org}, then log in again` });
      case 'MFA_ENROLL':
        throw new MfaError(`Okta requires MFA and you have no factor set up`, { remedy: `enroll a factor in Okta first at ${org}, then log in again` });
      case 'MFA_ENROLL_ACTIVATE':
        throw new MfaError(`An MFA factor you started to set up is not activated yet`, { remedy: `finish it at ${org}, then log in again` });
      case 'MFA_CHALLENGE':
        throw new MfaError('Okta is still waiting for the MFA challenge', { remedy: 'run login again' });
      case 'UNAUTHENTICATED':
        throw new LoginRequiredError(`Okta no longer has a session for this sign-in (UNAUTHENTICATED)`, { remedy: `run \`okta-bedrock login\` again` });
      case 'RECOVERY':
      case 'RECOVERY_CHALLENGE':
        throw new AuthenticationError(`Okta is in account recovery for this user`, { remedy: `finish it at ${org}` });
      default:
        throw new OktaError(
          `Okta answered with a sign-in status this tool does not know ("${tx.status}") — sign in at ${org} in a browser to see what it wants`,
        );
    }
  }
  throw new OktaError('Okta sign-in did not finish after 10 steps — run login again');
}
