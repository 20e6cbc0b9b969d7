import { KeytarSecretStore } from '../store/secrets/keytar-store.js';
import type { SecretStore } from '../store/secrets/types.js';
import type { CliContext } from './context.js';

const stores = new WeakMap<CliContext, SecretStore>();

/** The OS keychain for this command (one instance, so "unavailable" is warned about once). */
export function keychain(ctx: CliContext): SecretStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new KeytarSecretStore({ log: ctx.log });
    stores.set(ctx, store);
  }
  return store;
}
