import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

// "Never send a password to a host that has not shown it is an Okta org": `login` (auth_flow auto)
// asks /.well-known/okta-organization first; a host that answers it as no Okta org does is refused
// before the password is read or sent.
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

async function startServer(status: number, body: string, type: string): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('login refuses a host that is not an Okta org before sending the password', () => {
  for (const [name, status, body, type] of [
    ['404 web server', 404, '<html>Not Found</html>', 'text/html'],
    ['HTML page', 200, '<html>Welcome</html>', 'text/html'],
    ['JSON without an org id', 200, '{"hello":"world"}', 'application/json'],
  ] as const) {
    it(`${name}: exit 3, one line naming the check, only the GET was sent`, async () => {
      const t = await tempHome();
      const other = await startServer(status, body, type);
      const r = await runCli(['login', '--org', other.url, '--username', 'alice@example.com', '--password-stdin', '--factor', 'totp', '--passcode', '123456'], {
        env: t.env,
        input: 'secret-password\n',
      });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('is not an Okta org');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(other.seen).toEqual(['GET /.well-known/okta-organization']);
    });
  }
});
