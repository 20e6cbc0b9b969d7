import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { AwsCredentials } from '../core/types.js';
import type { OktaSession } from '../okta/types.js';
import { readTextIfExists } from '../platform/fs.js';
import {
  CACHE_VERSION,
  parseProfileCache,
  parseSessionCache,
  profileCachePath,
  type CachedCredentials,
  type ProfileCache,
  type ProfileRecord,
  type SessionCache,
} from './cache-files.js';
import { withFileLock } from './file-lock.js';
import { identityFileName, sameIdentity, writeJsonRecord } from './records.js';

/** One file per org + user; the name is a hash so no username lands in a file name. */
export function sessionCachePath(cacheDir: string, orgUrl: string, login: string): string {
  return join(cacheDir, 'sessions', identityFileName(orgUrl, login));
}

export function toCached(c: AwsCredentials & { assumedRoleArn?: string }): CachedCredentials {
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration.toISOString(),
    ...(c.assumedRoleArn ? { arn: c.assumedRoleArn } : {}),
  };
}

export function fromCached(c: CachedCredentials): AwsCredentials {
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
}

/**
 * The two-layer cache in $XDG_CACHE_HOME/okta-bedrock (dir 0700, files 0600, atomic writes):
 * Okta sessions per org+user, and per profile the gateway and chained credentials.
 */
/**
 * A refresh holds its profile's lock at most this long (a push sign-in waits up to 2 min), so a
 * holder stuck on a server that never answers frees the waiters before their 3 min run out.
 */
export const PROFILE_LOCK_MAX_HOLD_MS = 150_000;

export class CacheStore {
  constructor(readonly dir: string) {}

  private async write(path: string, value: unknown): Promise<void> {
    await writeJsonRecord(this.dir, path, value);
  }

  profilePath(profile: string): string {
    return profileCachePath(this.dir, profile);
  }

  async readProfile(profile: string): Promise<ProfileCache | undefined> {
    const text = await readTextIfExists(this.profilePath(profile)).catch(() => undefined);
    return text === undefined ? undefined : parseProfileCache(text, profile);
  }

  async writeProfile(cache: ProfileCache): Promise<void> {
    await this.write(this.profilePath(cache.profile), cache);
  }

  newProfile(profile: string, record: ProfileRecord, now: Date): ProfileCache {
    return { version: CACHE_VERSION, kind: 'profile', profile, record, updatedAt: now.toISOString() };
  }

  async listProfiles(): Promise<string[]> {
    try {
      const files = await fsp.readdir(`${this.dir}/profiles`);
      // A stray file whose name does not decode (notes%.json) is skipped, never hides the others.
      return files
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => {
          try {
            return [decodeURIComponent(f.slice(0, -5))];
          } catch {
            return [];
          }
        });
    } catch {
      return [];
    }
  }

  async removeProfile(profile: string): Promise<void> {
    await fsp.rm(this.profilePath(profile), { force: true });
  }

  /** Serialises refreshes of one profile across processes (one refresh, the others wait and reread). */
  withProfileLock<T>(profile: string, fn: () => Promise<T>, timeoutMs = 180_000, maxHoldMs = PROFILE_LOCK_MAX_HOLD_MS): Promise<T> {
    return withFileLock(this.profilePath(profile), fn, { timeoutMs, staleMs: 15_000, maxHoldMs });
  }

  async readSession(orgUrl: string, login: string): Promise<SessionCache | undefined> {
    const text = await readTextIfExists(sessionCachePath(this.dir, orgUrl, login)).catch(() => undefined);
    const s = text === undefined ? undefined : parseSessionCache(text);
    return s && sameIdentity(s, orgUrl, login) ? s : undefined;
  }

  async writeSession(session: OktaSession, cookies: Record<string, string>, now: Date): Promise<void> {
    const value: SessionCache = {
      version: CACHE_VERSION,
      kind: 'okta-session',
      orgUrl: session.orgUrl,
      login: session.login,
      cookies: { ...cookies, sid: session.sid },
      expiresAt: session.expiresAt.toISOString(),
      updatedAt: now.toISOString(),
    };
    await this.write(sessionCachePath(this.dir, session.orgUrl, session.login), value);
  }

  async removeSession(orgUrl: string, login: string): Promise<void> {
    await fsp.rm(sessionCachePath(this.dir, orgUrl, login), { force: true });
  }
}
