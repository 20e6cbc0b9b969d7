import { stableOktaId } from '../ids.js';
import type { SentCode, SimFactorKind, SimUser } from '../types.js';

/**
 * How each factor kind looks in the authn API and how it is verified:
 * `totp` a code from an authenticator app; `push` Okta Verify; `sent-code` a code Okta sends
 * (the first verify POST sends it, `passCode` verifies it); `answer` the security question;
 * `unsupported` factors a CLI cannot complete (browser or hardware ceremonies).
 */
export interface FactorKindSpec {
  idPrefix: string;
  factorType: string;
  provider: string;
  vendorName: string;
  verifyWith: 'totp' | 'push' | 'sent-code' | 'answer' | 'unsupported';
  /** sent-code: the channel and Okta's minimum time between two sends. */
  channel?: SentCode['channel'];
  resendAfterSeconds?: number;
  profile(user: SimUser): Record<string, unknown>;
}

const DEFAULT_PHONE = '+1-555-415-1337';

/** Okta shows phone numbers masked: `+1 XXX-XXX-1337`. */
export const maskedPhone = (phone: string): string => `+1 XXX-XXX-${phone.replace(/\D/g, '').slice(-4)}`;

/** Okta shows email addresses masked: `a...e@example.com`. */
export const maskedEmail = (email: string): string => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}...${local.slice(-1)}@${domain}`;
};

const question = (user: SimUser): { question: string; questionText: string; answer: string } =>
  user.securityQuestion ?? { question: 'disliked_food', questionText: 'What is the food you least liked as a child?', answer: 'mayonnaise' };

export const securityAnswer = (user: SimUser): string => question(user).answer;

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
      keys: [
        {
          kty: 'EC',
          use: 'sig',
          kid: 'default',
          crv: 'P-256',
          x: '3Y53lDoQYwzzVbjsbsPnqOnVaotIrVByQh5Sa-RwOHQ',
          y: '0zHY_y9rVh-bq_-lR-MrmzNtUZrrIMbTrsjtxUyUT2Q',
        },
      ],
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
    verifyWith: 'totp',
    profile: (user) => ({ credentialId: user.login }),
  },
  'totp-google': {
    idPrefix: 'uft',
    factorType: 'token:software:totp',
    provider: 'GOOGLE',
    vendorName: 'GOOGLE',
    verifyWith: 'totp',
    profile: (user) => ({ credentialId: user.login }),
  },
  sms: {
    idPrefix: 'sms',
    factorType: 'sms',
    provider: 'OKTA',
    vendorName: 'OKTA',
    verifyWith: 'sent-code',
    channel: 'sms',
    resendAfterSeconds: 30,
    profile: (user) => ({ phoneNumber: maskedPhone(user.phoneNumber ?? DEFAULT_PHONE) }),
  },
  call: {
    idPrefix: 'clf',
    factorType: 'call',
    provider: 'OKTA',
    vendorName: 'OKTA',
    verifyWith: 'sent-code',
    channel: 'call',
    resendAfterSeconds: 30,
    profile: (user) => ({ phoneNumber: maskedPhone(user.phoneNumber ?? DEFAULT_PHONE) }),
  },
  email: {
    idPrefix: 'emf',
    factorType: 'email',
    provider: 'OKTA',
    vendorName: 'OKTA',
    verifyWith: 'sent-code',
    channel: 'email',
    resendAfterSeconds: 5,
    profile: (user) => ({ email: maskedEmail(user.email ?? user.login) }),
  },
  question: {
    idPrefix: 'ufs',
    factorType: 'question',
    provider: 'OKTA',
    vendorName: 'OKTA',
    verifyWith: 'answer',
    profile: (user) => ({ question: question(user).question, questionText: question(user).questionText }),
  },
  webauthn: {
    idPrefix: 'fwf',
    factorType: 'webauthn',
    provider: 'FIDO',
    vendorName: 'FIDO',
    verifyWith: 'unsupported',
    profile: () => ({
      credentialId: 'l3Br0n-7H3g047NqESqJynFtIgf3Ix9OfaRoNwLoloso99Xl2zS_O7EXUkmPeAIzTVtEL4dYjicJWBz7NpqhGA',
      authenticatorName: 'YubiKey 5 NFC',
    }),
  },
  u2f: {
    idPrefix: 'fuf',
    factorType: 'u2f',
    provider: 'FIDO',
    vendorName: 'FIDO',
    verifyWith: 'unsupported',
    profile: () => ({ credentialId: 'shvjvW2Fi2GtCJb33nm0105EISG9lf2Jg0jWl42URM6vtDH8-AhnoSKfpoHfAf0kJMaCx13glfdxiLFuPW_1bw', version: 'U2F_V2' }),
  },
  'token-hardware': {
    idPrefix: 'ykf',
    factorType: 'token:hardware',
    provider: 'YUBICO',
    vendorName: 'YUBICO',
    verifyWith: 'unsupported',
    profile: () => ({ credentialId: '000004102994' }),
  },
  'duo-web': {
    idPrefix: 'dsf',
    factorType: 'web',
    provider: 'DUO',
    vendorName: 'DUO',
    verifyWith: 'unsupported',
    profile: (user) => ({ credentialId: user.login }),
  },
  'claims-provider': {
    idPrefix: 'clp',
    factorType: 'claims_provider',
    provider: 'CUSTOM',
    vendorName: 'Duo Universal Prompt',
    verifyWith: 'unsupported',
    profile: () => ({}),
  },
};

export const factorId = (user: SimUser, kind: SimFactorKind): string => stableOktaId(FACTOR_KINDS[kind].idPrefix, `${user.id}:${kind}`);

export const findFactor = (user: SimUser, id: string): SimFactorKind | undefined => user.factors.find((kind) => factorId(user, kind) === id);

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
