import { LoginRequiredError, OktaError, runLogin, SamlError } from '../errors.js';
import { readPage } from './html-page.js';

export type AppPage =
  | { kind: 'saml'; samlResponse: string; relayState?: string; action?: string }
  | { kind: 'step-up'; stateToken: string }
  | { kind: 'login-required' };

const unescapeJs = (v: string): string => v.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/**
 * The step-up transaction's token. Okta's widget page puts it in script as
 * `var stateToken = '…';` (escaped for JavaScript: `-` is `\x2D`); other page variants carry it
 * as JSON (`"stateToken":"…"`), a hidden form field, or a `stateToken=` query parameter of a link
 * or of the page URL itself (`/login/step-up/redirect?stateToken=…`).
 */
export function findStateToken(html: string, pageUrl?: string): string | undefined {
  const quoted = [
    /stateToken['"]?\s*[=:]\s*['"]([^'"]+)['"]/,
    /<input\b[^>]*\bname=["']stateToken["'][^>]*\bvalue=["']([^"']+)["']/i,
    /<input\b[^>]*\bvalue=["']([^"']+)["'][^>]*\bname=["']stateToken["']/i,
  ];
  for (const re of quoted) {
    const m = re.exec(html);
    if (m?.[1]) return unescapeJs(m[1]);
  }
  const inLink = /[?&;]stateToken=([^&"'\s<>#]+)/.exec(html)?.[1];
  if (inLink) return decodeQueryValue(inLink);
  if (pageUrl) {
    try {
      return new URL(pageUrl).searchParams.get('stateToken') || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function decodeQueryValue(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** A step-up page: /login/second-factor (or a step-up URL), titled "… - Extra Verification". */
function isStepUpPage(status: number, finalUrl: string, html: string, title: string | undefined): boolean {
  if (status !== 200 || /SAMLResponse/.test(html)) return false;
  return /second-factor|step-up|\/signin\/verify/.test(finalUrl) || /Extra Verification\s*$/i.test(title ?? '') || /stateToken/.test(html) || /[?&]stateToken=/.test(finalUrl);
}

/** Okta's page for a device assurance policy the device did not pass ("Your device doesn't meet the security requirements"). */
function isDeviceAssurancePage(heading: string): boolean {
  return /device/i.test(heading) && /security requirements|device assurance|managed device|not (?:meet|compliant)/i.test(heading);
}

/** The likely reason Okta showed an error page for the AWS app, from its heading. */
function errorPageMessage(status: number, heading: string | undefined): string {
  const quoted = heading ? `: "${heading}"` : ` (HTTP ${status})`;
  if (/not assigned|can't access|cannot access|permission|forbidden/i.test(heading ?? '') || status === 403) {
    return `Okta would not open the AWS app${quoted} — the app is probably not assigned to you; ask your Okta admin to assign it (or check --app)`;
  }
  if (status === 404 || /not found/i.test(heading ?? '')) {
    return `Okta has no such app${quoted} — check the app id (--app or config appid) against your Okta dashboard`;
  }
  return `Okta could not open the AWS app${quoted} — check the app id and that the app is assigned to you`;
}

/**
 * Where Okta sends a browser without a session: the classic sign-in page, the org's root, or (on
 * Identity Engine orgs) its authorize endpoint and sign-in widget. (/signin/verify is step-up.)
 */
function isSignInPath(path: string): boolean {
  return (
    /^\/login\/(login\.htm|default|signin)/.test(path) ||
    path === '/' ||
    path === '/login' ||
    /^\/oauth2\/(?:[^/]+\/)?v1\/authorize$/.test(path) ||
    /^\/signin\/?$|^\/signin\/refresh-auth-state/.test(path)
  );
}

/**
 * Reads the page Okta serves for an AWS app link: the auto-submitting form with SAMLResponse,
 * a step-up MFA page, a redirect to the sign-in page (no session), or an error page.
 */
export function parseAppPage(status: number, finalUrl: string, html: string): AppPage {
  const path = new URL(finalUrl).pathname;
  if (isSignInPath(path)) return { kind: 'login-required' };
  if (status >= 300 && status < 400) {
    throw new OktaError(`Okta redirected the AWS app to ${new URL(finalUrl).host} instead of serving it — check the app id`);
  }
  const page = readPage(html);
  const title = page.title;
  if (isStepUpPage(status, finalUrl, html, title)) {
    const stateToken = findStateToken(html, finalUrl);
    if (stateToken) return { kind: 'step-up', stateToken };
  }
  const input = page.inputs.get('SAMLResponse');
  if (input !== undefined) {
    const value = input.trim();
    if (!value) {
      throw new SamlError(
        'Okta served the AWS app with an empty SAML assertion — the app is probably not set up for you (assignment or role mapping); ask your Okta admin',
      );
    }
    return {
      kind: 'saml',
      samlResponse: value,
      relayState: page.inputs.get('RelayState') || undefined,
      action: page.formAction,
    };
  }
  const heading = page.errorHeading;
  if (heading && isDeviceAssurancePage(heading)) {
    throw new OktaError(
      `The AWS app's Okta policy requires a verified device ("${heading}"), which a command line cannot prove — sign in through your browser: okta-bedrock login --browser`,
      { code: 'unsatisfiable_policy' },
    );
  }
  if (heading || status === 404 || status === 403) throw new OktaError(errorPageMessage(status, heading));
  if (status === 401) throw new LoginRequiredError('The Okta session is no longer valid', { remedy: runLogin() });
  if (status >= 500) throw new OktaError(`Okta failed to open the AWS app (HTTP ${status}) — retry in a moment`);
  throw new SamlError(`The AWS app page had no SAML assertion (HTTP ${status}) — check that the app id is an AWS SAML app`);
}
