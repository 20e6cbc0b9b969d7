import { describe, expect, it } from 'vitest';
import { expiresIn, expiresLine, humanDuration, timeText } from '../../../src/cli/format.js';

describe('human durations', () => {
  it.each([
    [0, 'expired'],
    [999, '0 s'],
    [45_000, '45 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [58 * 60_000 + 30_000, '58 min'],
    [3_599_000, '59 min'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
    [12 * 3_600_000, '12 h'],
    [50 * 3_600_000, '2 days 2 h'],
    [72 * 3_600_000, '3 days'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('one time format: UTC to the minute and how far off, rounded to the minute', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(timeText(new Date('2026-11-21T12:59:30Z'), now)).toBe('2026-11-21 12:59 UTC (in 1 h)');
    expect(timeText(new Date('2026-11-21T11:57:00Z'), now)).toBe('2026-11-21 11:57 UTC (3 min ago)');
    expect(timeText(new Date('2026-11-21T12:00:20Z'), now)).toBe('2026-11-21 12:00 UTC (in 20 s)');
    expect(expiresIn(new Date('2026-11-21T12:58:00Z'), now)).toBe('expires 2026-11-21 12:58 UTC (in 58 min)');
    expect(expiresIn(new Date('2026-11-21T11:57:00Z'), now)).toBe('expired 2026-11-21 11:57 UTC (3 min ago)');
  });

  it('ends a login with "Session expires at <time> (in 1 h)", in the same format', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(expiresLine(new Date('2026-11-21T13:00:00.123Z'), now)).toBe('Session expires at 2026-11-21 13:00 UTC (in 1 h)');
    expect(expiresLine(new Date('2026-11-21T12:59:59Z'), now)).toBe('Session expires at 2026-11-21 12:59 UTC (in 1 h)');
    expect(expiresLine(new Date('2026-11-21T12:45:00Z'), now)).toBe('Session expires at 2026-11-21 12:45 UTC (in 45 min)');
    expect(expiresLine(new Date('2026-11-21T23:35:00Z'), now)).toBe('Session expires at 2026-11-21 23:35 UTC (in 11 h 35 min)');
    expect(expiresLine(new Date('2026-11-21T11:00:00Z'), now)).toBe('Session expired at 2026-11-21 11:00 UTC (1 h ago)');
  });
});
