import { KeytarSecretStore } from '../store/secrets/keytar-store.js';
import type { SecretStore } from '../store/secrets/types.js';
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
