import { systemClock } from '../platform/clock.js';

/**
 * The few Okta cookies we need (`sid`, `DT`, ...), scoped to the org host. A full RFC 6265 jar
 * (tough-cookie) is more than one host and a handful of cookies need; expiry and deletion are
 * honoured, domain/path are not needed because we only ever talk to the one org origin.
 */
export class CookieJar {
  private readonly values = new Map<string, string>();
  constructor(
    readonly orgUrl: string,
    /** Milliseconds since the epoch, for `Expires` (the injected clock; the system clock by default). */
    private readonly now: () => number = () => systemClock.now().getTime(),
  ) {}

  store(setCookie: string[]): void {
    for (const header of setCookie) {
      const [pair, ...attrs] = header.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.split('=');
        const key = k?.trim().toLowerCase();
        if (key === 'max-age') return Number(v) <= 0;
        if (key === 'expires') return v !== undefined && Date.parse(v.trim()) < this.now();
        return false;
      });
      if (expired || value === '' || value === '""') this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  /** All cookies (for the session cache). */
  all(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
