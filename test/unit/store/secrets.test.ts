import { describe, expect, it } from 'vitest';
import { KeychainPasswordSource } from '../../../src/core/password-source.js';
import { AuthenticationError, MfaError } from '../../../src/errors.js';
import { createLogger } from '../../../src/platform/log.js';
import { KeytarSecretStore } from '../../../src/store/secrets/keytar-store.js';
import { MemorySecretStore } from '../../../src/store/secrets/memory-store.js';
import { passwordAccount } from '../../../src/store/secrets/types.js';

function logs(): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

const ORG = 'https://acme.okta.com';
const ACCOUNT = 'alice@example.com@acme.okta.com';

describe('password account', () => {
  it('is user@org-host', () => {
    expect(passwordAccount('alice@example.com', ORG)).toBe(ACCOUNT);
    expect(passwordAccount('bob', 'https://login.acme.com')).toBe('bob@login.acme.com');
  });
});

describe('KeychainPasswordSource with an in-memory store', () => {
  const make = (store: MemorySecretStore | undefined, typed = 'typed-pw') => {
    const { lines, log } = logs();
    let asked = 0;
    const src = new KeychainPasswordSource({
      store,
      orgUrl: ORG,
      username: () => 'alice@example.com',
      ask: async () => {
        asked++;
        return typed;
      },
      log,
    });
    return { src, lines, asked: () => asked };
  };

  it('asks, and saves the typed password only after Okta accepted it', async () => {
    const store = new MemorySecretStore();
    const { src, lines, asked } = make(store);
    expect(await src.password()).toBe('typed-pw');
    expect(asked()).toBe(1);
    expect(store.entries.size).toBe(0);
    await src.accepted('alice@example.com');
    expect(store.entries.get(ACCOUNT)).toBe('typed-pw');
    expect(lines).toContain('Saved the Okta password in the OS keychain');
    expect(lines.join('\n')).not.toContain('typed-pw');
  });

  it('uses the saved password without asking and does not save it again', async () => {
    const store = new MemorySecretStore();
    await store.set(ACCOUNT, 'saved-pw');
    const { src, asked } = make(store);
    expect(await src.password()).toBe('saved-pw');
    expect(src.fromKeychain).toBe(true);
    expect(asked()).toBe(0);
    await src.accepted('alice@example.com');
    expect(store.entries.get(ACCOUNT)).toBe('saved-pw');
  });

  it('forgets a saved password Okta refuses (E0000004), but not on other failures', async () => {
    const store = new MemorySecretStore();
    await store.set(ACCOUNT, 'old-pw');
    const { src, lines } = make(store);
    await src.password();
    expect(await src.rejected(new MfaError('push rejected'))).toBe(false);
    expect(await src.rejected(new AuthenticationError('locked', { detail: 'E0000069: locked', code: 'E0000069' }))).toBe(false);
    expect(store.entries.has(ACCOUNT)).toBe(true);
    expect(await src.rejected(new AuthenticationError('bad', { detail: 'E0000004: Authentication failed', code: 'E0000004' }))).toBe(true);
    expect(store.entries.has(ACCOUNT)).toBe(false);
    expect(lines.some((l) => l.includes('rejected the password saved in the OS keychain'))).toBe(true);
    // The next try asks.
    expect(await src.password()).toBe('typed-pw');
  });

  it('without a store (password cache off) never touches a keychain', async () => {
    const { src } = make(undefined);
    expect(await src.password()).toBe('typed-pw');
    await src.accepted('alice@example.com');
    expect(await src.forget()).toBe(false);
  });

  it('--password-reset forgets', async () => {
    const store = new MemorySecretStore();
    await store.set(ACCOUNT, 'x');
    const { src } = make(store);
    expect(await src.forget()).toBe(true);
    expect(store.entries.size).toBe(0);
  });
});

describe('KeytarSecretStore', () => {
  it('keytar not installed: warns once, stores nothing, never throws', async () => {
    const { lines, log } = logs();
    const store = new KeytarSecretStore({
      log,
      load: async () => {
        throw Object.assign(new Error("Cannot find package 'keytar'"), { code: 'ERR_MODULE_NOT_FOUND' });
      },
    });
    expect(await store.get('a')).toBeUndefined();
    expect(await store.set('a', 'pw')).toBe(false);
    expect(await store.delete('a')).toBe(false);
    expect(lines.filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: The OS keychain is unavailable (keytar is not installed); continuing without the password cache',
    ]);
  });

  it('no D-Bus secret service: warns once', async () => {
    const { lines, log } = logs();
    const store = new KeytarSecretStore({
      log,
      load: async () => ({
        getPassword: async () => {
          throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
        },
        setPassword: async () => undefined,
        deletePassword: async () => false,
      }),
    });
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('a')).toBeUndefined();
    expect(lines.filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: The OS keychain is unavailable (no D-Bus secret service); continuing without the password cache',
    ]);
  });

  it('a keychain that never answers is given up on after the time limit', async () => {
    const { lines, log } = logs();
    const store = new KeytarSecretStore({
      log,
      timeoutMs: 50,
      load: async () => ({
        getPassword: () => new Promise<string | null>(() => undefined),
        setPassword: () => new Promise<void>(() => undefined),
        deletePassword: async () => false,
      }),
    });
    const t0 = performance.now();
    expect(await store.get('a')).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await store.set('a', 'pw')).toBe(false);
    expect(lines.filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: The OS keychain is unavailable (The OS keychain did not answer within 0.05 s); continuing without the password cache',
    ]);
  });

  it('works through keytar: set, get, delete under the okta-bedrock service', async () => {
    const { log } = logs();
    const data = new Map<string, string>();
    const store = new KeytarSecretStore({
      log,
      load: async () => ({
        getPassword: async (s, a) => data.get(`${s}/${a}`) ?? null,
        setPassword: async (s, a, p) => void data.set(`${s}/${a}`, p),
        deletePassword: async (s, a) => data.delete(`${s}/${a}`),
      }),
    });
    expect(await store.set(ACCOUNT, 'pw')).toBe(true);
    expect(data.get(`okta-bedrock/${ACCOUNT}`)).toBe('pw');
    expect(await store.get(ACCOUNT)).toBe('pw');
    expect(await store.delete(ACCOUNT)).toBe(true);
    expect(await store.get(ACCOUNT)).toBeUndefined();
  });
});

describe('logger secrets in a long-running process', () => {
  it('maxSecrets forgets the least recently added secret; re-adding renews one', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l), maxSecrets: 2 });
    log.addSecret('password-1');
    log.addSecret('key-aaaa');
    log.addSecret('password-1');
    log.addSecret('key-bbbb');
    log.info('password-1 key-aaaa key-bbbb');
    expect(lines).toEqual(['**** key-aaaa ****']);
  });
});

describe('KeytarSecretStore in the daemon (retryAfterMs)', () => {
  it('tries a locked keyring again later, warning only once', async () => {
    const { lines, log } = logs();
    let t = 0;
    let locked = true;
    const store = new KeytarSecretStore({
      log,
      retryAfterMs: 600_000,
      now: () => t,
      load: async () => ({
        getPassword: async () => {
          if (locked) throw new Error('Cannot create an item in a locked collection');
          return 'pw';
        },
        setPassword: async () => undefined,
        deletePassword: async () => false,
      }),
    });
    expect(await store.get('a')).toBeUndefined();
    locked = false;
    t = 60_000;
    expect(await store.get('a')).toBeUndefined();
    t = 700_000;
    expect(await store.get('a')).toBe('pw');
    expect(lines.filter((l) => l.startsWith('warning:'))).toHaveLength(1);
  });
});
