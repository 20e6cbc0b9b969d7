import type { OktaFactor } from '../types.js';
import { verifySentCode } from './code.js';
import type { FactorDriver } from './types.js';

const phone = (f: OktaFactor): string | undefined => (typeof f.profile?.phoneNumber === 'string' ? f.profile.phoneNumber : undefined);

/** Okta voice call: a code read out on a phone call (one call per 30 s). */
export const callFactor: FactorDriver = {
  kind: 'call',
  needsInput: true,
  acceptsPasscode: false,
  matches: (f: OktaFactor) => f.factorType === 'call',
  describe: (f: OktaFactor) => `Voice call to ${phone(f) ?? 'your phone'}`,
  verify: (ctx) => verifySentCode(ctx, { name: 'voice call', destination: phone(ctx.factor), resendAfterMs: 30_000, kind: 'call' }),
};
