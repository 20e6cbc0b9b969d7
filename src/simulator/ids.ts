import { createHash, randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const pick = (alphabet: string, bytes: Buffer): string => Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');

/** Random string over [A-Za-z0-9] (Okta ids and tokens use this alphabet). */
export const randomAlnum = (length: number): string => pick(ALNUM, randomBytes(length));

/** Okta object id: a 3-character type prefix + 17 characters (20 in all), e.g. `00u…`, `opf…`. */
export const oktaId = (prefix: string): string => prefix + randomAlnum(20 - prefix.length);

/** The same id every time for the same seed (factor ids stay stable across transactions). */
export const stableOktaId = (prefix: string, seed: string): string =>
  prefix + pick(ALNUM, createHash('sha256').update(seed).digest()).slice(0, 20 - prefix.length);

/** Okta error ids look like `oaeVCVElsluRpii8PP4GeLYxA`. */
export const oktaErrorId = (): string => 'oae' + randomAlnum(22);

/** Okta session and state tokens: 42 characters of [A-Za-z0-9_-]. */
export const oktaToken = (prefix: string): string =>
  prefix +
  randomBytes(32)
    .toString('base64url')
    .slice(0, 42 - prefix.length);

export const requestId = (): string => randomUUID();

/** AWS ids: a 4-character prefix (ASIA, AROA) + upper-case base32-ish characters. */
export const awsId = (prefix: string, length: number): string => prefix + pick(UPPER_ALNUM, randomBytes(length - prefix.length));

export const stableAwsId = (prefix: string, length: number, seed: string): string =>
  prefix + pick(UPPER_ALNUM, createHash('sha256').update(seed).digest()).slice(0, length - prefix.length);

export const secretAccessKey = (): string => randomBytes(30).toString('base64').slice(0, 40);

/** STS session tokens are long opaque base64 strings starting `IQoJb3JpZ2luX2Vj`. */
export const stsSessionToken = (): string => 'IQoJb3JpZ2luX2Vj' + randomBytes(360).toString('base64');
