import type { OktaFactor } from '../types.js';
import { requireTerminal, verifyWithCode } from './code.js';
import { codeDigits } from './code-format.js';
import type { FactorDriver } from './types.js';
import { verifyUrl } from './verify-url.js';

const PROVIDERS: Record<string, string> = {
  OKTA: 'Okta Verify code',
  GOOGLE: 'Google Authenticator code',
};

/** `token:software:totp` from Okta Verify or Google Authenticator. */
export const totpFactor: FactorDriver = {
  kind: 'totp',
  needsInput: true,
  acceptsPasscode: true,
  matches: (f: OktaFactor) => f.factorType === 'token:software:totp',
  describe: (f: OktaFactor) => PROVIDERS[f.provider] ?? `${f.provider} TOTP code`,
  verify: (ctx) => {
    const label = totpFactor.describe(ctx.factor);
    requireTerminal(ctx, `The ${label}`, true);
    return verifyWithCode(ctx, {
      label: `Enter your ${label}`,
      href: verifyUrl(ctx.factor, ctx.rememberDevice),
      field: 'passCode',
      digits: codeDigits('totp'),
    });
  },
};
