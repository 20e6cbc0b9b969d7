import { AuthenticationError } from '../errors.js';
import type { Logger } from '../platform/log.js';
import { passwordAccount, type SecretStore } from '../store/secrets/types.js';

export interface PasswordSourceOptions {
  /** The keychain, or undefined when the password cache is off. */
  store?: SecretStore;
  orgUrl: string;
  /** The username when known before sign-in (config/flag); a prompted one is given to `accepted`. */
  username: () => string | undefined;
  /** Where a password comes from when the keychain has none: stdin, a prompt, memory. */
  ask: () => Promise<string>;
  log: Logger;
}

/**
 * Okta said "wrong username or password", as opposed to locked out or expired: the classic API's
 * E0000004 (or a bare 401), the IDX messages' `errors.E0000004` / `incorrectPassword` keys.
 */
export function isBadPassword(e: unknown): boolean {
  return e instanceof AuthenticationError && /^(E0000004|errors\.E0000004|incorrectPassword|http_401)$/.test(e.code ?? '');
}

/** Tries at the password in all on a terminal, as for MFA codes. */
export const PASSWORD_ATTEMPTS = 3;

/**
 * Runs a login; when Okta refuses the password and it was typed at a terminal (`canAskAgain`, asked after the failure),
 * says so and runs it again (the password callback asks again), up to PASSWORD_ATTEMPTS in all.
 */
export async function withPasswordRetries<T>(attempt: () => Promise<T>, o: { canAskAgain: () => boolean; log: Logger; max?: number }): Promise<T> {
  const max = o.max ?? PASSWORD_ATTEMPTS;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isBadPassword(e) || n >= max || !o.canAskAgain()) throw e;
      o.log.warn(`Okta did not accept the username or password — try again (${max - n} left)`);
    }
  }
}

/**
 * The Okta password with the OS keychain in front: the keychain's entry when there is one, else
 * `ask()`. A typed password is saved only after Okta accepted it (`accepted`); a keychain
 * password Okta rejects is forgotten (`rejected`), so a changed password is asked for once.
 */
export class KeychainPasswordSource {
  /** True when the last password handed out came from the keychain. */
  fromKeychain = false;
  private typed: string | undefined;

  constructor(private readonly o: PasswordSourceOptions) {}

  private account(username = this.o.username()): string | undefined {
    return username ? passwordAccount(username, this.o.orgUrl) : undefined;
  }

  /** The `password` callback for a login. */
  readonly password = async (): Promise<string> => {
    const account = this.account();
    if (this.o.store && account) {
      const saved = await this.o.store.get(account);
      if (saved) {
        this.o.log.addSecret(saved);
        this.o.log.debug('Using the Okta password from the OS keychain');
        this.fromKeychain = true;
        this.typed = undefined;
        return saved;
      }
    }
    const typed = await this.o.ask();
    this.o.log.addSecret(typed);
    this.fromKeychain = false;
    this.typed = typed;
    return typed;
  };

  /** After a successful sign-in: saves a typed password in the keychain (password cache on). */
  async accepted(username: string): Promise<void> {
    const account = this.account(username);
    if (!this.o.store || !account || this.typed === undefined) return;
    if (await this.o.store.set(account, this.typed)) this.o.log.info('Saved the Okta password in the OS keychain');
    this.typed = undefined;
  }

  /** After Okta refused the password: forgets a keychain entry. True when one was removed. */
  async rejected(e: unknown): Promise<boolean> {
    const account = this.account();
    if (!this.fromKeychain || !this.o.store || !account || !isBadPassword(e)) return false;
    this.fromKeychain = false;
    await this.o.store.delete(account);
    this.o.log.warn('Okta rejected the password saved in the OS keychain; it has been removed');
    return true;
  }

  /** `--password-reset` / `logout --forget-password`. */
  async forget(username?: string): Promise<boolean> {
    const account = this.account(username ?? this.o.username());
    return Boolean(this.o.store && account && (await this.o.store.delete(account)));
  }
}
