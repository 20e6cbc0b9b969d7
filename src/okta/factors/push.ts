import { MfaError } from '../../errors.js';
import type { AuthnTransaction, OktaFactor } from '../types.js';
import type { FactorContext, FactorDriver } from './types.js';
import { verifyHref } from './verify-url.js';

function correctAnswer(tx: AuthnTransaction): number | undefined {
  return tx._embedded?.factor?._embedded?.challenge?.correctAnswer;
}

/**
 * Okta Verify push: the first verify POST sends the push (MFA_CHALLENGE, factorResult WAITING);
 * we poll `_links.next` until SUCCESS, REJECTED or TIMEOUT, showing the number challenge.
 */
async function verifyPush(ctx: FactorContext): Promise<AuthnTransaction> {
  const started = ctx.clock.now().getTime();
  const body = { stateToken: ctx.transaction.stateToken };
  let tx = await ctx.client.json<AuthnTransaction>('POST', verifyHref(ctx.factor), body);
  let shownNumber = false;
  ctx.prompter.notice('MFA (Okta Verify push) — approve on your phone…');
  for (;;) {
    // Anything but a waiting challenge (even a malformed body) goes back to the state machine, which validates it.
    if (tx?.status !== 'MFA_CHALLENGE') return tx;
    const answer = correctAnswer(tx);
    if (answer !== undefined && !shownNumber) {
      ctx.prompter.notice(`Tap number ${answer} in Okta Verify`);
      shownNumber = true;
    }
    switch (tx.factorResult) {
      case 'REJECTED':
        throw new MfaError('The Okta Verify push was rejected on your phone — run login again, or use --factor totp');
      case 'TIMEOUT':
        throw new MfaError('The Okta Verify push timed out — run login again and approve it on your phone');
      case 'WAITING':
      case undefined:
        break;
      default:
        throw new MfaError(`Okta Verify push ended with ${tx.factorResult} — run login again`);
    }
    if (ctx.clock.now().getTime() - started >= ctx.timing.pushTimeoutMs) {
      throw new MfaError(
        `No answer to the Okta Verify push after ${Math.round(ctx.timing.pushTimeoutMs / 1000)} s — run login again`,
      );
    }
    await ctx.clock.sleep(ctx.timing.pollIntervalMs, ctx.signal);
    const next = tx._links?.next?.href ?? verifyHref(ctx.factor);
    tx = await ctx.client.json<AuthnTransaction>('POST', next, body);
  }
}

export const pushFactor: FactorDriver = {
  kind: 'push',
  matches: (f: OktaFactor) => f.factorType === 'push',
  describe: () => 'Okta Verify push',
  verify: verifyPush,
};
