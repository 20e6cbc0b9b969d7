import { LoginRequiredError } from '../../errors.js';
import type { Clock } from '../../platform/clock.js';
import type { HttpClient } from '../../platform/http.js';
import type { Logger } from '../../platform/log.js';
import { lineProgress, type Progress } from '../../platform/ui.js';
import { appLinkUrl } from '../apps.js';
import type { OktaAuthenticator, SamlAssertionResult } from '../authenticator.js';
import type { OktaAppLink } from '../types.js';
import { listAwsAppsWithToken } from './app-links.js';
import { pollDeviceToken, startDeviceAuthorization, type DeviceFlowContext } from './device.js';
import { explainOAuthError, isStaleTokenError, type OieStep } from './errors.js';
import { OAuthError } from './form.js';
import { refreshTokens, tokensFromResponse, tokensUsable } from './token.js';
import {
  BASE_SCOPES,
  DISCOVERY_SCOPES,
  OFFLINE_SCOPE,
  type DeviceAuthorization,
  type DeviceCodePrompt,
  type OidcTokens,
  type OidcTokenStore,
} from './types.js';
import { exchangeForWebSsoToken, samlFromWebSsoToken } from './web-sso.js';
import { deviceWaitMessage } from './prompt.js';

export interface OieAuthenticatorOptions {
  http: HttpClient;
  log: Logger;
  clock: Clock;
  orgUrl: string;
  /** Client ID of the org's Native OIDC app (Device Authorization + Token Exchange grants). */
  clientId: string;
  /** The AWS app id (`0oa…`) from the config or flags; without it the apps are discovered. */
  appId?: string;
  /** Picks one of several discovered AWS apps (--app, a menu, or an error listing them). */
  chooseApp: (apps: OktaAppLink[]) => Promise<OktaAppLink>;
  tokens: OidcTokenStore;
  /** Try the cached tokens (and their refresh token) before a new device flow. */
  reuseTokens: boolean;
  /** May we start a new device flow? (credential_process without a terminal may not.) */
  allowDeviceFlow: boolean;
  /** Shows the verification URL and user code (terminal, QR, browser). */
  showDeviceCode: (prompt: DeviceCodePrompt) => Promise<void> | void;
  /** The wait for approval: a spinner with the elapsed time on a terminal. Default: one log line. */
  waitForApproval?: (message: string) => Progress;
  /** Ask for `offline_access` (a refresh token); false once the org refused the scope. */
  offlineAccess: boolean;
  onOfflineAccessRefused?: () => Promise<void> | void;
  loginRequiredMessage: string;
}

/** Counts requests for the login benchmark and tests. */
function countingHttp(http: HttpClient): HttpClient & { count: number } {
  const wrapped = {
    count: 0,
    send: (req: Parameters<HttpClient['send']>[0]) => {
      wrapped.count++;
      return http.send(req);
    },
  };
  return wrapped;
}

/**
 * The Okta Identity Engine sign-in: device authorization in the browser → OIDC tokens →
 * token exchange for a Web SSO token for the AWS app → `/login/token/sso` → SAMLResponse.
 * Cached tokens (and a refresh token) are tried first when allowed, so a refresh needs no browser.
 */
export class OieAuthenticator implements OktaAuthenticator {
  readonly flow = 'device' as const;
  private readonly http: HttpClient & { count: number };

  constructor(private readonly o: OieAuthenticatorOptions) {
    this.http = countingHttp(o.http);
  }

  private ctx(signal?: AbortSignal): DeviceFlowContext {
    return { http: this.http, log: this.o.log, clock: this.o.clock, orgUrl: this.o.orgUrl, clientId: this.o.clientId, signal };
  }

  private explain(e: unknown, step: OieStep, appId?: string): unknown {
    return e instanceof OAuthError ? explainOAuthError(e, { step, orgUrl: this.o.orgUrl, clientId: this.o.clientId, appId }) : e;
  }

  async getSamlAssertion(signal?: AbortSignal): Promise<SamlAssertionResult> {
    if (this.o.reuseTokens) {
      const reused = await this.fromCachedTokens(signal);
      if (reused) return reused;
    }
    if (!this.o.allowDeviceFlow) throw new LoginRequiredError(this.o.loginRequiredMessage);
    const tokens = await this.deviceFlow(signal);
    await this.o.tokens.save(tokens);
    const app = await this.resolveApp(tokens, signal);
    try {
      return await this.samlFor(tokens, app, signal);
    } catch (e) {
      throw this.explain(e, 'exchange', app.appInstanceId);
    }
  }

  /** Cached tokens → (refresh) → exchange. Undefined when they are gone or no longer accepted. */
  private async fromCachedTokens(signal?: AbortSignal): Promise<SamlAssertionResult | undefined> {
    let tokens = await this.o.tokens.load();
    if (!tokens) return undefined;
    const log = this.o.log;
    try {
      if (!tokensUsable(tokens, this.o.clock.now())) {
        if (!tokens.refreshToken) {
          log.debug('Cached OIDC tokens expired and there is no refresh token');
          return undefined;
        }
        log.debug('Renewing the OIDC tokens with the refresh token');
        tokens = await refreshTokens(this.ctx(signal), tokens);
        await this.o.tokens.save(tokens);
      }
      if (!this.o.appId && !hasScopes(tokens.scope, DISCOVERY_SCOPES)) return undefined;
      const app = await this.resolveApp(tokens, signal);
      const result = await this.samlFor(tokens, app, signal);
      log.debug(`Web SSO exchange accepted the cached ${tokens.refreshed ? 'refreshed ' : ''}ID token`);
      return result;
    } catch (e) {
      if (!isStaleTokenError(e) && !(e instanceof LoginRequiredError)) throw this.explain(e, 'exchange', this.o.appId);
      const why = e instanceof OAuthError ? e.description || e.error : (e as Error).message;
      log.debug(`Okta no longer accepts the cached ${tokens.refreshed ? 'refreshed ' : ''}OIDC tokens (${why})`);
      await this.o.tokens.clear();
      return undefined;
    }
  }

  private scopes(): string[] {
    return [...BASE_SCOPES, ...(this.o.appId ? [] : DISCOVERY_SCOPES), ...(this.o.offlineAccess ? [OFFLINE_SCOPE] : [])];
  }

  private async deviceFlow(signal?: AbortSignal): Promise<OidcTokens> {
    const ctx = this.ctx(signal);
    let auth: DeviceAuthorization;
    try {
      auth = await startDeviceAuthorization(ctx, this.scopes());
    } catch (e) {
      if (!(e instanceof OAuthError && e.error === 'invalid_scope' && this.o.offlineAccess)) throw this.explain(e, 'device-authorize');
      // The client has no Refresh Token grant: sign in without offline_access, and remember.
      this.o.log.debug('Okta refused offline_access for this client; continuing without a refresh token');
      this.o.offlineAccess = false;
      await this.o.onOfflineAccessRefused?.();
      try {
        auth = await startDeviceAuthorization(ctx, this.scopes());
      } catch (again) {
        throw this.explain(again, 'device-authorize');
      }
    }
    const now = this.o.clock.now();
    const prompt: DeviceCodePrompt = {
      userCode: auth.user_code,
      verificationUri: auth.verification_uri,
      verificationUriComplete: auth.verification_uri_complete ?? `${auth.verification_uri}?user_code=${encodeURIComponent(auth.user_code)}`,
      expiresAt: new Date(now.getTime() + auth.expires_in * 1000),
    };
    await this.o.showDeviceCode(prompt);
    const wait = this.o.waitForApproval ?? ((m: string) => lineProgress(m, (line) => this.o.log.info(line)));
    const waiting = wait(deviceWaitMessage(prompt, now));
    try {
      const res = await pollDeviceToken(ctx, auth);
      return tokensFromResponse(res, this.o.clock.now(), this.o.log);
    } catch (e) {
      throw this.explain(e, 'device-token');
    } finally {
      waiting.stop();
    }
  }

  private async resolveApp(tokens: OidcTokens, signal?: AbortSignal): Promise<OktaAppLink> {
    if (this.o.appId) {
      return { label: this.o.appId, appInstanceId: this.o.appId, appName: 'amazon_aws', linkUrl: appLinkUrl(this.o.orgUrl, this.o.appId) };
    }
    return this.o.chooseApp(await listAwsAppsWithToken(this.ctx(signal), tokens.accessToken));
  }

  private async samlFor(tokens: OidcTokens, app: OktaAppLink, signal?: AbortSignal): Promise<SamlAssertionResult> {
    const ctx = this.ctx(signal);
    const webSso = await exchangeForWebSsoToken(ctx, tokens, app.appInstanceId);
    const samlResponse = await samlFromWebSsoToken(ctx, webSso);
    return {
      samlResponse,
      linkUrl: app.linkUrl,
      app: this.o.appId ? undefined : app,
      username: tokens.login,
      displayName: tokens.login,
      oktaRequests: this.http.count,
    };
  }
}

function hasScopes(granted: string, wanted: string[]): boolean {
  const have = new Set(granted.split(/\s+/));
  return wanted.every((s) => have.has(s));
}
