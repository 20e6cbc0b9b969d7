/** "1h 0m", "58m", "45s" — how long until `to`. */
export function humanDuration(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}

/** ISO 8601 without milliseconds, as AWS prints it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function expiresLine(expiration: Date, now: Date): string {
  return `Session expires at ${isoSeconds(expiration)} (in ${humanDuration(expiration.getTime() - now.getTime())})`;
}
