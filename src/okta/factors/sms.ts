import type { OktaFactor } from '../types.js';
import { verifySentCode } from './code.js';
import type { FactorDriver } from './types.js';

const phone = (f: OktaFactor): string | undefined => (typeof f.profile?.phoneNumber === 'string' ? f.profile.phoneNumber : undefined);

/** Okta SMS: a code texted to the phone (one send per 30 s). */
export const smsFactor: FactorDriver = {
  kind: 'sms',
  needsInput: true,
  acceptsPasscode: false,
  matches: (f: OktaFactor) => f.factorType === 'sms',
  describe: (f: OktaFactor) => `SMS to ${phone(f) ?? 'your phone'}`,
  verify: (ctx) => verifySentCode(ctx, { name: 'SMS', destination: phone(ctx.factor), resendAfterMs: 30_000, kind: 'sms' }),
};
