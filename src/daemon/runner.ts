/**
 * The refresh daemon (`daemon run`, `login --reup`): keeps each profile's credentials fresh
 * through the cache layers of core/refresh.ts, keeps the Okta sessions alive, signs in again
 * when a session is gone (keychain password + push, or a prompt on a terminal), and backs off
 * on every failure. One task at a time, on the timetable of scheduler.ts.
 */
import type { CoreDeps } from '../core/deps.js';
import type { KeychainPasswordSource } from '../core/password-source.js';
import { getProfileCredentials, type RefreshResult } from '../core/refresh.js';
import { fromCached } from '../store/cache.js';
import { AuthenticationError, CancelledError, isOktaBedrockError, LoginRequiredError, MfaError, RateLimitError, runLogin } from '../errors.js';
import type { CacheStore } from '../store/cache.js';
import { outerCredentials, type ProfileCache, type ProfileRecord } from '../store/cache-files.js';
import { readCredentialsProfile, writeCredentialsProfile } from '../store/credentials-file.js';
import { keepSessionAlive } from './keep-alive.js';
import { runLoop, Timetable } from './scheduler.js';
import type { DaemonState, ProfileStatus, SessionStatus } from './state.js';
import { backoffMs, keepAliveAt, MAX_BACKOFF_MS, minValiditySeconds, refreshAt, retryDelayMs, type Random } from './timing.js';
import { identityKey } from '../store/records.js';

/** Per-profile settings from the config file, re-read on SIGHUP. */
export interface ProfileOptions {
  refreshBeforeSeconds?: number;
  passwordCache?: boolean;
}

export interface RunnerOptions {
  cache: CacheStore;
  /** http, log, clock, the prompter for re-logins (its `notice` tells about pushes), STS endpoint. */
  deps: CoreDeps;
  /** Profiles to keep fresh; default every profile in the cache (every one you logged in to). */
  profiles?: string[];
  mode?: DaemonState['mode'];
  pid?: number;
  /** Loads the config (again on `reload`). */
  loadOptions?: () => Promise<(profile: string) => ProfileOptions>;
  /** The credentials file to write for a profile, or undefined to leave files alone. */
  credentialsFile: (profile: string) => Promise<string | undefined>;
  /** How to sign in again when the Okta session is gone; undefined when there is no way. */
  passwordFor?: (profile: string, record: ProfileRecord, options: ProfileOptions) => KeychainPasswordSource | undefined;
  saveState?: (state: DaemonState) => Promise<void>;
  /** Desktop notification (optional). */
  notify?: (message: string) => void;
  random?: Random;
  tickMs?: number;
  /** Called after each successful refresh (tests, benchmark). */
  onRefresh?: (profile: string, result: RefreshResult) => void;
}

type Key = `profile:${string}` | `session:${string}`;

const identity = (r: { orgUrl: string; username: string }): string => identityKey(r.orgUrl, r.username);

/** Failures that need a person (a password, an MFA answer): no automatic retry of a sign-in. */
function needsPerson(e: unknown): boolean {
  return e instanceof LoginRequiredError || e instanceof AuthenticationError || e instanceof MfaError || e instanceof CancelledError;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What failed, without the error's own remedy (the blocked reason adds its own). */
function summary(e: unknown): string {
  return isOktaBedrockError(e) ? e.summary : message(e);
}

export class DaemonRunner {
  private readonly table = new Timetable<Key>();
  private readonly profiles = new Map<string, ProfileStatus>();
  private readonly sessions = new Map<string, SessionStatus & { failures: number }>();
  /** Identities whose automatic sign-in failed (push rejected, password refused) and why: wait for a person. */
  private readonly blocked = new Map<string, string>();
  private options: (profile: string) => ProfileOptions = () => ({});
  private readonly random: Random;
  private readonly startedAt: Date;

  constructor(private readonly o: RunnerOptions) {
    this.random = o.random ?? Math.random;
    this.startedAt = o.deps.clock.now();
  }

  private get log() {
    return this.o.deps.log;
  }

  private now(): number {
    return this.o.deps.clock.now().getTime();
  }

  /** Runs until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.o.loadOptions) this.options = await this.o.loadOptions();
    await this.discover();
    await runLoop(this.table, {
      clock: this.o.deps.clock,
      signal,
      tickMs: this.o.tickMs,
      beforePass: () => this.discover(),
      run: (key) => (key.startsWith('profile:') ? this.refreshProfile(key.slice(8)) : this.keepAlive(key.slice(8))),
      onClockJump: (gap) => this.clockJumped(gap),
    });
  }

  /** SIGHUP: re-read the config, forget failed sign-ins, retry everything now. */
  async reload(): Promise<void> {
    if (this.o.loadOptions) this.options = await this.o.loadOptions();
    this.blocked.clear();
    this.table.pullIn(this.now());
    this.log.info('Reloaded the configuration');
  }

  state(): DaemonState {
    return {
      pid: this.o.pid ?? 0,
      mode: this.o.mode ?? 'daemon',
      startedAt: this.startedAt.toISOString(),
      updatedAt: new Date(this.now()).toISOString(),
      profiles: Object.fromEntries(this.profiles),
      sessions: [...this.sessions.values()].map(({ failures: _f, ...s }) => s),
    };
  }

  private async save(): Promise<void> {
    await this.o.saveState?.(this.state()).catch((e: unknown) => this.log.debug(`Cannot save the daemon state: ${message(e)}`));
  }

  private schedule(key: Key, atMs: number): number {
    const at = Math.max(atMs, this.now() + 1000);
    this.table.schedule(key, at);
    return at;
  }

  private async discover(): Promise<void> {
    const names = this.o.profiles ?? (await this.o.cache.listProfiles());
    for (const p of names) {
      if (!this.profiles.has(p)) {
        this.profiles.set(p, { state: 'starting', failures: 0, refreshes: 0 });
        this.table.schedule(`profile:${p}`, this.now());
      }
    }
    if (!this.o.profiles) {
      for (const p of [...this.profiles.keys()]) {
        if (!names.includes(p)) {
          this.profiles.delete(p);
          this.table.cancel(`profile:${p}`);
          this.log.info(`Profile "${p}" is no longer cached (logged out); not refreshing it`);
        }
      }
    }
  }

  private clockJumped(gapMs: number): void {
    const minutes = Math.round(Math.abs(gapMs) / 60_000);
    this.log.info(`The clock jumped ${gapMs > 0 ? 'forward' : 'back'} ${minutes} min (the computer slept?); checking everything now`);
    this.blocked.clear();
    this.table.pullIn(this.now());
  }

  private trackSession(record: ProfileRecord): void {
    // OIE (device flow) profiles have no Okta session cookie: their OIDC tokens are renewed by core/refresh.ts.
    if (record.authFlow === 'device') return;
    const id = identity(record);
    if (this.sessions.has(id)) return;
    this.sessions.set(id, { orgUrl: record.orgUrl, login: record.username, state: 'unknown', failures: 0 });
    this.table.schedule(`session:${id}`, this.now());
  }

  private lifetimeMs(cache: ProfileCache, refreshBeforeMs: number): number {
    const outer = outerCredentials(cache);
    if (!outer) return refreshBeforeMs * 4;
    const exp = Date.parse(outer.expiration);
    const start = Date.parse(cache.lastRefresh ?? cache.updatedAt);
    return Number.isFinite(start) && start < exp ? exp - start : refreshBeforeMs * 4;
  }

  private async refreshProfile(profile: string): Promise<void> {
    const status = this.profiles.get(profile) ?? { state: 'starting', failures: 0, refreshes: 0 };
    this.profiles.set(profile, status);
    const key: Key = `profile:${profile}`;
    const cache = await this.o.cache.readProfile(profile).catch(() => undefined);
    if (!cache) {
      this.fail(profile, status, new LoginRequiredError('Not signed in', { remedy: runLogin(profile) }));
      await this.save();
      return;
    }
    this.trackSession(cache.record);
    const held = outerCredentials(cache);
    if (held) status.expiresAt = new Date(held.expiration).toISOString();
    const opts = this.options(profile);
    const refreshBeforeMs = (opts.refreshBeforeSeconds ?? cache.record.refreshBeforeSeconds) * 1000;
    const minValidity = minValiditySeconds(this.lifetimeMs(cache, refreshBeforeMs), refreshBeforeMs);
    try {
      let result: RefreshResult;
      try {
        result = await getProfileCredentials(
          {
            profile,
            cache: this.o.cache,
            fullLogin: false,
            minValiditySeconds: minValidity,
          },
          this.o.deps,
        );
      } catch (e) {
        if (!(e instanceof LoginRequiredError)) throw e;
        const again = await this.signInAgain(profile, cache.record, opts, minValidity, e);
        if (!again) throw e;
        result = again;
      }
      await this.writeFile(profile, result);
      const exp = Date.parse(result.credentials.expiration);
      const next = this.schedule(key, refreshAt(exp, this.lifetimeMs(result.cache, refreshBeforeMs), refreshBeforeMs, this.random));
      const before = status.state;
      if (before !== 'ok' && before !== 'starting') this.log.info(`Profile "${profile}" recovered`);
      Object.assign(status, {
        state: 'ok',
        expiresAt: new Date(exp).toISOString(),
        nextRefreshAt: new Date(next).toISOString(),
        lastError: undefined,
        failures: 0,
      } satisfies Partial<ProfileStatus>);
      if (result.source !== 'cache') {
        status.refreshes++;
        status.lastRefresh = new Date(this.now()).toISOString();
        status.lastSource = result.source;
        this.log.info(
          `Refreshed "${profile}" (${result.source}); expires ${new Date(exp).toISOString()}, next refresh ${new Date(next).toISOString()}`,
        );
      } else {
        status.lastRefresh ??= result.cache.lastRefresh;
        const say = before === 'starting' ? this.log.info : this.log.debug;
        say(`"${profile}" is fresh until ${new Date(exp).toISOString()}; next refresh ${new Date(next).toISOString()}`);
      }
      if (result.source === 'login') this.signedIn(result.cache.record);
      this.o.onRefresh?.(profile, result);
    } catch (e) {
      this.fail(profile, status, e);
    }
    await this.save();
  }

  private fail(profile: string, status: ProfileStatus, e: unknown): void {
    status.failures++;
    const left = status.expiresAt ? Date.parse(status.expiresAt) - this.now() : undefined;
    let delay = retryDelayMs(status.failures, left, this.random);
    if (e instanceof RateLimitError && e.resetAt) delay = Math.min(MAX_BACKOFF_MS, Math.max(delay, e.resetAt.getTime() - this.now()));
    const next = this.schedule(`profile:${profile}`, this.now() + delay);
    const state = needsPerson(e) ? 'login-required' : 'retrying';
    const text = message(e);
    const expires = status.expiresAt ? `; the current credentials stay until ${status.expiresAt}` : '';
    if (status.state !== state || status.lastError !== text) {
      if (state === 'login-required') this.log.warn(`Profile "${profile}": login required — ${text}${expires}`);
      else this.log.warn(`Refreshing "${profile}" failed: ${text} — retrying in ${Math.round(delay / 1000)} s${expires}`);
    } else {
      this.log.debug(`"${profile}" still ${state}: ${text}; next try in ${Math.round(delay / 1000)} s`);
    }
    Object.assign(status, { state, lastError: text, nextRefreshAt: new Date(next).toISOString() } satisfies Partial<ProfileStatus>);
  }

  /** The session is gone: sign in with the keychain password (push) or a prompt, once per loss. */
  private async signInAgain(
    profile: string,
    record: ProfileRecord,
    opts: ProfileOptions,
    minValidity: number,
    cause: LoginRequiredError,
  ): Promise<RefreshResult | undefined> {
    const id = identity(record);
    const reason = this.blocked.get(id);
    if (reason) throw new LoginRequiredError(reason, { remedy: runLogin(profile) });
    // A device-flow sign-in needs a person at a browser: never started from here.
    if (record.authFlow === 'device') return undefined;
    const source = this.o.passwordFor?.(profile, record, opts);
    if (!source) return undefined;
    this.log.warn(`The Okta session for ${record.username} has ended (${cause.message}); signing in again`);
    try {
      const result = await getProfileCredentials(
        {
          profile,
          cache: this.o.cache,
          fullLogin: { password: source.password },
          minValiditySeconds: minValidity,
        },
        this.o.deps,
      );
      if (result.source === 'login') await source.accepted(record.username);
      return result;
    } catch (e) {
      await source.rejected(e);
      if (needsPerson(e)) {
        this.blocked.set(id, `The automatic sign-in failed (${summary(e)})`);
        this.o.notify?.(`Sign-in needed: ${message(e)}`);
      }
      throw e;
    }
  }

  /** After a full sign-in: profiles of the same user waiting for one try again now. */
  private signedIn(record: ProfileRecord): void {
    const id = identity(record);
    this.blocked.delete(id);
    this.table.schedule(`session:${id}`, this.now() + 60_000);
    for (const [p, s] of this.profiles) if (s.state === 'login-required') this.table.pullIn(this.now(), [`profile:${p}`]);
  }

  private async writeFile(profile: string, result: RefreshResult): Promise<void> {
    const file = await this.o.credentialsFile(profile);
    if (!file) return;
    const current = await readCredentialsProfile(file, profile).catch(() => undefined);
    if (current?.accessKeyId === result.credentials.accessKeyId) return;
    await writeCredentialsProfile(file, profile, fromCached(result.credentials));
  }

  private async keepAlive(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    const key: Key = `session:${id}`;
    const now = this.now();
    const cached = await this.o.cache.readSession(s.orgUrl, s.login).catch(() => undefined);
    if (!cached) {
      s.state = 'gone';
      s.nextKeepAliveAt = new Date(this.schedule(key, now + MAX_BACKOFF_MS)).toISOString();
      await this.save();
      return;
    }
    try {
      const r = await keepSessionAlive(cached, this.o.deps);
      if (r.kind === 'gone') {
        const again = await this.o.cache.readSession(s.orgUrl, s.login);
        if (again?.cookies.sid === cached.cookies.sid) await this.o.cache.removeSession(s.orgUrl, s.login);
        this.log.warn(`The Okta session for ${s.login} has ended`);
        Object.assign(s, { state: 'gone', expiresAt: undefined, failures: 0 });
        s.nextKeepAliveAt = new Date(this.schedule(key, now + MAX_BACKOFF_MS)).toISOString();
      } else {
        await this.o.cache.writeSession(
          { orgUrl: s.orgUrl, login: cached.login, sid: r.cookies.sid ?? (cached.cookies.sid as string), expiresAt: r.expiresAt },
          { ...cached.cookies, ...r.cookies },
          new Date(now),
        );
        this.log.debug(`Kept the Okta session for ${s.login} alive until ${r.expiresAt.toISOString()}`);
        Object.assign(s, { state: 'alive', expiresAt: r.expiresAt.toISOString(), lastKeepAlive: new Date(now).toISOString(), lastError: undefined, failures: 0 });
        s.nextKeepAliveAt = new Date(this.schedule(key, keepAliveAt(now, r.expiresAt.getTime(), this.random))).toISOString();
      }
    } catch (e) {
      s.failures++;
      const delay = backoffMs(s.failures, this.random);
      this.log.debug(`Okta session keep-alive failed: ${message(e)}; retrying in ${Math.round(delay / 1000)} s`);
      Object.assign(s, { state: 'retrying', lastError: message(e) });
      s.nextKeepAliveAt = new Date(this.schedule(key, now + delay)).toISOString();
    }
    await this.save();
  }
}
