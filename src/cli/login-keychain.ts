import type { Settings } from '../config/resolve.js';
import type { CoreDeps } from '../core/deps.js';
import { login, type LoginOutcome, type LoginRequest } from '../core/login.js';
import { KeychainPasswordSource, withPasswordRetries } from '../core/password-source.js';
import type { CliContext } from './context.js';
import { keychain } from './keychain.js';

export interface KeychainLoginFlags {
  passcode?: string;
  passwordReset?: boolean;
  /** The password comes from stdin: a rejected one is not asked again. */
  passwordStdin?: boolean;
}

export interface KeychainLoginResult {
  outcome: LoginOutcome;
  /** The password typed (or read from stdin) for this login, for `--reup` re-logins. */
  typed?: string;
}

/**
 * A login with the OS keychain in front of the password source (config `password_cache`,
 * `--password-cache`): the saved password is used when there is one, a typed one is saved once
 * Okta accepted it, a saved one Okta refuses is forgotten and asked for again (on a terminal),
 * and `--password-reset` forgets it first.
 */
export async function loginWithKeychain(
  flags: KeychainLoginFlags,
  ctx: CliContext,
  settings: Settings,
  deps: CoreDeps,
  ask: () => Promise<string>,
  request: Omit<LoginRequest, 'settings' | 'password' | 'passcode'> = {},
): Promise<KeychainLoginResult> {
  let typed: string | undefined;
  const pw = new KeychainPasswordSource({
    store: settings.passwordCache || flags.passwordReset ? keychain(ctx) : undefined,
    orgUrl: settings.orgUrl,
    username: () => settings.username,
    ask: async () => (typed = await ask()),
    log: ctx.log,
  });
  if (flags.passwordReset && (await pw.forget())) ctx.log.info('Removed the saved Okta password from the OS keychain');
  const once = (): Promise<LoginOutcome> => login({ ...request, settings, password: pw.password, passcode: flags.passcode }, deps);
  // A password typed at the terminal that Okta refuses is asked again (3 tries in all, as for codes).
  const attempt = (): Promise<LoginOutcome> =>
    withPasswordRetries(once, { canAskAgain: () => deps.prompter.interactive && !flags.passwordStdin && !pw.fromKeychain, log: ctx.log });
  let outcome: LoginOutcome;
  try {
    outcome = await attempt();
  } catch (e) {
    if (!(await pw.rejected(e)) || !deps.prompter.interactive) throw e;
    outcome = await attempt();
  }
  if (settings.passwordCache) await pw.accepted(outcome.username);
  return { outcome, typed };
}
