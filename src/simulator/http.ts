import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A parsed request: raw path kept for SigV4, the body fully read. */
export interface SimRequest {
  method: string;
  /** Path + query exactly as sent on the wire. */
  rawUrl: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  cookies: Map<string, string>;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Recorded in the request log (STS Action). */
  action?: string;
  /** Drop the connection without answering (a reset as the client sees it). */
  destroy?: boolean;
  /** Send the headers (with the full Content-Length) and this many body bytes, then drop the connection. */
  truncateAfter?: number;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  handle: (req: SimRequest, params: string[]) => SimResponse | Promise<SimResponse>;
}

export interface RouterFallbacks {
  notFound: Handler;
  methodNotAllowed: Handler;
}

/** First route whose pattern matches the path and whose method matches wins. */
export const createRouter =
  (routes: Route[], fallbacks: RouterFallbacks): Handler =>
  (req) => {
    const matching = routes.filter((r) => r.pattern.test(req.url.pathname));
    if (matching.length === 0) return fallbacks.notFound(req);
    const route = matching.find((r) => r.method === req.method);
    if (!route) return fallbacks.methodNotAllowed(req);
    const match = route.pattern.exec(req.url.pathname);
    return route.handle(req, match ? match.slice(1).map((p) => decodeURIComponent(p)) : []);
  };

export const parseCookies = (header: string | undefined): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
};

export const json = (status: number, value: unknown, headers: Record<string, string | string[]> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

export const html = (status: number, body: string, headers: Record<string, string | string[]> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'text/html;charset=utf-8', ...headers },
  body,
});

export const redirect = (location: string, headers: Record<string, string | string[]> = {}): SimResponse => ({
  status: 302,
  headers: { location, ...headers },
  body: '',
});

export interface Listening {
  url: string;
  close(): Promise<void>;
}

export interface Completed {
  req: SimRequest;
  res: SimResponse;
}

/** The minimal request/response surface shared by node:http and node:http2's compatibility API. */
export interface IncomingLike {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  socket: { destroy(): void };
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}
export interface OutgoingLike {
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  write?(chunk: string | Buffer, done?: () => void): unknown;
  end(body: string | Buffer): unknown;
}

/** Reads a whole request, runs `handler`, writes its response. */
export const requestListener =
  (handler: Handler, onDone: (done: Completed) => void) =>
  (incoming: IncomingLike, outgoing: OutgoingLike): void => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const rawUrl = incoming.url ?? '/';
      const req: SimRequest = {
        method: incoming.method ?? 'GET',
        rawUrl,
        url: new URL(rawUrl, 'http://127.0.0.1'),
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        cookies: parseCookies(incoming.headers.cookie),
      };
      void Promise.resolve()
        .then(() => handler(req))
        .catch((err: unknown): SimResponse => ({ status: 500, body: `simulator error: ${String(err)}` }))
        .then((res) => {
          if (res.destroy) {
            incoming.socket.destroy();
            onDone({ req, res });
            return;
          }
          if (res.truncateAfter !== undefined && outgoing.write) {
            const body = Buffer.from(res.body ?? '');
            outgoing.writeHead(res.status, { ...(res.headers ?? {}), 'content-length': String(body.length) });
            outgoing.write(body.subarray(0, res.truncateAfter), () => incoming.socket.destroy());
            onDone({ req, res });
            return;
          }
          outgoing.writeHead(res.status, res.headers ?? {});
          outgoing.end(res.body ?? '');
          onDone({ req, res });
        });
    });
  };

/** Serve `handler` on 127.0.0.1 at an ephemeral port. */
export const listen = async (handler: Handler, onDone: (done: Completed) => void, port = 0): Promise<Listening> => {
  const server: Server = createServer(requestListener(handler, onDone));
  // Node's own default (5 s), like a real server: Node's client keeps no socket whose server hints
  // `Keep-Alive: timeout=1` (it subtracts a second), so a 1-s timeout meant a new connection per request.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
};
