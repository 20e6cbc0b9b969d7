import { LoginRequiredError, MfaError } from '../../errors.js';
import { InvalidPasscodeError, ResendTooSoonError } from '../errors.js';
import type { AuthnTransaction, OktaLink } from '../types.js';
import { codeDigits, codeFormatHint, codeFormatProblem, codeFormatStop, normalizeCode, type CodeLength } from './code-format.js';
import type { FactorContext } from './types.js';
import { verifyUrl, withRememberDevice } from './verify-url.js';

export interface CodeEntry {
  /** The prompt, e.g. "Okta Verify code". */
  label: string;
  /** Where the code is POSTed (the factor's verify link, or the challenge's `next`). */
  href: string;
  /** The JSON field carrying the input: `passCode` for codes, `answer` for the security question. */
  field: 'passCode' | 'answer';
  /** Handles an input that is a command (`resend`), returning true when it was one. */
  command?: (input: string) => Promise<boolean>;
  /** A one-time code of this many digits (checked before it is sent; shown while typed); undefined for a free-text answer (hidden). */
  digits?: CodeLength;
}

/**
 * Asks for the code or answer: a code is shown while typed and checked on the terminal as it is
 * entered (a wrong shape is re-asked there and never sent); an answer is hidden like a password.
 */
async function askInput(ctx: FactorContext, entry: CodeEntry, prompt: string): Promise<string> {
  const digits = entry.digits;
  if (digits === undefined) return ctx.prompter.password(prompt);
  const validate = (v: string): true | string => {
    const problem = (entry.command && /^resend$/i.test(v.trim())) || !v.trim() ? undefined : codeFormatProblem(v, digits);
    return problem ? codeFormatHint(problem, digits) : true;
  };
  return ctx.prompter.text(prompt, undefined, { validate });
}

/**
 * The shared path of every factor that ends in something typed (TOTP, SMS, call, email,
 * security question): ask, verify, re-prompt on a wrong code (HTTP 403 E0000068) up to
 * `maxCodeAttempts` times. A code from `--passcode` is tried once; a wrong one is re-prompted
 * only on a terminal. Each verify POST is sent once: it may consume the code.
 */
export async function verifyWithCode(ctx: FactorContext, entry: CodeEntry): Promise<AuthnTransaction> {
  const max = ctx.timing.maxCodeAttempts;
  let given = ctx.passcode;
  let attempt = 0;
  while (attempt < max) {
    const prompt = /[?:]$/.test(entry.label) ? entry.label : `${entry.label}:`;
    const fromFlag = given !== undefined;
    let input = (given ?? (await askInput(ctx, entry, prompt))).trim();
    given = undefined;
    if (entry.command && (await entry.command(input))) continue;
    // A code of the wrong shape is never sent (it would count toward Okta's lockout): re-asked on a terminal, else a clear stop.
    const problem = entry.digits !== undefined && input ? codeFormatProblem(input, entry.digits) : undefined;
    if (problem) {
      if (!ctx.prompter.interactive) throw new MfaError(codeFormatStop(problem, entry.digits as CodeLength, fromFlag), { code: 'code_format' });
      ctx.log.warn(codeFormatHint(problem, entry.digits as CodeLength));
      continue;
    }
    if (entry.digits !== undefined) input = normalizeCode(input);
    attempt++;
    if (!input) {
      ctx.log.warn('Nothing entered');
      continue;
    }
    ctx.log.addSecret(input);
    try {
      return await ctx.client.json<AuthnTransaction>('POST', entry.href, {
        stateToken: ctx.transaction.stateToken,
        [entry.field]: input,
      });
    } catch (e) {
      if (!(e instanceof InvalidPasscodeError)) throw e;
      const what = entry.field === 'answer' ? 'answer' : 'MFA code';
      // A wrong --passcode is re-asked on a terminal only; piped answers follow the prompts they answer.
      const canAskAgain = ctx.prompter.interactive || (ctx.prompter.answersTyped === true && ctx.passcode === undefined);
      if (!canAskAgain || attempt === max) {
        // A security answer does not change: only a code has a "fresh" one.
        const again = entry.field === 'answer' ? 'run login again and type the answer' : 'run login again with a fresh code';
        throw new MfaError(attempt === max ? `The ${what} was wrong ${attempt} times — run login again` : `The ${what} was wrong — ${again}`, {
          detail: e.detail,
        });
      }
      ctx.log.warn(`That ${what} was not accepted — try again (${max - attempt} left)`);
    }
  }
  throw new MfaError(`No ${entry.field === 'answer' ? 'answer' : 'MFA code'} accepted after ${max} attempts — run login again`);
}

/** Before typing is needed: without a terminal (and no --passcode) say what to do instead. */
export function requireTerminal(ctx: FactorContext, what: string, allowPasscode: boolean): void {
  if (ctx.prompter.interactive || ctx.prompter.answersTyped || (allowPasscode && ctx.passcode)) return;
  throw new LoginRequiredError(`${what} needs a terminal to type into — ${noTerminalRemedy(allowPasscode, ctx.passcodeSpent)}`);
}

/** Without a terminal, what else would do: a fresh --passcode only when none was given (a spent one cannot serve a step-up). */
export function noTerminalRemedy(allowPasscode: boolean, passcodeSpent: boolean | undefined): string {
  if (allowPasscode && passcodeSpent) {
    return 'the --passcode was used by the first MFA and a code works once — run `okta-bedrock login` in a terminal, or use --factor push';
  }
  return `run \`okta-bedrock login\` in a terminal, pipe it on stdin after the password (--password-stdin), or use --factor push${allowPasscode ? ' or --passcode' : ''}`;
}

function firstLink(links: OktaLink[] | OktaLink | undefined): OktaLink | undefined {
  return Array.isArray(links) ? links[0] : links;
}

export interface SentCodeChannel {
  /** "SMS", "voice call", "email". */
  name: string;
  /** Where it went, as Okta shows it (+1 XXX-XXX-1337, a...e@example.com). */
  destination?: string;
  /** Okta allows one send per 30 s for SMS and calls, 5 s for email. */
  resendAfterMs: number;
  /** Which code it carries (its digit count). */
  kind: 'sms' | 'call' | 'email';
}

/**
 * SMS, voice call and email: the first verify POST (no passCode) makes Okta send a code and
 * answer MFA_CHALLENGE; the code is then POSTed to the challenge's `next` link. Typing
 * `resend` asks for another code once Okta's resend window (30 s, 5 s for email) has passed.
 */
export async function verifySentCode(ctx: FactorContext, channel: SentCodeChannel): Promise<AuthnTransaction> {
  requireTerminal(ctx, `Okta's ${channel.name} code`, false);
  if (ctx.passcode) ctx.log.warn(`--passcode is ignored for ${channel.name}: Okta sends a new code now`);
  const verify = verifyUrl(ctx.factor, ctx.rememberDevice);
  let challenge = await ctx.client.json<AuthnTransaction>('POST', verify, { stateToken: ctx.transaction.stateToken });
  if (challenge.status !== 'MFA_CHALLENGE') return challenge;
  let sentAt = ctx.clock.now().getTime();
  const to = channel.destination ? ` to ${channel.destination}` : '';
  ctx.prompter.notice(`Okta sent a code by ${channel.name}${to}`);
  const resendWindowS = Math.round(channel.resendAfterMs / 1000);
  const resend = async (input: string): Promise<boolean> => {
    if (input.toLowerCase() !== 'resend') return false;
    const waitMs = sentAt + channel.resendAfterMs - ctx.clock.now().getTime();
    if (waitMs > 0) {
      ctx.prompter.notice(`Okta allows a new code ${resendWindowS} s after the last one — try "resend" again in ${Math.ceil(waitMs / 1000)} s`);
      return true;
    }
    const href = firstLink(challenge._links?.resend)?.href ?? `${verify.split('?')[0]}/resend`;
    try {
      challenge = await ctx.client.json<AuthnTransaction>('POST', withRememberDevice(href, ctx.rememberDevice), { stateToken: ctx.transaction.stateToken });
      sentAt = ctx.clock.now().getTime();
      ctx.prompter.notice(`Okta sent a new code by ${channel.name}${to}`);
    } catch (e) {
      if (!(e instanceof ResendTooSoonError)) throw e;
      ctx.prompter.notice(e.message);
    }
    return true;
  };
  return verifyWithCode(
    { ...ctx, passcode: undefined },
    {
      label: `Code from the ${channel.name} (or "resend" after ${resendWindowS} s)`,
      href: withRememberDevice(challenge._links?.next?.href ?? verify, ctx.rememberDevice),
      field: 'passCode',
      command: resend,
      digits: codeDigits(channel.kind),
    },
  );
}
