import type { Settings } from '../config/resolve.js';
import { ConfigError, OktaBedrockError, OktaError, SamlError } from '../errors.js';
import type { AuthFlowKind, OktaAuthenticator } from '../okta/authenticator.js';
import { checkOktaOrg, type OktaPipeline } from '../okta/oie/detect.js';
import { OieAuthenticator } from '../okta/oie/authenticator.js';
import { deviceCodeMessage } from '../okta/oie/prompt.js';
import { startProgress } from '../platform/prompts.js';
import type { DeviceCodePrompt, OidcTokens, OidcTokenStore } from '../okta/oie/types.js';
import { OidcTokenFileStore, OrgInfoCache, ORG_INFO_MAX_AGE_MS } from '../store/oidc-cache.js';
import { ClassicAuthenticator, type ClassicLoginInput } from './classic-authenticator.js';
import { IdxAuthenticator, IdxBootstrapError } from './idx-authenticator.js';
import type { CoreDeps } from './deps.js';
import { accountsAsApps, chooseApp } from './fetch-assertion.js';
import { BrowserAuthenticator } from './browser-authenticator.js';

/** The shared code of a policy or factor no API path can satisfy from a command line (passkeys, FastPass, device assurance...). */
export const UNSATISFIABLE_POLICY = 'unsatisfiable_policy';

/**
 * `auth_flow: auto` on a terminal: when the API sign-in ends on a factor or policy it cannot
 * satisfy (code `unsatisfiable_policy`), offer the browser hand-off instead of only failing.
 */
function offerBrowser(inner: OktaAuthenticator, settings: Settings, deps: CoreDeps): OktaAuthenticator {
  let used: OktaAuthenticator = inner;
  return {
    get flow() {
      return used.flow;
    },
    async getSamlAssertion(signal) {
      try {
        return await inner.getSamlAssertion(signal);
      } catch (e) {
        const browser = deps.browser;
        if (!(e instanceof OktaBedrockError) || e.code !== UNSATISFIABLE_POLICY || !deps.prompter.interactive || !browser || browser.noWindowReason()) throw e;
        deps.log.warn(e.message);
        if (!(await deps.prompter.confirm('Sign in through your browser instead (okta-bedrock login --browser)?', true))) throw e;
        used = new BrowserAuthenticator(settings, deps);
        return used.getSamlAssertion(signal);
      }
    },
  };
}

const README = 'see "OIE org" in the okta-bedrock README';

/** What a login needs besides Settings, for either flow. */
export interface AuthenticatorInput extends ClassicLoginInput {
  /** The cache dir (org detection, OIDC tokens); without it nothing is remembered. */
  cacheDir?: string;
  /** OIE: shows the verification URL and code (the CLI adds a QR code and --open). */
  showDeviceCode?: (prompt: DeviceCodePrompt) => Promise<void> | void;
  /** OIE: try cached OIDC tokens before a new device flow (refreshes). Default false. */
  reuseOidcTokens?: boolean;
  /** OIE: may a new device flow start? Default true. */
  allowDeviceFlow?: boolean;
  loginRequiredMessage?: string;
}

/** Keeps tokens for this run only (no cache dir). */
function memoryTokenStore(): OidcTokenStore {
  let kept: OidcTokens | undefined;
  return { load: async () => kept, save: async (t) => void (kept = t), clear: async () => void (kept = undefined) };
}

async function detectPipeline(settings: Settings, deps: CoreDeps, cacheDir: string | undefined): Promise<OktaPipeline | undefined> {
  const orgs = cacheDir ? new OrgInfoCache(cacheDir) : undefined;
  const now = deps.clock.now();
  const cached = orgs ? await orgs.read(settings.orgUrl) : undefined;
  if (cached?.pipeline && cached.checkedAt && now.getTime() - Date.parse(cached.checkedAt) < ORG_INFO_MAX_AGE_MS) return cached.pipeline;
  let pipeline: OktaPipeline | undefined;
  try {
    const check = await checkOktaOrg(deps.http, settings.orgUrl, deps.log);
    // Never send a password to a host that has shown it is not an Okta org.
    if (!check.ok && check.definite) {
      throw new ConfigError(
        `${settings.orgUrl} is not an Okta org (/.well-known/okta-organization: ${check.reason}) — nothing was sent; check --org or \`org:\` in the config (e.g. acme.okta.com)`,
        { code: 'not_okta_org' },
      );
    }
    pipeline = check.ok ? check.pipeline : undefined;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    deps.log.debug(`Could not detect the Okta engine: ${(e as Error).message}`);
    return cached?.pipeline;
  }
  if (pipeline && orgs) {
    await orgs.update(settings.orgUrl, (info) => {
      info.pipeline = pipeline;
      info.checkedAt = now.toISOString();
    });
  }
  return pipeline;
}

/**
 * Which sign-in to use: `auth_flow: classic|device|idx` decides; `auto` asks the org
 * (`.well-known/okta-organization`: `idx` → IDX, or the device flow when `oidc_client_id` is set;
 * `v1` → classic), cached per org.
 */
export async function selectAuthFlow(settings: Settings, deps: CoreDeps, cacheDir?: string): Promise<AuthFlowKind> {
  if (settings.authFlow === 'classic' || settings.authFlow === 'browser') return settings.authFlow;
  if (settings.authFlow === 'idx') return 'idx';
  // Without an OIDC client, `auto` on an Identity Engine org signs in through the IDX API (as the
  // Sign-In Widget does: it honours the app's policy, and needs nothing from an admin); on a
  // Classic org (or when the org will not say) the classic /api/v1/authn. The answer is cached per org.
  if (settings.authFlow === 'auto' && !settings.oidcClientId) {
    const detected = await detectPipeline(settings, deps, cacheDir);
    deps.log.debug(`Okta org pipeline: ${detected ?? 'unknown'} (auth_flow: auto, no oidc_client_id)`);
    // An org that will not say (no answer, a proxy in front) gets IDX first: its bootstrap falls back
    // to the classic API when the sign-in page carries no state token, as on a Classic org.
    return detected === 'v1' ? 'classic' : 'idx';
  }
  const pipeline = await detectPipeline(settings, deps, cacheDir);
  deps.log.debug(`Okta org pipeline: ${pipeline ?? 'unknown'} (auth_flow: ${settings.authFlow})`);
  if (settings.authFlow === 'device') {
    if (pipeline === 'v1') {
      throw new ConfigError(
        `${settings.orgUrl} is an Okta Classic Engine org: the device flow needs Okta Identity Engine — set \`auth_flow: classic\` (or remove auth_flow)`,
      );
    }
  } else if (pipeline !== 'idx') {
    return 'classic';
  }
  if (!settings.oidcClientId) {
    throw new ConfigError(
      `${settings.orgUrl} runs Okta Identity Engine: set \`oidc_client_id\` (or --oidc-client-id) to the Client ID of the org's Native ` +
        `OIDC app (${README}), or \`auth_flow: classic\` to try the classic API`,
    );
  }
  return 'device';
}

/**
 * `auth_flow: auto` without an OIDC client signs in with the classic API (no detection request).
 * When Okta or the app page then refuses it, ask the org which engine it runs: on an Identity
 * Engine org the fix is the device flow, so say so instead of leaving a bare Okta/SAML error.
 * Wrong passwords, MFA, network and rate-limit failures are not engine problems and pass as they are.
 */
function explainIdentityEngine(inner: OktaAuthenticator, settings: Settings, deps: CoreDeps, cacheDir?: string): OktaAuthenticator {
  return {
    flow: inner.flow,
    async getSamlAssertion(signal) {
      try {
        return await inner.getSamlAssertion(signal);
      } catch (e) {
        if (!(e instanceof OktaError || e instanceof SamlError) || e.code === UNSATISFIABLE_POLICY) throw e;
        const pipeline = await detectPipeline(settings, deps, cacheDir).catch(() => undefined);
        if (pipeline !== 'idx') throw e;
        throw new ConfigError(
          `${e.summary}. ${settings.orgUrl} runs Okta Identity Engine, where the classic sign-in may not satisfy the ` +
            `app's policy: set \`oidc_client_id\` (or --oidc-client-id) to the Client ID of the org's Native OIDC app (${README})`,
          { detail: e.detail, cause: e },
        );
      }
    },
  };
}

/** IDX first; when its bootstrap finds no state token (an unusual sign-in page), the classic API (said under --debug). */
function withClassicFallback(idx: OktaAuthenticator, classic: () => OktaAuthenticator, deps: CoreDeps): OktaAuthenticator {
  let flow: AuthFlowKind = idx.flow;
  return {
    get flow() {
      return flow;
    },
    async getSamlAssertion(signal) {
      try {
        return await idx.getSamlAssertion(signal);
      } catch (e) {
        if (!(e instanceof IdxBootstrapError)) throw e;
        deps.log.debug(`IDX sign-in not possible (${e.message}); falling back to the classic Authentication API`);
        const fallback = classic();
        flow = fallback.flow;
        return fallback.getSamlAssertion(signal);
      }
    },
  };
}

/** The AWS app id (`0oa…`) for the exchange audience, from keyman's `0oa…/272`, a link URL or --app. */
export function appIdFromSettings(settings: Settings): string | undefined {
  for (const v of [settings.appid, settings.app]) {
    const m = v ? /(?:^|\/)(0oa[A-Za-z0-9]+)(?:\/\d+)?(?:[/?#]|$)/.exec(v) : null;
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** Builds the authenticator for the chosen flow: one interface (okta/authenticator.ts), two sign-ins (classic, OIE). */
export async function createAuthenticator(settings: Settings, input: AuthenticatorInput, deps: CoreDeps): Promise<OktaAuthenticator> {
  const apiPath = await createApiAuthenticator(settings, input, deps);
  return settings.authFlow === 'auto' && apiPath.flow !== 'browser' ? offerBrowser(apiPath, settings, deps) : apiPath;
}

async function createApiAuthenticator(settings: Settings, input: AuthenticatorInput, deps: CoreDeps): Promise<OktaAuthenticator> {
  const flow = await selectAuthFlow(settings, deps, input.cacheDir);
  if (flow === 'idx') {
    const classic = (): OktaAuthenticator => {
      const c = new ClassicAuthenticator(settings, input, deps);
      return settings.authFlow === 'auto' ? explainIdentityEngine(c, settings, deps, input.cacheDir) : c;
    };
    return withClassicFallback(new IdxAuthenticator(settings, input, deps), classic, deps);
  }
  if (flow === 'browser') return new BrowserAuthenticator(settings, deps);
  if (flow === 'classic') {
    const classic = new ClassicAuthenticator(settings, input, deps);
    return settings.authFlow === 'auto' && !settings.oidcClientId ? explainIdentityEngine(classic, settings, deps, input.cacheDir) : classic;
  }
  const clientId = settings.oidcClientId as string;
  let appId = appIdFromSettings(settings);
  if (!appId && settings.accounts.length > 0) {
    appId = (await chooseApp(accountsAsApps(settings.orgUrl, settings), settings, deps, settings.orgUrl)).appInstanceId;
  }
  const orgs = input.cacheDir ? new OrgInfoCache(input.cacheDir) : undefined;
  const info = orgs ? await orgs.read(settings.orgUrl) : undefined;
  return new OieAuthenticator({
    http: deps.http,
    log: deps.log,
    clock: deps.clock,
    orgUrl: settings.orgUrl,
    clientId,
    appId,
    chooseApp: (apps) => chooseApp(apps, settings, deps, settings.orgUrl),
    tokens: input.cacheDir ? new OidcTokenFileStore(input.cacheDir, settings.orgUrl, clientId, () => deps.clock.now()) : memoryTokenStore(),
    reuseTokens: input.reuseOidcTokens ?? false,
    allowDeviceFlow: input.allowDeviceFlow ?? true,
    showDeviceCode: input.showDeviceCode ?? ((p) => deps.prompter.notice(deviceCodeMessage(p))),
    waitForApproval: (message) => startProgress(deps.prompter, message),
    offlineAccess: !(info?.noOfflineAccess ?? []).includes(clientId),
    onOfflineAccessRefused: orgs
      ? () => orgs.update(settings.orgUrl, (i) => void (i.noOfflineAccess = [...new Set([...(i.noOfflineAccess ?? []), clientId])]))
      : undefined,
    loginRequiredMessage: input.loginRequiredMessage ?? 'The Okta sign-in has expired — run `okta-bedrock login`',
  });
}
