import { LoginRequiredError, runLogin } from '../errors.js';
import { displayPath } from '../platform/paths.js';
import type { Partition } from '../aws/partition.js';
import type { ProfileRecord } from '../store/cache-files.js';
import { fromCached, type CacheStore } from '../store/cache.js';
import { readCredentialsProfile } from '../store/credentials-file.js';
import type { CoreDeps } from './deps.js';
import { getProfileCredentials, type RefreshOptions, type RefreshSource } from './refresh.js';
import type { AwsCredentials } from './types.js';

export type CredentialOrigin = RefreshSource | 'credentials-file';

export interface ProfileCredentials {
  profile: string;
  credentials: AwsCredentials;
  /** cache / rechain / saml / login (the refresh path), or the credentials file. */
  origin: CredentialOrigin;
  /** What login recorded for the profile (absent for credentials-file-only profiles). */
  record?: ProfileRecord;
  /** The assumed-role ARN STS returned, when known. */
  assumedRoleArn?: string;
  partition: Partition;
}

export interface ProfileCredentialsOptions extends RefreshOptions {
  cache: CacheStore;
  /** ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE): read when the profile has no cache record. */
  credentialsFile: string;
  home: string;
}

/**
 * Credentials for a profile, the way credential-process gets them: a profile logged in with
 * `okta-bedrock login --profile X` has a cache record, and goes through the cache/refresh path
 * (re-chain, SAML from the Okta session, or — when allowed — a full login). Without a record,
 * the profile's keys in the credentials file are used while they are unexpired.
 */
export async function resolveProfileCredentials(opts: ProfileCredentialsOptions, deps: CoreDeps): Promise<ProfileCredentials> {
  const { profile } = opts;
  const viaRefresh = async (): Promise<ProfileCredentials> => {
    const r = await getProfileCredentials(opts, deps);
    const record = r.cache.record;
    return {
      profile,
      credentials: fromCached(r.credentials),
      origin: r.source,
      record,
      assumedRoleArn: r.credentials.arn,
      partition: record.partition ?? 'aws',
    };
  };
  if (await opts.cache.readProfile(profile)) return viaRefresh();
  const fromFile = await readCredentialsProfile(opts.credentialsFile, profile);
  const shown = displayPath(opts.credentialsFile, opts.home);
  if (fromFile && fromFile.expiration.getTime() > deps.clock.now().getTime()) {
    return { profile, credentials: fromFile, origin: 'credentials-file', partition: 'aws' };
  }
  if (opts.fullLogin) return viaRefresh();
  if (fromFile) {
    throw new LoginRequiredError(
      `The credentials of profile "${profile}" in ${shown} expired at ${fromFile.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')} — ${runLogin(profile)}`,
    );
  }
  throw new LoginRequiredError(`No credentials for profile "${profile}" (no login record, nothing in ${shown})`, { remedy: runLogin(profile) });
}
