import { AuthenticationError, MfaError, OktaError, RateLimitError, type OktaBedrockError } from '../errors.js';
import type { OktaErrorBody } from './types.js';

/** A wrong MFA code or answer (HTTP 403, E0000068): factor drivers catch it and re-prompt. */
export class InvalidPasscodeError extends MfaError {}

/** A code was sent too recently to send another (HTTP 429, E0000109 / E0000133 / E0000118). */
export class ResendTooSoonError extends MfaError {}

/** The state token is no longer valid (E0000011): the transaction must start over. */
export class InvalidStateTokenError extends OktaError {}

/** Okta's answers to "send another code" too soon: SMS and voice call once per 30 s, email per 5 s. */
export const RESEND_TOO_SOON_CODES = new Set(['E0000109', 'E0000133', 'E0000118']);

export function isOktaErrorBody(v: unknown): v is OktaErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as OktaErrorBody).errorCode === 'string';
}

/** "in 45 s", "in 3 min" — how long until `at`. */
function fromNow(at: Date, now: Date): string {
  const s = Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
  return s < 120 ? `in ${s} s` : `in ${Math.ceil(s / 60)} min`;
}

export interface MapErrorContext {
  orgUrl: string;
  now: Date;
  /** When Okta's rate limit window resets (from X-Rate-Limit-Reset, corrected for clock skew). */
  rateLimitResetAt?: Date;
}

/** Maps an Okta API error response to a typed error with a message that says what to do. */
export function mapOktaError(status: number, body: unknown, context: MapErrorContext): OktaBedrockError {
  const err = isOktaErrorBody(body) ? body : undefined;
  const code = err?.errorCode;
  const cause = err?.errorCauses?.[0]?.errorSummary;
  const errorCode = code ?? `http_${status}`;
  const detail = err ? `${code}: ${err.errorSummary}${cause ? ` (${cause})` : ''} [errorId ${err.errorId ?? '-'}]` : `HTTP ${status}`;
  if (code && RESEND_TOO_SOON_CODES.has(code)) {
    return new ResendTooSoonError(`Okta: ${err?.errorSummary ?? 'a code was sent recently'}`, { detail, code: errorCode });
  }
  if (status === 429 || code === 'E0000047') {
    const resetAt = context.rateLimitResetAt;
    const when = resetAt ? `retry after ${resetAt.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${fromNow(resetAt, context.now)})` : 'retry in a minute';
    return new RateLimitError(`Okta rate limit reached (too many requests) — ${when}`, { detail, resetAt, code: errorCode });
  }
  switch (code) {
    case 'E0000004':
      return new AuthenticationError('Okta authentication failed', { remedy: 'check your username and password', detail, code: errorCode });
    case 'E0000068':
      return new InvalidPasscodeError(`Invalid MFA code${cause ? `: ${cause}` : ''}`, { detail, code: errorCode });
    case 'E0000011':
      return new InvalidStateTokenError('The Okta sign-in transaction expired — run the command again', { detail, code: errorCode });
    case 'E0000069':
      return new AuthenticationError(`Your Okta account is locked`, {
        remedy: `unlock it at ${context.orgUrl} or ask your Okta admin`,
        detail,
        code: errorCode,
      });
    case 'E0000079':
      return new OktaError('Okta refused this step of the sign-in (not allowed in the current state) — run login again', { detail, code: errorCode });
    case 'E0000005':
    case 'E0000007':
      return new OktaError(`Okta rejected the request: ${err?.errorSummary ?? 'not found'}`, { detail, code: errorCode });
    default:
      if (status >= 500) return new OktaError(`Okta is unavailable (HTTP ${status}) — retry in a moment`, { detail, code: errorCode });
      return new OktaError(`Okta error: ${err?.errorSummary ?? `HTTP ${status}`}${cause ? ` — ${cause}` : ''}`, { detail, code: errorCode });
  }
}
