import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter, startProgress } from '../../../src/platform/prompts.js';
import { animationEnabled, colorEnabled, elapsedText, painter, startSpinner } from '../../../src/platform/ui.js';

/** A stream that records what was written; `tty` makes it look like a terminal to the spinner. */
class Capture extends Writable {
  text = '';
  isTTY: boolean;
  columns = 100;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    this.text += '<clear>';
    return true;
  }
}

const ESC = '\u001B[';

describe('colours', () => {
  it.each([
    ['a terminal', true, true, {}],
    ['a pipe', false, false, {}],
    ['NO_COLOR on a terminal', false, true, { NO_COLOR: '1' }],
    ['empty NO_COLOR (no-color.org: ignored)', true, true, { NO_COLOR: '' }],
    ['NODE_DISABLE_COLORS', false, true, { NODE_DISABLE_COLORS: '1' }],
    ['TERM=dumb', false, true, { TERM: 'dumb' }],
    ['FORCE_COLOR in a pipe', true, false, { FORCE_COLOR: '1' }],
    ['FORCE_COLOR=0 on a terminal', false, true, { FORCE_COLOR: '0' }],
    ['NO_COLOR beats FORCE_COLOR', false, false, { NO_COLOR: '1', FORCE_COLOR: '1' }],
  ])('%s → %s', (_name, expected, isTTY, env) => {
    expect(colorEnabled({ isTTY }, env)).toBe(expected);
  });

  it('paints only when enabled', () => {
    expect(painter(false)('red', 'x')).toBe('x');
    expect(painter(true)('red', 'x')).toContain(`${ESC}31m`);
  });

  it('the logger colours its prefixes only through the painter', () => {
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l), paint: painter(true) }).warn('careful');
    createLogger({ write: (l) => lines.push(l) }).warn('careful');
    expect(lines[0]).toMatch(/\u001B\[33mwarning:\u001B\[39m careful/);
    expect(lines[1]).toBe('warning: careful');
  });
});

describe('spinner', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { TERM: 'dumb' }, false],
    [true, { CI: 'true' }, false],
  ])('animates on tty=%s env=%o: %s', (isTTY, env, expected) => {
    expect(animationEnabled({ isTTY }, env)).toBe(expected);
  });

  it.each([
    [0, '0 s'],
    [59_900, '59 s'],
    [65_000, '1 min 5 s'],
  ])('elapsed %d ms → %s', (ms, text) => {
    expect(elapsedText(ms)).toBe(text);
  });

  it('without a terminal writes the message once, as a plain line', () => {
    const out = new Capture(false);
    const p = startSpinner({ stream: out, env: {}, text: 'MFA (Okta Verify push) — approve on your phone…' });
    p.stop();
    expect(out.text).toBe('MFA (Okta Verify push) — approve on your phone…\n');
  });

  it('on a terminal shows the message with the elapsed time, and clears it when stopped', () => {
    const out = new Capture(true);
    let t = 0;
    const p = startSpinner({ stream: out, env: {}, text: 'waiting', now: () => t });
    const shown = (): string => stripVTControlCharacters(out.text);
    expect(shown()).toContain('waiting (0 s)');
    t = 12_000;
    p.update('Tap 42 in Okta Verify');
    expect(shown()).toContain('Tap 42 in Okta Verify (12 s)');
    p.stop('done');
    expect(shown().endsWith('done\n')).toBe(true);
  });

  it('startProgress falls back to notice on a prompter without a spinner', () => {
    const notices: string[] = [];
    const p = startProgress(
      nonInteractivePrompter('hint', (m) => notices.push(m)),
      'waiting',
    );
    p.update('still waiting');
    p.stop();
    expect(notices).toEqual(['waiting', 'still waiting']);
  });
});
