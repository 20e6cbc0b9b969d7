/**
 * The OS keychain through keytar (macOS Keychain, libsecret/GNOME Keyring or KWallet on Linux,
 * Windows Credential Manager). keytar is an optional dependency: when it is not installed, or
 * the keyring is unavailable (no D-Bus secret service, locked, headless), we warn once and go on
 * without caching — never a plaintext fallback. Every keychain call is limited to 3 s, because
 * libsecret can wait ~25 s for a secret service that D-Bus tries to activate and never gets.
 */
import type { Logger } from '../../platform/log.js';
import { SECRET_SERVICE, type KeychainProbe, type SecretStore } from './types.js';

export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_TIMEOUT_MS = 3000;

export interface KeytarStoreOptions {
  log: Logger;
  service?: string;
  timeoutMs?: number;
  /** Loads keytar (injected by tests); default a dynamic import of the optional dependency. */
  load?: () => Promise<Keytar>;
  /**
   * After a failure, skip the keychain for this long, then try again (the daemon: a keyring
   * unlocked after it started). Default: for the rest of the process (one command).
   */
  retryAfterMs?: number;
  now?: () => number;
}

class KeychainUnavailable extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeychainUnavailable(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function importKeytar(): Promise<Keytar> {
  const name = 'keytar';
  // A variable specifier keeps esbuild from bundling the native module.
  const mod = (await import(name)) as { default?: Keytar } & Partial<Keytar>;
  const k = (mod.default ?? mod) as Keytar;
  if (typeof k.getPassword !== 'function') throw new Error('keytar has no getPassword');
  return k;
}

export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | undefined;
  /** Skip the keychain until this time (epoch ms) after a failure. */
  private unavailableUntil = 0;
  private warned = false;
  private readonly service: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: KeytarStoreOptions) {
    this.service = options.service ?? SECRET_SERVICE;
    this.timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  }

  /** Runs one keychain call; after a failure the keychain is skipped (for good, or for `retryAfterMs`). */
  private async call<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T | undefined> {
    const now = this.options.now ?? (() => performance.now());
    if (now() < this.unavailableUntil) return undefined;
    let k: Keytar;
    try {
      this.keytar ??= (this.options.load ?? importKeytar)();
      k = await withTimeout(this.keytar, this.timeoutMs, 'Loading keytar');
    } catch (e) {
      this.keytar = undefined;
      return this.unavailable(e, what, describe(e) === 'keytar is not installed');
    }
    try {
      return await withTimeout(fn(k), this.timeoutMs, 'The OS keychain');
    } catch (e) {
      return this.unavailable(e, what, false);
    }
  }

  private unavailable(e: unknown, what: string, forever: boolean): undefined {
    const now = this.options.now ?? (() => performance.now());
    this.unavailableUntil = forever ? Number.POSITIVE_INFINITY : now() + (this.options.retryAfterMs ?? Number.POSITIVE_INFINITY);
    const reason = e instanceof KeychainUnavailable ? e.message : describe(e);
    if (!this.warned) this.options.log.warn(`The OS keychain is unavailable (${reason}); continuing without the password cache`);
    this.warned = true;
    this.options.log.debug(`keychain ${what} failed: ${(e as Error)?.message ?? String(e)}`);
    return undefined;
  }

  async get(account: string): Promise<string | undefined> {
    return (await this.call('get', (k) => k.getPassword(this.service, account))) ?? undefined;
  }

  async set(account: string, secret: string): Promise<boolean> {
    const done = await this.call('set', async (k) => {
      await k.setPassword(this.service, account, secret);
      return true;
    });
    return done === true;
  }

  async delete(account: string): Promise<boolean> {
    return (await this.call('delete', (k) => k.deletePassword(this.service, account))) === true;
  }
}

const REINSTALL = 'reinstall okta-bedrock so keytar builds (`npm ci` in a clone, or `npm install -g` the tarball again)';
const LIBSECRET_DEV = 'install libsecret (Debian/Ubuntu: `sudo apt-get install libsecret-1-dev`, Fedora: `sudo dnf install libsecret-devel`)';

/**
 * Loads keytar and reads an entry that does not exist, within `timeoutMs`: the cheapest call that
 * needs the whole chain (the native module, libsecret, a Secret Service on D-Bus).
 */
export async function probeKeychain(options: { load?: () => Promise<Keytar>; timeoutMs?: number } = {}): Promise<KeychainProbe> {
  const ms = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  let k: Keytar;
  try {
    k = await withTimeout((options.load ?? importKeytar)(), ms, 'Loading keytar');
  } catch (e) {
    const reason = describe(e);
    if (reason === 'keytar is not installed') {
      // keytar is an optional dependency: npm drops it silently when its native build fails (no libsecret headers).
      return {
        ok: false,
        reason: 'not_installed',
        detail: 'keytar (the OS keychain module) is not installed — its native build needs libsecret',
        fix: `${LIBSECRET_DEV}, then ${REINSTALL}`,
      };
    }
    if (/libsecret/i.test((e as Error)?.message ?? '')) {
      return {
        ok: false,
        reason: 'no_libsecret',
        detail: 'keytar cannot load libsecret',
        fix: 'install libsecret (Debian/Ubuntu: `sudo apt-get install libsecret-1-0`, Fedora: `sudo dnf install libsecret`), then run `npm rebuild keytar` where okta-bedrock is installed',
      };
    }
    return { ok: false, reason: 'failed', detail: `keytar does not load (${reason})`, fix: `${LIBSECRET_DEV}, then ${REINSTALL}` };
  }
  try {
    await withTimeout(k.getPassword(SECRET_SERVICE, 'okta-bedrock-probe'), ms, 'The OS keychain');
    return { ok: true };
  } catch (e) {
    const reason = e instanceof KeychainUnavailable ? e.message : describe(e);
    const fix =
      reason === 'no D-Bus secret service'
        ? 'sign in to a desktop session with GNOME Keyring or KWallet (on a headless machine: `dbus-run-session -- sh`, then `gnome-keyring-daemon --unlock`); without it the password is typed at each sign-in'
        : 'unlock the keyring (or start GNOME Keyring / KWallet); without it the password is typed at each sign-in';
    return {
      ok: false,
      reason: reason === 'no D-Bus secret service' ? 'no_secret_service' : 'failed',
      detail: `the OS keychain is unavailable (${reason})`,
      fix,
    };
  }
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'MODULE_NOT_FOUND') return 'keytar is not installed';
  const msg = err?.message ?? String(e);
  if (/DISPLAY|D-Bus|dbus|org\.freedesktop\.secrets|secret service/i.test(msg)) return 'no D-Bus secret service';
  return msg.split('\n')[0] ?? msg;
}
