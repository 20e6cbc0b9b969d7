import { MfaError, RateLimitError } from '../../errors.js';
import { startProgress } from '../../platform/prompts.js';
import type { AuthnTransaction, OktaFactor } from '../types.js';
import type { FactorContext, FactorDriver } from './types.js';
import { verifyUrl, withRememberDevice } from './verify-url.js';

/** The number to tap: `_embedded.factor._embedded.challenge.correctAnswer` (some answers say `factors`). */
function correctAnswer(tx: AuthnTransaction): number | undefined {
  const embedded = tx._embedded;
  const factor = embedded?.factor ?? (Array.isArray(embedded?.factors) ? undefined : embedded?.factors);
  return factor?._embedded?.challenge?.correctAnswer;
}

const deviceName = (f: OktaFactor): string | undefined => (typeof f.profile?.name === 'string' ? f.profile.name : undefined);

/**
 * Okta Verify push: the first verify POST sends the push (MFA_CHALLENGE, factorResult WAITING);
 * we poll `_links.next` until SUCCESS, REJECTED or TIMEOUT, showing the number challenge.
 * Polls may be resent after a transient failure (they only read the push's state); the first
 * POST may not (it would send a second push).
 */
async function verifyPush(ctx: FactorContext): Promise<AuthnTransaction> {
  // A spinner with the elapsed time on a terminal, one line otherwise.
  const device = deviceName(ctx.factor);
  const waiting = startProgress(ctx.prompter, `MFA (Okta Verify push${device ? ` to ${device}` : ''}) — approve on your phone…`);
  try {
    return await pollPush(ctx);
  } finally {
    waiting.stop();
  }
}

/** Polls at the base interval before this many; slower after. */
export const FAST_PUSH_POLLS = 2;

/**
 * The wait before the next push poll, given the polls sent so far: the base interval (2 s) for
 * the first two — most pushes are approved within seconds — then twice that (4 s). Every poll is
 * a POST to /api/v1/authn/factors/{id}/verify, whose org-wide Workforce limit (500/min) the whole
 * fleet's morning sign-ins share; bench/fleet.mjs measures it. (okta-auth-js's authn poller, for
 * comparison, backs off exponentially only on 429s.)
 */
export function pushPollDelayMs(pollsSent: number, pollIntervalMs: number): number {
  return pollsSent < FAST_PUSH_POLLS ? pollIntervalMs : pollIntervalMs * 2;
}

async function pollPush(ctx: FactorContext): Promise<AuthnTransaction> {
  const started = ctx.clock.now().getTime();
  const body = { stateToken: ctx.transaction.stateToken };
  const send = verifyUrl(ctx.factor, ctx.rememberDevice);
  let tx = await ctx.client.json<AuthnTransaction>('POST', send, body);
  let shownNumber = false;
  let polls = 0;
  for (;;) {
    // Anything but a waiting challenge (even a malformed body) goes back to the state machine, which validates it.
    if (tx?.status !== 'MFA_CHALLENGE') return tx;
    const answer = correctAnswer(tx);
    if (answer !== undefined && !shownNumber) {
      ctx.prompter.notice(`Tap number ${answer} in Okta Verify`, { emphasis: `Tap number ${answer}` });
      shownNumber = true;
    }
    switch (tx.factorResult) {
      case 'REJECTED':
        throw new MfaError('The Okta Verify push was rejected on your phone', { remedy: 'run login again, or use --factor totp' });
      case 'TIMEOUT':
        throw new MfaError('The Okta Verify push timed out', { remedy: 'run login again and approve it on your phone' });
      // WAITING is what Okta sends while the push is out; CHALLENGE (the code factors' state) is
      // read the same way rather than failing a push that may still be approved.
      case 'WAITING':
      case 'CHALLENGE':
      case undefined:
        break;
      case 'CANCELLED':
        throw new MfaError('The Okta Verify push was cancelled', { remedy: 'run login again' });
      default:
        throw new MfaError(`Okta Verify push ended with ${tx.factorResult}`, { remedy: `run login again` });
    }
    if (ctx.clock.now().getTime() - started >= ctx.timing.pushTimeoutMs) {
      throw new MfaError(`No answer to the Okta Verify push after ${Math.round(ctx.timing.pushTimeoutMs / 1000)} s — run login again`);
    }
    await ctx.clock.sleep(pushPollDelayMs(polls, ctx.timing.pollIntervalMs), ctx.signal);
    polls++;
    const next = withRememberDevice(tx._links?.next?.href ?? send.split('?')[0] ?? send, ctx.rememberDevice);
    try {
      tx = await ctx.client.json<AuthnTransaction>('POST', next, body, { idempotent: true });
    } catch (e) {
      // The push is still out on the phone: a poll refused by Okta's org-wide rate limit waits for
      // X-Rate-Limit-Reset and polls again. Giving up would make the caller sign in again and send
      // a new push — more verify calls, the fleet-wide spiral bench/fleet.mjs shows.
      if (!(e instanceof RateLimitError) || !e.resetAt) throw e;
      const waitMs = Math.max(ctx.timing.pollIntervalMs, e.resetAt.getTime() - ctx.clock.now().getTime());
      if (ctx.clock.now().getTime() + waitMs - started >= ctx.timing.pushTimeoutMs) throw e;
      await ctx.clock.sleep(waitMs, ctx.signal);
    }
  }
}

export const pushFactor: FactorDriver = {
  kind: 'push',
  needsInput: false,
  acceptsPasscode: false,
  matches: (f: OktaFactor) => f.factorType === 'push',
  describe: (f: OktaFactor) => `Okta Verify push${deviceName(f) ? ` (${deviceName(f)})` : ''}`,
  verify: verifyPush,
};
