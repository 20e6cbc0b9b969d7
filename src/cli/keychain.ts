import { KeytarSecretStore, probeKeychain } from '../store/secrets/keytar-store.js';
import type { KeychainProbe, SecretStore } from '../store/secrets/types.js';
import type { Logger } from '../platform/log.js';
import type { CliContext } from './context.js';

const stores = new WeakMap<CliContext, SecretStore>();

/**
 * The OS keychain for this command (one instance, so "unavailable" is warned about once).
 * A long-running refresher passes `retryAfterMs`: a keyring unlocked later is used then.
 */
export function keychain(ctx: CliContext, options: { retryAfterMs?: number; log?: Logger } = {}): SecretStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new KeytarSecretStore({ log: options.log ?? ctx.log, retryAfterMs: options.retryAfterMs });
    stores.set(ctx, store);
  }
  return store;
}

/** Whether the OS keychain works in this environment (keytar loads and a Secret Service answers). */
export function keychainUsable(): Promise<KeychainProbe> {
  return probeKeychain();
}

/** `daemon start --password-cache` and the like: say up front that the keychain will not be there. */
export async function warnIfNoKeychain(ctx: CliContext, what: string): Promise<void> {
  const probe = await keychainUsable();
  if (!probe.ok) ctx.log.warn(`${what}: ${probe.detail}, so the password cannot be read from it — fix: ${probe.fix}`);
}
