import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

// Issue 14 item 10: answers through the AWS SDK (STS, Bedrock) are capped like our own HTTP
// clients' (8 MB): an endpoint streaming an endless body must not grow memory until the deadline.
const t = useOktaE2e();
let server: Server | undefined;
const open: ServerResponse[] = [];

afterEach(async () => {
  for (const r of open.splice(0)) r.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** An "STS" that answers 200 with a huge body: declared (Content-Length) or endless chunks. */
async function hugeSts(mode: 'declared' | 'endless'): Promise<string> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  server = createServer((req, res) => {
    req.resume();
    open.push(res);
    res.on('error', () => undefined);
    if (mode === 'declared') {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(600 * 1024 * 1024) });
      res.write('<AssumeRoleWithSAMLResponse>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' });
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as { port: number }).port}`;
}

async function writeConfig(): Promise<void> {
  const config = join(t.home.env.XDG_CONFIG_HOME!, 'okta-bedrock', 'config.yml');
  await mkdir(dirname(config), { recursive: true });
  await writeFile(config, `org: ${t.sim.oktaUrl}\nusername: ${defaultUser.login}\nappid: ${DEFAULT_APP_ID}/272\nhttp_timeout: 60\n`);
}

describe('AWS SDK answers are capped (issue 14 item 10)', () => {
  it.each(['declared', 'endless'] as const)('login: an STS answer of %s huge size fails fast with one clear line', async (mode) => {
    await writeConfig();
    const sts = await hugeSts(mode);
    const started = Date.now();
    const r = await runCli(['login', '--password-stdin', ...t.totp()], { env: t.env({ AWS_ENDPOINT_URL_STS: sts }), input: PASSWORD_LINE, timeoutMs: 40_000 });
    expect(r.signal, 'login hung').toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/larger than 8 MB/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
