/**
 * The refresh daemon in-process under a fake clock against the real simulator (same clock):
 * a simulated day runs in seconds. `beforeSleep` sees every stretch of time the daemon sleeps
 * through, so a test can check what the credentials file holds at every moment.
 */
import { join } from 'node:path';
import type { Settings } from '../../../src/config/resolve.js';
import type { CoreDeps } from '../../../src/core/deps.js';
import { login } from '../../../src/core/login.js';
import { KeychainPasswordSource } from '../../../src/core/password-source.js';
import { saveLoginToCache, type RefreshResult } from '../../../src/core/refresh.js';
import { DaemonRunner } from '../../../src/daemon/runner.js';
import type { DaemonState } from '../../../src/daemon/state.js';
import { NetworkError } from '../../../src/errors.js';
import { FakeClock } from '../../../src/platform/clock.js';
import type { HttpClient } from '../../../src/platform/http.js';
import { createNodeHttpClient } from '../../../src/platform/http-node.js';
import { createLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';
import {
  BEDROCK_ROLE_ARN,
  DEFAULT_APP_ID,
  GATEWAY_ROLE_ARN,
  defaultUser,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../../src/simulator/index.js';
import { CacheStore } from '../../../src/store/cache.js';
import { readCredentialsProfile, writeCredentialsProfile } from '../../../src/store/credentials-file.js';
import { MemorySecretStore } from '../../../src/store/secrets/memory-store.js';
import { passwordAccount } from '../../../src/store/secrets/types.js';
import { tempDir } from '../../helpers/temp.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** After the real date, so nothing sees "expired" credentials by the wall clock. */
export const START = Date.UTC(2027, 0, 4, 8, 0, 0);

export class TestClock extends FakeClock {
  beforeSleep: ((now: number, ms: number) => Promise<void>)[] = [];
  afterSleep: ((now: number) => void)[] = [];
  /** A laptop sleep: at `at`, the wall clock jumps forward by `by`. */
  jumps: { at: number; by: number; done?: boolean }[] = [];

  override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    for (const f of this.beforeSleep) await f(this.now().getTime(), ms);
    this.advance(ms);
    for (const j of this.jumps) {
      if (!j.done && this.now().getTime() >= j.at) {
        j.done = true;
        this.advance(j.by);
      }
    }
    for (const f of this.afterSleep) f(this.now().getTime());
  }
}

/** A deterministic random source (mulberry32). */
export function seeded(seed = 42): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Harness {
  sim: Simulator;
  clock: TestClock;
  deps: CoreDeps;
  cache: CacheStore;
  credentialsFile: string;
  logs: string[];
  notices: string[];
  states: DaemonState[];
  refreshes: { at: number; source: RefreshResult['source'] }[];
  keychain: MemorySecretStore;
  /** Okta requests fail like a dropped network while true; `oktaStatus` answers with that HTTP status. */
  net: { oktaDown: boolean; oktaStatus?: number };
  runner: DaemonRunner;
  /** Runs the daemon until the clock reaches `untilMs`. */
  runUntil(untilMs: number): Promise<void>;
  fileExpiry(): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim?: SimulatorOptions;
  chained?: boolean;
  factor?: 'totp' | 'push';
  /** Put the password in the (in-memory) keychain for re-logins. */
  keychainPassword?: boolean;
}

export async function harness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = new TestClock(START);
  const sim = await startSimulator({ clock, ...o.sim });
  const dir = await tempDir('okta-bedrock-daemon-');
  const cache = new CacheStore(join(dir, 'cache'));
  const credentialsFile = join(dir, 'credentials');
  const logs: string[] = [];
  const notices: string[] = [];
  const log = createLogger({ level: 'debug', timestamps: true, clock: () => clock.now(), write: (l) => logs.push(l), maxSecrets: 100 });
  const net: Harness['net'] = { oktaDown: false };
  const real = createNodeHttpClient();
  const http: HttpClient = {
    send: async (req) => {
      if (req.url.startsWith(sim.oktaUrl)) {
        if (net.oktaDown) throw new NetworkError(`Connection to ${new URL(sim.oktaUrl).host} refused — is the URL right and the service up?`);
        if (net.oktaStatus) {
          return {
            status: net.oktaStatus,
            url: req.url,
            headers: { 'content-type': 'application/json' },
            setCookie: [],
            body: JSON.stringify({ errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorCauses: [] }),
          };
        }
      }
      return real.send(req);
    },
  };
  const deps: CoreDeps = {
    http,
    prompter: nonInteractivePrompter('run okta-bedrock login', (m) => notices.push(m)),
    log,
    clock,
    stsEndpoint: sim.stsUrl,
    factorTiming: { pollIntervalMs: 2000 },
  };
  const factor = o.factor ?? 'totp';
  const settings: Settings = {
    profile: 'default',
    orgUrl: sim.oktaUrl,
    username: defaultUser.login,
    appid: `${DEFAULT_APP_ID}/272`,
    accounts: [],
    role: GATEWAY_ROLE_ARN,
    assumeRoleArn: o.chained === false ? undefined : BEDROCK_ROLE_ARN,
    assumeRoleDurationSeconds: 3600,
    region: 'us-east-1',
    factor,
    passwordCache: Boolean(o.keychainPassword),
    reup: true,
    refreshBeforeSeconds: 900,
    authFlow: 'classic',
    httpTimeoutSeconds: 30,
  };
  const outcome = await login({ settings, password: async () => defaultUser.password, passcode: factor === 'totp' ? sim.totp() : undefined }, deps);
  await writeCredentialsProfile(credentialsFile, 'default', outcome.credentials);
  await saveLoginToCache(cache, settings, outcome, outcome.cookies, deps);
  const keychain = new MemorySecretStore();
  if (o.keychainPassword) await keychain.set(passwordAccount(defaultUser.login, sim.oktaUrl), defaultUser.password);
  const states: DaemonState[] = [];
  const refreshes: Harness['refreshes'] = [];
  const runner = new DaemonRunner({
    cache,
    deps,
    profiles: ['default'],
    credentialsFile: async () => credentialsFile,
    passwordFor: (_p, record, opts) =>
      opts.passwordCache === false || !o.keychainPassword
        ? undefined
        : new KeychainPasswordSource({
            store: keychain,
            orgUrl: record.orgUrl,
            username: () => record.username,
            ask: async () => {
              throw new Error('no terminal in this test');
            },
            log,
          }),
    saveState: async (s) => {
      states.push(structuredClone(s));
    },
    notify: (m) => notices.push(`notify: ${m}`),
    random: seeded(),
    onRefresh: (_p, r) => refreshes.push({ at: clock.now().getTime(), source: r.source }),
  });
  const fileExpiry = async (): Promise<number | undefined> => (await readCredentialsProfile(credentialsFile, 'default'))?.expiration.getTime();
  return {
    sim,
    clock,
    deps,
    cache,
    credentialsFile,
    logs,
    notices,
    states,
    refreshes,
    keychain,
    net,
    runner,
    fileExpiry,
    async runUntil(untilMs) {
      const stop = new AbortController();
      const hook = (now: number): void => {
        if (now >= untilMs) stop.abort();
      };
      clock.afterSleep.push(hook);
      await runner.run(stop.signal);
      clock.afterSleep.splice(clock.afterSleep.indexOf(hook), 1);
    },
    close: () => sim.close(),
  };
}
