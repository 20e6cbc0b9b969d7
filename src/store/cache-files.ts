/**
 * Cache file locations and the plain-JSON (de)serialisation used by both the fast path
 * (src/cli/fast.ts, node:fs only) and the full cache store. Keep this file dependency-free.
 */
import { join } from 'node:path';
import type { Partition } from '../aws/partition.js';

export const CACHE_VERSION = 1;

export interface CachedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601 from STS. */
  expiration: string;
  /** The assumed-role ARN STS returned, when known. */
  arn?: string;
}

/** A profile's effective settings, recorded at login so credential-process needs no config. */
export interface ProfileRecord {
  orgUrl: string;
  username: string;
  /** How login signed in: classic authn (session cookie) or OIE device flow (OIDC tokens). */
  authFlow?: 'classic' | 'device';
  /** OIE: the Native OIDC app's client id. */
  oidcClientId?: string;
  factor?: string;
  linkUrl: string;
  roleArn: string;
  principalArn: string;
  assumeRoleArn?: string;
  assumeRoleDurationSeconds: number;
  region: string;
  durationSeconds?: number;
  refreshBeforeSeconds: number;
  partition: Partition;
  roleSessionName?: string;
}

export interface ProfileCache {
  version: number;
  kind: 'profile';
  profile: string;
  record: ProfileRecord;
  gateway?: CachedCredentials;
  chained?: CachedCredentials;
  updatedAt: string;
  lastRefresh?: string;
  lastError?: string;
}

export interface SessionCache {
  version: number;
  kind: 'okta-session';
  orgUrl: string;
  login: string;
  /** Okta cookies for the org (`sid`, `DT`, ...): secrets. */
  cookies: Record<string, string>;
  expiresAt: string;
  updatedAt: string;
}

export function profileCachePath(cacheDir: string, profile: string): string {
  return join(cacheDir, 'profiles', `${encodeURIComponent(profile)}.json`);
}

function isCreds(v: unknown): v is CachedCredentials {
  const c = v as CachedCredentials;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.accessKeyId === 'string' &&
    typeof c.secretAccessKey === 'string' &&
    typeof c.sessionToken === 'string' &&
    typeof c.expiration === 'string' &&
    !Number.isNaN(Date.parse(c.expiration))
  );
}

/** Parses a profile cache file; undefined for anything corrupt or foreign (it will be rebuilt). */
export function parseProfileCache(text: string, profile: string): ProfileCache | undefined {
  let v: ProfileCache;
  try {
    v = JSON.parse(text) as ProfileCache;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || v.version !== CACHE_VERSION || v.kind !== 'profile' || v.profile !== profile) return undefined;
  const r = v.record;
  if (typeof r !== 'object' || r === null || typeof r.orgUrl !== 'string' || typeof r.linkUrl !== 'string' || typeof r.roleArn !== 'string') {
    return undefined;
  }
  if (v.gateway !== undefined && !isCreds(v.gateway)) v.gateway = undefined;
  if (v.chained !== undefined && !isCreds(v.chained)) v.chained = undefined;
  return v;
}

export function parseSessionCache(text: string): SessionCache | undefined {
  let v: SessionCache;
  try {
    v = JSON.parse(text) as SessionCache;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || v.version !== CACHE_VERSION || v.kind !== 'okta-session') return undefined;
  if (typeof v.cookies !== 'object' || v.cookies === null || typeof v.cookies.sid !== 'string') return undefined;
  if (Number.isNaN(Date.parse(v.expiresAt))) return undefined;
  return v;
}

/** The credentials a profile hands out: the chained role's when configured, else the gateway's. */
export function outerCredentials(cache: ProfileCache): CachedCredentials | undefined {
  return cache.record.assumeRoleArn ? cache.chained : cache.gateway;
}

/** SDKs refresh 5–15 min before expiry (botocore: 15 min advisory); never serve less than that. */
export const MIN_REFRESH_BEFORE_SECONDS = 15 * 60;

export function effectiveRefreshBefore(record: ProfileRecord): number {
  return Math.max(MIN_REFRESH_BEFORE_SECONDS, record.refreshBeforeSeconds || 0);
}

export function isFresh(creds: CachedCredentials | undefined, nowMs: number, marginSeconds: number): creds is CachedCredentials {
  return creds !== undefined && Date.parse(creds.expiration) - nowMs > marginSeconds * 1000;
}

/** The credential_process JSON (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html). */
export function credentialProcessJson(creds: CachedCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
    SessionToken: creds.sessionToken,
    Expiration: new Date(creds.expiration).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
}
