import type { OktaFactor } from '../types.js';
import { verifySentCode } from './code.js';
import type { FactorDriver } from './types.js';

const address = (f: OktaFactor): string | undefined => (typeof f.profile?.email === 'string' ? f.profile.email : undefined);

/** Okta email: a code mailed to the user's primary address (one email per 5 s). */
export const emailFactor: FactorDriver = {
  kind: 'email',
  needsInput: true,
  acceptsPasscode: false,
  matches: (f: OktaFactor) => f.factorType === 'email',
  describe: (f: OktaFactor) => `Email to ${address(f) ?? 'your address'}`,
  verify: (ctx) => verifySentCode(ctx, { name: 'email', destination: address(ctx.factor), resendAfterMs: 5_000, kind: 'email' }),
};
