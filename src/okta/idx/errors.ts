import { AuthenticationError, MfaError, OktaError, RateLimitError, type OktaBedrockError } from '../../errors.js';
import { InvalidPasscodeError, InvalidStateTokenError } from '../errors.js';
import type { IdxMessage } from './types.js';

/** Shared with the browser hand-off: a policy no API path can satisfy from a command line. */
export const UNSATISFIABLE_POLICY = 'unsatisfiable_policy';

/** A remediation this tool cannot satisfy: one line naming what the org's policy asks for. */
export function unsatisfiable(what: string, orgUrl: string, detail?: string): OktaBedrockError {
  return new MfaError(
    `The Okta sign-in policy asks for ${what}, which cannot be done from a command line — sign in at ${orgUrl} in a browser, or ask your Okta admin for a policy that allows an authenticator okta-bedrock supports`,
    { code: UNSATISFIABLE_POLICY, detail },
  );
}

const keyOf = (m: IdxMessage): string => m.i18n?.key ?? '';

/** A wrong code or answer (re-asked on a terminal). */
export function isInvalidCode(m: IdxMessage): boolean {
  return /PASSCODE_INVALID|invalid_passcode|used_passcode|answer_invalid|invalid_answer|challenge\.answer\.invalid|passcode\.invalid/i.test(keyOf(m));
}

/**
 * Maps the IDX `messages` of a failed step to a typed error with today's exit codes and a
 * one-line fix (i18n keys as in the widget's mocks: errors.E0000004 for a wrong password or an
 * unknown user, incorrectPassword, api.authn.error.PASSCODE_INVALID, push_rejected,
 * idx.session.expired, tooManyRequests, idx.error.user.not.assigned.to.app).
 */
export function idxError(messages: IdxMessage[], ctx: { orgUrl: string; status: number; resetAt?: Date }): OktaBedrockError {
  const first = messages[0];
  const key = first ? keyOf(first) : '';
  const text = first?.message ?? `HTTP ${ctx.status}`;
  const code = key || `http_${ctx.status}`;
  const detail = messages.map((m) => `${keyOf(m) || '-'}: ${m.message ?? ''}`).join('; ') || `HTTP ${ctx.status}`;
  const all = messages.map(keyOf).join(' ');
  if (ctx.status === 429 || /tooManyRequests|E0000047/.test(all)) {
    return new RateLimitError(
      `Okta rate limit reached (too many requests) — ${ctx.resetAt ? `retry after ${ctx.resetAt.toISOString()}` : 'retry in a minute'}`,
      {
        code,
        detail,
        resetAt: ctx.resetAt,
      },
    );
  }
  if (/E0000119|locked/i.test(all) || /account is locked|locked out/i.test(text)) {
    return new AuthenticationError(`Your Okta account is locked out — unlock it at ${ctx.orgUrl} or ask your Okta admin`, { code, detail });
  }
  if (/E0000004|incorrectPassword|password\.invalid|authentication\.failed/i.test(all)) {
    return new AuthenticationError('Okta authentication failed — check your username and password', { code, detail });
  }
  if (messages.some(isInvalidCode)) return new InvalidPasscodeError(`Invalid MFA code: ${text}`, { code, detail });
  if (/push_rejected/.test(all)) {
    return new MfaError('The Okta Verify push was rejected on your phone — run login again, or use --factor totp', { code, detail });
  }
  if (/timed_out|timeout|expired_push|push_expired/i.test(all)) {
    return new MfaError('The Okta Verify push timed out — run login again and approve it on your phone', { code, detail });
  }
  if (/E0000150|E0000109|E0000133|ratelimit/i.test(all)) {
    return new MfaError(`Okta: ${text} — wait a minute, then run login again (or use --factor with another factor)`, { code, detail });
  }
  if (/idx\.session\.expired|expired\.session|E0000011|stateHandle|state\.handle|transaction_resource_not_found/i.test(all)) {
    return new InvalidStateTokenError('The Okta sign-in transaction expired — run the command again', { code, detail });
  }
  if (/suspended_factor/.test(all)) {
    return new MfaError(`Okta suspended this authenticator after too many failed attempts — wait, or ask your Okta admin (${ctx.orgUrl})`, { code, detail });
  }
  if (/not\.assigned/.test(all)) {
    return new OktaError('Okta says the AWS app is not assigned to you — ask your Okta admin to assign it (or check --app)', { code, detail });
  }
  if (/assurance|access_denied/i.test(all)) {
    return new MfaError(`Okta refused the sign-in: ${text} — sign in at ${ctx.orgUrl} in a browser to see what the policy asks for`, {
      code: /assurance/.test(all) ? UNSATISFIABLE_POLICY : code,
      detail,
    });
  }
  if (ctx.status >= 500) return new OktaError(`Okta is unavailable (HTTP ${ctx.status}) — retry in a moment`, { code, detail });
  return new OktaError(`Okta: ${text}`, { code, detail });
}
