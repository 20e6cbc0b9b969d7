
// The human durations live with the other terminal helpers, so core and bedrock code can use them too.
export { expiresIn, humanDuration } from '../platform/ui.js';

import { isoSeconds } from './iso-seconds.js';

export { isoSeconds };

/**
 * "1h 0m": the time left to the nearest minute, as the login's last line shows it (a 1 h session
 * printed a second after STS issued it still reads "1h 0m").
 */
export function hoursMinutes(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** keyman's closing line, with the time left (issue 2's wording): "Session expires at 2026-11-21T15:35:24Z (in 1h 0m)". */
export function expiresLine(expiration: Date, now: Date): string {
  const ms = expiration.getTime() - now.getTime();
  return `Session expires at ${isoSeconds(expiration)} (${ms > 0 ? `in ${hoursMinutes(ms)}` : 'expired'})`;
}
