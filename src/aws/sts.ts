import type { STSClient } from '@aws-sdk/client-sts';
import { AwsError, OktaBedrockError } from '../errors.js';
import { awsDeadline, awsEndpoint, awsRequestHandler, awsTimeouts, isAwsTimeout } from '../platform/aws-http.js';
import type { AwsCredentials } from '../core/types.js';

export interface StsOptions {
  region: string;
  /** AWS_ENDPOINT_URL_STS (tests, the simulator, VPC endpoints). */
  endpoint?: string;
  /** Whole-call deadline, retries included (config `http_timeout`; default 30 s). */
  timeoutMs?: number;
  /** Aborts the call (the daemon's per-task watchdog, its stop). */
  signal?: AbortSignal;
}

export interface AssumedRole extends AwsCredentials {
  assumedRoleArn?: string;
}

async function client(options: StsOptions, credentials?: AwsCredentials): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts');
  return new STSClient({
    region: options.region,
    endpoint: options.endpoint,
    requestHandler: await awsRequestHandler(awsEndpoint('sts', options.region, options.endpoint), { timeoutMs: options.timeoutMs }),
    // STS calls are safe to send again (no side effect but new credentials); the SDK retries
    // throttling, 5xx and resets only, all inside the one deadline of `send` below.
    maxAttempts: 3,
    // AssumeRoleWithSAML is unsigned; never let the SDK go looking for credentials (which could
    // run our own credential_process and recurse).
    credentials:
      credentials ??
      (async () => {
        throw new AwsError('internal: no credentials for an unsigned STS call');
      }),
  });
}

const HINTS: Record<string, string> = {
  InvalidIdentityToken: 'AWS rejected the SAML assertion — check the identity provider in IAM matches your Okta app (metadata/certificate)',
  InvalidIdentityTokenException: 'AWS rejected the SAML assertion — check the identity provider in IAM matches your Okta app (metadata/certificate)',
  ExpiredTokenException: 'The SAML assertion expired before AWS saw it — check your clock and run login again',
  ExpiredToken: 'The credentials expired — run `okta-bedrock login`',
  AccessDenied: 'AWS denied the role — check the role exists and trusts your Okta identity provider (or your gateway role may assume it)',
  AccessDeniedException: 'AWS denied the role — check the role exists and trusts your Okta identity provider',
  InvalidClientTokenId: 'AWS does not recognise these credentials — run `okta-bedrock login`',
  SignatureDoesNotMatch: 'AWS rejected the request signature — check your clock',
  RegionDisabledException: 'STS is not enabled in this region — pick another --region',
  IDPRejectedClaim: 'AWS rejected the SAML claims — ask your Okta admin to check the role attribute',
};

/**
 * STS answers a DurationSeconds above the role's MaxSessionDuration with a generic ValidationError
 * ("The requested DurationSeconds exceeds the MaxSessionDuration set for this role"); this is the
 * one place that reads that message, and gives the error our own code for it.
 */
export const DURATION_TOO_LONG = 'duration_exceeds_max_session';

export function mapStsError(e: unknown, what: string, timedOut = false, timeoutMs?: number): AwsError {
  if (timedOut || (isAwsTimeout(e) && !(e instanceof AwsError))) {
    const s = Math.round(awsTimeouts({ timeoutMs }).timeoutMs / 1000);
    return new AwsError(`${what}: AWS STS did not answer within ${s} s — check your network, VPN or proxy (config http_timeout)`, {
      code: 'timeout',
      cause: e,
      detail: (e as Error)?.message,
    });
  }
  const err = e as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e instanceof AwsError) return e;
  if (e instanceof OktaBedrockError && e.code === 'body_too_large') return new AwsError(`${what}: ${e.summary}`, { code: e.code, cause: e });
  const msg = err.message ?? String(e);
  const awsCode = err.Code ?? err.name ?? 'Error';
  const code = awsCode === 'ValidationError' && /DurationSeconds|duration/i.test(msg) ? DURATION_TOO_LONG : awsCode;
  const hint = HINTS[awsCode];
  if (code === 'TimeoutError' || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket hang up/.test(msg)) {
    return new AwsError(`Cannot reach AWS STS for ${what}: ${msg} — check your network or AWS_ENDPOINT_URL_STS`, { code, cause: e });
  }
  return new AwsError(`${what} failed: ${hint ?? `${awsCode}: ${msg}`}`, { code, cause: e, detail: `${awsCode}: ${msg}` });
}

function toCredentials(
  c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined,
  what: string,
): AwsCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new AwsError(`${what} returned no credentials`);
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: new Date(c.Expiration) };
}

export interface SamlRoleRequest {
  roleArn: string;
  principalArn: string;
  samlAssertion: string;
  durationSeconds?: number;
}

export async function assumeRoleWithSaml(options: StsOptions, req: SamlRoleRequest): Promise<AssumedRole> {
  const { AssumeRoleWithSAMLCommand } = await import('@aws-sdk/client-sts');
  const sts = await client(options);
  const deadline = awsDeadline(options, options.signal);
  try {
    const out = await sts.send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: req.roleArn,
        PrincipalArn: req.principalArn,
        SAMLAssertion: req.samlAssertion,
        DurationSeconds: req.durationSeconds,
      }),
      { abortSignal: deadline.signal },
    );
    return { ...toCredentials(out.Credentials, 'AssumeRoleWithSAML'), assumedRoleArn: out.AssumedRoleUser?.Arn };
  } catch (e) {
    throw mapStsError(e, `Assuming ${req.roleArn}`, deadline.timedOut(), options.timeoutMs);
  } finally {
    deadline.done();
    sts.destroy();
  }
}

export interface ChainedRoleRequest {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
}

export async function assumeRole(options: StsOptions, source: AwsCredentials, req: ChainedRoleRequest): Promise<AssumedRole> {
  const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const sts = await client(options, source);
  const deadline = awsDeadline(options, options.signal);
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: req.roleArn, RoleSessionName: req.roleSessionName, DurationSeconds: req.durationSeconds }), {
      abortSignal: deadline.signal,
    });
    return { ...toCredentials(out.Credentials, 'AssumeRole'), assumedRoleArn: out.AssumedRoleUser?.Arn };
  } catch (e) {
    throw mapStsError(e, `Assuming ${req.roleArn}`, deadline.timedOut(), options.timeoutMs);
  } finally {
    deadline.done();
    sts.destroy();
  }
}

export interface CallerIdentity {
  account?: string;
  arn?: string;
  userId?: string;
}

export async function getCallerIdentity(options: StsOptions, credentials: AwsCredentials): Promise<CallerIdentity> {
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const sts = await client(options, credentials);
  const deadline = awsDeadline(options, options.signal);
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: deadline.signal });
    return { account: out.Account, arn: out.Arn, userId: out.UserId };
  } catch (e) {
    throw mapStsError(e, 'GetCallerIdentity', deadline.timedOut(), options.timeoutMs);
  } finally {
    deadline.done();
    sts.destroy();
  }
}

/** RoleSessionName allows [\w+=,.@-], 2–64 characters. */
export function sanitizeSessionName(name: string | undefined): string {
  const cleaned = (name ?? 'okta-bedrock').replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : 'okta-bedrock';
}
