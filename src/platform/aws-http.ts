import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { linkedSignal, type LinkedSignal } from './linked-signal.js';

/** Deadlines of one AWS SDK call (config `http_timeout`), the same budget Okta requests get. */
export interface AwsTimeouts {
  /** Whole call, retries included (default 30 s). */
  timeoutMs?: number;
  /** TCP + TLS connect of one attempt (default 10 s, never more than `timeoutMs`). */
  connectTimeoutMs?: number;
}

export const DEFAULT_AWS_TIMEOUT_MS = 30_000;

export function awsTimeouts(t: AwsTimeouts = {}): { timeoutMs: number; connectTimeoutMs: number } {
  const timeoutMs = t.timeoutMs ?? DEFAULT_AWS_TIMEOUT_MS;
  return { timeoutMs, connectTimeoutMs: Math.min(t.connectTimeoutMs ?? 10_000, timeoutMs) };
}
import { Readable, Transform } from 'node:stream';
import { dnsSuffix } from '../aws/partition.js';
import { bodyTooLarge, DEFAULT_MAX_BODY_BYTES } from './http.js';

/**
 * The request handler of an SDK client, with a connect timeout and a per-attempt request
 * timeout (the SDK's defaults are none: a server that accepts and never answers hangs the call
 * forever). The AWS SDK for JavaScript v3 also ignores HTTPS_PROXY / HTTP_PROXY / NO_PROXY, so
 * corporate proxies break it: `endpoint` goes through the proxy those variables name (decided
 * per endpoint by proxy-from-env, honouring NO_PROXY).
 */
export async function awsRequestHandler(endpoint: string, timeouts: AwsTimeouts = {}, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Promise<NodeHttpHandler> {
  const { timeoutMs, connectTimeoutMs } = awsTimeouts(timeouts);
  const { getProxyForUrl } = await import('proxy-from-env');
  const proxy = getProxyForUrl(endpoint);
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  // Response bodies are capped like our own HTTP clients' (a 600 MB answer from a broken proxy or
  // fake endpoint must not eat the memory): a declared Content-Length over the cap fails at once,
  // a streamed body fails as soon as it passes the cap (typed NetworkError, code body_too_large).
  class Handler extends NodeHttpHandler {
    override async handle(...args: Parameters<NodeHttpHandler['handle']>): ReturnType<NodeHttpHandler['handle']> {
      const out = await super.handle(...args);
      const url = `${endpoint}${args[0].path ?? ''}`;
      out.response.body = capBody(out.response.body as unknown, out.response.headers, url, maxBodyBytes);
      return out;
    }
  }
  const base = { connectionTimeout: connectTimeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true };
  if (!proxy) return new Handler(base);
  if (endpoint.startsWith('https:')) {
    const { HttpsProxyAgent } = await import('https-proxy-agent');
    return new Handler({ ...base, httpsAgent: new HttpsProxyAgent(proxy) });
  }
  const { HttpProxyAgent } = await import('http-proxy-agent');
  return new Handler({ ...base, httpAgent: new HttpProxyAgent(proxy) });
}

function capBody(body: unknown, headers: Record<string, string>, url: string, max: number): unknown {
  if (!(body instanceof Readable)) return body;
  const declared = Number(Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-length')?.[1]);
  if (Number.isFinite(declared) && declared > max) {
    body.destroy();
    throw bodyTooLarge(url, max);
  }
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max) {
        body.destroy();
        done(bodyTooLarge(url, max));
      } else done(null, chunk);
    },
  });
  body.on('error', (e) => counted.destroy(e));
  return body.pipe(counted);
}

/**
 * The whole-call deadline of an SDK `send` (all attempts): pass `signal` as `abortSignal`, ask
 * `timedOut()` when it failed, call `done()` after.
 */
export function awsDeadline(timeouts: AwsTimeouts = {}, outer?: AbortSignal): LinkedSignal {
  return linkedSignal([outer], awsTimeouts(timeouts).timeoutMs);
}

/** A failed SDK call that ran out of time (its deadline, or the handler's request/connect timeout). */
export function isAwsTimeout(e: unknown): boolean {
  const err = e as { name?: string; code?: string; message?: string };
  return err?.name === 'TimeoutError' || err?.code === 'ETIMEDOUT' || /timed? ?out|timeout/i.test(err?.message ?? '');
}

/** The endpoint an SDK client will call: the override, else AWS's regional default. */
export function awsEndpoint(service: string, region: string, override?: string): string {
  if (override) return override;
  return `https://${service}.${region}.${dnsSuffix(region)}`;
}
