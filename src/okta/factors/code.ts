import { MfaError } from '../../errors.js';
import { InvalidPasscodeError } from '../errors.js';
import type { AuthnTransaction } from '../types.js';
import type { FactorContext } from './types.js';
import { verifyHref } from './verify-url.js';

/**
 * Shared by every factor that ends in a typed code (TOTP, SMS, call, email): ask, verify,
 * re-prompt on a wrong code (HTTP 403 E0000068) up to `maxCodeAttempts` times.
 * A code from `--passcode` is tried once; a wrong one is re-prompted only on a terminal.
 */
export async function verifyWithCode(
  ctx: FactorContext,
  label: string,
  body: (code: string) => Record<string, string>,
): Promise<AuthnTransaction> {
  const href = verifyHref(ctx.factor);
  let given = ctx.passcode;
  for (let attempt = 1; attempt <= ctx.timing.maxCodeAttempts; attempt++) {
    const code = (given ?? (await ctx.prompter.password(`${label}:`))).trim();
    given = undefined;
    if (!code) {
      ctx.log.warn('No code entered');
      continue;
    }
    try {
      return await ctx.client.json<AuthnTransaction>('POST', href, {
        stateToken: ctx.transaction.stateToken,
        ...body(code),
      });
    } catch (e) {
      if (!(e instanceof InvalidPasscodeError)) throw e;
      if (!ctx.prompter.interactive || attempt === ctx.timing.maxCodeAttempts) {
        throw new MfaError(
          attempt === ctx.timing.maxCodeAttempts
            ? `The MFA code was wrong ${attempt} times — run login again with a fresh code`
            : 'The MFA code was wrong — run login again with a fresh code',
          { detail: e.detail },
        );
      }
      ctx.log.warn(`That code was not accepted — try again (${ctx.timing.maxCodeAttempts - attempt} left)`);
    }
  }
  throw new MfaError(`No MFA code accepted after ${ctx.timing.maxCodeAttempts} attempts — run login again`);
}
