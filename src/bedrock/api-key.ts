// The module itself, not the package index: the index also loads getTokenProvider and with it
// @aws-sdk/credential-providers (~80 ms at start-up), which we do not need — we pass credentials.
import { getToken } from '@aws/bedrock-token-generator/dist/getToken.js';
import type { AwsCredentials } from '../core/types.js';
import { LoginRequiredError, UsageError } from '../errors.js';

/**
 * Short-term Amazon Bedrock API keys, as AWS documents them ("Generate a short-term API key",
 * Bedrock user guide) and @aws/bedrock-token-generator builds them: `bedrock-api-key-` + base64 of
 * the SigV4-presigned URL `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-…&Version=1`
 * (no scheme), signed for service `bedrock` in one region. Bedrock honours the key until
 * X-Amz-Date + X-Amz-Expires, and never after the signing credentials expire.
 */

/** The longest X-Amz-Expires Bedrock accepts, and the library's (and our) default: 12 h. */
export const MAX_KEY_SECONDS = 43_200;

export interface KeyLifetime {
  seconds: number;
  /** Why the key lives less than requested: the credentials expire first. */
  cappedByCredentials: boolean;
}

/** min(requested, 12 h, what is left of the credentials), in whole seconds. */
export function keyLifetime(requested: number | undefined, credentialsExpiration: Date, now: Date): KeyLifetime {
  const wanted = Math.min(requested ?? MAX_KEY_SECONDS, MAX_KEY_SECONDS);
  const left = Math.floor((credentialsExpiration.getTime() - now.getTime()) / 1000);
  if (left < wanted) return { seconds: left, cappedByCredentials: true };
  return { seconds: wanted, cappedByCredentials: false };
}

/** `--expires SECONDS`: a whole number of seconds in (0, 43200]. */
export function parseKeySeconds(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_KEY_SECONDS) {
    throw new UsageError(`--expires must be a whole number of seconds from 1 to ${MAX_KEY_SECONDS} (12 h), not "${raw}"`);
  }
  return n;
}

export interface BedrockApiKey {
  token: string;
  region: string;
  expiration: Date;
  seconds: number;
  cappedByCredentials: boolean;
}

/**
 * A key signed with `credentials` for `region`. The library signs with the system clock, so
 * `now` must be the system time too (it is in the CLI); the expiration we report is now + seconds.
 */
export async function createBedrockApiKey(
  credentials: AwsCredentials,
  region: string,
  requestedSeconds: number | undefined,
  now: Date,
): Promise<BedrockApiKey> {
  const life = keyLifetime(requestedSeconds, credentials.expiration, now);
  if (life.seconds < 1) throw new LoginRequiredError('The credentials have expired — run `okta-bedrock login`');
  const token = await getToken({
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    region,
    expiresInSeconds: life.seconds,
  });
  return { token, region, expiration: new Date(now.getTime() + life.seconds * 1000), ...life };
}
