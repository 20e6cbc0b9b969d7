import type { Dispatcher } from 'undici';
import { NetworkError } from '../errors.js';
import { defaultRetryPolicy, TransientNetworkError, withRetries, type RetryPolicy } from './http-retry.js';
import type { Env } from './paths.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /**
   * May this request be sent again after a 5xx or a reset? Default: GET, HEAD, OPTIONS, PUT and
   * DELETE yes, POST no. Set false for a GET that redeems a one-time token, true for a push poll.
   */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  url: string;
  headers: Record<string, string | undefined>;
  /** Raw Set-Cookie header values. */
  setCookie: string[];
  body: string;
}

/** All HTTP goes through this interface, so tests and the daemon can inject a dispatcher. */
export interface HttpClient {
  send(req: HttpRequest): Promise<HttpResponse>;
}

export interface HttpClientOptions {
  /** undici dispatcher (tests, proxies). Default: an Agent, or EnvHttpProxyAgent when a proxy is set. */
  dispatcher?: Dispatcher;
  env?: Env;
  /** Connecting (TCP + TLS); default 10 s, never more than `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Whole-request budget: connect, headers and body. Default 30 s (config `http_timeout`). */
  timeoutMs?: number;
  /** Retries of idempotent requests on 5xx and resets; `false` turns them off. */
  retry?: Partial<RetryPolicy> | false;
  /** Largest response body accepted (default 8 MB): a hostile or broken server cannot balloon memory. */
  maxBodyBytes?: number;
}

/** Okta and STS answers are kilobytes; an app page with a SAML assertion well under 1 MB. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export function bodyTooLarge(url: string, max: number): NetworkError {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  return new NetworkError(`${host} sent an answer larger than ${Math.round(max / 1024 / 1024)} MB — refusing it (a proxy error page or a broken server?)`, {
    code: 'body_too_large',
  });
}

/** True when a proxy is configured (then undici's proxy agent is the right client). */
export function proxyConfigured(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/** A response's headers as one string each (repeats joined with ", "), Set-Cookie kept apart as a list. */
export function splitHeaders(raw: Record<string, string | string[] | undefined>): Pick<HttpResponse, 'headers' | 'setCookie'> {
  const headers: Record<string, string | undefined> = {};
  let setCookie: string[] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'set-cookie') setCookie = Array.isArray(v) ? v : v === undefined ? [] : [v];
    else headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return { headers, setCookie };
}

async function defaultDispatcher(env: Env, connectTimeoutMs: number): Promise<Dispatcher> {
  const undici = await import('undici');
  if (proxyConfigured(env)) {
    return new undici.EnvHttpProxyAgent({
      connect: { timeout: connectTimeoutMs },
      httpProxy: env.HTTP_PROXY ?? env.http_proxy,
      httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy,
      noProxy: env.NO_PROXY ?? env.no_proxy,
    });
  }
  return new undici.Agent({ connect: { timeout: connectTimeoutMs } });
}

export function describeNetworkError(url: string, e: unknown): string {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const err = e as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  const code = err.code ?? err.cause?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot resolve ${host} (DNS) — check the org URL and your network`;
    case 'ECONNREFUSED':
      return `Connection to ${host} refused — is the URL right and the service up?`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `Connection to ${host} was reset — retry, or check your proxy`;
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Timed out connecting to ${host} — check your network or proxy`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ABORT_ERR':
    case 'TimeoutError':
      return `${host} did not answer in time — retry later`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate of ${host} is not trusted (${code}) — behind a corporate proxy, set NODE_EXTRA_CA_CERTS to its CA file`;
    default:
      return `Request to ${host} failed: ${code ?? err.cause?.message ?? err.message ?? String(e)}`;
  }
}

/** Error codes of a connection dropped mid-request: worth one more try on an idempotent call. */
const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);

function errorCode(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code ?? err.cause?.code;
}

/** The HTTP client every command uses: undici, per-request timeouts, retries of idempotent calls. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const base = createBaseHttpClient(options);
  return options.retry === false ? base : withRetries(base, defaultRetryPolicy(options.retry));
}

/** One attempt per request: undici with a connect timeout and a whole-request deadline. */
export function createBaseHttpClient(options: HttpClientOptions = {}): HttpClient {
  const env = options.env ?? {};
  const timeoutMs = options.timeoutMs ?? 30_000;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? 10_000, timeoutMs);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let dispatcher: Promise<Dispatcher> | undefined = options.dispatcher ? Promise.resolve(options.dispatcher) : undefined;
  return {
    async send(req) {
      const { request } = await import('undici');
      dispatcher ??= defaultDispatcher(env, connectTimeoutMs);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      try {
        const res = await request(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          signal,
          dispatcher: await dispatcher,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBodyBytes) {
          res.body.destroy();
          throw bodyTooLarge(req.url, maxBodyBytes);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size > maxBodyBytes) {
            res.body.destroy();
            throw bodyTooLarge(req.url, maxBodyBytes);
          }
          chunks.push(chunk as Buffer);
        }
        const body = Buffer.concat(chunks).toString('utf8');
        return { status: res.statusCode, url: req.url, ...splitHeaders(res.headers), body };
      } catch (e) {
        if (req.signal?.aborted || (e instanceof NetworkError && e.code === 'body_too_large')) throw e;
        const message = describeNetworkError(req.url, timeout.aborted ? { code: 'TimeoutError' } : e);
        const options = { cause: e, detail: (e as Error).message };
        const code = errorCode(e);
        throw !timeout.aborted && code && RESET_CODES.has(code) ? new TransientNetworkError(message, options) : new NetworkError(message, options);
      }
    },
  };
}
