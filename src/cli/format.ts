// The human durations live with the other terminal helpers, so core and bedrock code can use them too.
export { expiresIn, humanDuration, timeText } from '../platform/ui.js';
import { timeText } from '../platform/ui.js';

import { isoSeconds } from './iso-seconds.js';

export { isoSeconds };

/** keyman's closing line, in the one time format: "Session expires at 2026-11-21 15:35 UTC (in 1 h)". */
export function expiresLine(expiration: Date, now: Date): string {
  return `Session ${expiration > now ? 'expires' : 'expired'} at ${timeText(expiration, now)}`;
}
