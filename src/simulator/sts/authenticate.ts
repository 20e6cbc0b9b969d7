import type { SimRequest } from '../http.js';
import { verifyIssuedSigV4 } from '../issued-sigv4.js';
import type { SigV4FailureReason } from '../sigv4.js';
import type { CredentialIdentity, StsContext } from './context.js';
import { StsFailure } from './faults.js';

const FAULTS: Record<SigV4FailureReason, { status: number; code: string }> = {
  missing: { status: 403, code: 'MissingAuthenticationToken' },
  malformed: { status: 400, code: 'IncompleteSignature' },
  'unknown-key': { status: 403, code: 'InvalidClientTokenId' },
  'token-mismatch': { status: 403, code: 'InvalidClientTokenId' },
  expired: { status: 400, code: 'ExpiredToken' },
  skew: { status: 403, code: 'SignatureDoesNotMatch' },
  'bad-signature': { status: 403, code: 'SignatureDoesNotMatch' },
};

/** The caller of a signed STS action: SigV4 with credentials this STS issued. */
export const authenticate = (ctx: StsContext, req: SimRequest): { identity: CredentialIdentity; arn: string } => {
  const result = verifyIssuedSigV4(ctx, req, 'sts');
  if (!result.ok) throw new StsFailure({ ...FAULTS[result.reason], message: result.message });
  const identity = ctx.identities.get(result.accessKeyId);
  const issued = ctx.issuedCredentials.get(result.accessKeyId);
  if (!identity || !issued) {
    throw new StsFailure({ ...FAULTS['unknown-key'], message: 'The security token included in the request is invalid.' });
  }
  return { identity, arn: issued.arn };
};
