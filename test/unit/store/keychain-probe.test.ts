import { describe, expect, it } from 'vitest';
import { keychainCheck } from '../../../src/doctor/keychain.js';
import type { DoctorDeps, DoctorState } from '../../../src/doctor/types.js';
import { FakeClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/log.js';
import { resolvePaths } from '../../../src/platform/paths.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';
import { CacheStore } from '../../../src/store/cache.js';
import { probeKeychain, type Keytar } from '../../../src/store/secrets/keytar-store.js';
import type { KeychainProbe } from '../../../src/store/secrets/types.js';

const notInstalled = async (): Promise<Keytar> => {
  throw Object.assign(new Error("Cannot find package 'keytar'"), { code: 'ERR_MODULE_NOT_FOUND' });
};
const keytar =
  (getPassword: Keytar['getPassword']): (() => Promise<Keytar>) =>
  async () => ({ getPassword, setPassword: async () => undefined, deletePassword: async () => false });

describe('probeKeychain', () => {
  it('keytar missing (npm dropped the optional build without libsecret): says so, with apt-get install libsecret-1-dev and a reinstall', async () => {
    const p = await probeKeychain({ load: notInstalled });
    expect(p).toMatchObject({ ok: false, reason: 'not_installed' });
    if (p.ok) throw new Error('unreachable');
    expect(p.detail).toContain('keytar');
    expect(p.fix).toContain('sudo apt-get install libsecret-1-dev');
    expect(p.fix).toContain('npm ci');
  });

  it('keytar present but libsecret.so missing: install the runtime library, then npm rebuild keytar', async () => {
    const p = await probeKeychain({
      load: async () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    expect(p).toMatchObject({ ok: false, reason: 'no_libsecret' });
    expect(!p.ok && p.fix).toContain('npm rebuild keytar');
  });

  it('no Secret Service on D-Bus, or one that hangs: unusable; a working one: ok', async () => {
    const noDbus = await probeKeychain({ load: keytar(async () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))) });
    expect(noDbus).toMatchObject({ ok: false, reason: 'no_secret_service' });
    const hangs = await probeKeychain({ timeoutMs: 20, load: keytar(() => new Promise(() => undefined)) });
    expect(hangs).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringContaining('did not answer') });
    expect(await probeKeychain({ load: keytar(async () => null) })).toEqual({ ok: true });
  });
});

describe('doctor: OS keychain check', () => {
  const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 0));
  const state = (probe: KeychainProbe | undefined, passwordCache?: boolean): DoctorState => {
    const http = { send: async () => ({ status: 500, url: '', headers: {}, setCookie: [], body: '' }) };
    const deps: DoctorDeps = {
      env: {},
      paths: resolvePaths({ HOME: '/nonexistent-home' }),
      clock,
      http,
      core: { http, prompter: nonInteractivePrompter('x'), log: silentLogger, clock },
      cache: new CacheStore('/nonexistent-cache'),
      nodeVersion: 'v22.11.0',
      lookupHost: async () => 'resolves',
      fileExists: async () => true,
      keychain: probe ? async () => probe : undefined,
    };
    return {
      deps,
      profile: 'default',
      region: 'us-east-1',
      config: passwordCache === undefined ? undefined : ({ top: { password_cache: passwordCache }, profiles: {} } as unknown as DoctorState['config']),
    };
  };

  it('keytar missing with password_cache on: a warning with the fix; off: a note that still says how', async () => {
    const missing = await probeKeychain({ load: notInstalled });
    const on = await keychainCheck.run(state(missing, true));
    expect(on.status).toBe('warn');
    expect(on.fix).toContain('apt-get install libsecret-1-dev');
    const off = await keychainCheck.run(state(missing, false));
    expect(off.status).toBe('skip');
    expect(off.detail).toContain('apt-get install libsecret-1-dev');
    expect((await keychainCheck.run(state({ ok: true }, true))).status).toBe('pass');
  });
});
