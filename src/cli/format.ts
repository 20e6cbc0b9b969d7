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

/** "expires in 58 min" / "expired 3 min ago". */
export function expiresIn(expiration: Date, now: Date): string {
  const ms = expiration.getTime() - now.getTime();
  return ms > 0 ? `expires in ${humanDuration(ms)}` : `expired ${humanDuration(-ms)} ago`;
}

/** ISO 8601 without milliseconds, as AWS prints it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** keyman's closing line, with the time left: "Session expires at 2026-11-21T15:35:24Z (expires in 59 min)". */
export function expiresLine(expiration: Date, now: Date): string {
  return `Session expires at ${isoSeconds(expiration)} (${expiresIn(expiration, now)})`;
}
