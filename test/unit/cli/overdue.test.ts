import { describe, expect, it } from 'vitest';
import { overdue } from '../../../src/cli/commands/daemon-control.js';

describe('overdue (daemon status, issue 14)', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it('a refresh past its watchdog is overdue', () => {
    expect(overdue({ overdueSince: new Date(now - 6 * 60_000).toISOString() }, now)).toBe(6 * 60_000);
  });
  it('a refresh whose time came and went (a frozen daemon left "ok" behind) is overdue', () => {
    expect(overdue({ nextRefreshAt: new Date(now - 10 * 60_000).toISOString() }, now)).toBe(10 * 60_000);
  });
  it('a refresh due in the future, or just due, is not', () => {
    expect(overdue({ nextRefreshAt: new Date(now + 60_000).toISOString() }, now)).toBe(0);
    expect(overdue({ nextRefreshAt: new Date(now - 30_000).toISOString() }, now)).toBe(0);
    expect(overdue({}, now)).toBe(0);
  });
});
