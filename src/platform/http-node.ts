/**
 * An HttpClient on node:http/https, for the long-running refresher. undici (platform/http.ts)
 * parses HTTP with a WebAssembly build of llhttp, which costs the process 20–30 MB of resident
 * memory; node:http uses the same parser compiled into Node. The daemon's memory budget is
 * 60 MB, so it uses this client whenever no proxy is configured (proxies stay with undici's
 * EnvHttpProxyAgent, which does CONNECT tunnelling and NO_PROXY matching right).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { NetworkError } from '../errors.js';
import { describeNetworkError, splitHeaders, type HttpClient, type HttpRequest, type HttpResponse } from './http.js';
import { linkedSignal } from './linked-signal.js';

export interface NodeHttpClientOptions {
  connectTimeoutMs?: number;
  /** Whole-request budget: headers and body. */
  timeoutMs?: number;
}

export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
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
          reject(new NetworkError(describeNetworkError(req.url, link.timedOut() ? { code: 'TimeoutError' } : described), { cause: e, detail: (e as Error)?.message }));
        };
        const r = send(url, { method: req.method, headers, signal, agent: false });
        r.setTimeout(connectTimeoutMs);
        r.on('socket', (socket) => {
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
          res.on('data', (c: Buffer) => chunks.push(c));
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

