import type { Logger } from '../platform/log.js';
import type { OktaClient } from './client.js';
import { selectorOf, type FactorOption } from './factors/registry.js';
import type { OktaMemory, OktaMemoryStore } from './memory.js';

/** Okta's device token cookie: "remember this device" is keyed on it. */
export const DEVICE_COOKIE = 'DT';

/** Reads what the last login remembered and puts the device token back in the cookie jar. */
export async function recall(store: OktaMemoryStore | undefined, client: OktaClient, login: string, log: Logger): Promise<OktaMemory | undefined> {
  const memory = await store?.read(client.orgUrl, login).catch(() => undefined);
  if (memory?.deviceToken && !client.cookies.get(DEVICE_COOKIE)) {
    log.addSecret(memory.deviceToken);
    client.cookies.set(DEVICE_COOKIE, memory.deviceToken);
  }
  return memory;
}

/** Saves the factor that just worked and Okta's device token; a failure here never fails a login. */
export async function memorize(
  store: OktaMemoryStore | undefined,
  client: OktaClient,
  login: string,
  previous: OktaMemory | undefined,
  used: FactorOption | undefined,
  log: Logger,
  /** Say "Remembered MFA factor X": only when the next login will use it (no `factor:` in the config, not the wizard). */
  announce = true,
): Promise<void> {
  if (!store) return;
  const factor = used ? { id: used.factor.id, selector: selectorOf(used) } : previous?.factor;
  const deviceToken = client.cookies.get(DEVICE_COOKIE) ?? previous?.deviceToken;
  if (factor?.id === previous?.factor?.id && deviceToken === previous?.deviceToken) return;
  const saved = await store.write(client.orgUrl, login, { factor, deviceToken }).then(
    () => true,
    (e: unknown) => (log.debug(`Could not remember the factor: ${(e as Error).message}`), false),
  );
  if (announce && saved && used && factor?.id !== previous?.factor?.id) log.info(`Remembered MFA factor ${factor?.selector} for next time; --factor to change`);
}
