import { OktaError } from '../errors.js';
import type { HttpClient, HttpMethod, HttpResponse } from '../platform/http.js';
import type { Logger } from '../platform/log.js';
import { CookieJar } from './cookie-jar.js';
import { mapOktaError } from './errors.js';

export const USER_AGENT = 'okta-bedrock/0.1 (+https://www.npmjs.com/package/okta-bedrock)';

export interface OktaClientOptions {
  orgUrl: string;
  http: HttpClient;
  log: Logger;
  cookies?: CookieJar;
}

/**
 * Talks to one Okta org: JSON API calls with error mapping, and HTML page fetches that follow
 * redirects by hand so cookies stay scoped to the org and we never follow a redirect off it.
 */
export class OktaClient {
  readonly orgUrl: string;
  readonly cookies: CookieJar;
  /** Count of requests sent (for the login benchmark and tests). */
  requestCount = 0;
  private readonly http: HttpClient;
  private readonly log: Logger;

  constructor(options: OktaClientOptions) {
    this.orgUrl = options.orgUrl;
    this.http = options.http;
    this.log = options.log;
    this.cookies = options.cookies ?? new CookieJar(options.orgUrl);
  }

  /** Resolves a path or an href from Okta's `_links`, refusing URLs off the org. */
  resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, this.orgUrl);
    if (url.origin !== this.orgUrl) {
      throw new OktaError(`Okta sent a link to another host (${url.host}); refusing to follow it`);
    }
    return url.toString();
  }

  private async send(method: HttpMethod, url: string, headers: Record<string, string>, body?: string): Promise<HttpResponse> {
    const cookie = this.cookies.header();
    this.requestCount++;
    const res = await this.http.send({
      method,
      url,
      headers: { 'user-agent': USER_AGENT, ...(cookie ? { cookie } : {}), ...headers },
      body,
    });
    this.cookies.store(res.setCookie);
    this.log.debug(`okta ${method} ${new URL(url).pathname} → ${res.status}`);
    return res;
  }

  /** A JSON API call. Non-2xx responses become typed errors. */
  async json<T>(method: HttpMethod, pathOrUrl: string, body?: unknown): Promise<T> {
    const url = this.resolve(pathOrUrl);
    const res = await this.send(
      method,
      url,
      { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body === undefined ? undefined : JSON.stringify(body),
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
    if (res.status >= 400) throw mapOktaError(res.status, parsed, res.headers, this.orgUrl);
    return parsed as T;
  }

  /**
   * GETs an HTML page with the session cookie, following up to 5 redirects on the org's host.
   * Returns the last response (a redirect off the org is returned, not followed).
   */
  async page(pathOrUrl: string, options: { follow?: boolean } = {}): Promise<HttpResponse & { finalUrl: string }> {
    let url = this.resolve(pathOrUrl);
    for (let hop = 0; hop < 6; hop++) {
      const res = await this.send('GET', url, { accept: 'text/html,application/xhtml+xml' });
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
