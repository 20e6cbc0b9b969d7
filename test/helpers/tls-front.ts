import { writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { tempDir } from './temp.js';

/**
 * An HTTPS front for a loopback http:// simulator, with a self-signed certificate for 127.0.0.1
 * (not trusted unless NODE_EXTRA_CA_CERTS names `certFile`). Absolute links are rewritten both ways
 * (responses name the https origin, as a real https org's would).
 */
export interface TlsFront {
  url: string;
  certFile: string;
  close(): Promise<void>;
}

export async function startTlsFront(target: string): Promise<TlsFront> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const dir = await tempDir('okta-bedrock-tls-');
  const certFile = join(dir, 'cert.pem');
  await writeFile(certFile, pems.cert);
  let origin = '';
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    // Links the client sends back (redirectUrl=…) name the https origin: map them to the target.
    const path = (req.url ?? '/').split(encodeURIComponent(origin)).join(encodeURIComponent(target)).split(origin).join(target);
    const up = new URL(path, target);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = httpRequest(
        { host: up.hostname, port: up.port, path: up.pathname + up.search, method: req.method, headers: { ...req.headers, host: up.host } },
        (r) => {
          const body: Buffer[] = [];
          r.on('data', (c: Buffer) => body.push(c));
          r.on('end', () => {
            const text = Buffer.concat(body).toString('utf8').split(target).join(origin);
            const headers = { ...r.headers };
            delete headers['content-length'];
            delete headers['transfer-encoding'];
            if (typeof headers.location === 'string') headers.location = headers.location.split(target).join(origin);
            res.writeHead(r.statusCode ?? 502, headers);
            res.end(text);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    certFile,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
