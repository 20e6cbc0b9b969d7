import type { Clock } from './clock.js';

/** Which seconds of a countdown are worth a line: the first, every 5th, and the last five. */
function worthShowing(seconds: number, first: boolean): boolean {
  return first || seconds <= 5 || seconds % 5 === 0;
}

/**
 * Waits `ms` on the injected clock, calling `show` with the whole seconds left as it goes
 * (so a person sees "retrying in 12 s … 10 s … 5 s"); tests pass a fake clock and wait no time.
 */
export async function waitWithCountdown(clock: Clock, ms: number, show: (secondsLeft: number) => void, signal?: AbortSignal): Promise<void> {
  let left = Math.max(0, ms);
  let first = true;
  while (left > 0) {
    const seconds = Math.ceil(left / 1000);
    if (worthShowing(seconds, first)) show(seconds);
    first = false;
    const step = left - (seconds - 1) * 1000;
    await clock.sleep(step, signal);
    left -= step;
  }
}
