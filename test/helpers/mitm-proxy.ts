import { writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { tempDir } from './temp.js';

/**
 * A loopback HTTP proxy for tests. CONNECT to a host in `routes` is answered by the proxy itself:
 * it terminates TLS with a test certificate (trusted through AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS)
 * and forwards the decrypted requests to the mapped simulator URL on 127.0.0.1. Nothing ever
 * leaves the machine: CONNECT to a loopback port is tunnelled, any other unmapped CONNECT gets 502. Plain absolute-URI requests to loopback are
 * forwarded too. Every CONNECT and plain request is counted.
 */
export interface MitmProxy {
  url: string;
  caFile: string;
  connects: string[];
  plainRequests: string[];
  close(): Promise<void>;
}

export async function startMitmProxy(routes: Record<string, string>): Promise<MitmProxy> {
  const dns = ['*.amazonaws.com', '*.us-east-1.amazonaws.com', '*.us-west-2.amazonaws.com', ...Object.keys(routes)];
  const pems = await generate([{ name: 'commonName', value: 'okta-bedrock test proxy' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [...new Set(dns)].map((value) => ({ type: 2, value })) },
    ],
  });
  const dir = await tempDir('okta-bedrock-proxy-');
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, pems.cert);
  const connects: string[] = [];
  const plainRequests: string[] = [];

  const forward = (target: string) => (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', target);
    const upstream = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };

  const inner = new Map<string, Server>();
  for (const [host, target] of Object.entries(routes)) inner.set(host, createServer(forward(target)));

  const proxy = createServer((req, res) => {
    plainRequests.push(`${req.method} ${req.url}`);
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      res.writeHead(502).end('test proxy: only loopback');
      return;
    }
    forward(url.origin)(req, res);
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    connects.push(authority);
    const host = authority.replace(/:\d+$/, '');
    const server = inner.get(host);
    if (!server && (host === '127.0.0.1' || host === 'localhost')) {
      // A plain tunnel to a loopback port, as any proxy does for CONNECT.
      const port = Number(authority.split(':').pop());
      const upstream = connect(port, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      return;
    }
    if (!server) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    const tls = new TLSSocket(socket, { isServer: true, key: pems.private, cert: pems.cert });
    server.emit('connection', tls);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    caFile,
    connects,
    plainRequests,
    close: async () => {
      proxy.closeAllConnections();
      for (const s of inner.values()) s.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
