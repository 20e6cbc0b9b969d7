import type { AwsCredentials } from '../core/types.js';
import { isoSeconds } from './iso-seconds.js';

/** Variables that would make an AWS tool pick other credentials over ours (AWS_PROFILE wins over keys in the JS SDK v3). */
export const CONFLICTING_VARS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN'] as const;

/** The standard AWS environment variables for a set of credentials and a region, in a stable order. */
export function awsEnvVars(creds: AwsCredentials, region: string): Array<[string, string]> {
  return [
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
    ['AWS_SESSION_TOKEN', creds.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', isoSeconds(creds.expiration)],
    ['AWS_REGION', region],
    ['AWS_DEFAULT_REGION', region],
  ];
}
