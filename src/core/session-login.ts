import type { Settings } from '../config/resolve.js';
import { OktaBedrockError } from '../errors.js';
import { appLinkUrl, listAwsApps } from '../okta/apps.js';
import { OktaClient } from '../okta/client.js';
import { CookieJar } from '../okta/cookie-jar.js';
import type { OktaAppLink } from '../okta/types.js';
import { parseSamlAssertion } from '../saml/assertion.js';
import type { CacheStore } from '../store/cache.js';
import { assumeChained, assumeGateway, pickRole } from './assume.js';
import type { CoreDeps } from './deps.js';
import { accountsAsApps, chooseApp, samlFromSession } from './fetch-assertion.js';
import type { LoginOutcome } from './login.js';

/**
 * The Okta session belongs to the org + user, not to a profile: a profile signing in (login,
 * config, credential-process, the daemon) with a live session of its org and user gets its SAML
 * assertion from that session — no password, no MFA. Undefined when there is no live session or
 * Okta no longer honours it (then the caller signs in as usual).
 */
export async function loginFromSession(settings: Settings, store: CacheStore, deps: CoreDeps): Promise<{ outcome: LoginOutcome; expiresAt: Date } | undefined> {
  if (!settings.username) return undefined;
  const session = await store.readSession(settings.orgUrl, settings.username).catch(() => undefined);
  if (!session || Date.parse(session.expiresAt) <= deps.clock.now().getTime()) return undefined;
  const jar = new CookieJar(settings.orgUrl);
  for (const [k, v] of Object.entries(session.cookies)) jar.set(k, v);
  const client = new OktaClient({ orgUrl: settings.orgUrl, http: deps.http, log: deps.log, cookies: jar, clock: deps.clock, signal: deps.signal });
  let samlResponse: string;
  let app: OktaAppLink | undefined;
  let linkUrl: string;
  try {
    if (settings.appid) {
      linkUrl = appLinkUrl(settings.orgUrl, settings.appid);
    } else {
      const apps = settings.accounts.length > 0 ? accountsAsApps(settings.orgUrl, settings) : await listAwsApps(client);
      app = await chooseApp(apps, settings, deps, settings.orgUrl);
      linkUrl = app.linkUrl;
    }
    samlResponse = await samlFromSession(client, linkUrl, undefined);
  } catch (e) {
    if (!(e instanceof OktaBedrockError)) throw e;
    deps.log.debug(`The cached Okta session cannot be used (${e.message}); signing in`);
    return undefined;
  }
  deps.log.addSecret(samlResponse);
  const assertion = parseSamlAssertion(samlResponse);
  const role = await pickRole(assertion, settings, deps);
  const gateway = await assumeGateway(assertion, role, settings, deps);
  deps.log.addSecret(gateway.secretAccessKey);
  deps.log.addSecret(gateway.sessionToken);
  const chained = settings.assumeRoleArn
    ? await assumeChained(gateway, settings.assumeRoleArn, assertion.roleSessionName ?? session.login, settings, deps, assertion.partition)
    : undefined;
  if (chained) {
    deps.log.addSecret(chained.secretAccessKey);
    deps.log.addSecret(chained.sessionToken);
  }
  const cookies = jar.all();
  const expiresAt = new Date(session.expiresAt);
  return {
    expiresAt,
    outcome: {
      credentials: chained ?? gateway,
      gateway,
      chained,
      role,
      assertion,
      authFlow: 'classic',
      session: cookies.sid ? { orgUrl: settings.orgUrl, login: session.login, sid: cookies.sid, expiresAt } : undefined,
      app,
      linkUrl,
      username: session.login,
      displayName: session.login,
      oktaRequests: 0,
      cookies,
    },
  };
}
