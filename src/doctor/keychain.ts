import { pass, skip, warn, type DoctorCheck } from './types.js';

/**
 * The OS keychain (`password_cache`): keytar is an optional dependency that npm drops without a
 * word when its native build finds no libsecret, so say so here, with the fix. A warning when the
 * profile uses the cache; otherwise only a note (nothing is broken).
 */
export const keychainCheck: DoctorCheck = {
  id: 'keychain',
  title: 'OS keychain',
  async run(state) {
    const probe = state.deps.keychain;
    if (!probe) return skip('not checked');
    const result = await probe();
    if (result.ok) return pass('keytar loads and the keychain answers');
    const config = state.config;
    const layer = config ? { ...config.top, ...(config.profiles[state.profile] ?? {}) } : {};
    if (layer.password_cache === true) return warn(`${result.detail}; password_cache is on, so the password is asked for at each sign-in`, result.fix);
    return skip(`${result.detail}; password_cache is off — to use it: ${result.fix}`);
  },
};
