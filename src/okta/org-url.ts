import { ConfigError } from '../errors.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname);
}

/** Okta-owned domains, where `acme-admin.<domain>` is the admin console of org `acme`. */
const OKTA_DOMAINS = /^(.+)-admin\.(okta\.com|oktapreview\.com|okta-emea\.com|okta-gov\.com|okta\.mil|trexcloud\.com)$/;

/**
 * Normalises the `org` setting to an origin like `https://acme.okta.com`.
 * Accepts keyman's forms: a subdomain (`acme`, with `oktapreview` → acme.oktapreview.com),
 * a host (`acme.okta.com`, custom domains) or a URL (paths and trailing slashes dropped).
 * Only https is allowed, except loopback hosts (tests, the simulator). A pasted admin-console
 * URL (`acme-admin.okta.com`) means the org `acme.okta.com`.
 */
export function normalizeOrgUrl(org: string, options: { oktapreview?: boolean } = {}): string {
  const raw = org.trim().replace(/\.$/, '');
  if (!raw) throw new ConfigError('The Okta org is empty — set `org` (e.g. acme or https://acme.okta.com)');
  let candidate: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) candidate = raw;
  else if (/^[a-z0-9-]+$/i.test(raw)) candidate = `https://${raw}.${options.oktapreview ? 'oktapreview' : 'okta'}.com`;
  else candidate = `https://${raw}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new ConfigError(`The Okta org "${raw}" is not a valid URL or subdomain`);
  }
  if (url.username || url.password) throw new ConfigError('The Okta org URL must not contain credentials');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(`The Okta org must use https:// (got ${url.protocol}//${url.host})`);
  }
  url.hostname = url.hostname.replace(/\.$/, '').replace(OKTA_DOMAINS, '$1.$2');
  return url.origin;
}

/**
 * A path or link on the org: a link on the org's own origin is kept; one naming another host
 * (a custom domain's okta.com name, a loopback alias) is moved onto the org with the same path
 * and query, so state tokens and the session cookie only ever go to the configured org.
 */
export function onOrg(orgUrl: string, link: string | URL): string {
  const url = typeof link === 'string' ? new URL(link, orgUrl) : link;
  return url.origin === orgUrl ? url.toString() : `${orgUrl}${url.pathname}${url.search}`;
}
