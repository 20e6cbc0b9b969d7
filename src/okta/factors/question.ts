import type { OktaFactor } from '../types.js';
import { requireTerminal, verifyWithCode } from './code.js';
import type { FactorDriver } from './types.js';
import { verifyUrl } from './verify-url.js';

const questionText = (f: OktaFactor): string => (typeof f.profile?.questionText === 'string' ? f.profile.questionText : 'Answer to your security question');

/** Okta security question: the answer is typed (hidden) and sent as `answer`. */
export const questionFactor: FactorDriver = {
  kind: 'question',
  needsInput: true,
  acceptsPasscode: false,
  matches: (f: OktaFactor) => f.factorType === 'question',
  describe: () => 'Security question',
  verify: (ctx) => {
    requireTerminal(ctx, 'The security question', false);
    if (ctx.passcode) ctx.log.warn('--passcode is ignored for the security question: type the answer');
    return verifyWithCode(
      { ...ctx, passcode: undefined },
      { label: questionText(ctx.factor), href: verifyUrl(ctx.factor, ctx.rememberDevice), field: 'answer' },
    );
  },
};
