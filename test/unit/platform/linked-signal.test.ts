import { describe, expect, it } from 'vitest';
import { linkedSignal } from '../../../src/platform/linked-signal.js';

describe('linkedSignal', () => {
  it('aborts with a source, and with its deadline (timedOut)', async () => {
    const source = new AbortController();
    const a = linkedSignal([source.signal, undefined]);
    source.abort(new Error('stop'));
    expect(a.signal.aborted).toBe(true);
    expect((a.signal.reason as Error).message).toBe('stop');
    expect(a.timedOut()).toBe(false);
    const b = linkedSignal([], 10);
    await new Promise((r) => setTimeout(r, 30));
    expect(b.signal.aborted).toBe(true);
    expect(b.timedOut()).toBe(true);
  });

  it('lets go of a long-lived source when done (no listener left behind)', () => {
    const source = new AbortController();
    let added = 0;
    let removed = 0;
    const add = source.signal.addEventListener.bind(source.signal);
    const remove = source.signal.removeEventListener.bind(source.signal);
    source.signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
    source.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove;
    for (let i = 0; i < 100; i++) linkedSignal([source.signal], 60_000).done();
    expect(added).toBe(100);
    expect(removed).toBe(100);
    const l = linkedSignal([source.signal]);
    l.done();
    source.abort();
    expect(l.signal.aborted).toBe(false);
  });
});
