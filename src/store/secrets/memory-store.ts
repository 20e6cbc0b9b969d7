import type { SecretStore } from './types.js';

/** An in-memory SecretStore (tests, and `login --reup` holding a typed password for its lifetime). */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();

  async get(account: string): Promise<string | undefined> {
    return this.entries.get(account);
  }

  async set(account: string, secret: string): Promise<boolean> {
    this.entries.set(account, secret);
    return true;
  }

  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }
}
