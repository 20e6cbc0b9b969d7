import type { OktaFactor } from '../types.js';
import { verifyWithCode } from './code.js';
import type { FactorDriver } from './types.js';

const PROVIDERS: Record<string, string> = {
  OKTA: 'Okta Verify code',
  GOOGLE: 'Google Authenticator code',
};

/** `token:software:totp` from Okta Verify or Google Authenticator. */
export const totpFactor: FactorDriver = {
  kind: 'totp',
  matches: (f: OktaFactor) => f.factorType === 'token:software:totp',
  describe: (f: OktaFactor) => PROVIDERS[f.provider] ?? `${f.provider} TOTP code`,
  verify: (ctx) => verifyWithCode(ctx, `Enter your ${totpFactor.describe(ctx.factor)}`, (passCode) => ({ passCode })),
};
