import type { SimRequest } from '../http.js';
import { verifyIssuedSigV4 } from '../issued-sigv4.js';
import type { SigV4FailureReason } from '../sigv4.js';
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

/** SigV4 (signing name `bedrock` for both the control plane and the runtime) with credentials STS issued. */
export const authenticate = (ctx: BedrockContext, req: SimRequest): BedrockCaller => {
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
