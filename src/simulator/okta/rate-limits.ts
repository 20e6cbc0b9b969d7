/**
 * Okta's org-wide rate limits: each endpoint bucket allows N requests per minute to the whole org;
 * every answer carries X-Rate-Limit-Limit / -Remaining / -Reset (epoch seconds, the end of the
 * current minute) and a request over the limit gets HTTP 429 E0000047 "API call exceeded rate
 * limit due to too many requests." (developer.okta.com/docs/reference/rl-global-enduser/,
 * …/rate-limits/ "Check your rate limits with Okta's rate limit headers").
 *
 * Pure (no I/O, time passed in): the simulator and bench/fleet.mjs count with the same code.
 */

/** One rate-limit bucket: a name as Okta's tables print it and the paths it covers. */
export interface RateLimitBucket {
  /** As in Okta's tables (`/api/v1/authn`); `--rate-limit PATH:N` names a bucket by this or by a path it covers. */
  name: string;
  perMinute: number;
  matches: (method: string, path: string) => boolean;
}

const exact = (re: RegExp) => (_method: string, path: string) => re.test(path);

/**
 * The Workforce Identity defaults of Okta's "Authentication/End-user rate limits" table (per org,
 * per minute, before the Workforce license multiplier): authn 500, factor verify 500, sessions
 * 750, `/app/{app}/{key}/sso/saml` 750, `/login/login.htm` 850, org authorization server
 * `/oauth2/v1/*` 2,000. appLinks sits in the Management table's `/api/v1/users*` family (600).
 * The app link `/home/{app}/{key}/{n}` is counted with the SSO page it leads to (Okta redirects
 * one to the other; this simulator serves the form straight from the link). The most specific
 * bucket wins (factor verify is not counted as /api/v1/authn).
 */
export const workforceBuckets = (): RateLimitBucket[] => [
  { name: '/api/v1/authn/factors/{factorIdOrFactorType}/verify', perMinute: 500, matches: exact(/^\/api\/v1\/authn\/factors\/[^/]+\/verify$/) },
  { name: '/api/v1/authn', perMinute: 500, matches: exact(/^\/api\/v1\/authn(\/.*)?$/) },
  { name: '/api/v1/sessions', perMinute: 750, matches: exact(/^\/api\/v1\/sessions(\/.*)?$/) },
  { name: '/api/v1/users/me/appLinks', perMinute: 600, matches: exact(/^\/api\/v1\/users\/me\/appLinks$/) },
  { name: '/app/{app}/{key}/sso/saml', perMinute: 750, matches: exact(/^\/(app\/[^/]+\/[^/]+\/sso\/saml|home\/[^/]+\/[^/]+\/\d+)$/) },
  { name: '/login/login.htm', perMinute: 850, matches: exact(/^\/login\/login\.htm$/) },
  { name: '/oauth2/v1/token', perMinute: 2000, matches: exact(/^\/oauth2\/v1\/token$/) },
  { name: '/oauth2/v1', perMinute: 2000, matches: exact(/^\/oauth2\/v1\/.*/) },
];

export type RateLimitProfile = 'off' | 'workforce';

export interface RateLimitDecision {
  bucket: string;
  limit: number;
  remaining: number;
  /** Epoch seconds when the bucket's minute ends. */
  resetEpoch: number;
  limited: boolean;
}

/** Parses `PATH:N` (`/api/v1/authn:100`); the path may itself contain colons. */
export const parseRateLimitOverride = (spec: string): { path: string; perMinute: number } | undefined => {
  const at = spec.lastIndexOf(':');
  if (at <= 0) return undefined;
  const path = spec.slice(0, at);
  const perMinute = Number(spec.slice(at + 1));
  if (!path.startsWith('/') || !Number.isInteger(perMinute) || perMinute < 0) return undefined;
  return { path, perMinute };
};

/**
 * The buckets in force: the profile's, with `overrides` (path → per-minute) applied. An override
 * names a bucket (by its table name or a path it covers); a path no bucket covers becomes a bucket
 * of its own covering that path and everything under it.
 */
export const rateLimitBuckets = (profile: RateLimitProfile, overrides: Record<string, number> = {}): RateLimitBucket[] => {
  const all = workforceBuckets();
  const inForce = new Map<string, RateLimitBucket>(profile === 'workforce' ? all.map((b) => [b.name, b]) : []);
  const extra: RateLimitBucket[] = [];
  for (const [path, perMinute] of Object.entries(overrides)) {
    const known = all.find((b) => b.name === path) ?? all.find((b) => b.matches('GET', path) || b.matches('POST', path));
    if (known) inForce.set(known.name, { ...known, perMinute });
    else extra.push({ name: path, perMinute, matches: (_m, p) => p === path || p.startsWith(path.endsWith('/') ? path : `${path}/`) });
  }
  return [...extra, ...all.filter((b) => inForce.has(b.name)).map((b) => inForce.get(b.name) as RateLimitBucket)];
};

/** Counts requests per bucket in fixed one-minute windows, as Okta's X-Rate-Limit-Reset describes. */
export class OrgRateLimiter {
  private readonly windows = new Map<string, { minute: number; count: number }>();

  constructor(private readonly buckets: RateLimitBucket[]) {}

  bucketFor(method: string, path: string): RateLimitBucket | undefined {
    return this.buckets.find((b) => b.matches(method, path));
  }

  /** Counts one request at `nowMs`; undefined when no bucket covers the path. */
  take(method: string, path: string, nowMs: number): RateLimitDecision | undefined {
    const bucket = this.bucketFor(method, path);
    if (!bucket) return undefined;
    const minute = Math.floor(nowMs / 60_000);
    let w = this.windows.get(bucket.name);
    if (!w || w.minute !== minute) {
      w = { minute, count: 0 };
      this.windows.set(bucket.name, w);
    }
    const limited = w.count >= bucket.perMinute;
    if (!limited) w.count++;
    return { bucket: bucket.name, limit: bucket.perMinute, remaining: Math.max(0, bucket.perMinute - w.count), resetEpoch: (minute + 1) * 60, limited };
  }
}
