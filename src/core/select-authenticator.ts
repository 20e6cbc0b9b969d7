import type { Settings } from '../config/resolve.js';
import { ConfigError, OktaError, SamlError } from '../errors.js';
import type { AuthFlowKind, OktaAuthenticator } from '../okta/authenticator.js';
import { fetchOrgPipeline, type OktaPipeline } from '../okta/oie/detect.js';
import { OieAuthenticator } from '../okta/oie/authenticator.js';
import { deviceCodeMessage } from '../okta/oie/prompt.js';
import { startProgress } from '../platform/prompts.js';
import type { DeviceCodePrompt, OidcTokens, OidcTokenStore } from '../okta/oie/types.js';
import { OidcTokenFileStore, OrgInfoCache, ORG_INFO_MAX_AGE_MS } from '../store/oidc-cache.js';
import { ClassicAuthenticator, type ClassicLoginInput } from './classic-authenticator.js';
import type { CoreDeps } from './deps.js';
import { accountsAsApps, chooseApp } from './fetch-assertion.js';

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
    pipeline = await fetchOrgPipeline(deps.http, settings.orgUrl, deps.log);
  } catch (e) {
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
 * Which sign-in to use: `auth_flow: classic|device` decides; `auto` asks the org
 * (`.well-known/okta-organization`: `idx` → device flow, `v1` → classic), cached per org.
 */
export async function selectAuthFlow(settings: Settings, deps: CoreDeps, cacheDir?: string): Promise<AuthFlowKind> {
  if (settings.authFlow === 'classic') return 'classic';
  // Without an OIDC client the device flow is impossible, so `auto` needs no detection request:
  // classic /api/v1/authn it is — which many Identity Engine orgs still accept (aws_okta_keyman
  // users sign in that way), so their old config keeps working and a login stays at 4 requests.
  if (settings.authFlow === 'auto' && !settings.oidcClientId) return 'classic';
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
        if (!(e instanceof OktaError || e instanceof SamlError)) throw e;
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
  const flow = await selectAuthFlow(settings, deps, input.cacheDir);
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
