import type { AwsCredentials } from '../core/types.js';
import { AwsError } from '../errors.js';
import type { HttpClient } from '../platform/http.js';
import { partitionInfo, type Partition } from './partition.js';

export const ISSUER = 'okta-bedrock';

/** https://signin.aws.amazon.com/federation (or the partition's), unless overridden (OKTA_BEDROCK_FEDERATION_URL). */
export function federationEndpoint(partition: Partition, override?: string): string {
  return override || `${partitionInfo(partition).signin}/federation`;
}

/** The console home for a region, in the partition's console. */
export function consoleDestination(partition: Partition, region: string): string {
  return `https://${partitionInfo(partition).consoleHost}/console/home?region=${encodeURIComponent(region)}`;
}

/**
 * The custom identity broker flow (IAM User Guide, "Enable custom identity broker access to the
 * AWS console"): getSigninToken with the temporary credentials, then a login URL. No
 * SessionDuration is sent: AWS refuses it for credentials from role chaining, and without it
 * the console session follows the credentials.
 */
export async function consoleSigninUrl(
  http: HttpClient,
  creds: AwsCredentials,
  options: { partition: Partition; region: string; federationUrl?: string; destination?: string },
): Promise<string> {
  const endpoint = federationEndpoint(options.partition, options.federationUrl);
  const session = JSON.stringify({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
  const tokenUrl = new URL(endpoint);
  tokenUrl.searchParams.set('Action', 'getSigninToken');
  tokenUrl.searchParams.set('Session', session);
  const res = await http.send({ method: 'GET', url: tokenUrl.toString(), headers: { accept: 'application/json' } });
  if (res.status !== 200) {
    throw new AwsError(`AWS sign-in refused the credentials (getSigninToken: HTTP ${res.status}) — run \`okta-bedrock login\` and try again`, {
      detail: res.body.slice(0, 200),
    });
  }
  let token: unknown;
  try {
    token = (JSON.parse(res.body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') throw new AwsError('AWS sign-in answered without a SigninToken');
  const login = new URL(endpoint);
  login.searchParams.set('Action', 'login');
  login.searchParams.set('Issuer', ISSUER);
  login.searchParams.set('Destination', options.destination ?? consoleDestination(options.partition, options.region));
  login.searchParams.set('SigninToken', token);
  return login.toString();
}
