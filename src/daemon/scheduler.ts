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

export class Timetable<K> {
  private readonly at = new Map<K, number>();

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
  run: (key: K) => Promise<void>;
  onClockJump?: (gapMs: number) => void;
}

export const DEFAULT_TICK_MS = 30_000;

/** Runs due tasks one at a time until `signal` aborts. */
export async function runLoop<K>(table: Timetable<K>, o: LoopOptions<K>): Promise<void> {
  const tickMs = o.tickMs ?? DEFAULT_TICK_MS;
  const tolerance = o.jumpToleranceMs ?? 10_000;
  while (!o.signal.aborted) {
    await o.beforePass?.();
    for (const key of table.takeDue(o.clock.now().getTime())) {
      if (o.signal.aborted) return;
      await o.run(key);
    }
    const now = o.clock.now().getTime();
    const next = table.next();
    const wait = Math.max(0, Math.min(tickMs, next === undefined ? tickMs : next - now));
    if (wait === 0) continue;
    try {
      await o.clock.sleep(wait, o.signal);
    } catch {
      return;
    }
    const gap = o.clock.now().getTime() - now - wait;
    if (Math.abs(gap) > tolerance) o.onClockJump?.(gap);
  }
}
