import { OktaError } from '../../errors.js';
import type { OktaFactor } from '../types.js';

/** The factor's verify link, or the documented path when Okta left `_links` out. */
export function verifyHref(factor: OktaFactor): string {
  const href = factor._links?.verify?.href;
  if (href) return href;
  if (!factor.id) throw new OktaError('Okta listed an MFA factor without an id');
  return `/api/v1/authn/factors/${encodeURIComponent(factor.id)}/verify`;
}
