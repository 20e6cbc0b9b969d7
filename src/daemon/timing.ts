/**
 * When to refresh, retry and keep the Okta session alive: pure functions of times in epoch ms
 * and a random source, so the policy tests as tables and a simulated day runs in seconds.
 */
export type Random = () => number;

/** Retries never wait longer than this (the daemon must notice a recovered network soon). */
export const MAX_BACKOFF_MS = 5 * 60_000;
export const FIRST_BACKOFF_MS = 5_000;
/** The Okta session is refreshed at least this often, and at most this often. */
export const MAX_KEEPALIVE_MS = 30 * 60_000;
export const MIN_KEEPALIVE_MS = 60_000;
/**
 * Jitter is at most this long (and at most a third of the lead time). Refreshes of a fleet that
 * got its credentials together (a meeting's laptops opened at once) stay apart by that much: with
 * 1 h credentials and refresh_before 15 min they spread over the 5 minutes before the lead.
 */
export const MAX_JITTER_MS = 5 * 60_000;

/**
 * How long before expiry to refresh: `refresh_before`, or half the lifetime when credentials
 * live shorter than twice that (60-second credentials refresh after 30 s, leaving 30 s to retry).
 */
export function refreshLead(lifetimeMs: number, refreshBeforeMs: number): number {
  return Math.max(1000, Math.min(refreshBeforeMs, lifetimeMs / 2));
}

export function jitterCap(leadMs: number): number {
  return Math.min(MAX_JITTER_MS, leadMs / 3);
}

/** When to refresh credentials that expire at `expiresAtMs` (lifetime estimated by the caller). */
export function refreshAt(expiresAtMs: number, lifetimeMs: number, refreshBeforeMs: number, random: Random): number {
  const lead = refreshLead(lifetimeMs, refreshBeforeMs);
  return expiresAtMs - lead - random() * jitterCap(lead);
}

/**
 * Minimum validity (seconds) a refresh demands of cached credentials: anything due for a
 * refresh by `refreshAt` counts as stale, so a refresh never returns credentials that are due again.
 */
export function minValiditySeconds(lifetimeMs: number, refreshBeforeMs: number): number {
  const lead = refreshLead(lifetimeMs, refreshBeforeMs);
  return Math.ceil((lead + jitterCap(lead)) / 1000) + 1;
}

/** Exponential backoff with jitter ("equal jitter"): 5 s, 10 s, 20 s… capped at 5 min. */
export function backoffMs(failures: number, random: Random): number {
  const n = Math.max(1, failures);
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(n - 1, 20));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Once the credentials have lapsed, a failed refresh is retried this often (jittered ±20 %). */
export const LAPSED_PROBE_MS = 15_000;

/**
 * The wait before retrying a failed refresh: the backoff, but shorter as the current
 * credentials near their expiry (a quarter of the time left, at least 5 s), so an outage that
 * ends shortly before expiry is noticed in time. Once they have lapsed (or there are none),
 * every minute without credentials counts: probe every ~15 s instead of the 5-min backoff cap,
 * so the daemon recovers within seconds of the network coming back.
 */
export function retryDelayMs(failures: number, msUntilExpiry: number | undefined, random: Random): number {
  const b = backoffMs(failures, random);
  if (msUntilExpiry === undefined || msUntilExpiry <= 0) return Math.min(b, Math.round(LAPSED_PROBE_MS * (0.8 + 0.4 * random())));
  return Math.min(b, Math.max(FIRST_BACKOFF_MS, msUntilExpiry / 4));
}

/** Next Okta session keep-alive: halfway to the session's expiry, within 1–30 min, a little early. */
export function keepAliveAt(nowMs: number, sessionExpiresAtMs: number, random: Random): number {
  const half = (sessionExpiresAtMs - nowMs) / 2;
  const interval = Math.max(MIN_KEEPALIVE_MS, Math.min(MAX_KEEPALIVE_MS, half));
  return nowMs + interval - random() * interval * 0.1;
}

/** After a laptop wakes, pulled-in keep-alives are spread over up to this long (fleet-wide wake-ups). */
export const WAKE_KEEPALIVE_SPREAD_MS = 10 * 60_000;
/** …and profile checks over up to this long (short: their credentials may have lapsed in the sleep). */
export const WAKE_REFRESH_SPREAD_MS = 2 * 60_000;
/**
 * After an org's rate-limit window resets, the held-back work resumes spread over this long: one
 * more per-minute window, so it does not refill the next one at once (bench/fleet.mjs: 20 s gave a
 * fleet 17% more sign-ins and a worst lapse of 10.8 min instead of 5.6).
 */
export const RESET_SPREAD_MS = 60_000;

/**
 * When a keep-alive pulled in by a wake-up runs: within WAKE_KEEPALIVE_SPREAD_MS, and within half
 * of the session's time left (a session about to end is kept alive soon). Thousands of laptops
 * opened as one meeting ends would otherwise hit /api/v1/sessions (750/min org-wide) in one second.
 */
export function wakeKeepAliveAt(nowMs: number, sessionExpiresAtMs: number | undefined, random: Random): number {
  const left = sessionExpiresAtMs === undefined ? WAKE_KEEPALIVE_SPREAD_MS : (sessionExpiresAtMs - nowMs) / 2;
  return nowMs + random() * Math.max(0, Math.min(WAKE_KEEPALIVE_SPREAD_MS, left));
}

/**
 * When a profile check pulled in by a wake-up runs: within WAKE_REFRESH_SPREAD_MS when its
 * credentials lapsed in the sleep (or are about to), else within half their time left (at most
 * WAKE_KEEPALIVE_SPREAD_MS) — the app link serves 750/min org-wide, and a meeting's laptops wake as one.
 */
export function wakeRefreshAt(nowMs: number, credentialsExpireAtMs: number | undefined, random: Random): number {
  const left = credentialsExpireAtMs === undefined ? 0 : credentialsExpireAtMs - nowMs;
  const window = left > 2 * WAKE_REFRESH_SPREAD_MS ? Math.min(WAKE_KEEPALIVE_SPREAD_MS, left / 2) : WAKE_REFRESH_SPREAD_MS;
  return nowMs + random() * window;
}

/** When work held back by an org's 429 resumes: after X-Rate-Limit-Reset, spread so it does not all land in the window's first second. */
export function afterResetAt(resetAtMs: number, random: Random): number {
  return resetAtMs + random() * RESET_SPREAD_MS;
}
