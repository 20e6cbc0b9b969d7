import { LoginRequiredError, OktaError, runLogin, SamlError } from '../errors.js';
import { readPage } from './html-page.js';

export type AppPage =
  { kind: 'saml'; samlResponse: string; relayState?: string; action?: string } | { kind: 'step-up'; stateToken: string } | { kind: 'login-required' };

const unescapeJs = (v: string): string => v.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/**
 * The step-up transaction's token. Okta's widget page puts it in script as
 * `var stateToken = '…';` (escaped for JavaScript: `-` is `\x2D`); other page variants carry it
 * as JSON (`"stateToken":"…"`), a hidden form field, or a `stateToken=` query parameter of a link
 * or of the page URL itself (`/login/step-up/redirect?stateToken=…`).
 */
export function findStateToken(html: string, pageUrl?: string): string | undefined {
  // Hand-written scans, no regular expressions over the whole page: the old patterns backtracked
  // (quadratic on e.g. `stateToken='` followed by 100k characters, or many unclosed `<input`).
  const quoted = scriptToken(html) ?? inputToken(html);
  if (quoted) return unescapeJs(quoted);
  const inLink = linkToken(html);
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

const isQuote = (c: string | undefined): boolean => c === '"' || c === "'";
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** Next index >= from of a `'` or `"`, or -1. */
function nextQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) if (isQuote(s[i])) return i;
  return -1;
}

/** `stateToken = '…'`, `"stateToken":"…"` (JS or JSON in the page). */
function scriptToken(html: string): string | undefined {
  for (let at = html.indexOf('stateToken'); at !== -1; at = html.indexOf('stateToken', at + 1)) {
    let i = at + 'stateToken'.length;
    if (isQuote(html[i])) i++;
    while (isSpace(html[i])) i++;
    if (html[i] !== '=' && html[i] !== ':') continue;
    i++;
    while (isSpace(html[i])) i++;
    if (!isQuote(html[i])) continue;
    const end = nextQuote(html, i + 1);
    if (end === -1) return undefined; // no closing quote anywhere after: no later match either
    if (end > i + 1) return html.slice(i + 1, end);
  }
  return undefined;
}

/** The value of one attribute in a tag's text (`name="…"` or `name='…'`), or undefined. */
function attribute(tag: string, name: string): string | undefined {
  const lower = tag.toLowerCase();
  for (let at = lower.indexOf(`${name}=`); at !== -1; at = lower.indexOf(`${name}=`, at + 1)) {
    const before = lower[at - 1];
    if (before !== undefined && /[a-z0-9_-]/.test(before)) continue;
    const q = at + name.length + 1;
    if (!isQuote(tag[q])) continue;
    const end = tag.indexOf(tag[q] as string, q + 1);
    if (end === -1) return undefined;
    return tag.slice(q + 1, end);
  }
  return undefined;
}

/** `<input name="stateToken" value="…">` in either attribute order. */
function inputToken(html: string): string | undefined {
  const lower = html.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf('<input', from);
    if (at === -1) return undefined;
    const close = html.indexOf('>', at);
    if (close === -1) return undefined;
    const tag = html.slice(at, close);
    if (attribute(tag, 'name') === 'stateToken') {
      const value = attribute(tag, 'value');
      if (value && !/["']/.test(value)) return value;
    }
    from = close + 1; // tags do not nest: continue after this one (keeps the scan linear)
  }
}

/** `?stateToken=…` / `&stateToken=…` in a link. */
function linkToken(html: string): string | undefined {
  for (let at = html.indexOf('stateToken='); at !== -1; at = html.indexOf('stateToken=', at + 1)) {
    const before = html[at - 1];
    if (before !== '?' && before !== '&' && before !== ';') continue;
    let end = at + 'stateToken='.length;
    const start = end;
    while (end < html.length && !'&"\'<>#'.includes(html[end] as string) && !isSpace(html[end])) end++;
    if (end > start) return html.slice(start, end);
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
  return (
    /second-factor|step-up|\/signin\/verify/.test(finalUrl) ||
    /Extra Verification$/i.test((title ?? '').trimEnd()) ||
    /stateToken/.test(html) ||
    /[?&]stateToken=/.test(finalUrl)
  );
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
