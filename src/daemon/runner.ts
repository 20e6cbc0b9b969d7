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
import { linkedSignal } from '../platform/linked-signal.js';
import { keepSessionAlive } from './keep-alive.js';
import { runLoop, Timetable } from './scheduler.js';
import type { DaemonState, ProfileStatus, SessionStatus } from './state.js';
import {
  afterResetAt,
  backoffMs,
  keepAliveAt,
  MAX_BACKOFF_MS,
  minValiditySeconds,
  refreshAt,
  retryDelayMs,
  wakeKeepAliveAt,
  wakeRefreshAt,
  type Random,
} from './timing.js';
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
  /** Real-time budget of one task before its watchdog leaves it behind (default 5 min). */
  watchdogMs?: number;
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
  /**
   * Org URL → until when Okta's org-wide rate limit is used up (X-Rate-Limit-Reset of a 429). The
   * limit is per org, not per profile: every profile and keep-alive on that org waits it out.
   */
  private readonly pausedUntil = new Map<string, number>();
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
      run: async (key, taskSignal) => {
        // Node 20's AbortSignal.any keeps every signal it makes reachable from the long-lived one: link by hand.
        const link = linkedSignal([this.o.deps.signal, taskSignal]);
        try {
          await (key.startsWith('profile:') ? this.refreshProfile(key.slice(8), link.signal) : this.keepAlive(key.slice(8), link.signal));
        } finally {
          link.done();
        }
      },
      onClockJump: (gap) => this.clockJumped(gap),
      watchdogMs: this.o.watchdogMs,
      onOverdue: (key, startedAt) => this.overdue(key, startedAt),
    });
  }

  /** The deps of one task: its requests abort when the task's watchdog fires. */
  private depsFor(taskSignal: AbortSignal | undefined): CoreDeps {
    return taskSignal ? { ...this.o.deps, signal: taskSignal } : this.o.deps;
  }

  /** A task ran past its watchdog: say so in the state (`status` shows it) and try again later. */
  private overdue(key: Key, startedAt: number): void {
    const since = new Date(startedAt).toISOString();
    const minutes = Math.max(1, Math.round((this.now() - startedAt) / 60_000));
    const text = `the last ${key.startsWith('profile:') ? 'refresh' : 'keep-alive'} did not finish within ${minutes} min (a stuck network or server?); retrying`;
    this.log.warn(`${key.startsWith('profile:') ? `Profile "${key.slice(8)}"` : `Okta session ${key.slice(8).split('\n')[1] ?? ''}`}: ${text}`);
    if (key.startsWith('profile:')) {
      const status = this.profiles.get(key.slice(8));
      if (status) Object.assign(status, { state: 'retrying', lastError: text, overdueSince: since } satisfies Partial<ProfileStatus>);
    } else {
      const s = this.sessions.get(key.slice(8));
      if (s) Object.assign(s, { state: 'retrying', lastError: text, overdueSince: since });
    }
    void this.save();
  }

  /** A wake from sleep or a network change: what is failing (or due) is retried now, not at its backoff. */
  poke(reason: 'wake' | 'network-change'): void {
    const keys: Key[] = [];
    for (const [p, s] of this.profiles) if (s.state !== 'ok' || reason === 'wake') keys.push(`profile:${p}`);
    for (const [id, s] of this.sessions) if (s.state !== 'alive' || reason === 'wake') keys.push(`session:${id}`);
    if (keys.length === 0) return;
    this.log.info(reason === 'wake' ? 'The computer woke up; checking everything now' : 'The network changed; retrying now');
    this.table.pullIn(this.now(), keys);
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
    // Everything is checked soon, but spread: a fleet of laptops waking together (a meeting ends)
    // must not send every keep-alive and refresh in the same second.
    const now = this.now();
    for (const key of this.table.keys()) {
      if (key.startsWith('session:')) {
        const exp = this.sessions.get(key.slice(8))?.expiresAt;
        this.table.pullIn(Math.max(now, wakeKeepAliveAt(now, exp ? Date.parse(exp) : undefined, this.random)), [key]);
      } else {
        const exp = this.profiles.get(key.slice(8))?.expiresAt;
        this.table.pullIn(wakeRefreshAt(now, exp ? Date.parse(exp) : undefined, this.random), [key]);
      }
    }
  }

  /** True (and the task put off until after the reset) while the org's rate limit is used up. */
  private heldBack(orgUrl: string, key: Key): boolean {
    const until = this.pausedUntil.get(orgUrl);
    if (until === undefined) return false;
    if (until <= this.now()) {
      this.pausedUntil.delete(orgUrl);
      return false;
    }
    this.table.schedule(key, afterResetAt(until, this.random));
    this.log.debug(`Okta's rate limit for ${orgUrl} is used up until ${new Date(until).toISOString()}; waiting`);
    return true;
  }

  private noteRateLimit(orgUrl: string, e: unknown): void {
    if (e instanceof RateLimitError && e.resetAt && e.resetAt.getTime() > this.now()) {
      this.pausedUntil.set(orgUrl, Math.max(this.pausedUntil.get(orgUrl) ?? 0, e.resetAt.getTime()));
    }
  }

  private trackSession(record: ProfileRecord): void {
    // OIE (device flow) profiles have no Okta session cookie: their OIDC tokens are renewed by core/refresh.ts.
    // Browser profiles keep their session in the browser profile (refreshed headless by core/refresh.ts).
    if (record.authFlow === 'device' || record.authFlow === 'browser') return;
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

  private async refreshProfile(profile: string, taskSignal?: AbortSignal): Promise<void> {
    const deps = this.depsFor(taskSignal);
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
    if (this.heldBack(cache.record.orgUrl, key)) return;
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
          deps,
        );
      } catch (e) {
        if (!(e instanceof LoginRequiredError)) throw e;
        const again = await this.signInAgain(profile, cache.record, opts, minValidity, e, deps);
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
        overdueSince: undefined,
        failures: 0,
      } satisfies Partial<ProfileStatus>);
      if (result.source !== 'cache') {
        status.refreshes++;
        status.lastRefresh = new Date(this.now()).toISOString();
        status.lastSource = result.source;
        this.log.info(`Refreshed "${profile}" (${result.source}); expires ${new Date(exp).toISOString()}, next refresh ${new Date(next).toISOString()}`);
      } else {
        status.lastRefresh ??= result.cache.lastRefresh;
        const say = (m: string): void => (before === 'starting' ? this.log.info(m) : this.log.debug(m));
        say(`"${profile}" is fresh until ${new Date(exp).toISOString()}; next refresh ${new Date(next).toISOString()}`);
      }
      if (result.source === 'login') this.signedIn(result.cache.record);
      this.o.onRefresh?.(profile, result);
    } catch (e) {
      this.noteRateLimit(cache.record.orgUrl, e);
      this.fail(profile, status, e);
    }
    await this.save();
  }

  private fail(profile: string, status: ProfileStatus, e: unknown): void {
    status.failures++;
    const left = status.expiresAt ? Date.parse(status.expiresAt) - this.now() : undefined;
    // A person has to act on a login-required: the fast ~15-s probe is for outages, not for them.
    let delay = needsPerson(e) ? backoffMs(status.failures, this.random) : retryDelayMs(status.failures, left, this.random);
    if (e instanceof RateLimitError && e.resetAt)
      delay = Math.min(MAX_BACKOFF_MS, Math.max(delay, afterResetAt(e.resetAt.getTime(), this.random) - this.now()));
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
    deps: CoreDeps = this.o.deps,
  ): Promise<RefreshResult | undefined> {
    const id = identity(record);
    const reason = this.blocked.get(id);
    if (reason) throw new LoginRequiredError(reason, { remedy: runLogin(profile) });
    // A device-flow sign-in needs a person at a browser: never started from here.
    // A browser sign-in needs a person at a window: never opened from the daemon.
    if (record.authFlow === 'device' || record.authFlow === 'browser') return undefined;
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
        deps,
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

  private async keepAlive(id: string, taskSignal?: AbortSignal): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    const key: Key = `session:${id}`;
    if (this.heldBack(s.orgUrl, key)) return;
    const now = this.now();
    const cached = await this.o.cache.readSession(s.orgUrl, s.login).catch(() => undefined);
    if (!cached) {
      s.state = 'gone';
      s.nextKeepAliveAt = new Date(this.schedule(key, now + MAX_BACKOFF_MS)).toISOString();
      await this.save();
      return;
    }
    try {
      const r = await keepSessionAlive(cached, this.depsFor(taskSignal));
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
        Object.assign(s, {
          state: 'alive',
          expiresAt: r.expiresAt.toISOString(),
          lastKeepAlive: new Date(now).toISOString(),
          lastError: undefined,
          overdueSince: undefined,
          failures: 0,
        });
        s.nextKeepAliveAt = new Date(this.schedule(key, keepAliveAt(now, r.expiresAt.getTime(), this.random))).toISOString();
      }
    } catch (e) {
      s.failures++;
      this.noteRateLimit(s.orgUrl, e);
      let delay = backoffMs(s.failures, this.random);
      if (e instanceof RateLimitError && e.resetAt) delay = Math.min(MAX_BACKOFF_MS, Math.max(delay, afterResetAt(e.resetAt.getTime(), this.random) - now));
      this.log.debug(`Okta session keep-alive failed: ${message(e)}; retrying in ${Math.round(delay / 1000)} s`);
      Object.assign(s, { state: 'retrying', lastError: message(e) });
      s.nextKeepAliveAt = new Date(this.schedule(key, now + delay)).toISOString();
    }
    await this.save();
  }
}
