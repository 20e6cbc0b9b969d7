import type { Env } from '../platform/paths.js';
import type { ProfileRecord } from '../store/cache-files.js';
import { checkRegion, DEFAULT_REGION } from './resolve.js';
import type { ConfigFile } from './schema.js';

/**
 * The region a command acts in: --region, else AWS_REGION / AWS_DEFAULT_REGION (as the AWS CLI),
 * else the profile's login region, else the config's, else us-east-1.
 */
export function regionFor(flag: string | undefined, env: Env, record: ProfileRecord | undefined, config: ConfigFile, profile: string): string {
  const layer = { ...config.top, ...(config.profiles[profile] ?? {}) };
  if (flag !== undefined) checkRegion(flag);
  return flag || env.AWS_REGION || env.AWS_DEFAULT_REGION || record?.region || layer.region || DEFAULT_REGION;
}
