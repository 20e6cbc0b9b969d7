// Fleet-scale Okta traffic: N simulated engineers (default 5,000) each running our daemon's
// schedule over a compressed working day on a fake clock, against Okta's org-wide per-minute
// rate limits (the simulator's Workforce profile). Prints requests per minute per endpoint (peak
// and mean) against each limit, the 429s seen and the credential lapses — for the client as it
// was ("before") and as it is ("after"), same random start value, same day.
//
// The clients are modelled in-process (5,000 processes would measure the machine, not Okta's
// load): the request schedule is driven by our real code — src/daemon/timing.ts (refreshAt,
// keepAliveAt, backoffMs, retryDelayMs, minValiditySeconds, the wake-up and reset spreading),
// src/okta/factors/push.ts (pushPollDelayMs) — and counted by the simulator's own limiter
// (src/simulator/okta/rate-limits.ts), bundled from src/ on the fly with esbuild.
//
// The day: laptops open between 08:45 and 09:15 (the session ended overnight → sign-in with an
// Okta Verify push, approved after 3–20 s); keep-alive of the 2 h Okta session; 1 h SAML
// credentials refreshed through the app link; the chained Bedrock role re-chained hourly (STS);
// lunch sleeps for half the fleet; an all-hands that ends at 15:00 (30% of laptops opened again
// within 2 minutes); laptops closed from 17:00.
//
// Run: node bench/fleet.mjs [--engineers 5000] [--wave-minutes 30] [--random-start 1] [--json]
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values: args } = parseArgs({
  options: {
    engineers: { type: 'string', default: '5000' },
    'wave-minutes': { type: 'string', default: '30' },
    'random-start': { type: 'string', default: '1' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const N = Number(args.engineers);
const WAVE_MIN = Number(args['wave-minutes']);
const root = new URL('..', import.meta.url).pathname;

// Our real scheduling code and the simulator's limiter, bundled from src/.
const dir = mkdtempSync(join(tmpdir(), 'okta-bedrock-fleet-'));
const entry = join(dir, 'entry.ts');
writeFileSync(
  entry,
  `export * from ${JSON.stringify(join(root, 'src/daemon/timing.ts'))};\n` +
    `export { pushPollDelayMs } from ${JSON.stringify(join(root, 'src/okta/factors/push.ts'))};\n` +
    `export { defaultFactorTiming } from ${JSON.stringify(join(root, 'src/okta/factors/types.ts'))};\n` +
    `export { DEFAULT_REFRESH_BEFORE_SECONDS } from ${JSON.stringify(join(root, 'src/config/resolve.ts'))};\n` +
    `export { MAX_RATE_LIMIT_WAIT_MS } from ${JSON.stringify(join(root, 'src/okta/client.ts'))};\n` +
    `export { OrgRateLimiter, rateLimitBuckets } from ${JSON.stringify(join(root, 'src/simulator/okta/rate-limits.ts'))};\n`,
);
await build({
  entryPoints: [entry],
  outfile: join(dir, 'code.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'error',
  define: { __OKTA_BEDROCK_VERSION__: '"bench"' },
});
const code = await import(pathToFileURL(join(dir, 'code.mjs')).href);
rmSync(dir, { recursive: true, force: true });

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY0 = Date.UTC(2026, 11, 3, 0, 0, 0);
const at = (h, m = 0) => DAY0 + h * H + m * MIN;
const END = at(19);
const SESSION_MS = 2 * H;
const CREDS_MS = 1 * H;
const REFRESH_BEFORE_MS = code.DEFAULT_REFRESH_BEFORE_SECONDS * S;
const POLL_MS = code.defaultFactorTiming.pollIntervalMs;
const PUSH_TIMEOUT_MS = code.defaultFactorTiming.pushTimeoutMs;
const SIGN_IN_GRACE_MS = 2 * MIN;

/** Deterministic PRNG (mulberry32). */
const prng = (seed) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** A binary min-heap of [time, seq, fn]. */
class Queue {
  h = [];
  seq = 0;
  push(t, fn) {
    const h = this.h;
    h.push([t, this.seq++, fn]);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (h[p][0] < h[i][0] || (h[p][0] === h[i][0] && h[p][1] < h[i][1])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop() {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const less = (a, b) => h[a][0] < h[b][0] || (h[a][0] === h[b][0] && h[a][1] < h[b][1]);
        if (l < h.length && less(l, m)) m = l;
        if (r < h.length && less(r, m)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
  get size() {
    return this.h.length;
  }
}

const PATHS = {
  authn: ['POST', '/api/v1/authn'],
  verify: ['POST', '/api/v1/authn/factors/opf1/verify'],
  cookieRedirect: ['GET', '/login/sessionCookieRedirect'],
  appLinks: ['GET', '/api/v1/users/me/appLinks'],
  appLink: ['GET', '/home/amazon_aws/0oa1/272'],
  keepAlive: ['POST', '/api/v1/sessions/me/lifecycle/refresh'],
};

/** One day of the fleet under a client policy. */
function runDay(policy) {
  const random = prng(Number(args.seed ?? args['random-start'])); // --seed: the old name
  const limiter = new code.OrgRateLimiter(code.rateLimitBuckets('workforce'));
  const perMinute = new Map(); // bucket → Map(minute → count)
  const limited = new Map(); // bucket → 429s
  const limits = new Map();
  const q = new Queue();
  let now = 0;
  let logins = 0;
  let pushes = 0;
  let stsCalls = 0;

  const count = (bucket, minute) => {
    let m = perMinute.get(bucket);
    if (!m) perMinute.set(bucket, (m = new Map()));
    m.set(minute, (m.get(minute) ?? 0) + 1);
  };

  /** One HTTP request as OktaClient sends it: a 429 whose reset is ≤30 s away is waited out (twice at most). */
  const request = (kind, t, done, waits = 0) => {
    const [method, path] = PATHS[kind];
    const d = limiter.take(method, path, t);
    const bucket = d?.bucket ?? path;
    count(bucket, Math.floor(t / MIN));
    if (d) limits.set(bucket, d.limit);
    if (!d?.limited) return done(true, t);
    limited.set(bucket, (limited.get(bucket) ?? 0) + 1);
    const wait = d.resetEpoch * S - t;
    if (waits < 2 && wait <= code.MAX_RATE_LIMIT_WAIT_MS) return q.push(d.resetEpoch * S, (tt) => request(kind, tt, done, waits + 1));
    return done(false, t, d.resetEpoch * S);
  };

  const engineers = [];
  for (let i = 0; i < N; i++) {
    const e = {
      awake: false,
      sessionExp: 0,
      credsExp: 0,
      credsLifetime: CREDS_MS,
      everSignedIn: false,
      lapseMs: 0,
      lapseCountedTo: 0,
      firstWake: 0,
      lastWake: 0,
      epoch: 0, // bumps on sleep: timers of the old epoch are frozen, as timers are in suspend
      tasks: new Map(), // key → due time (kept while asleep)
      failures: { refresh: 0, session: 0 },
      pausedUntil: 0,
      busy: false,
      sleeps: [],
    };
    const wake = at(8, 45) + random() * WAVE_MIN * MIN;
    e.firstWake = wake;
    e.sleeps.push([wake, 'wake']);
    if (random() < 0.5) {
      const s = at(12) + random() * 60 * MIN;
      e.sleeps.push([s, 'sleep'], [s + (30 + random() * 30) * MIN, 'wake']);
    }
    if (random() < 0.3) {
      const s = at(14) + random() * 30 * MIN;
      e.sleeps.push([s, 'sleep'], [at(15) + random() * 2 * MIN, 'wake']);
    }
    e.sleeps.push([at(17) + random() * 120 * MIN, 'sleep']);
    engineers.push(e);
    for (const [t, what] of e.sleeps) q.push(t, (tt) => (what === 'wake' ? onWake(e, tt) : onSleep(e, tt)));
  }

  /**
   * Adds the awake time since the last wake (or the last credentials' expiry) without valid
   * credentials, up to `t` — called when credentials are renewed, at sleep, at the end. The
   * morning sign-in gets SIGN_IN_GRACE_MS after the laptop opens.
   */
  const lapseCheck = (e, t) => {
    if (!e.awake) return;
    const from = Math.max(e.lastWake, e.everSignedIn ? e.credsExp : e.firstWake + SIGN_IN_GRACE_MS, e.lapseCountedTo);
    if (t > from) e.lapseMs += t - from;
    e.lapseCountedTo = Math.max(e.lapseCountedTo, t);
  };

  const schedule = (e, key, t) => {
    e.tasks.set(key, t);
    const epoch = e.epoch;
    q.push(t, (tt) => {
      if (e.epoch !== epoch || e.tasks.get(key) !== t || !e.awake) return;
      e.tasks.delete(key);
      run(e, key, tt);
    });
  };

  const onSleep = (e, t) => {
    lapseCheck(e, t);
    e.awake = false;
    e.epoch++;
  };

  const onWake = (e, t) => {
    e.awake = true;
    e.lastWake = t;
    e.epoch++;
    if (!e.tasks.has('refresh') && !e.everSignedIn) {
      // The morning: the daemon finds the session gone (ended overnight) and signs in with a push.
      schedule(e, 'refresh', t + random() * 2 * S);
      return;
    }
    // Scheduler.onClockJump: everything due or not is checked now (before) or spread (after).
    for (const key of [...e.tasks.keys()]) {
      const when = policy.after ? (key === 'session' ? code.wakeKeepAliveAt(t, e.sessionExp, random) : code.wakeRefreshAt(t, e.credsExp, random)) : t;
      schedule(e, key, Math.max(t, when));
    }
    lapseCheck(e, t);
  };

  const held = (e, key, t) => {
    if (!policy.after || e.pausedUntil <= t) return false;
    schedule(e, key, code.afterResetAt(e.pausedUntil, random));
    return true;
  };

  const run = (e, key, t) => {
    if (e.busy) return schedule(e, key, t + 1 * S);
    if (held(e, key, t)) return;
    if (key === 'session') return keepAlive(e, t);
    return refresh(e, t);
  };

  const noteLimit = (e, resetAt) => {
    if (policy.after && resetAt) e.pausedUntil = Math.max(e.pausedUntil, resetAt);
  };

  const keepAlive = (e, t) => {
    if (e.sessionExp <= t) return schedule(e, 'session', t + code.MAX_BACKOFF_MS); // gone: nothing to refresh
    e.busy = true;
    request('keepAlive', t, (ok, tt, resetAt) => {
      e.busy = false;
      if (ok) {
        e.failures.session = 0;
        e.sessionExp = tt + SESSION_MS;
        return schedule(e, 'session', code.keepAliveAt(tt, e.sessionExp, random));
      }
      e.failures.session++;
      noteLimit(e, resetAt);
      let delay = code.backoffMs(e.failures.session, random);
      if (policy.after && resetAt) delay = Math.min(code.MAX_BACKOFF_MS, Math.max(delay, code.afterResetAt(resetAt, random) - tt));
      schedule(e, 'session', tt + delay);
    });
  };

  const refreshed = (e, t) => {
    e.failures.refresh = 0;
    stsCalls += 2; // AssumeRoleWithSAML + the chained AssumeRole
    lapseCheck(e, t);
    e.credsExp = t + CREDS_MS;
    e.everSignedIn = true;
    schedule(e, 'refresh', code.refreshAt(e.credsExp, e.credsLifetime, REFRESH_BEFORE_MS, random));
  };

  const failed = (e, t, resetAt) => {
    e.failures.refresh++;
    noteLimit(e, resetAt);
    let delay = code.retryDelayMs(e.failures.refresh, e.credsExp - t, random);
    if (resetAt) delay = Math.min(code.MAX_BACKOFF_MS, Math.max(delay, (policy.after ? code.afterResetAt(resetAt, random) : resetAt) - t));
    schedule(e, 'refresh', t + delay);
  };

  const refresh = (e, t) => {
    // getProfileCredentials: cached credentials valid for minValidity → no request.
    const minValidityMs = code.minValiditySeconds(e.credsLifetime, REFRESH_BEFORE_MS) * S;
    if (e.credsExp - t > minValidityMs) return schedule(e, 'refresh', code.refreshAt(e.credsExp, e.credsLifetime, REFRESH_BEFORE_MS, random));
    e.busy = true;
    const finish =
      (fn) =>
      (...a) => {
        e.busy = false;
        fn(...a);
      };
    if (e.sessionExp > t) {
      // SAML refresh: the app link with the sid cookie, then STS.
      return request(
        'appLink',
        t,
        finish((ok, tt, resetAt) => (ok ? refreshed(e, tt) : failed(e, tt, resetAt))),
      );
    }
    signIn(
      e,
      t,
      finish((ok, tt, resetAt) => (ok ? refreshed(e, tt) : failed(e, tt, resetAt))),
    );
  };

  /** Keychain password + Okta Verify push: authn, the push, its polls, the session, appLinks, the app link. */
  const signIn = (e, t, done) => {
    logins++;
    request('authn', t, (ok, t1, r1) => {
      if (!ok) return done(false, t1, r1);
      pushes++;
      const approvedAt = t1 + (3 + random() * 17) * S;
      request('verify', t1 + 200, (ok2, t2, r2) => {
        if (!ok2) return done(false, t2, r2);
        let polls = 0;
        const poll = (tp) => {
          const delay = policy.after ? code.pushPollDelayMs(polls, POLL_MS) : POLL_MS;
          polls++;
          q.push(tp + delay, (tt) =>
            request('verify', tt, (ok3, t3, r3) => {
              if (!ok3 && policy.after && r3 && Math.max(r3, t3 + POLL_MS) - t2 < PUSH_TIMEOUT_MS) {
                // push.ts: a rate-limited poll waits for the reset and polls again (the push is still out).
                return q.push(Math.max(r3, t3 + POLL_MS), (tr) => poll(tr - (policy.after ? code.pushPollDelayMs(polls, POLL_MS) : POLL_MS)));
              }
              if (!ok3) return done(false, t3, r3);
              if (t3 < approvedAt) return poll(t3);
              request('cookieRedirect', t3 + 100, (ok4, t4, r4) => {
                if (!ok4) return done(false, t4, r4);
                e.sessionExp = t4 + SESSION_MS;
                if (!e.tasks.has('session')) schedule(e, 'session', code.keepAliveAt(t4, e.sessionExp, random));
                request('appLinks', t4 + 100, (ok5, t5, r5) => {
                  if (!ok5) return done(false, t5, r5);
                  request('appLink', t5 + 100, (ok6, t6, r6) => done(ok6, t6, r6));
                });
              });
            }),
          );
        };
        poll(t2);
      });
    });
  };

  while (q.size > 0) {
    const [t, , fn] = q.pop();
    if (t > END) break;
    now = t;
    fn(t);
  }
  for (const e of engineers) lapseCheck(e, Math.min(now, END));

  const rows = [];
  for (const [bucket, m] of perMinute) {
    const counts = [...m.values()];
    const total = counts.reduce((a, b) => a + b, 0);
    const peak = Math.max(...counts);
    const peakMinute = [...m].find(([, c]) => c === peak)[0];
    const peakAt = new Date(peakMinute * MIN).toISOString().slice(11, 16);
    const limit = limits.get(bucket);
    rows.push({
      bucket,
      limit: limit ?? null,
      peak,
      peakAt,
      mean: total / ((END - at(8)) / MIN),
      total,
      peakPct: limit ? (100 * peak) / limit : null,
      limited: limited.get(bucket) ?? 0,
    });
  }
  rows.sort((a, b) => (b.peakPct ?? 0) - (a.peakPct ?? 0));
  const lapsed = engineers.filter((e) => e.lapseMs > 0);
  return {
    rows,
    logins,
    pushes,
    stsCalls,
    lapses: {
      engineers: lapsed.length,
      minutes: lapsed.reduce((a, e) => a + e.lapseMs, 0) / MIN,
      worstMinutes: lapsed.reduce((a, e) => Math.max(a, e.lapseMs), 0) / MIN,
    },
  };
}

const t0 = performance.now();
const before = runDay({ after: false });
const after = runDay({ after: true });
const wallS = (performance.now() - t0) / 1000;

if (args.json) {
  console.log(JSON.stringify({ engineers: N, waveMinutes: WAVE_MIN, before, after }, null, 2));
} else {
  const show = (name, r) => {
    console.log(
      `\n${name}: ${r.logins} sign-ins (${r.pushes} pushes), ${r.stsCalls} STS calls; credential lapses while awake: ${r.lapses.engineers} engineers, ${r.lapses.minutes.toFixed(1)} min in all (worst ${r.lapses.worstMinutes.toFixed(1)} min)`,
    );
    console.log('  endpoint bucket                                        limit/min   peak/min (at)     mean/min (08–19)   peak % of limit   429s');
    for (const row of r.rows) {
      const pct = row.peakPct === null ? '—' : `${row.peakPct.toFixed(0)}%${row.peakPct < 50 ? '' : row.peakPct <= 100 ? '  (≥ half)' : '  (OVER)'}`;
      console.log(
        `  ${row.bucket.padEnd(54)} ${String(row.limit ?? '—').padStart(9)} ${String(row.peak).padStart(10)} (${row.peakAt}) ${row.mean.toFixed(1).padStart(10)}           ${pct.padEnd(16)} ${String(row.limited).padStart(6)}`,
      );
    }
  };
  console.log(
    `Fleet day: ${N} engineers, morning wave over ${WAVE_MIN} min, Okta Workforce default limits (before the license multiplier). Simulated 08:00–19:00 in ${wallS.toFixed(1)} s.`,
  );
  show('BEFORE (push polled every 2 s, wake-ups run everything at once, keep-alive 429s ignore X-Rate-Limit-Reset)', before);
  show('AFTER (push polls every 4 s after the first 2, wake-ups spread, an org 429 holds back every task until its reset + spread)', after);
}
