import { partitionInfo, partitionOfRegion } from '../aws/partition.js';
import { BedrockError, LoginRequiredError, NetworkError, runLogin, type OktaBedrockError } from '../errors.js';
import { geoPrefix } from './pick-model.js';

export type BedrockFailureKind =
  | 'expired'
  | 'unrecognized'
  | 'signature'
  | 'clock'
  | 'model-access'
  | 'iam'
  | 'access-denied'
  | 'on-demand'
  | 'invalid-model'
  | 'not-found'
  | 'throttled'
  | 'unavailable'
  | 'network'
  | 'dns'
  | 'validation'
  | 'other';

export interface BedrockFailure {
  kind: BedrockFailureKind;
  /** The AWS error code (x-amzn-ErrorType) or the network error code. */
  code: string;
  message: string;
  /** The IAM action named by an AccessDenied message (bedrock:ListFoundationModels). */
  action?: string;
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError', 'ERR_HTTP2_ERROR']);

/**
 * The error code to go by. Bedrock names it in `x-amzn-ErrorType`; an answer without it (a
 * gateway, a stand-in) leaves the SDK with only the HTTP status as the name ("403"), so the
 * status and the message pick the code AWS would have sent.
 */
function effectiveCode(name: string, status: number | undefined, message: string): string {
  if (status === undefined || !/^(\d{3}|Unknown(Error)?)$/.test(name)) return name;
  if (status === 403 || status === 400) {
    if (/security token included in the request is expired/i.test(message)) return 'ExpiredTokenException';
    if (/security token included in the request is invalid/i.test(message)) return 'UnrecognizedClientException';
    if (/signature/i.test(message)) return 'InvalidSignatureException';
    if (status === 403) return 'AccessDeniedException';
    return 'ValidationException';
  }
  if (status === 404) return 'ResourceNotFoundException';
  if (status === 429) return 'ThrottlingException';
  if (status >= 500) return 'ServiceUnavailableException';
  return name;
}

/** What went wrong, from an AWS SDK error (Bedrock's REST-JSON codes, or a network error). */
export function classifyBedrockError(e: unknown): BedrockFailure {
  const err = (e ?? {}) as SdkError;
  const message = err.message ?? String(e);
  const status = err.$metadata?.httpStatusCode;
  const code = err.code && !status ? err.code : effectiveCode(err.name ?? 'Error', status, message);
  const f = (kind: BedrockFailureKind, action?: string): BedrockFailure => ({ kind, code, message, ...(action ? { action } : {}) });
  switch (code) {
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'RequestExpired':
      return f('expired');
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'MissingAuthenticationTokenException':
      return f('unrecognized');
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return f(/Signature expired|clock/i.test(message) ? 'clock' : 'signature');
    case 'AccessDeniedException': {
      // "You don't have access to the model…"; Anthropic models before the account's first-use form:
      // "Model use case details have not been submitted for this account…".
      if (/don.t have access to the model|use case details/i.test(message)) return f('model-access');
      const action = /not authorized to perform: ([\w-]+:\w+)/.exec(message)?.[1];
      return action ? f('iam', action) : f('access-denied');
    }
    case 'ValidationException':
      if (/on-demand throughput/i.test(message)) return f('on-demand');
      if (/model identifier is invalid|at 'modelId'/i.test(message)) return f('invalid-model');
      return f('validation');
    case 'ResourceNotFoundException':
      return f('not-found');
    case 'ThrottlingException':
    case 'TooManyRequestsException':
    case 'ServiceQuotaExceededException':
      return f('throttled');
    case 'ServiceUnavailableException':
    case 'InternalServerException':
    case 'ModelNotReadyException':
    case 'ModelTimeoutException':
      return f('unavailable');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return f('dns');
    default:
      return NETWORK_CODES.has(code) ? f('network') : f('other');
  }
}

export interface FailureContext {
  operation: string;
  region: string;
  modelId?: string;
  profile?: string;
}

/** The Bedrock console's Model access page for a region. */
export function modelAccessUrl(region: string): string {
  return `https://${partitionInfo(partitionOfRegion(region)).consoleHost}/bedrock/home?region=${region}#/modelaccess`;
}

/** One line: what failed and what to do about it. */
export function bedrockHint(f: BedrockFailure, c: FailureContext): string {
  const model = c.modelId ?? 'the model';
  const models = `okta-bedrock models --region ${c.region}`;
  switch (f.kind) {
    case 'expired':
      return `the AWS credentials have expired (${f.code}) — ${runLogin(c.profile)}`;
    case 'unrecognized':
      return `AWS does not recognise these credentials (${f.code}) — ${runLogin(c.profile)}`;
    case 'clock':
      return `AWS rejected the request time (${f.code}: ${f.message}) — your clock is off; sync it with network time`;
    case 'signature':
      return `AWS rejected the request signature (${f.code}) — the secret key does not match; ${runLogin(c.profile)}`;
    case 'model-access':
      return `no model access to ${model} in ${c.region} (AccessDeniedException) — request model access in the Bedrock console → Model access (${modelAccessUrl(c.region)}), or ask your AWS admin`;
    case 'iam':
      return `your role lacks the IAM permission ${f.action} (AccessDeniedException) — ask your AWS admin to allow ${f.action} (e.g. attach AmazonBedrockFullAccess or a policy with it)`;
    case 'access-denied':
      return `AWS denied it (AccessDeniedException: ${f.message}) — check the role's IAM policy and the model access in the Bedrock console`;
    case 'on-demand': {
      const geo = geoPrefix(c.region);
      const suggestion = geo && c.modelId && !c.modelId.includes('/') ? `${geo}.${c.modelId}` : 'the inference profile id';
      return `${model} is served only through an inference profile — use ${suggestion} (\`${models}\` lists them)`;
    }
    case 'invalid-model':
      return `Bedrock in ${c.region} does not know the model id ${model} — check the id and the region (\`${models}\`)`;
    case 'not-found':
      return `${model} is not available in ${c.region} (ResourceNotFoundException: ${f.message}) — pick another model (\`${models}\`)`;
    case 'throttled':
      return `Bedrock is throttling requests (${f.code}) — wait a moment and retry`;
    case 'unavailable':
      return `Bedrock is unavailable right now (${f.code}: ${f.message}) — retry later`;
    case 'dns':
      return `cannot resolve the Bedrock endpoint for ${c.region} — Bedrock may not be offered there; use a Bedrock region such as us-east-1 or us-west-2 (--region)`;
    case 'network':
      return `cannot reach Bedrock (${f.code}: ${f.message}) — check your network, proxy, or AWS_ENDPOINT_URL_BEDROCK*`;
    case 'validation':
      return `Bedrock rejected the request (ValidationException: ${f.message})`;
    default:
      return `${f.code}: ${f.message}`;
  }
}

/** A typed error for a failed Bedrock call: expired/unknown credentials → login required (exit 9), network → exit 10, else exit 12. */
export function toBedrockError(e: unknown, c: FailureContext): OktaBedrockError {
  const f = classifyBedrockError(e);
  const message = `${c.operation} failed: ${bedrockHint(f, c)}`;
  const options = { cause: e, detail: `${f.code}: ${f.message}` };
  if (f.kind === 'expired' || f.kind === 'unrecognized') return new LoginRequiredError(message, options);
  if (f.kind === 'dns' || f.kind === 'network') return new NetworkError(message, options);
  return new BedrockError(message, options);
}
