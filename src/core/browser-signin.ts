/**
 * The browser hand-off (`login --browser`): what core asks of a real browser. The platform side
 * (src/platform/chromium/) launches Chrome/Chromium/Edge/Brave with a dedicated profile, lets the
 * person sign in to Okta with whatever the org demands (passkeys, Duo, FastPass, device
 * assurance), and hands back the SAMLResponse the page posts to AWS — intercepted, never sent.
 */
export interface BrowserSignInRequest {
  /** The AWS app link (or the Okta dashboard when no app is configured). */
  startUrl: string;
  orgUrl: string;
  /**
   * True: a window the person can sign in with. False: headless, for refreshes that need nobody;
   * it fails with a LoginRequiredError coded `browser_needs_user` when the page waits for a person.
   */
  window: boolean;
  /** --browser-path / config `browser_path` (else $BROWSER_PATH, else the usual install places). */
  browserPath?: string;
  /** How long a person may take (--browser-timeout); default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface BrowserSignInResult {
  /** Base64 SAMLResponse exactly as the page posted it: a secret. */
  samlResponse: string;
  /** The AWS sign-in endpoint it was posted to (partition). */
  acsUrl: string;
  /** The org's app URL that served the SAML form, when the window went through one. */
  linkUrl?: string;
}

export interface BrowserSignIn {
  signIn(request: BrowserSignInRequest): Promise<BrowserSignInResult>;
  /** Why no window can be shown here (no display), or undefined when one can. */
  noWindowReason(): string | undefined;
}

export const DEFAULT_BROWSER_TIMEOUT_MS = 5 * 60_000;

/** Codes of the browser hand-off's errors (callers branch on them). */
export const BROWSER_NEEDS_USER = 'browser_needs_user';
export const NO_DISPLAY = 'no_display';
