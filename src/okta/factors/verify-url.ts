import { OktaError } from '../../errors.js';
import type { OktaFactor } from '../types.js';

/** The factor's verify link, or the documented path when Okta left `_links` out. */
export function verifyHref(factor: OktaFactor): string {
  const href = factor._links?.verify?.href;
  if (href) return href;
  if (!factor.id) throw new OktaError('Okta listed an MFA factor without an id');
  return `/api/v1/authn/factors/${encodeURIComponent(factor.id)}/verify`;
}

/** Adds `rememberDevice=true` (a query parameter, per Okta's verify API) when asked to. */
export function withRememberDevice(href: string, remember: boolean): string {
  if (!remember) return href;
  const url = new URL(href, 'http://placeholder.invalid');
  url.searchParams.set('rememberDevice', 'true');
  return /^https?:\/\//i.test(href) ? url.toString() : `${url.pathname}${url.search}`;
}

/** The verify link of this factor with the remember-device choice applied. */
export function verifyUrl(factor: OktaFactor, remember: boolean): string {
  return withRememberDevice(verifyHref(factor), remember);
}
