import { describe, expect, it } from 'vitest';
import { Timetable, runLoop } from '../../../src/daemon/scheduler.js';
import { FakeClock } from '../../../src/platform/clock.js';
import {
  MAX_BACKOFF_MS,
  backoffMs,
  keepAliveAt,
  minValiditySeconds,
  refreshAt,
  refreshLead,
  retryDelayMs,
  afterResetAt,
  wakeKeepAliveAt,
  wakeRefreshAt,
} from '../../../src/daemon/timing.js';
import { pushPollDelayMs } from '../../../src/okta/factors/push.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('refresh timing', () => {
  it.each([
    // lifetime, refresh_before, lead
    [HOUR, 15 * MIN, 15 * MIN],
    [12 * HOUR, 15 * MIN, 15 * MIN],
    [20 * MIN, 15 * MIN, 10 * MIN],
    [60_000, 15 * MIN, 30_000],
    [HOUR, 45 * MIN, 30 * MIN],
  ])('lifetime %d ms, refresh_before %d ms → refresh %d ms before expiry', (lifetime, before, lead) => {
    expect(refreshLead(lifetime, before)).toBe(lead);
    const exp = 10 * HOUR;
    expect(refreshAt(exp, lifetime, before, () => 0)).toBe(exp - lead);
    // Jitter moves it earlier by at most a third of the lead (and at most 5 minutes).
    const jittered = refreshAt(exp, lifetime, before, () => 0.999);
    expect(jittered).toBeLessThan(exp - lead);
    expect(exp - lead - jittered).toBeLessThanOrEqual(Math.min(5 * MIN, lead / 3));
  });

  it('a refresh demands more validity than the jittered refresh time leaves', () => {
    for (const [lifetime, before] of [
      [HOUR, 15 * MIN],
      [60_000, 15 * MIN],
      [20 * MIN, 5 * MIN],
    ] as const) {
      const exp = 10 * HOUR;
      const earliest = refreshAt(exp, lifetime, before, () => 0.999999);
      expect(minValiditySeconds(lifetime, before) * 1000).toBeGreaterThan(exp - earliest);
    }
  });

  it('backoff doubles from 5 s with jitter and is capped at 5 minutes', () => {
    expect(backoffMs(1, () => 0)).toBe(2500);
    expect(backoffMs(1, () => 1)).toBe(5000);
    expect(backoffMs(2, () => 1)).toBe(10_000);
    expect(backoffMs(4, () => 1)).toBe(40_000);
    for (const n of [7, 8, 20, 1000]) {
      expect(backoffMs(n, () => 1)).toBe(MAX_BACKOFF_MS);
      expect(backoffMs(n, () => 0)).toBe(MAX_BACKOFF_MS / 2);
    }
  });

  it('retries sooner as the credentials near expiry, never faster than every 5 s', () => {
    expect(retryDelayMs(10, 4 * MIN, () => 1)).toBe(MIN);
    expect(retryDelayMs(10, 10_000, () => 1)).toBe(5000);
    // Lapsed (or no) credentials: probe every ~15 s, jittered, never the 5-min cap (issue 14 item 5).
    expect(retryDelayMs(10, undefined, () => 1)).toBe(18_000);
    expect(retryDelayMs(10, -MIN, () => 0)).toBe(12_000);
    expect(retryDelayMs(1, -MIN, () => 0)).toBe(2500);
  });

  it('keeps the Okta session alive halfway to its expiry, between 1 and 30 minutes', () => {
    expect(keepAliveAt(0, 2 * HOUR, () => 0)).toBe(30 * MIN);
    expect(keepAliveAt(0, 20 * MIN, () => 0)).toBe(10 * MIN);
    expect(keepAliveAt(0, 30_000, () => 0)).toBe(MIN);
    expect(keepAliveAt(0, -HOUR, () => 0)).toBe(MIN);
  });
});

describe('Timetable and the loop', () => {
  it('hands out due keys earliest first and removes them', () => {
    const t = new Timetable<string>();
    t.schedule('b', 20);
    t.schedule('a', 10);
    t.schedule('c', 30);
    expect(t.next()).toBe(10);
    expect(t.takeDue(25)).toEqual(['a', 'b']);
    expect(t.keys()).toEqual(['c']);
    t.pullIn(5);
    expect(t.dueAt('c')).toBe(5);
  });

  it('sleeps in short slices, runs tasks when due, and reports a wall-clock jump', async () => {
    const clock = new FakeClock(0);
    const t = new Timetable<string>();
    t.schedule('task', 95_000);
    const runs: number[] = [];
    const sleeps: number[] = [];
    const jumps: number[] = [];
    const stop = new AbortController();
    const sleeping = {
      now: () => clock.now(),
      sleep: async (ms: number) => {
        sleeps.push(ms);
        clock.advance(ms);
        if (clock.now().getTime() === 60_000) clock.advance(HOUR); // suspended for an hour
        if (clock.now().getTime() > 2 * HOUR) stop.abort();
      },
    };
    await runLoop(t, {
      clock: sleeping,
      signal: stop.signal,
      tickMs: 30_000,
      run: async (k) => {
        runs.push(clock.now().getTime());
        t.schedule(k, clock.now().getTime() + HOUR);
      },
      onClockJump: (gap) => jumps.push(gap),
    });
    expect(sleeps.slice(0, 2)).toEqual([30_000, 30_000]);
    expect(jumps).toEqual([HOUR]);
    // Due at 95 s; after the jump the clock reads 1 h 1 min: it runs at once.
    expect(runs[0]).toBe(HOUR + 60_000);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(30_000);
  });

  it('a stuck task is aborted by its watchdog and the others keep running (issue 14)', async () => {
    const t = new Timetable<string>();
    t.schedule('stuck', 0);
    t.schedule('other', 1);
    const stop = new AbortController();
    const ran: string[] = [];
    const overdue: string[] = [];
    let aborted = false;
    const clock = {
      now: () => new Date(),
      sleep: (ms: number, signal?: AbortSignal) =>
        new Promise<void>((r, j) => {
          const timer = setTimeout(r, Math.min(ms, 20));
          signal?.addEventListener('abort', () => (clearTimeout(timer), j(new Error('stopped'))), { once: true });
        }),
    };
    const loop = runLoop(t, {
      clock,
      signal: stop.signal,
      tickMs: 20,
      watchdogMs: 100,
      onOverdue: (k) => overdue.push(k),
      run: async (k, signal) => {
        ran.push(k);
        if (k === 'stuck') {
          signal.addEventListener('abort', () => (aborted = true));
          await new Promise(() => undefined); // ignores the abort: never settles
        }
        t.schedule(k, Date.now() + 30);
        if (ran.filter((r) => r === 'other').length >= 3) stop.abort();
      },
    });
    await loop;
    expect(overdue).toEqual(['stuck']);
    expect(aborted).toBe(true);
    expect(ran.filter((r) => r === 'other').length).toBeGreaterThanOrEqual(3);
    // Never started twice while it is still running.
    expect(ran.filter((r) => r === 'stuck')).toHaveLength(1);
  });

  it('pullIn wakes a sleeping loop at once (SIGHUP, wake, network change; issue 14 item 5)', async () => {
    const t = new Timetable<string>();
    t.schedule('task', Date.now() + 60_000);
    const stop = new AbortController();
    const { systemClock } = await import('../../../src/platform/clock.js');
    let ranAt = 0;
    const loop = runLoop(t, {
      clock: systemClock,
      signal: stop.signal,
      tickMs: 30_000,
      run: async () => {
        ranAt = Date.now();
        stop.abort();
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    const pulled = Date.now();
    t.pullIn(Date.now());
    await loop;
    expect(ranAt - pulled).toBeLessThan(500);
  });
});

describe('fleet spreading', () => {
  const now = 10 * HOUR;
  it('wake-ups spread keep-alives over up to 10 min, within half the session left', () => {
    expect(wakeKeepAliveAt(now, now + 2 * HOUR, () => 0.999) - now).toBeLessThanOrEqual(10 * MIN);
    expect(wakeKeepAliveAt(now, now + 2 * HOUR, () => 0.999) - now).toBeGreaterThan(9 * MIN);
    expect(wakeKeepAliveAt(now, now + 4 * MIN, () => 0.999) - now).toBeLessThanOrEqual(2 * MIN);
    expect(wakeKeepAliveAt(now, now - MIN, () => 0.5)).toBe(now);
  });

  it('wake-ups spread profile checks: lapsed credentials within 2 min, valid ones within half their time left (≤ 10 min)', () => {
    expect(wakeRefreshAt(now, undefined, () => 0.999) - now).toBeLessThanOrEqual(2 * MIN);
    expect(wakeRefreshAt(now, now - HOUR, () => 0.999) - now).toBeLessThanOrEqual(2 * MIN);
    expect(wakeRefreshAt(now, now + HOUR, () => 0.999) - now).toBeGreaterThan(9 * MIN);
    expect(wakeRefreshAt(now, now + 10 * MIN, () => 0.999) - now).toBeLessThanOrEqual(5 * MIN);
  });

  it('work held back by a 429 resumes after the reset, spread over a minute (one more rate-limit window)', () => {
    expect(afterResetAt(now, () => 0)).toBe(now);
    expect(afterResetAt(now, () => 0.999) - now).toBeGreaterThan(55_000);
    expect(afterResetAt(now, () => 0.999) - now).toBeLessThan(60_000);
  });

  it('push polls: the base interval twice, then twice the interval (2 s, 2 s, then every 4 s)', () => {
    expect([0, 1, 2, 3, 10].map((n) => pushPollDelayMs(n, 2000))).toEqual([2000, 2000, 4000, 4000, 4000]);
  });
});
