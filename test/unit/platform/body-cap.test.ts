import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseHttpClient } from '../../../src/platform/http.js';
import { createNodeHttpClient } from '../../../src/platform/http-node.js';

// Issue 14 item 10: response bodies are capped per client (a 600 MB answer once took 1.3 GB RSS).
let server: Server;
let url = '';
const MB = 1024 * 1024;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunk = Buffer.alloc(MB, 'a');
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-length': String(50 * MB) });
      res.write(chunk);
      return; // never sends the rest: the declared size alone is refused
    }
    if (req.url === '/small') return res.end('ok');
    res.writeHead(200); // chunked, no length: refused once it passes the cap
    let sent = 0;
    const pump = (): void => {
      while (sent < 50 && res.write(chunk)) sent++;
      if (sent < 50) res.once('drain', () => (sent++, pump()));
      else res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe.each([
  ['undici', () => createBaseHttpClient({ maxBodyBytes: 4 * MB, timeoutMs: 10_000 })],
  ['node:http', () => createNodeHttpClient({ maxBodyBytes: 4 * MB, timeoutMs: 10_000 })],
])('%s client', (_name, make) => {
  it.each(['/declared', '/chunked'])('refuses a body over the cap (%s)', async (path) => {
    await expect(make().send({ method: 'GET', url: url + path })).rejects.toMatchObject({ code: 'body_too_large' });
  });
  it('passes a small body', async () => {
    expect((await make().send({ method: 'GET', url: url + '/small' })).body).toBe('ok');
  });
});
