import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/platform/clock.js';
import { waitWithCountdown } from '../../../src/platform/countdown.js';

describe('waitWithCountdown', () => {
  it('waits on the injected clock and shows the first second, every fifth, and the last five', async () => {
    const clock = new FakeClock();
    const start = clock.now().getTime();
    const shown: number[] = [];
    await waitWithCountdown(clock, 12_400, (s) => shown.push(s));
    expect(shown).toEqual([13, 10, 5, 4, 3, 2, 1]);
    expect(clock.now().getTime() - start).toBe(12_400);
  });

  it('does nothing for no wait', async () => {
    const shown: number[] = [];
    await waitWithCountdown(new FakeClock(), 0, (s) => shown.push(s));
    expect(shown).toEqual([]);
  });
});
