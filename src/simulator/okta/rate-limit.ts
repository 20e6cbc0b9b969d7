import { html, type SimRequest, type SimResponse } from '../http.js';
import type { OktaContext } from './context.js';
import { oktaError } from './errors.js';
import { OrgRateLimiter, rateLimitBuckets } from './rate-limits.js';

/** What /api/v1 answers advertise when no rate-limit profile is on (the scripted 429s only). */
const LIMIT = 600;

const resetEpoch = (ctx: OktaContext): string => String(Math.floor(ctx.clock.now().getTime() / 1000) + ctx.scenario.oktaRateLimitResetSeconds);

const limiters = new WeakMap<OktaContext, { key: string; limiter: OrgRateLimiter }>();

/** The org's limiter for the scenario's profile and overrides (rebuilt when a test changes them). */
const limiterOf = (ctx: OktaContext): OrgRateLimiter | undefined => {
  const { oktaRateLimitProfile: profile, oktaRateLimits: overrides } = ctx.scenario;
  if (profile === 'off' && Object.keys(overrides).length === 0) return undefined;
  const key = JSON.stringify([profile, overrides]);
  const held = limiters.get(ctx);
  if (held?.key === key) return held.limiter;
  const limiter = new OrgRateLimiter(rateLimitBuckets(profile, overrides));
  limiters.set(ctx, { key, limiter });
  return limiter;
};

const E0000047 = 'API call exceeded rate limit due to too many requests.';

/** Okta answers API callers with the E0000047 error object and browsers with an HTML page (both 429). */
const tooMany = (req: SimRequest, headers: Record<string, string>): SimResponse =>
  req.url.pathname.startsWith('/api/') || req.url.pathname.startsWith('/oauth2/')
    ? oktaError(429, 'E0000047', E0000047, [], headers)
    : html(429, '<!DOCTYPE html>\n<html><head><title>Too Many Requests</title></head><body><h1>429 Too Many Requests</h1></body></html>\n', headers);

/**
 * Okta's X-Rate-Limit-* headers and 429 E0000047: the scripted `oktaRateLimitNextRequests` on
 * /api/v1, then the org-wide per-minute buckets of `oktaRateLimitProfile` / `oktaRateLimits`.
 */
export const rateLimit = (ctx: OktaContext, req: SimRequest): { limited?: SimResponse; headers: Record<string, string> } => {
  const isApi = req.url.pathname.startsWith('/api/');
  if (isApi && ctx.scenario.oktaRateLimitNextRequests > 0) {
    ctx.scenario.oktaRateLimitNextRequests -= 1;
    const headers = { 'x-rate-limit-limit': String(LIMIT), 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': resetEpoch(ctx) };
    return { limited: oktaError(429, 'E0000047', E0000047, [], headers), headers };
  }
  const decision = limiterOf(ctx)?.take(req.method, req.url.pathname, ctx.clock.now().getTime());
  if (decision) {
    const headers = {
      'x-rate-limit-limit': String(decision.limit),
      'x-rate-limit-remaining': String(decision.remaining),
      'x-rate-limit-reset': String(decision.resetEpoch),
    };
    return decision.limited ? { limited: tooMany(req, headers), headers } : { headers };
  }
  if (!isApi) return { headers: {} };
  return { headers: { 'x-rate-limit-limit': String(LIMIT), 'x-rate-limit-remaining': String(LIMIT - 1), 'x-rate-limit-reset': resetEpoch(ctx) } };
};
