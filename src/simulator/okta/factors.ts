import { stableOktaId } from '../ids.js';
import type { SimFactorKind, SimUser } from '../types.js';

/**
 * How each factor kind looks in the authn API and how it is verified. New kinds (sms, call,
 * email, question) add an entry here and, for a new `verifyWith`, a branch in verify.ts.
 */
export interface FactorKindSpec {
  idPrefix: string;
  factorType: string;
  provider: string;
  vendorName: string;
  verifyWith: 'passcode' | 'push';
  profile(user: SimUser): Record<string, unknown>;
}

export const FACTOR_KINDS: Record<SimFactorKind, FactorKindSpec> = {
  push: {
    idPrefix: 'opf',
    factorType: 'push',
    provider: 'OKTA',
    vendorName: 'OKTA',
    verifyWith: 'push',
    profile: (user) => ({
      credentialId: user.login,
      deviceType: 'SmartPhone_IPhone',
      keys: [{ kty: 'EC', use: 'sig', kid: 'default', crv: 'P-256', x: '3Y53lDoQYwzzVbjsbsPnqOnVaotIrVByQh5Sa-RwOHQ', y: '0zHY_y9rVh-bq_-lR-MrmzNtUZrrIMbTrsjtxUyUT2Q' }],
      name: `${user.firstName}'s iPhone`,
      platform: 'IOS',
      version: '17.4.1',
    }),
  },
  'totp-okta': {
    idPrefix: 'ost',
    factorType: 'token:software:totp',
    provider: 'OKTA',
    vendorName: 'OKTA',
    verifyWith: 'passcode',
    profile: (user) => ({ credentialId: user.login }),
  },
  'totp-google': {
    idPrefix: 'uft',
    factorType: 'token:software:totp',
    provider: 'GOOGLE',
    vendorName: 'GOOGLE',
    verifyWith: 'passcode',
    profile: (user) => ({ credentialId: user.login }),
  },
};

export const factorId = (user: SimUser, kind: SimFactorKind): string =>
  stableOktaId(FACTOR_KINDS[kind].idPrefix, `${user.id}:${kind}`);

export const findFactor = (user: SimUser, id: string): SimFactorKind | undefined =>
  user.factors.find((kind) => factorId(user, kind) === id);

export const verifyHref = (baseUrl: string, id: string): string => `${baseUrl}/api/v1/authn/factors/${id}/verify`;

/** A factor object; with `links` it carries `_links.verify` as in `_embedded.factors[]`. */
export const factorJson = (baseUrl: string, user: SimUser, kind: SimFactorKind, links: boolean): Record<string, unknown> => {
  const spec = FACTOR_KINDS[kind];
  const id = factorId(user, kind);
  return {
    id,
    factorType: spec.factorType,
    provider: spec.provider,
    vendorName: spec.vendorName,
    profile: spec.profile(user),
    ...(links ? { _links: { verify: { href: verifyHref(baseUrl, id), hints: { allow: ['POST'] } } } } : {}),
  };
};
