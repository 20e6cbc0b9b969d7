// Its own module so the fast path (cli/fast.ts, through aws-env.ts) does not load the terminal helpers.

/** ISO 8601 without milliseconds, as AWS prints it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
