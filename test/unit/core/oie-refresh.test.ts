import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/config/resolve.js';
import type { CoreDeps } from '../../../src/core/deps.js';
import { login } from '../../../src/core/login.js';
import { getProfileCredentials, saveLoginToCache } from '../../../src/core/refresh.js';
import { OktaError } from '../../../src/errors.js';
import { systemClock } from '../../../src/platform/clock.js';
import { createHttpClient } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';
import { DEFAULT_APP_ID, DEFAULT_OIDC_CLIENT_ID, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { CacheStore } from '../../../src/store/cache.js';

let sim: Simulator;
let store: CacheStore;
let notices: string[];
let deps: CoreDeps;
let settings: Settings;

beforeEach(async () => {
  sim = await startSimulator({ scenario: { oktaPipeline: 'idx', deviceInterval: 1 } });
  store = new CacheStore(join(await mkdtemp(join(tmpdir(), 'okta-bedrock-oie-')), 'cache'));
  notices = [];
  deps = {
    http: createHttpClient(),
    prompter: nonInteractivePrompter('run login', (m) => notices.push(m)),
    log: silentLogger,
    clock: systemClock,
    stsEndpoint: sim.stsUrl,
  };
  settings = {
    profile: 'default',
    orgUrl: sim.oktaUrl,
    appid: `${DEFAULT_APP_ID}/272`,
    accounts: [],
    assumeRoleDurationSeconds: 3600,
    region: 'us-east-1',
    passwordCache: false,
    reup: false,
    refreshBeforeSeconds: 900,
    authFlow: 'auto',
    oidcClientId: DEFAULT_OIDC_CLIENT_ID,
    httpTimeoutSeconds: 30,
  };
});
afterEach(async () => {
  await sim.close();
});

const approveNext = (): void => void sim.oie.nextDeviceAuthorization().then((d) => sim.oie.approveDevice(d.userCode));
const authorizations = (): number => sim.requests.filter((r) => r.path === '/oauth2/v1/device/authorize').length;
const noPassword = async (): Promise<string> => {
  throw new Error('no password in the OIE flow');
};

async function loginAndStale(): Promise<void> {
  approveNext();
  const outcome = await login({ settings, password: noPassword, cacheDir: store.dir }, deps);
  const cache = await saveLoginToCache(store, settings, outcome, outcome.cookies, deps);
  cache.gateway!.expiration = new Date(Date.now() + 60_000).toISOString();
  await store.writeProfile(cache);
}

const refresh = () =>
  getProfileCredentials({ profile: 'default', cache: store, fullLogin: { configSettings: async () => settings, password: noPassword } }, deps);

describe('OIE refresh with a terminal: fall back to a new device flow', () => {
  it('on invalid_grant (the browser session ended): a new device code is shown and approved', async () => {
    await loginAndStale();
    sim.oie.endSessions();
    approveNext();
    const result = await refresh();
    expect(result.source).toBe('login');
    expect(authorizations()).toBe(2);
    expect(notices).toContainEqual(expect.stringContaining(`${sim.oktaUrl}/activate?user_code=`));
    expect(notices.at(-1)).toMatch(/^Waiting for approval \(the code expires in \d+ min\)…$/); // the wait (a spinner on a terminal)
  });

  it('on "assurance requirements are not met": a new device flow, then the admin fix if it still fails', async () => {
    await loginAndStale();
    sim.scenario.webSsoAssuranceUnmet = true;
    approveNext();
    const error = await refresh().catch((e: unknown) => e);
    expect(authorizations()).toBe(2);
    expect(error).toBeInstanceOf(OktaError);
    expect((error as Error).message).toMatch(/same authentication policy as the AWS app/);
  });

  it('with working cached tokens: no browser at all', async () => {
    await loginAndStale();
    const result = await refresh();
    expect(result.source).toBe('saml');
    expect(authorizations()).toBe(1);
  });
});
