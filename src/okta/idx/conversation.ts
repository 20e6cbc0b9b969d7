import { LoginRequiredError, MfaError, OktaError } from '../../errors.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/log.js';
import { startProgress, type Prompter } from '../../platform/prompts.js';
import type { Progress } from '../../platform/ui.js';
import type { OktaClient } from '../client.js';
import { InvalidPasscodeError } from '../errors.js';
import { noTerminalRemedy } from '../factors/code.js';
import { codeDigits, codeFormatHint, codeFormatProblem, codeFormatStop, normalizeCode } from '../factors/code-format.js';
import { matchPreference, supportedOptions, type FactorOption } from '../factors/registry.js';
import { selectFactor } from '../factors/select.js';
import { defaultFactorTiming, type FactorTiming } from '../factors/types.js';
import type { RememberedFactor } from '../memory.js';
import { rateLimitResetAt } from '../rate-limit.js';
import { asFactor, authenticatorValue, choicesOf, unusableName, type IdxChoice } from './choices.js';
import { idxError, isInvalidCode, unsatisfiable } from './errors.js';
import { errorMessages, findRemediation, formBody } from './form.js';
import { HandleRateLimiter } from './rate-limit.js';
import { IDX_ACCEPT, IDX_CONTENT_TYPE, type IdxAuthenticator, type IdxRemediation, type IdxState, type IdxUser } from './types.js';
import { nextStep } from './walker.js';

export interface IdxConversationOptions {
  client: OktaClient;
  prompter: Prompter;
  log: Logger;
  clock: Clock;
  /** Asked when the identify form appears (a step-up starts at a challenge and never asks). */
  username: () => Promise<string>;
  password: () => Promise<string>;
  passcode?: string;
  /** A --passcode was given and used by an earlier conversation of this login (a step-up cannot reuse it). */
  passcodeSpent?: boolean;
  factor?: string;
  rememberedFactor?: RememberedFactor;
  chooseFactor?: (options: FactorOption[]) => Promise<FactorOption>;
  timing?: Partial<FactorTiming>;
  signal?: AbortSignal;
  /** Answer keep-me-signed-in with yes (a longer Okta session for refreshes). Default true. */
  keepMeSignedIn?: boolean;
}

export interface IdxOutcome {
  /** `success.href`: GET it with the cookie jar (sets `sid`, continues to the app). */
  successHref: string;
  user?: IdxUser;
  /** The factor Okta accepted (to remember it). */
  factorUsed?: FactorOption;
}

/** At most this many IDX requests in one conversation (polls included): a loop guard. */
const MAX_STEPS = 120;

/**
 * Walks one IDX conversation from a state token to `success`: introspect, then the remediation
 * forms the walker picks (walker.ts), each POSTed to its own `href` with the newest stateHandle.
 */
export class IdxConversation {
  private readonly timing: FactorTiming;
  private readonly limiter: HandleRateLimiter;
  private passwordSent = false;
  private codeAttempts = 0;
  private passcode: string | undefined;
  private chosen?: FactorOption;
  private user?: IdxUser;
  private waiting?: Progress;
  private pollStarted?: number;
  private shownAnswer = false;
  private announced?: string;
  /** The last thing typed was a security answer (not a code): for the wrong-input messages. */
  private answering = false;

  constructor(private readonly o: IdxConversationOptions) {
    this.timing = { ...defaultFactorTiming, ...o.timing };
    this.limiter = new HandleRateLimiter(o.clock);
    this.passcode = o.passcode;
  }

  /** POSTs JSON to an IDX endpoint; the answer (an IDX state, also on 4xx) is returned with its status. */
  private async post(href: string, body: Record<string, unknown>, idempotent = false): Promise<{ status: number; state: IdxState }> {
    const handle = typeof body.stateHandle === 'string' ? body.stateHandle : typeof body.stateToken === 'string' ? body.stateToken : '';
    await this.limiter.wait(handle, this.o.signal);
    // introspect is sent as ION (as okta-auth-js does); remediation forms as JSON. Accept is ION always.
    const contentType = 'stateToken' in body ? IDX_ACCEPT : IDX_CONTENT_TYPE;
    const res = await this.o.client.request('POST', href, { accept: IDX_ACCEPT, 'content-type': contentType }, JSON.stringify(body), { idempotent });
    let state: IdxState | undefined;
    try {
      state = res.body ? (JSON.parse(res.body) as IdxState) : undefined;
    } catch {
      state = undefined;
    }
    if (typeof state !== 'object' || state === null) {
      if (res.status === 404)
        throw new OktaError(
          `Okta has no IDX API here (${new URL(href, this.o.client.orgUrl).pathname} → HTTP 404) — is it an Okta Identity Engine org? Try --auth-flow classic`,
        );
      throw new OktaError(`Okta answered the IDX sign-in with something that is not JSON (HTTP ${res.status})`, { code: `http_${res.status}` });
    }
    if (typeof state.stateHandle === 'string') this.o.log.addSecret(state.stateHandle);
    if (state.user?.value) this.user = state.user.value;
    if (res.status >= 400 || errorMessages(state).length > 0) {
      const now = this.o.clock.now();
      const error = idxError(errorMessages(state), { orgUrl: this.o.client.orgUrl, status: res.status, resetAt: rateLimitResetAt(res.headers, now) });
      if (!(error instanceof InvalidPasscodeError)) throw error;
      return { status: res.status, state: { ...state, messages: { value: errorMessages(state) } } };
    }
    return { status: res.status, state };
  }

  private async submit(state: IdxState, rem: IdxRemediation, values: Record<string, unknown>, idempotent = false): Promise<IdxState> {
    if (!rem.href) throw new OktaError(`Okta's "${rem.name}" form has no href to send it to`);
    return (await this.post(rem.href, formBody(rem, values, state.stateHandle), idempotent)).state;
  }

  private stopWaiting(): void {
    this.waiting?.stop();
    this.waiting = undefined;
    this.pollStarted = undefined;
  }

  async run(stateToken: string): Promise<IdxOutcome> {
    this.o.log.addSecret(stateToken);
    let state = (await this.post(new URL('/idp/idx/introspect', this.o.client.orgUrl).toString(), { stateToken })).state;
    try {
      for (let n = 0; n < MAX_STEPS; n++) {
        state = await this.retryOnWrongCode(state);
        let step = nextStep(state);
        const other = this.otherThanWanted(state, step);
        if (other) step = { kind: 'select', rem: other };
        if (step.kind !== 'poll') this.stopWaiting();
        this.o.log.debug(`IDX step: ${step.kind}${'rem' in step ? ` (${step.rem.name})` : ''}`);
        switch (step.kind) {
          case 'success':
            return { successHref: step.href, user: this.user, factorUsed: this.chosen };
          case 'terminal':
            throw new OktaError('Okta ended the sign-in without a way forward — sign in in a browser to see why', { code: 'idx_terminal' });
          case 'unsatisfiable':
            throw unsatisfiable(step.what, this.o.client.orgUrl, `remediation ${step.remediation}`);
          case 'identify': {
            const identifier = await this.o.username();
            const values: Record<string, unknown> = { identifier };
            if (step.withPassword) values['credentials.passcode'] = await this.passwordOnce();
            state = await this.submit(state, step.rem, values);
            break;
          }
          case 'password':
            state = await this.submit(state, step.rem, { 'credentials.passcode': await this.passwordOnce() });
            break;
          case 'select':
            state = await this.select(state, step.rem, step.avoid);
            break;
          case 'verification-data':
            state = await this.verificationData(state, step.rem);
            break;
          case 'code':
            state = await this.code(state, step.rem, step.field, step.authenticator);
            break;
          case 'question':
            state = await this.question(state, step.rem, step.authenticator);
            break;
          case 'poll':
            state = await this.poll(state, step.rem, step.refreshMs, step.correctAnswer, step.authenticator);
            break;
          case 'keep-me-signed-in': {
            const stay = this.o.keepMeSignedIn ?? true;
            if (stay) this.o.log.info('Okta: keeping you signed in (keep-me-signed-in)');
            state = await this.submit(state, step.rem, { keepMeSignedIn: stay });
            break;
          }
          case 'skip':
            this.o.log.warn('Okta offers to set up another authenticator — skipping it for now');
            state = await this.submit(state, step.rem, {});
            break;
        }
      }
    } finally {
      this.stopWaiting();
    }
    throw new OktaError('The Okta sign-in did not finish after many steps — run login again', { code: 'idx_too_many_steps' });
  }

  /**
   * Okta may challenge an authenticator on its own (Okta Verify's autoChallenge push): when
   * `--factor` names another one and nothing was chosen yet, go back to the choice.
   */
  private otherThanWanted(state: IdxState, step: ReturnType<typeof nextStep>): IdxRemediation | undefined {
    if (this.chosen || !this.o.factor || !(step.kind === 'poll' || step.kind === 'code' || step.kind === 'question')) return undefined;
    const select = findRemediation(state, 'select-authenticator-authenticate');
    const current = step.authenticator;
    if (!select || !current?.key) return undefined;
    const method = current.methods?.[0]?.type;
    const factor = asFactor({ id: current.id ?? '', methodType: method, sendsMethodType: false, key: current.key, label: current.displayName ?? '' });
    const options = supportedOptions([factor]);
    if (options.length === 0 || matchPreference(options, this.o.factor)) return undefined;
    return matchPreference(supportedOptions(choicesOf(state, select).map(asFactor)), this.o.factor) ? select : undefined;
  }

  /** A wrong code came back as the same challenge with an error on the field: re-ask on a terminal, else stop. */
  private async retryOnWrongCode(state: IdxState): Promise<IdxState> {
    const wrong = (state.messages?.value ?? []).filter(isInvalidCode);
    if (wrong.length === 0) return state;
    const canAskAgain = this.o.prompter.interactive || (this.o.prompter.answersTyped === true && this.o.passcode === undefined);
    const max = this.timing.maxCodeAttempts;
    const what = this.answering ? 'answer' : 'MFA code';
    if (!canAskAgain || this.codeAttempts >= max) {
      // A security answer does not change: only a code has a "fresh" one.
      const again = this.answering ? 'run login again and type the answer' : 'run login again with a fresh code';
      throw new MfaError(this.codeAttempts >= max ? `The ${what} was wrong ${this.codeAttempts} times — run login again` : `The ${what} was wrong — ${again}`, {
        code: wrong[0]?.i18n?.key,
        detail: wrong.map((m) => m.message).join('; '),
      });
    }
    this.o.log.warn(`That ${this.answering ? 'answer' : 'code'} was not accepted — try again (${max - this.codeAttempts} left)`);
    return { ...state, messages: undefined };
  }

  private async passwordOnce(): Promise<string> {
    if (this.passwordSent) throw new OktaError('Okta asked for the password again — run login again', { code: 'idx_password_again' });
    this.passwordSent = true;
    const password = await this.o.password();
    this.o.log.addSecret(password);
    return password;
  }

  /** Chooses among the offered authenticators: the password first (once), then MFA as `--factor`, the remembered one or the menu say. */
  private async select(state: IdxState, rem: IdxRemediation, avoid?: string): Promise<IdxState> {
    const choices = choicesOf(state, rem).filter((c) => c.id !== avoid || c.key === 'okta_password');
    const password = choices.find((c) => c.key === 'okta_password');
    if (password && !this.passwordSent) return this.submit(state, rem, { authenticator: authenticatorValue(password) });
    const mfa = choices.filter((c) => c.key !== 'okta_password');
    const byFactorId = new Map<string, IdxChoice>(mfa.map((c) => [asFactor(c).id, c]));
    const factors = mfa.map(asFactor);
    if (mfa.length === 0) {
      throw new OktaError(
        `Okta asked for MFA but its list of your authenticators could not be read — sign in through your browser (okta-bedrock login --browser) or at ${this.o.client.orgUrl}`,
        { code: 'unreadable_factors', detail: `${rem.name}: no authenticator option with an id` },
      );
    }
    if (supportedOptions(factors).length === 0) {
      const names = [...new Set(mfa.map(unusableName))].join(', ') || 'an authenticator this tool does not know';
      throw unsatisfiable(names, this.o.client.orgUrl, `select-authenticator-authenticate offers: ${names}`);
    }
    const option = await selectFactor(factors, {
      preference: this.o.factor,
      remembered: this.o.rememberedFactor,
      passcode: Boolean(this.passcode),
      interactive: this.o.prompter.interactive,
      choose: this.o.chooseFactor,
      log: this.o.log,
      orgUrl: this.o.client.orgUrl,
    });
    this.chosen = option;
    const choice = byFactorId.get(option.factor.id) as IdxChoice;
    this.o.log.debug(`IDX: verifying with ${option.driver.describe(option.factor)} (${choice.key}${choice.methodType ? `/${choice.methodType}` : ''})`);
    return this.submit(state, rem, { authenticator: authenticatorValue(choice) });
  }

  /**
   * authenticator-verification-data (phone: SMS or voice; Okta Verify: push or code; email): the
   * method of the factor already chosen, else chosen like any other select.
   */
  private async verificationData(state: IdxState, rem: IdxRemediation): Promise<IdxState> {
    const choices = choicesOf(state, rem);
    if (choices.length === 0) throw new OktaError('Okta asked how to verify but offered no method');
    const chosenType = this.chosen?.factor.factorType;
    const chosenProvider = this.chosen?.factor.provider;
    const same = choices.find((c) => {
      const f = asFactor(c);
      return f.factorType === chosenType && f.provider === chosenProvider;
    });
    if (same) return this.submit(state, rem, { authenticator: authenticatorValue(same) });
    return this.select(state, rem);
  }

  private requireTerminal(what: string, allowPasscode: boolean): void {
    const p = this.o.prompter;
    if (p.interactive || p.answersTyped || (allowPasscode && this.passcode)) return;
    throw new LoginRequiredError(`${what} needs a terminal to type into — ${noTerminalRemedy(allowPasscode, this.o.passcodeSpent)}`);
  }

  private async code(state: IdxState, rem: IdxRemediation, field: string, authenticator?: IdxAuthenticator): Promise<IdxState> {
    const key = authenticator?.key ?? '';
    const isTotp = key === 'okta_verify' || key === 'google_otp' || field === 'credentials.totp';
    const label =
      key === 'okta_verify'
        ? 'Okta Verify code'
        : key === 'google_otp'
          ? 'Google Authenticator code'
          : key === 'okta_email'
            ? 'Code from the email'
            : key === 'phone_number'
              ? `Code from the ${authenticator?.methods?.[0]?.type === 'voice' ? 'voice call' : 'SMS'}`
              : `${authenticator?.displayName ?? 'MFA'} code`;
    this.requireTerminal(`The ${label}`, isTotp);
    const sentTo = (authenticator?.profile?.phoneNumber ?? authenticator?.profile?.email) as string | undefined;
    const announceKey = `${key}:${authenticator?.id ?? ''}`;
    if (!isTotp && this.announced !== announceKey) {
      this.announced = announceKey;
      if (this.passcode) this.o.log.warn('--passcode is ignored here: Okta sends a new code now');
      const channel = key === 'okta_email' ? 'email' : authenticator?.methods?.[0]?.type === 'voice' ? 'voice call' : 'SMS';
      this.o.prompter.notice(`Okta sent a code by ${channel}${sentTo ? ` to ${sentTo}` : ''}`);
    }
    let given = isTotp ? this.passcode : undefined;
    this.passcode = undefined;
    const digits = codeDigits(isTotp ? 'totp' : key === 'okta_email' ? 'email' : authenticator?.methods?.[0]?.type === 'voice' ? 'call' : 'sms');
    const canResend = Boolean(authenticator?.resend?.href);
    // Codes are shown while typed and checked as they are entered: a wrong shape is never sent (it counts toward lockout).
    const validate = (v: string): true | string => {
      const problem = (canResend && /^resend$/i.test(v.trim())) || !v.trim() ? undefined : codeFormatProblem(v, digits);
      return problem ? codeFormatHint(problem, digits) : true;
    };
    for (;;) {
      const fromFlag = given !== undefined;
      let input = (given ?? (await this.o.prompter.text(`${label}${canResend ? ' (or "resend")' : ''}:`, undefined, { validate }))).trim();
      given = undefined;
      const problem = input && !(canResend && /^resend$/i.test(input)) ? codeFormatProblem(input, digits) : undefined;
      if (problem) {
        if (!this.o.prompter.interactive) throw new MfaError(codeFormatStop(problem, digits, fromFlag), { code: 'code_format' });
        this.o.log.warn(codeFormatHint(problem, digits));
        continue;
      }
      input = normalizeCode(input);
      if (input.toLowerCase() === 'resend' && authenticator?.resend?.href) {
        state = await this.submit(state, authenticator.resend, {});
        this.o.prompter.notice('Okta sent a new code');
        return state;
      }
      if (!input) {
        this.o.log.warn('Nothing entered');
        if (++this.codeAttempts >= this.timing.maxCodeAttempts) throw new MfaError('No MFA code entered — run login again');
        continue;
      }
      this.codeAttempts++;
      this.answering = false;
      this.o.log.addSecret(input);
      return this.submit(state, rem, { [field]: input });
    }
  }

  private async question(state: IdxState, rem: IdxRemediation, authenticator?: IdxAuthenticator): Promise<IdxState> {
    this.requireTerminal('The security question', false);
    const text =
      authenticator?.contextualData?.enrolledQuestion?.question ??
      (authenticator?.profile?.question as string | undefined) ??
      'Answer to your security question';
    const answer = (await this.o.prompter.password(/[?:]$/.test(text) ? text : `${text}:`)).trim();
    this.codeAttempts++;
    this.answering = true;
    this.o.log.addSecret(answer);
    return this.submit(state, rem, { 'credentials.answer': answer });
  }

  /** challenge-poll: wait `refresh` ms before each poll (the first included) until the push is answered. */
  private async poll(
    state: IdxState,
    rem: IdxRemediation,
    refreshMs: number,
    correctAnswer: string | undefined,
    authenticator?: IdxAuthenticator,
  ): Promise<IdxState> {
    const now = this.o.clock.now().getTime();
    if (this.pollStarted === undefined) {
      this.pollStarted = now;
      const device = authenticator?.displayName;
      this.waiting = startProgress(this.o.prompter, `MFA (Okta Verify push${device ? ` to ${device}` : ''}) — approve on your phone…`);
    }
    if (correctAnswer !== undefined && !this.shownAnswer) {
      this.o.prompter.notice(`Tap number ${correctAnswer} in Okta Verify`, { emphasis: `Tap number ${correctAnswer}` });
      this.shownAnswer = true;
    }
    if (now - this.pollStarted >= this.timing.pushTimeoutMs) {
      throw new MfaError(`No answer to the Okta Verify push after ${Math.round(this.timing.pushTimeoutMs / 1000)} s — run login again`);
    }
    await this.o.clock.sleep(refreshMs, this.o.signal);
    return this.submit(state, rem, {}, true);
  }
}
