import { parse } from 'node-html-parser';
import { LoginRequiredError, OktaError, SamlError } from '../errors.js';

export type AppPage =
  | { kind: 'saml'; samlResponse: string; relayState?: string; action?: string }
  | { kind: 'step-up'; stateToken: string }
  | { kind: 'login-required' };

/** Okta puts the step-up transaction's token in page script as `var stateToken = '…';`. */
function findStateToken(html: string): string | undefined {
  const m = /stateToken\s*[=:]\s*['"]([^'"]+)['"]/.exec(html);
  if (!m?.[1]) return undefined;
  // The page escapes `-` as `\x2D` in JavaScript strings.
  return m[1].replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Reads the page Okta serves for an AWS app link: the auto-submitting form with SAMLResponse,
 * a step-up MFA page, a redirect to the sign-in page (no session), or an error page.
 */
export function parseAppPage(status: number, finalUrl: string, html: string): AppPage {
  const path = new URL(finalUrl).pathname;
  if (/\/login\/(login\.htm|default|signin)/.test(path) || path === '/' && status >= 300) {
    return { kind: 'login-required' };
  }
  if (status >= 300 && status < 400) {
    throw new OktaError(`Okta redirected the AWS app to ${new URL(finalUrl).host} instead of serving it — check the app id`);
  }
  if (/second-factor|step-up|\/signin\/verify/.test(finalUrl) || (status === 200 && !/SAMLResponse/.test(html) && /stateToken/.test(html))) {
    const stateToken = findStateToken(html);
    if (stateToken) return { kind: 'step-up', stateToken };
  }
  const root = parse(html);
  const input = root.querySelector('input[name="SAMLResponse"]');
  if (input) {
    const value = input.getAttribute('value')?.trim();
    if (!value) throw new SamlError('Okta served the AWS app with an empty SAML assertion — ask your Okta admin to check the app assignment');
    const form = root.querySelector('form');
    return {
      kind: 'saml',
      samlResponse: value,
      relayState: root.querySelector('input[name="RelayState"]')?.getAttribute('value') || undefined,
      action: form?.getAttribute('action'),
    };
  }
  const errorTitle = root.querySelector('.error-content h1')?.text.trim() ?? root.querySelector('h1')?.text.trim();
  if (status === 401 || status === 403) {
    throw new LoginRequiredError('The Okta session is no longer valid — run `okta-bedrock login`');
  }
  if (status === 404 || errorTitle) {
    throw new OktaError(
      `Okta could not open the AWS app${errorTitle ? `: "${errorTitle}"` : ` (HTTP ${status})`} — check the app id and that the app is assigned to you`,
    );
  }
  throw new SamlError(`The AWS app page had no SAML assertion (HTTP ${status}) — check the app id and that it is an AWS SAML app`);
}
