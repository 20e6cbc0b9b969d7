/**
 * ~/.aws/credentials: sections are `[name]` (no `profile ` prefix). We own four keys of our
 * profile and keep everything else in the file byte for byte (see ini-sections.ts). Writes are
 * serialised by a file lock and atomic (temp file + rename), the file is always 0600 (it holds
 * secrets; a laxer existing mode is tightened) and a missing ~/.aws is created 0700.
 */
import type { AwsCredentials } from '../core/types.js';
import { AwsError, ConfigError } from '../errors.js';
import { atomicWrite, encodePreserved, readRegularPreservedIfExists, readRegularTextIfExists as readTextIfExists, refuseNonRegular } from '../platform/fs.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import { editIn, getSection, removeSection, setSectionKeys } from './ini-sections.js';

export const CREDENTIALS_KEYS = {
  accessKeyId: 'aws_access_key_id',
  secretAccessKey: 'aws_secret_access_key',
  sessionToken: 'aws_session_token',
  /** Not read by AWS tools; the convention (aws-okta-keyman, saml2aws...) for the expiry. */
  expiration: 'x_security_token_expires',
} as const;

export interface CredentialsFileOptions {
  lock?: FileLockOptions;
}

function checkProfile(profile: string): void {
  if (!/^[^\s[\]#;=]+$/.test(profile)) {
    throw new ConfigError(`Invalid AWS profile name ${JSON.stringify(profile)}: use letters, digits, - _ . / etc.`);
  }
}

/** ISO 8601 in UTC without milliseconds: 2026-11-21T15:35:24Z. */
export function formatExpiration(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new AwsError('The credentials have an invalid expiration time');
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Writes (creates or updates) `[profile]` with the credentials and their expiry. Other keys of
 * the profile are kept; `extra` keys (e.g. `region`) are set too, but never override ours.
 */
export async function writeCredentialsProfile(
  path: string,
  profile: string,
  creds: AwsCredentials,
  extra: Record<string, string> = {},
  options: CredentialsFileOptions = {},
): Promise<void> {
  checkProfile(profile);
  const entries: Record<string, string> = {
    ...extra,
    [CREDENTIALS_KEYS.accessKeyId]: creds.accessKeyId,
    [CREDENTIALS_KEYS.secretAccessKey]: creds.secretAccessKey,
    [CREDENTIALS_KEYS.sessionToken]: creds.sessionToken,
    [CREDENTIALS_KEYS.expiration]: formatExpiration(creds.expiration),
  };
  await refuseNonRegular(path);
  await withFileLock(
    path,
    async () => {
      const file = await readRegularPreservedIfExists(path);
      const before = file?.text ?? '';
      const after = editIn(path, () => setSectionKeys(before, profile, entries));
      await atomicWrite(path, encodePreserved(path, after, file?.encoding ?? 'utf8'), { mode: 0o600, dirMode: 0o700 });
    },
    options.lock,
  );
}

/**
 * The profile's credentials, or undefined when the file or profile is missing or lacks any of
 * the four keys (e.g. long-term keys without a session token or expiry, which are not ours).
 */
export async function readCredentialsProfile(path: string, profile: string): Promise<AwsCredentials | undefined> {
  checkProfile(profile);
  // No lock: writers replace the file by rename, so a read always sees a whole file.
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const s = getSection(text, profile);
  if (!s) return undefined;
  const accessKeyId = s[CREDENTIALS_KEYS.accessKeyId];
  const secretAccessKey = s[CREDENTIALS_KEYS.secretAccessKey];
  const sessionToken = s[CREDENTIALS_KEYS.sessionToken];
  const exp = s[CREDENTIALS_KEYS.expiration];
  if (!accessKeyId || !secretAccessKey || !sessionToken || !exp) return undefined;
  const expiration = new Date(exp);
  if (Number.isNaN(expiration.getTime())) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

/** Removes `[profile]` (every occurrence). Returns whether the file changed. */
export async function removeCredentialsProfile(path: string, profile: string, options: CredentialsFileOptions = {}): Promise<boolean> {
  checkProfile(profile);
  await refuseNonRegular(path);
  return withFileLock(
    path,
    async () => {
      const file = await readRegularPreservedIfExists(path);
      if (file === undefined) return false;
      const before = file.text;
      const after = editIn(path, () => removeSection(before, profile));
      if (after === before) return false;
      await atomicWrite(path, encodePreserved(path, after, file.encoding), { mode: 0o600, dirMode: 0o700 });
      return true;
    },
    options.lock,
  );
}

/**
 * Removes the keys okta-bedrock writes (the three credentials + `x_security_token_expires`, our
 * marker — whoever refreshed them last: login, --reup or the daemon) from `[profile]`, keeping any
 * other key (region, output...) and the section itself unless nothing else is left in it. Keys
 * without our marker (long-term keys the user put there) are left alone. Returns what changed.
 */
export async function removeOurCredentials(path: string, profile: string, options: CredentialsFileOptions = {}): Promise<'section' | 'keys' | undefined> {
  checkProfile(profile);
  return withFileLock(
    path,
    async () => {
      const file = await readRegularPreservedIfExists(path);
      if (file === undefined) return undefined;
      const before = file.text;
      const section = getSection(before, profile);
      if (!section || section[CREDENTIALS_KEYS.expiration] === undefined) return undefined;
      let after = editIn(path, () => setSectionKeys(before, profile, Object.fromEntries(Object.values(CREDENTIALS_KEYS).map((k) => [k, undefined]))));
      const empty = Object.keys(getSection(after, profile) ?? {}).length === 0;
      if (empty) after = editIn(path, () => removeSection(after, profile));
      if (after === before) return undefined;
      await atomicWrite(path, encodePreserved(path, after, file.encoding), { mode: 0o600, dirMode: 0o700 });
      return empty ? 'section' : 'keys';
    },
    options.lock,
  );
}
