import { AuthenticationError, MfaError, OktaError, RateLimitError, type OktaBedrockError } from '../errors.js';
import type { OktaErrorBody } from './types.js';

/** A wrong MFA code (HTTP 403, E0000068): factor drivers catch it and re-prompt. */
export class InvalidPasscodeError extends MfaError {}

/** The state token is no longer valid (E0000011): the transaction must start over. */
export class InvalidStateTokenError extends OktaError {}

export function isOktaErrorBody(v: unknown): v is OktaErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as OktaErrorBody).errorCode === 'string';
}

/** Maps an Okta API error response to a typed error with a message that says what to do. */
export function mapOktaError(
  status: number,
  body: unknown,
  headers: Record<string, string | undefined>,
  orgUrl: string,
): OktaBedrockError {
  const err = isOktaErrorBody(body) ? body : undefined;
  const code = err?.errorCode;
  const cause = err?.errorCauses?.[0]?.errorSummary;
  const detail = err ? `${code}: ${err.errorSummary}${cause ? ` (${cause})` : ''} [errorId ${err.errorId ?? '-'}]` : `HTTP ${status}`;
  if (status === 429 || code === 'E0000047') {
    const reset = Number(headers['x-rate-limit-reset']);
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
    return new RateLimitError(
      `Okta rate limit reached${resetAt ? ` — retry after ${resetAt.toISOString()}` : ' — retry in a minute'}`,
      { detail, resetAt },
    );
  }
  switch (code) {
    case 'E0000004':
      return new AuthenticationError('Okta authentication failed — check your username and password', { detail });
    case 'E0000068':
      return new InvalidPasscodeError(`Invalid MFA code${cause ? `: ${cause}` : ''}`, { detail });
    case 'E0000011':
      return new InvalidStateTokenError('The Okta sign-in transaction expired — run the command again', { detail });
    case 'E0000069':
      return new AuthenticationError(`Your Okta account is locked — unlock it at ${orgUrl} or ask your Okta admin`, { detail });
    case 'E0000005':
    case 'E0000007':
      return new OktaError(`Okta rejected the request: ${err?.errorSummary ?? 'not found'}`, { detail });
    default:
      if (status >= 500) return new OktaError(`Okta is unavailable (HTTP ${status}) — retry in a moment`, { detail });
      return new OktaError(`Okta error: ${err?.errorSummary ?? `HTTP ${status}`}${cause ? ` — ${cause}` : ''}`, { detail });
  }
}
