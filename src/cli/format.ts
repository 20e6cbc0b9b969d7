import { expiresIn } from '../platform/ui.js';

// The human durations live with the other terminal helpers, so core and bedrock code can use them too.
export { expiresIn, humanDuration } from '../platform/ui.js';

/** ISO 8601 without milliseconds, as AWS prints it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** keyman's closing line, with the time left: "Session expires at 2026-11-21T15:35:24Z (expires in 59 min)". */
export function expiresLine(expiration: Date, now: Date): string {
  return `Session expires at ${isoSeconds(expiration)} (${expiresIn(expiration, now)})`;
}
