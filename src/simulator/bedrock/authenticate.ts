import type { SimRequest } from '../http.js';
import { verifyIssuedSigV4 } from '../issued-sigv4.js';
import type { SigV4FailureReason } from '../sigv4.js';
import { verifyBedrockApiKey } from './bearer.js';
import type { BedrockContext } from './context.js';
import { BedrockFailure, accessDenied } from './errors.js';

/** How AWS's JSON front end answers each SigV4 failure (status, x-amzn-ErrorType code). */
const FAULTS: Record<SigV4FailureReason, { status: number; code: string }> = {
  missing: { status: 403, code: 'MissingAuthenticationTokenException' },
  malformed: { status: 400, code: 'IncompleteSignatureException' },
  'unknown-key': { status: 403, code: 'UnrecognizedClientException' },
  'token-mismatch': { status: 403, code: 'UnrecognizedClientException' },
  expired: { status: 403, code: 'ExpiredTokenException' },
  skew: { status: 403, code: 'InvalidSignatureException' },
  'bad-signature': { status: 403, code: 'InvalidSignatureException' },
};

export interface BedrockCaller {
  accessKeyId: string;
  /** arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION */
  arn: string;
  /** The region the request was signed for (Bedrock endpoints are regional). */
  region: string;
}

/**
 * Bedrock API keys fail at AWS's front end with 403 and a capitalised `Message`, as clients
 * report them: "Authentication failed: Please make sure your API Key is valid." for a key that
 * does not verify, "Bearer Token has expired" for one past its X-Amz-Expires or its credentials.
 */
const BEARER_FAULTS = {
  invalid: 'Authentication failed: Please make sure your API Key is valid.',
  expired: 'Bearer Token has expired',
} as const;

/** `Authorization: Bearer bedrock-api-key-…` (a short-term API key), see bearer.ts. */
const authenticateBearer = (ctx: BedrockContext, key: string): BedrockCaller => {
  const result = verifyBedrockApiKey(key, ctx);
  if (!result.ok) throw new BedrockFailure(403, 'AccessDeniedException', BEARER_FAULTS[result.reason], 'coral', 'Message');
  const issued = ctx.issuedCredentials.get(result.accessKeyId);
  if (!issued) throw new BedrockFailure(403, 'AccessDeniedException', BEARER_FAULTS.invalid, 'coral', 'Message');
  return { accessKeyId: result.accessKeyId, arn: issued.arn, region: result.region };
};

/** SigV4 (signing name `bedrock` for both the control plane and the runtime) with credentials STS issued, or a Bedrock API key. */
export const authenticate = (ctx: BedrockContext, req: SimRequest): BedrockCaller => {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^bearer /i.test(header)) return authenticateBearer(ctx, header.slice('bearer '.length).trim());
  const result = verifyIssuedSigV4(ctx, req, 'bedrock');
  if (!result.ok) {
    const fault = FAULTS[result.reason];
    const message = result.reason === 'missing' ? 'Missing Authentication Token' : result.message;
    throw new BedrockFailure(fault.status, fault.code, message, 'coral');
  }
  const issued = ctx.issuedCredentials.get(result.accessKeyId);
  if (!issued) throw new BedrockFailure(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 'coral');
  return { accessKeyId: result.accessKeyId, arn: issued.arn, region: result.region };
};

/** IAM: the role may lack an action (scenario `bedrockDeniedActions`). */
export const authorize = (ctx: BedrockContext, caller: BedrockCaller, action: string, resource?: string): void => {
  if (!ctx.scenario.bedrockDeniedActions.includes(action)) return;
  const on = resource ? ` on resource: ${resource}` : '';
  throw accessDenied(`User: ${caller.arn} is not authorized to perform: ${action}${on} because no identity-based policy allows the ${action} action`);
};
