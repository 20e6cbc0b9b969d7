/**
 * An HttpClient on node:http/https, for the long-running refresher. undici (platform/http.ts)
 * parses HTTP with a WebAssembly build of llhttp, which costs the process 20–30 MB of resident
 * memory; node:http uses the same parser compiled into Node. The daemon's memory budget is
 * 60 MB, so it uses this client whenever no proxy is configured (proxies stay with undici's
 * EnvHttpProxyAgent, which does CONNECT tunnelling and NO_PROXY matching right).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { NetworkError } from '../errors.js';
import { TransientNetworkError } from './http-retry.js';
import { bodyTooLarge, DEFAULT_MAX_BODY_BYTES, describeNetworkError, splitHeaders, type HttpClient, type HttpRequest, type HttpResponse } from './http.js';
import { linkedSignal } from './linked-signal.js';

export interface NodeHttpClientOptions {
  connectTimeoutMs?: number;
  /** Whole-request budget: headers and body. */
  timeoutMs?: number;
  /** Largest response body accepted (default 8 MB). */
  maxBodyBytes?: number;
  /**
   * Reuse one connection per host for the life of the process (a command's Okta calls then
   * pay for one TCP + TLS handshake). Idle sockets do not hold the process open. Off for the
   * long-running refresher, which talks to Okta minutes apart.
   */
  keepAlive?: boolean;
}

let keepAliveAgents: { http: HttpAgent; https: HttpsAgent } | undefined;
const sharedAgents = (): { http: HttpAgent; https: HttpsAgent } =>
  (keepAliveAgents ??= { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) });

/** Error codes of a connection dropped mid-request: worth one more try on an idempotent call (as the undici client). */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return {
    send(req: HttpRequest): Promise<HttpResponse> {
      return new Promise<HttpResponse>((resolve, reject) => {
        const url = new URL(req.url);
        if (req.signal?.aborted) return reject(req.signal.reason);
        const link = linkedSignal([req.signal], timeoutMs);
        const signal = link.signal;
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const headers: Record<string, string> = { ...req.headers };
        if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
        let settled = false;
        const fail = (e: unknown, code?: string): void => {
          if (settled) return;
          settled = true;
          link.done();
          if (req.signal?.aborted) return reject(req.signal.reason);
          const described = code ? { code } : e;
          const message = describeNetworkError(req.url, link.timedOut() ? { code: 'TimeoutError' } : described);
          const reset = !link.timedOut() && RESET_CODES.has((e as { code?: string })?.code ?? '');
          reject(new (reset ? TransientNetworkError : NetworkError)(message, { cause: e, detail: (e as Error)?.message }));
        };
        const agent = options.keepAlive ? (url.protocol === 'https:' ? sharedAgents().https : sharedAgents().http) : false;
        const r = send(url, { method: req.method, headers, signal, agent });
        r.setTimeout(connectTimeoutMs);
        r.on('socket', (socket) => {
          // A reused keep-alive socket is connected already (and adding listeners to it on every
          // request would pile them up).
          if (!socket.connecting) return void r.setTimeout(0);
          socket.once('connect', () => r.setTimeout(0));
          socket.once('secureConnect', () => r.setTimeout(0));
        });
        r.on('timeout', () => {
          r.destroy();
          fail(new Error('connect timeout'), 'UND_ERR_CONNECT_TIMEOUT');
        });
        r.on('error', (e) => fail(e));
        r.on('response', (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const tooLarge = (): void => {
            if (settled) return;
            settled = true;
            link.done();
            r.destroy();
            reject(bodyTooLarge(req.url, maxBodyBytes));
          };
          if (Number(res.headers['content-length']) > maxBodyBytes) return tooLarge();
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > maxBodyBytes) tooLarge();
            else chunks.push(c);
          });
          res.on('error', (e) => fail(e));
          res.on('end', () => {
            if (settled) return;
            settled = true;
            link.done();
            resolve({ status: res.statusCode ?? 0, url: req.url, ...splitHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') });
          });
        });
        r.end(req.body);
      });
    },
  };
}
