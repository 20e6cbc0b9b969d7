/**
 * The rules every JSON record in the cache directory shares: how an org + user is keyed (and
 * hashed into a file name, so no username lands in one), and the 0600 atomic write.
 */
import { createHash } from 'node:crypto';
import { atomicWrite, ensureDir } from '../platform/fs.js';

/** One Okta identity: the org URL and the login, which Okta compares case-insensitively. */
export function identityKey(orgUrl: string, login: string): string {
  return `${orgUrl}\n${login.toLowerCase()}`;
}

export function sameIdentity(a: { orgUrl: string; login: string }, orgUrl: string, login: string): boolean {
  return identityKey(a.orgUrl, a.login) === identityKey(orgUrl, login);
}

/** `<24 hex>.json`: the file name of the record for these key parts. */
export function recordFileName(...parts: string[]): string {
  return `${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24)}.json`;
}

/** The file name of an org + user's record (sessions/, okta/). */
export function identityFileName(orgUrl: string, login: string): string {
  return recordFileName(identityKey(orgUrl, login));
}

/** Writes a record as pretty JSON, atomically, 0600 in 0700 directories (the cache dir too). */
export async function writeJsonRecord(cacheDir: string, path: string, value: unknown): Promise<void> {
  await ensureDir(cacheDir, 0o700);
  await atomicWrite(path, JSON.stringify(value, null, 2) + '\n', { mode: 0o600, dirMode: 0o700 });
}
