import type { SimResponse } from '../http.js';
import type { OktaContext } from './context.js';
import { oktaError } from './errors.js';

const LIMIT = 600;

const resetEpoch = (ctx: OktaContext): string =>
  String(Math.floor(ctx.clock.now().getTime() / 1000) + ctx.scenario.oktaRateLimitResetSeconds);

/** Okta's X-Rate-Limit-* headers; a 429 E0000047 while the scenario asks for one. */
export const rateLimit = (ctx: OktaContext): { limited?: SimResponse; headers: Record<string, string> } => {
  if (ctx.scenario.oktaRateLimitNextRequests > 0) {
    ctx.scenario.oktaRateLimitNextRequests -= 1;
    const headers = { 'x-rate-limit-limit': String(LIMIT), 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': resetEpoch(ctx) };
    return { limited: oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers), headers };
  }
  return { headers: { 'x-rate-limit-limit': String(LIMIT), 'x-rate-limit-remaining': String(LIMIT - 1), 'x-rate-limit-reset': resetEpoch(ctx) } };
};
