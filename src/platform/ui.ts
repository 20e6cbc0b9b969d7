import { styleText } from 'node:util';
import type { Writable } from 'node:stream';
import yoctoSpinner from 'yocto-spinner';
import type { Env } from './paths.js';

/** A stream we may style or animate: a TTY WriteStream, or anything else (pipes, files). */
export interface UiStream extends Writable {
  isTTY?: boolean;
}

/**
 * Colours only on a terminal, and never when the user says no. Written by hand because the
 * libraries decide from stdout (we style stderr) and Node 20's `styleText` does not check at all:
 * NO_COLOR (non-empty, no-color.org) and NODE_DISABLE_COLORS turn colours off, FORCE_COLOR
 * (not "0") turns them on even in a pipe, TERM=dumb and non-TTY streams get none.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: Env): boolean {
  if (env.NO_COLOR) return false;
  if (env.NODE_DISABLE_COLORS) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/**
 * How wide a table may be: COLUMNS when set (a script's choice), else the terminal's width when
 * stdout is one; undefined for a pipe or file (nothing is wrapped there, for grep and awk).
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }, env: Env): number | undefined {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return stream.isTTY && stream.columns ? stream.columns : undefined;
}

/** Animations (spinners, redrawn lines) need a real terminal; CI logs and `TERM=dumb` get plain lines. */
export function animationEnabled(stream: { isTTY?: boolean }, env: Env): boolean {
  return Boolean(stream.isTTY) && env.TERM !== 'dumb' && env.CI === undefined;
}

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

export type Paint = (style: Style, text: string) => string;

export function painter(enabled: boolean): Paint {
  // validateStream: false — we decided above, for stderr; Node would check stdout instead.
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

/** `message` with its first `part` highlighted (bold cyan), e.g. the number to tap in Okta Verify. */
export function emphasize(message: string, part: string | undefined, paint: Paint): string {
  const at = part ? message.indexOf(part) : -1;
  if (!part || at < 0) return message;
  return message.slice(0, at) + paint('bold', paint('cyan', part)) + message.slice(at + part.length);
}

/** "58 min", "1 h 5 min", "45 s", "2 days 3 h" — how long until something happens (rounded down). */
export function humanDuration(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} days` : `${d} days ${h % 24} h`;
}

/**
 * The one time format of human output (status, login, daemon status, doctor): UTC to the minute,
 * as AWS prints times, and how far off — "2026-12-03 17:41 UTC (in 59 min)", "… (3 min ago)".
 * The relative part is rounded to the nearest minute (a 1 h session just issued reads "in 1 h").
 */
export function timeText(at: Date, now: Date): string {
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const ms = at.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const rel = humanDuration(abs >= 60_000 ? Math.round(abs / 60_000) * 60_000 : Math.max(abs, 1000));
  const absolute = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${absolute} (${ms > 0 ? `in ${rel}` : `${rel} ago`})`;
}

/** "expires 2026-12-03 17:41 UTC (in 58 min)" / "expired 2026-12-03 16:38 UTC (3 min ago)". */
export function expiresIn(expiration: Date, now: Date): string {
  return `${expiration.getTime() > now.getTime() ? 'expires' : 'expired'} ${timeText(expiration, now)}`;
}

/** "5 s", "1 min 5 s" — how long we have been waiting. */
export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Something the person watches while we wait (an Okta Verify push, a device-flow approval). */
export interface Progress {
  /** Replaces the message (e.g. "Tap 42 in Okta Verify"). */
  update(text: string): void;
  /** Ends the wait; `finalText` (if any) stays on screen as a line. */
  stop(finalText?: string): void;
}

export interface SpinnerOptions {
  stream: UiStream;
  env: Env;
  text: string;
  /** Milliseconds since an arbitrary epoch; the elapsed time is measured with it. */
  now?: () => number;
  /** How a non-animated stream gets the message: one line (default: written to the stream). */
  line?: (text: string) => void;
}

/**
 * A spinner with the elapsed time on a terminal (yocto-spinner; it re-draws itself around other
 * lines written to the stream meanwhile); on anything else the message is written once as a line.
 */
export function startSpinner(options: SpinnerOptions): Progress {
  const line = options.line ?? ((t: string) => void options.stream.write(t + '\n'));
  if (!animationEnabled(options.stream, options.env)) return lineProgress(options.text, line);
  const now = options.now ?? (() => performance.now());
  const started = now();
  let text = options.text;
  const render = (): string => `${text} ${painter(colorEnabled(options.stream, options.env))('dim', `(${elapsedText(now() - started)})`)}`;
  const spinner = yoctoSpinner({ text: render(), stream: options.stream }).start();
  const timer = setInterval(() => {
    spinner.text = render();
  }, 1000);
  timer.unref();
  return {
    update(t) {
      text = t;
      spinner.text = render();
    },
    stop(finalText) {
      clearInterval(timer);
      spinner.stop(finalText);
    },
  };
}

/** The non-animated stand-in: each message is one line through `line`. */
export function lineProgress(text: string, line: (text: string) => void): Progress {
  line(text);
  return { update: (t) => line(t), stop: (t) => (t ? line(t) : undefined) };
}
