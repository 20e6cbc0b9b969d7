/**
 * The daemon's timetable and its loop. Pure logic driven by an injected Clock: nothing here
 * does I/O, so a fake clock runs a simulated day in seconds.
 *
 * The loop sleeps in short slices (`tickMs`) and compares the wall clock before and after each
 * one: after a laptop sleep, timers resume where they stopped (they run on a monotonic clock
 * that stops in suspend) but the wall clock has jumped, so the jump is noticed within one
 * slice and everything that fell due meanwhile runs at once.
 */
import type { Clock } from '../platform/clock.js';
import { linkedSignal } from '../platform/linked-signal.js';

export class Timetable<K> {
  private readonly at = new Map<K, number>();
  /** Set by the loop while it sleeps: pullIn wakes it (SIGHUP, a wake or network change retry at once). */
  waker?: () => void;

  schedule(key: K, atMs: number): void {
    this.at.set(key, atMs);
  }

  cancel(key: K): void {
    this.at.delete(key);
  }

  has(key: K): boolean {
    return this.at.has(key);
  }

  dueAt(key: K): number | undefined {
    return this.at.get(key);
  }

  keys(): K[] {
    return [...this.at.keys()];
  }

  /** Keys due at `nowMs`, earliest first, removed from the table (the task reschedules itself). */
  takeDue(nowMs: number): K[] {
    const due = [...this.at].filter(([, t]) => t <= nowMs).sort((a, b) => a[1] - b[1]);
    for (const [k] of due) this.at.delete(k);
    return due.map(([k]) => k);
  }

  /** Moves everything scheduled later than `atMs` to `atMs` (after a clock jump). */
  pullIn(atMs: number, keys: Iterable<K> = this.at.keys()): void {
    for (const k of [...keys]) {
      const t = this.at.get(k);
      if (t !== undefined && t > atMs) this.at.set(k, atMs);
    }
    this.waker?.();
  }

  next(): number | undefined {
    let min: number | undefined;
    for (const t of this.at.values()) if (min === undefined || t < min) min = t;
    return min;
  }
}

export interface LoopOptions<K> {
  clock: Clock;
  signal: AbortSignal;
  /** Longest single sleep (default 30 s). */
  tickMs?: number;
  /** A wall-clock difference beyond this counts as a jump (default 10 s). */
  jumpToleranceMs?: number;
  /** Before each pass (e.g. pick up profiles added since). */
  beforePass?: () => Promise<void>;
  /** One task; `signal` aborts when its watchdog fires (or the loop stops). */
  run: (key: K, signal: AbortSignal) => Promise<void>;
  onClockJump?: (gapMs: number) => void;
  /**
   * Real-time budget of one task (default 5 min: a push sign-in waits up to 2 min). A task past
   * it is aborted and left behind so the others keep running; it is not started again until it
   * has settled.
   */
  watchdogMs?: number;
  /** A task ran past its watchdog (it is still running, aborted). */
  onOverdue?: (key: K, startedAtMs: number) => void;
}

export const DEFAULT_TICK_MS = 30_000;
export const DEFAULT_WATCHDOG_MS = 5 * 60_000;

/**
 * Runs `task`, waiting at most `watchdogMs` of real time (timers, not the injected clock: the
 * watchdog guards against real hangs). True when it settled in time.
 */
function settlesWithin(task: Promise<void>, watchdogMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), watchdogMs);
    timer.unref?.();
    void task.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Runs due tasks one at a time until `signal` aborts; a stuck task is left behind by its watchdog. */
export async function runLoop<K>(table: Timetable<K>, o: LoopOptions<K>): Promise<void> {
  const tickMs = o.tickMs ?? DEFAULT_TICK_MS;
  const tolerance = o.jumpToleranceMs ?? 10_000;
  const watchdogMs = o.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  /** Tasks left behind by their watchdog, still settling. */
  const stuck = new Set<K>();
  while (!o.signal.aborted) {
    await o.beforePass?.();
    for (const key of table.takeDue(o.clock.now().getTime())) {
      if (o.signal.aborted) return;
      if (stuck.has(key)) {
        // Still running since its watchdog fired: look again later, never run it twice at once.
        table.schedule(key, o.clock.now().getTime() + Math.min(tickMs, watchdogMs));
        continue;
      }
      const abort = new AbortController();
      const onStop = (): void => abort.abort(o.signal.reason);
      o.signal.addEventListener('abort', onStop, { once: true });
      const startedAt = o.clock.now().getTime();
      const task = o.run(key, abort.signal).then(
        () => undefined,
        () => undefined,
      );
      const settle = (): void => {
        o.signal.removeEventListener('abort', onStop);
        stuck.delete(key);
      };
      if (await settlesWithin(task, watchdogMs)) {
        settle();
        continue;
      }
      stuck.add(key);
      abort.abort(new DOMException('The task ran past its watchdog', 'TimeoutError'));
      void task.then(settle);
      o.onOverdue?.(key, startedAt);
      if (!table.has(key)) table.schedule(key, o.clock.now().getTime() + Math.min(tickMs, watchdogMs));
    }
    const now = o.clock.now().getTime();
    const next = table.next();
    const wait = Math.max(0, Math.min(tickMs, next === undefined ? tickMs : next - now));
    if (wait === 0) continue;
    const nap = new AbortController();
    const link = linkedSignal([o.signal, nap.signal]);
    table.waker = () => nap.abort();
    try {
      await o.clock.sleep(wait, link.signal);
    } catch {
      if (o.signal.aborted) return;
      continue; // woken early by pullIn: run what is due now (no clock-jump check on a short nap)
    } finally {
      table.waker = undefined;
      link.done();
    }
    const gap = o.clock.now().getTime() - now - wait;
    if (Math.abs(gap) > tolerance) o.onClockJump?.(gap);
  }
}
