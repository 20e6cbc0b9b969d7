import type { Settings } from '../config/resolve.js';
import { ConfigError, LoginRequiredError } from '../errors.js';
import { appLinkUrl } from '../okta/apps.js';
import type { OktaAuthenticator, SamlAssertionResult } from '../okta/authenticator.js';
import { parseSamlAssertion } from '../saml/assertion.js';
import { DEFAULT_BROWSER_TIMEOUT_MS, NO_DISPLAY } from './browser-signin.js';
import type { CoreDeps } from './deps.js';
import { accountsAsApps, chooseApp } from './fetch-assertion.js';

/** Where the window starts: the configured AWS app, one of keyman's accounts, else the Okta dashboard. */
export async function browserStartUrl(settings: Settings, deps: CoreDeps): Promise<{ url: string; dashboard: boolean }> {
  if (settings.appid) return { url: appLinkUrl(settings.orgUrl, settings.appid), dashboard: false };
  if (settings.accounts.length > 0) {
    const app = await chooseApp(accountsAsApps(settings.orgUrl, settings), settings, deps, settings.orgUrl);
    return { url: app.linkUrl, dashboard: false };
  }
  return { url: `${settings.orgUrl}/app/UserHome`, dashboard: true };
}

export function noDisplayError(reason: string, what: string): LoginRequiredError {
  return new LoginRequiredError(`${what} needs a browser window, and there is ${reason} — run \`okta-bedrock login --browser\` in a desktop session`, {
    code: NO_DISPLAY,
  });
}

/**
 * `login --browser` (`auth_flow: browser`): the person signs in to Okta in a real browser window
 * with whatever the org demands — passkeys/WebAuthn, Duo Universal Prompt, FastPass, device
 * assurance — and we take the SAML assertion the page posts to AWS. No password is read or sent
 * here; the browser's dedicated profile keeps Okta's session for the next time.
 */
export class BrowserAuthenticator implements OktaAuthenticator {
  readonly flow = 'browser' as const;

  constructor(
    private readonly settings: Settings,
    private readonly deps: CoreDeps,
  ) {}

  async getSamlAssertion(signal?: AbortSignal): Promise<SamlAssertionResult> {
    const { settings, deps } = this;
    const browser = deps.browser;
    if (!browser) throw new ConfigError('This okta-bedrock cannot drive a browser here — sign in without --browser', { code: 'browser_unavailable' });
    const why = browser.noWindowReason();
    if (why) throw noDisplayError(why, 'The browser sign-in');
    const start = await browserStartUrl(settings, deps);
    const timeoutMs = settings.browserTimeoutSeconds ? settings.browserTimeoutSeconds * 1000 : DEFAULT_BROWSER_TIMEOUT_MS;
    deps.log.info(
      start.dashboard
        ? `Sign in to Okta in the browser window, then open your AWS app from the Okta dashboard (waiting up to ${Math.round(timeoutMs / 60_000)} min)`
        : `Sign in to Okta in the browser window (waiting up to ${Math.round(timeoutMs / 60_000)} min)`,
    );
    const result = await browser.signIn({
      startUrl: start.url,
      orgUrl: settings.orgUrl,
      window: true,
      browserPath: settings.browserPath,
      timeoutMs,
      signal: signal ?? deps.signal,
    });
    deps.log.addSecret(result.samlResponse);
    const assertion = parseSamlAssertion(result.samlResponse);
    const username = settings.username ?? assertion.roleSessionName ?? 'okta-user';
    return {
      samlResponse: result.samlResponse,
      linkUrl: start.dashboard ? (result.linkUrl ?? start.url) : start.url,
      username,
      displayName: username,
      oktaRequests: 0,
    };
  }
}
