import type { Settings } from '../config/resolve.js';
import { LoginRequiredError, runLogin, SamlError } from '../errors.js';
import { effectiveRefreshBefore, isFresh, outerCredentials, type CachedCredentials, type ProfileCache, type SessionCache } from '../store/cache-files.js';
import { fromCached, toCached, type CacheStore } from '../store/cache.js';
import { assumeChained, assumeGateway } from './assume.js';
import type { CoreDeps } from './deps.js';
import type { LoginOutcome } from './login.js';
import { recordFromLogin, settingsFromRecord } from './profile-record.js';
import { BROWSER_NEEDS_USER, type BrowserSignInResult } from './browser-signin.js';

// The Okta, SAML and login code loads only on the paths that talk to Okta (a re-chain or a
// cache hit never does): see the dynamic imports below.

/** Gateway credentials are re-used to re-chain while at least this much of them remains. */
const GATEWAY_MIN_SECONDS = 120;

export type RefreshSource = 'cache' | 'rechain' | 'saml' | 'login';

/** What a full login (password + MFA) needs when the cache and the Okta session cannot refresh. */
export interface FullLogin {
  /** Settings for a full login when the profile has no record yet (from the config file); absent: a record is required. */
  configSettings?: () => Promise<Settings>;
  password: () => Promise<string>;
  /** True when the last password came from a terminal prompt: a refused one is then asked again (3 tries). */
  passwordTyped?: () => boolean;
}

export interface RefreshOptions {
  profile: string;
  cache: CacheStore;
  /** False under credential_process without a terminal, the daemon and doctor: fail fast instead of prompting. */
  fullLogin: false | FullLogin;
  /** Refresh even if the cached credentials are fresh (daemon, `--force`). */
  force?: boolean;
  /** Seconds of validity that count as fresh; default the record's refresh_before (≥ 15 min). */
  minValiditySeconds?: number;
  /**
   * Browser profiles (`login --browser`): when the headless refresh finds that Okta needs the
   * person, may a window open (credential-process), and how to say so? Absent (the daemon): no window.
   */
  browserWindow?: { notice(message: string): void };
  /** The message when a sign-in is needed but not allowed (default: run `okta-bedrock login`). */
  loginRequired?: (profile: string, hasRecord: boolean) => string;
  /** Settings of a profile without a record (the config file), to use a live Okta session of its org + user. */
  configSettings?: () => Promise<Settings>;
}

export interface RefreshResult {
  credentials: CachedCredentials;
  source: RefreshSource;
  cache: ProfileCache;
}

export function loginRequiredMessage(profile: string): string {
  return loginRequired(profile).message;
}

/** The Okta session is gone and this caller may not sign in again by itself. */
export function loginRequired(profile: string): LoginRequiredError {
  return new LoginRequiredError('Okta session expired', { remedy: runLogin(profile) });
}

/** A profile that was never logged in (no record, no session to use): not "expired". */
export function notLoggedInMessage(profile: string): string {
  return `not logged in — ${runLogin(profile)}`;
}

/** Saves a login's results in both cache layers. */
export async function saveLoginToCache(
  store: CacheStore,
  settings: Settings,
  outcome: LoginOutcome,
  cookies: Record<string, string>,
  deps: Pick<CoreDeps, 'clock'>,
): Promise<ProfileCache> {
  const now = deps.clock.now();
  const cache = store.newProfile(settings.profile, recordFromLogin(settings, outcome), now);
  cache.gateway = toCached(outcome.gateway);
  if (outcome.chained) cache.chained = toCached(outcome.chained);
  cache.lastRefresh = now.toISOString();
  if (outcome.session) await store.writeSession(outcome.session, cookies, now);
  await store.writeProfile(cache);
  return cache;
}

/** Assumes the recorded gateway role (and chained role) with a fresh SAML assertion. */
async function assumeFromSaml(cache: ProfileCache, samlResponse: string, deps: CoreDeps): Promise<void> {
  const record = cache.record;
  deps.log.addSecret(samlResponse);
  const { parseSamlAssertion } = await import('../saml/assertion.js');
  const assertion = parseSamlAssertion(samlResponse);
  const role = assertion.roles.find((r) => r.roleArn === record.roleArn);
  if (!role) {
    throw new SamlError(
      `The role ${record.roleArn} is no longer in your Okta assertion — run \`okta-bedrock login --profile ${cache.profile}\` to pick another`,
    );
  }
  const settings = settingsFromRecord(cache.profile, record);
  const gateway = await assumeGateway(assertion, role, settings, deps);
  cache.gateway = toCached(gateway);
  if (record.assumeRoleArn) {
    cache.chained = toCached(await assumeChained(gateway, record.assumeRoleArn, record.roleSessionName ?? record.username, settings, deps, record.partition));
  }
}

async function refreshFromSession(cache: ProfileCache, session: SessionCache, store: CacheStore, deps: CoreDeps): Promise<void> {
  const record = cache.record;
  const [{ CookieJar }, { OktaClient }, { samlFromSession }] = await Promise.all([
    import('../okta/cookie-jar.js'),
    import('../okta/client.js'),
    import('./fetch-assertion.js'),
  ]);
  const jar = new CookieJar(record.orgUrl);
  for (const [k, v] of Object.entries(session.cookies)) jar.set(k, v);
  const client = new OktaClient({ orgUrl: record.orgUrl, http: deps.http, log: deps.log, cookies: jar, clock: deps.clock, signal: deps.signal });
  await assumeFromSaml(cache, await samlFromSession(client, record.linkUrl, undefined), deps);
  const cookies = jar.all();
  if (cookies.sid) {
    await store.writeSession(
      { orgUrl: record.orgUrl, login: record.username, sid: cookies.sid, expiresAt: new Date(session.expiresAt) },
      cookies,
      deps.clock.now(),
    );
  }
}

/**
 * OIE profiles: a new SAML assertion from the cached OIDC tokens (renewed with the refresh
 * token when expired) — never a browser here; a LoginRequiredError sends the caller to a login.
 */
async function refreshFromOidcTokens(cache: ProfileCache, store: CacheStore, deps: CoreDeps): Promise<void> {
  const settings = settingsFromRecord(cache.profile, cache.record);
  const { createAuthenticator } = await import('./select-authenticator.js');
  const authenticator = await createAuthenticator(
    settings,
    {
      password: async () => {
        throw loginRequired(cache.profile);
      },
      cacheDir: store.dir,
      reuseOidcTokens: true,
      allowDeviceFlow: false,
      loginRequiredMessage: loginRequiredMessage(cache.profile),
    },
    deps,
  );
  const okta = await authenticator.getSamlAssertion(deps.signal);
  await assumeFromSaml(cache, okta.samlResponse, deps);
}

/**
 * Browser profiles: the app link in the okta-bedrock browser profile, headless — Okta's session
 * cookies there usually carry it straight to the SAML form. When Okta needs the person again,
 * credential-process opens the window (and says so on stderr); without a display, or from the
 * daemon, a one-line LoginRequiredError.
 */
async function refreshFromBrowser(cache: ProfileCache, opts: RefreshOptions, deps: CoreDeps): Promise<void> {
  const record = cache.record;
  const again = `okta-bedrock login --browser${cache.profile === 'default' ? '' : ` --profile ${cache.profile}`}`;
  const browser = deps.browser;
  if (!browser) throw new LoginRequiredError(`This profile signs in through the browser — run \`${again}\``);
  const request = { startUrl: record.linkUrl, orgUrl: record.orgUrl, browserPath: record.browserPath, signal: deps.signal };
  let result: BrowserSignInResult;
  try {
    result = await browser.signIn({ ...request, window: false });
  } catch (e) {
    if (!(e instanceof LoginRequiredError && e.code === BROWSER_NEEDS_USER)) throw e;
    if (!opts.browserWindow)
      throw new LoginRequiredError(`The Okta session in the okta-bedrock browser has ended — run \`${again}\``, { code: BROWSER_NEEDS_USER });
    const why = browser.noWindowReason();
    if (why)
      throw (await import('./browser-authenticator.js')).noDisplayError(why, `The Okta session for profile "${cache.profile}" has ended: signing in again`);
    opts.browserWindow.notice(`okta-bedrock: the Okta session has ended — sign in to Okta in the browser window that opened (profile "${cache.profile}")`);
    result = await browser.signIn({ ...request, window: true });
  }
  await assumeFromSaml(cache, result.samlResponse, deps);
}

/**
 * Credentials for a profile, refreshing the outermost stale layer only: re-chain the Bedrock
 * role from valid gateway credentials (no Okta call), else new SAML from the Okta session (no
 * password, no MFA), else a full login. One refresh at a time per profile across processes.
 */
export async function getProfileCredentials(opts: RefreshOptions, deps: CoreDeps): Promise<RefreshResult> {
  const { cache: store, profile } = opts;
  const nowMs = () => deps.clock.now().getTime();
  const margin = (c: ProfileCache): number => opts.minValiditySeconds ?? cacheMarginSeconds(c);

  const cached = await store.readProfile(profile);
  if (cached && !opts.force && isFresh(outerCredentials(cached), nowMs(), margin(cached))) {
    return { credentials: outerCredentials(cached) as CachedCredentials, source: 'cache', cache: cached };
  }

  return store.withProfileLock(profile, async () => {
    // Another process may have refreshed while we waited for the lock.
    let cache = await store.readProfile(profile);
    if (cache && isFresh(outerCredentials(cache), nowMs(), margin(cache)) && !(opts.force && cached?.updatedAt === cache.updatedAt)) {
      return { credentials: outerCredentials(cache) as CachedCredentials, source: 'cache' as const, cache };
    }
    if (cache) {
      const record = cache.record;
      try {
        if (record.assumeRoleArn && isFresh(cache.gateway, nowMs(), GATEWAY_MIN_SECONDS)) {
          deps.log.debug(`Re-chaining ${record.assumeRoleArn} from cached gateway credentials`);
          const settings = settingsFromRecord(profile, record);
          cache.chained = toCached(
            await assumeChained(fromCached(cache.gateway), record.assumeRoleArn, record.roleSessionName ?? record.username, settings, deps, record.partition),
          );
          return await finish(store, cache, 'rechain', deps);
        }
        if (record.authFlow === 'browser') {
          deps.log.debug('Fetching a new SAML assertion through the browser profile');
          await refreshFromBrowser(cache, opts, deps);
          return await finish(store, cache, 'saml', deps);
        }
        if (record.authFlow === 'device') {
          deps.log.debug('Fetching a new SAML assertion with the cached OIDC tokens');
          await refreshFromOidcTokens(cache, store, deps);
          return await finish(store, cache, 'saml', deps);
        }
        const session = await store.readSession(record.orgUrl, record.username);
        if (session && Date.parse(session.expiresAt) > nowMs()) {
          deps.log.debug('Fetching a new SAML assertion with the cached Okta session');
          await refreshFromSession(cache, session, store, deps);
          return await finish(store, cache, 'saml', deps);
        }
      } catch (e) {
        // A browser profile's sign-in is the browser's (refreshFromBrowser opened the window when it could).
        if (!(e instanceof LoginRequiredError) || record.authFlow === 'browser') throw e;
        deps.log.debug('The cached Okta session is gone');
        await store.removeSession(record.orgUrl, record.username);
      }
    }
    if (!cache) {
      // No record yet, but maybe a live Okta session of the same org + user (another profile's).
      const configSettings = opts.configSettings ?? (opts.fullLogin ? opts.fullLogin.configSettings : undefined);
      const settings = configSettings ? await configSettings().catch(() => undefined) : undefined;
      const reused = settings ? await (await import('./session-login.js')).loginFromSession(settings, store, deps) : undefined;
      if (settings && reused) {
        deps.log.debug(`Using the Okta session of ${reused.outcome.username} for profile ${profile}`);
        cache = await saveLoginToCache(store, settings, reused.outcome, reused.outcome.cookies, deps);
        return { credentials: outerCredentials(cache) as CachedCredentials, source: 'saml' as const, cache };
      }
    }
    const cannotSignIn = (): LoginRequiredError => {
      if (opts.loginRequired)
        return new LoginRequiredError(opts.loginRequired(profile, cache !== undefined), { code: cache ? 'session_expired' : 'not_logged_in' });
      return cache ? loginRequired(profile) : new LoginRequiredError('not logged in', { remedy: runLogin(profile), code: 'not_logged_in' });
    };
    const full = opts.fullLogin;
    if (!full) throw cannotSignIn();
    const settings = cache ? settingsFromRecord(profile, cache.record) : await full.configSettings?.();
    if (!settings) throw cannotSignIn();
    const { login } = await import('./login.js');
    const { withPasswordRetries } = await import('./password-source.js');
    const outcome = await withPasswordRetries(
      () => login({ settings, password: full.password, cacheDir: store.dir, loginRequiredMessage: loginRequiredMessage(profile) }, deps),
      { canAskAgain: () => deps.prompter.interactive && (full.passwordTyped?.() ?? false), log: deps.log },
    );
    cache = await saveLoginToCache(store, settings, outcome, outcome.cookies, deps);
    return { credentials: outerCredentials(cache) as CachedCredentials, source: 'login' as const, cache };
  });
}

/**
 * Validity that counts as fresh: refresh_before (≥ 15 min), or — the daemon's rule — half the
 * lifetime when credentials live shorter than twice that. Otherwise 15-min credentials
 * (`--duration 900`) would never be served from cache: every call, and every lock waiter, refreshing.
 */
export function cacheMarginSeconds(c: ProfileCache): number {
  const before = effectiveRefreshBefore(c.record);
  const outer = outerCredentials(c);
  if (!outer) return before;
  const lifetime = (Date.parse(outer.expiration) - Date.parse(c.lastRefresh ?? c.updatedAt)) / 1000;
  return Number.isFinite(lifetime) && lifetime > 0 && lifetime < 2 * before ? Math.max(1, Math.ceil(lifetime / 2)) : before;
}

async function finish(store: CacheStore, cache: ProfileCache, source: RefreshSource, deps: CoreDeps): Promise<RefreshResult> {
  const now = deps.clock.now().toISOString();
  cache.updatedAt = now;
  cache.lastRefresh = now;
  cache.lastError = undefined;
  await store.writeProfile(cache);
  return { credentials: outerCredentials(cache) as CachedCredentials, source, cache };
}
