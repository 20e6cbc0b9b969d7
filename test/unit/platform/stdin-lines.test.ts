import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../../src/platform/stdin-lines.js';

describe('LineReader', () => {
  it('hands out lines one at a time, keeping what came in the same chunk', async () => {
    const s = new PassThrough();
    const r = new LineReader(s);
    s.write('pw\r\n123456\nsec');
    expect(await r.next()).toBe('pw');
    expect(await r.next()).toBe('123456');
    const later = r.next();
    s.write('ond\n');
    expect(await later).toBe('second');
    s.end('last');
    expect(await r.next()).toBe('last');
    expect(r.ended).toBe(true);
    expect(await r.next()).toBeUndefined();
  });

  it('an empty stream ends at once', async () => {
    const s = new PassThrough();
    s.end();
    expect(await new LineReader(s).next()).toBeUndefined();
  });
});
