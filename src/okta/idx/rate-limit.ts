import type { Clock } from '../../platform/clock.js';

/** Identity Engine allows 10 requests per state handle per 5 s (Okta rate limits, "/idp/idx" endpoints). */
export const IDX_REQUESTS_PER_HANDLE = 10;
export const IDX_WINDOW_MS = 5000;

/** Spaces out our requests so one state handle never sees more than 10 in any 5 s. */
export class HandleRateLimiter {
  private readonly sent = new Map<string, number[]>();
  constructor(
    private readonly clock: Clock,
    private readonly limit = IDX_REQUESTS_PER_HANDLE,
    private readonly windowMs = IDX_WINDOW_MS,
  ) {}

  /** Milliseconds to wait before the next request on `handle` (pure: for the unit table). */
  delayFor(handle: string, now: number): number {
    const recent = (this.sent.get(handle) ?? []).filter((t) => now - t < this.windowMs);
    this.sent.set(handle, recent);
    if (recent.length < this.limit) return 0;
    return (recent[recent.length - this.limit] as number) + this.windowMs - now;
  }

  async wait(handle: string, signal?: AbortSignal): Promise<void> {
    const delay = this.delayFor(handle, this.clock.now().getTime());
    if (delay > 0) await this.clock.sleep(delay, signal);
    const list = this.sent.get(handle) ?? [];
    list.push(this.clock.now().getTime());
    this.sent.set(handle, list);
  }
}
