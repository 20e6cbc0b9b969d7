import { OktaError } from '../errors.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { waitWithCountdown } from '../platform/countdown.js';
import type { HttpClient, HttpMethod, HttpResponse } from '../platform/http.js';
import type { Logger } from '../platform/log.js';
import { CookieJar } from './cookie-jar.js';
import { mapOktaError } from './errors.js';
import { onOrg } from './org-url.js';
import { isRateLimited, rateLimitResetAt } from './rate-limit.js';

export const USER_AGENT = 'okta-bedrock/0.1 (+https://www.npmjs.com/package/okta-bedrock)';

/** Okta's rate limit windows are a minute; a wait up to this long is sat out, longer ones stop. */
export const MAX_RATE_LIMIT_WAIT_MS = 30_000;
/** Rate-limited answers sat out per request before giving up. */
const MAX_RATE_LIMIT_WAITS = 2;

export interface OktaClientOptions {
  orgUrl: string;
  http: HttpClient;
  log: Logger;
  cookies?: CookieJar;
  clock?: Clock;
  /** Shows the rate-limit countdown (a Prompter's `notice`); default `log.info`. */
  notice?: (message: string) => void;
  maxRateLimitWaitMs?: number;
  signal?: AbortSignal;
}

export interface RequestOptions {
  /** Override whether the HTTP layer may resend this request after a 5xx or a reset. */
  idempotent?: boolean;
}

export type PageResponse = HttpResponse & { finalUrl: string };

/**
 * Talks to one Okta org: JSON API calls with error mapping, and HTML page fetches that follow
 * redirects by hand so cookies stay scoped to the org and we never follow a redirect off it.
 * A 429 from Okta's rate limiter is waited out (with a countdown) when the window resets within
 * 30 s: the request was refused unprocessed, so sending it again is safe even for a POST.
 */
export class OktaClient {
  readonly orgUrl: string;
  readonly cookies: CookieJar;
  /** Count of requests sent (for the login benchmark and tests). */
  requestCount = 0;
  private readonly http: HttpClient;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly notice: (message: string) => void;
  private readonly maxRateLimitWaitMs: number;
  private readonly signal?: AbortSignal;

  constructor(options: OktaClientOptions) {
    this.orgUrl = options.orgUrl;
    this.http = options.http;
    this.log = options.log;
    this.cookies = options.cookies ?? new CookieJar(options.orgUrl, () => this.clock.now().getTime());
    this.clock = options.clock ?? systemClock;
    this.notice = options.notice ?? ((m) => options.log.info(m));
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? MAX_RATE_LIMIT_WAIT_MS;
    this.signal = options.signal;
  }

  /**
   * Resolves a path or an href from Okta's `_links` on the org we signed in to. A link naming
   * another host (an org with a custom domain links its okta.com name; a proxy or loopback alias
   * names itself differently) is moved onto our org with the same path: state tokens and the
   * session cookie only ever go to the configured org.
   */
  resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, this.orgUrl);
    if (url.origin !== this.orgUrl) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new OktaError(`Okta sent a link that is not a web address (${url.protocol}); refusing to follow it`);
      }
      this.log.debug(`okta link on ${url.host} moved onto ${new URL(this.orgUrl).host}`);
    }
    return onOrg(this.orgUrl, url);
  }

  private async sendOnce(
    method: HttpMethod,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    idempotent?: boolean,
  ): Promise<HttpResponse> {
    const cookie = this.cookies.header();
    this.requestCount++;
    const res = await this.http.send({
      method,
      url,
      headers: { 'user-agent': USER_AGENT, ...(cookie ? { cookie } : {}), ...headers },
      body,
      signal: this.signal,
      idempotent,
    });
    this.cookies.store(res.setCookie);
    this.log.debug(`okta ${method} ${new URL(url).pathname} → ${res.status}`);
    return res;
  }

  private async send(method: HttpMethod, url: string, headers: Record<string, string>, body?: string, idempotent?: boolean): Promise<HttpResponse> {
    for (let waits = 0; ; waits++) {
      const res = await this.sendOnce(method, url, headers, body, idempotent);
      if (!isRateLimited(res) || waits >= MAX_RATE_LIMIT_WAITS) return res;
      const now = this.clock.now();
      const resetAt = rateLimitResetAt(res.headers, now);
      const waitMs = resetAt ? resetAt.getTime() - now.getTime() : undefined;
      if (waitMs === undefined || waitMs > this.maxRateLimitWaitMs) return res;
      await waitWithCountdown(this.clock, waitMs, (s) => this.notice(`Okta rate limit reached — retrying in ${s} s`), this.signal);
    }
  }

  private error(res: HttpResponse, parsed: unknown): Error {
    const now = this.clock.now();
    return mapOktaError(res.status, parsed, { orgUrl: this.orgUrl, now, rateLimitResetAt: rateLimitResetAt(res.headers, now) });
  }

  /**
   * A request on the org with the cookie jar and the rate-limit wait, answer returned as it is
   * (the IDX API sends its errors as IDX states, read by src/okta/idx).
   */
  async request(method: HttpMethod, pathOrUrl: string, headers: Record<string, string>, body?: string, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.send(method, this.resolve(pathOrUrl), headers, body, options.idempotent);
  }

  /** A JSON API call. Non-2xx responses become typed errors. */
  async json<T>(method: HttpMethod, pathOrUrl: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const url = this.resolve(pathOrUrl);
    const res = await this.send(
      method,
      url,
      { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body === undefined ? undefined : JSON.stringify(body),
      options.idempotent,
    );
    let parsed: unknown = undefined;
    if (res.body.length > 0) {
      try {
        parsed = JSON.parse(res.body);
      } catch {
        if (res.status < 400) {
          throw new OktaError(`Okta answered ${new URL(url).pathname} with something that is not JSON (HTTP ${res.status}) — is the org URL right?`);
        }
      }
    }
    if (res.status >= 400) throw this.error(res, parsed);
    return parsed as T;
  }

  /**
   * GETs an HTML page with the session cookie, following up to 5 redirects on the org's host.
   * Returns the last response (a redirect off the org is returned, not followed). `idempotent`
   * applies to the first request only (redirect targets are plain page loads).
   */
  async page(pathOrUrl: string, options: { follow?: boolean } & RequestOptions = {}): Promise<PageResponse> {
    let url = this.resolve(pathOrUrl);
    let idempotent = options.idempotent;
    for (let hop = 0; hop < 6; hop++) {
      const res = await this.send('GET', url, { accept: 'text/html,application/xhtml+xml' }, undefined, idempotent);
      idempotent = undefined;
      if (res.status === 429) throw this.error(res, undefined);
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        if (options.follow === false) return { ...res, finalUrl: new URL(location, url).toString() };
        const next = new URL(location, url);
        if (next.origin !== this.orgUrl) return { ...res, finalUrl: next.toString() };
        url = next.toString();
        continue;
      }
      return { ...res, finalUrl: url };
    }
    throw new OktaError('Okta redirected too many times — the Okta session may be broken; run `okta-bedrock logout` then login');
  }
}
