import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/okta/authn.js';
import { OktaClient } from '../../../src/okta/client.js';
import { FakeClock } from '../../../src/platform/clock.js';
import { createHttpClient } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { scriptedPrompter } from '../../helpers/fake-prompter.js';

/**
 * Okta answers with only the fields Okta's Authentication API documents as always present
 * (no factor `profile`, no `provider` in one, no user profile), and `_links` on another
 * name of the same host — as an org with a custom domain, or a proxy, answers.
 */
type Reply = { status?: number; body: unknown; headers?: Record<string, string> };
let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function scripted(handler: (method: string, path: string, body: Record<string, unknown>, alias: string) => Reply) {
  const seen: string[] = [];
  server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const port = (server?.address() as AddressInfo).port;
      seen.push(`${req.method} ${req.url}`);
      const reply = handler(req.method ?? '', req.url ?? '', raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, `http://localhost:${port}`);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const orgUrl = `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  const client = new OktaClient({ orgUrl, http: createHttpClient({ retry: false }), log: silentLogger });
  return { client, seen };
}

const mfaRequired = (alias: string) => ({
  status: 'MFA_REQUIRED',
  stateToken: '00state',
  _embedded: {
    user: { id: '00u1' },
    factors: [
      { id: 'ufs1', factorType: 'push', provider: 'OKTA', _links: { verify: { href: `${alias}/api/v1/authn/factors/ufs1/verify` } } },
      { id: 'uft1', factorType: 'token:software:totp', _links: { verify: { href: `${alias}/api/v1/authn/factors/uft1/verify` } } },
    ],
  },
});

describe('authenticate against docs-shaped answers', () => {
  it('push: WAITING polls on the next link (another host name moved onto the org), then SUCCESS; no user profile needed', async () => {
    let polls = 0;
    const { client, seen } = await scripted((method, path, body, alias) => {
      if (path === '/api/v1/authn') return { body: mfaRequired(alias) };
      expect(body.stateToken).toBe('00state');
      if (path.startsWith('/api/v1/authn/factors/ufs1/verify') && polls++ < 2) {
        return {
          body: {
            status: 'MFA_CHALLENGE',
            factorResult: 'WAITING',
            stateToken: '00state',
            _links: { next: { name: 'poll', href: `${alias}/api/v1/authn/factors/ufs1/verify` } },
          },
        };
      }
      return { body: { status: 'SUCCESS', sessionToken: '20111token', _embedded: { user: { id: '00u1' } } } };
    });
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12));
    const result = await authenticate({
      client,
      username: 'a',
      password: async () => 'p',
      prompter: scriptedPrompter([], false),
      log: silentLogger,
      clock,
      factor: 'push',
      timing: { pollIntervalMs: 1 },
    });
    expect(result.sessionToken).toBe('20111token');
    expect(seen.filter((s) => s.includes('ufs1'))).toHaveLength(3);
  });

  it('push: a poll refused by the org rate limit (reset beyond the client wait) waits for the reset and polls on', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12));
    let polls = 0;
    const { client, seen } = await scripted((_method, path, _body, alias) => {
      if (path === '/api/v1/authn') return { body: mfaRequired(alias) };
      polls++;
      if (polls === 2) {
        const now = clock.now();
        return {
          status: 429,
          headers: {
            date: now.toUTCString(),
            'x-rate-limit-limit': '500',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(Math.floor(now.getTime() / 1000) + 50),
          },
          body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorCauses: [] },
        };
      }
      if (polls < 4)
        return {
          body: {
            status: 'MFA_CHALLENGE',
            factorResult: 'WAITING',
            stateToken: '00state',
            _links: { next: { name: 'poll', href: `${alias}/api/v1/authn/factors/ufs1/verify` } },
          },
        };
      return { body: { status: 'SUCCESS', sessionToken: '20111token', _embedded: { user: { id: '00u1' } } } };
    });
    const started = clock.now().getTime();
    // On the same clock as the sign-in (the reset is read against the answer's Date header).
    const clocked = new OktaClient({ orgUrl: client.orgUrl, http: createHttpClient({ retry: false }), log: silentLogger, clock });
    const result = await authenticate({
      client: clocked,
      username: 'a',
      password: async () => 'p',
      prompter: scriptedPrompter([], false),
      log: silentLogger,
      clock,
      factor: 'push',
      timing: { pollIntervalMs: 1 },
    });
    expect(result.sessionToken).toBe('20111token');
    expect(seen.filter((s) => s.includes('ufs1'))).toHaveLength(4); // one push sent, no second push
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(49_000);
  });

  it('a bare 401 on primary authentication (no Okta error body) is a failed authentication', async () => {
    const { client } = await scripted(() => ({ status: 401, body: '' }));
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12));
    const run = authenticate({
      client,
      username: 'a',
      password: async () => 'p',
      prompter: scriptedPrompter([], false),
      log: silentLogger,
      clock,
      timing: { pollIntervalMs: 1 },
    });
    await expect(run).rejects.toMatchObject({ name: 'AuthenticationError', message: expect.stringContaining('authentication failed') });
  });

  it('a TOTP factor without `provider` can still be chosen and named', async () => {
    const { client } = await scripted((method, path, body, alias) => {
      if (path === '/api/v1/authn') return { body: mfaRequired(alias) };
      expect(body.passCode).toBe('123456');
      return { body: { status: 'SUCCESS', sessionToken: '20111t', _embedded: { user: { id: '00u1', profile: { login: 'a' } } } } };
    });
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12));
    const result = await authenticate({
      client,
      username: 'a',
      password: async () => 'p',
      prompter: scriptedPrompter([], false),
      log: silentLogger,
      clock,
      factor: 'totp',
      passcode: '123456',
    });
    expect(result.sessionToken).toBe('20111t');
  });

  it('PASSWORD_WARN without `_links.skip` skips on the documented path and warns', async () => {
    const warnings: string[] = [];
    const { client, seen } = await scripted((method, path) => {
      if (path === '/api/v1/authn') return { body: { status: 'PASSWORD_WARN', stateToken: '00state', _embedded: { user: { id: '00u1' } } } };
      if (path === '/api/v1/authn/skip') return { body: { status: 'SUCCESS', sessionToken: '20111s' } };
      return { status: 404, body: { errorCode: 'E0000007', errorSummary: 'Not found' } };
    });
    const log = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12));
    const result = await authenticate({ client, username: 'a', password: async () => 'p', prompter: scriptedPrompter([], false), log, clock });
    expect(result.sessionToken).toBe('20111s');
    expect(seen).toEqual(['POST /api/v1/authn', 'POST /api/v1/authn/skip']);
    expect(warnings).toEqual([`Your Okta password expires soon — change it at ${client.orgUrl}`]);
  });

  it('push: a CHALLENGE factorResult is waited on like WAITING; the number challenge is shown once', async () => {
    let polls = 0;
    const { client } = await scripted((method, path, body, alias) => {
      if (path === '/api/v1/authn') return { body: mfaRequired(alias) };
      if (polls++ < 2) {
        return {
          body: {
            status: 'MFA_CHALLENGE',
            factorResult: polls === 1 ? 'CHALLENGE' : 'WAITING',
            stateToken: '00state',
            _embedded: { factor: { id: 'ufs1', factorType: 'push', provider: 'OKTA', _embedded: { challenge: { correctAnswer: 7 } } } },
            _links: { next: { name: 'poll', href: `${alias}/api/v1/authn/factors/ufs1/verify` } },
          },
        };
      }
      return { body: { status: 'SUCCESS', sessionToken: '20111p' } };
    });
    const prompter = scriptedPrompter([], false);
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12));
    const result = await authenticate({ client, username: 'a', password: async () => 'p', prompter, log: silentLogger, clock, timing: { pollIntervalMs: 1 } });
    expect(result.sessionToken).toBe('20111p');
    expect(prompter.notices.filter((n) => n.includes('Tap number'))).toEqual(['Tap number 7 in Okta Verify']);
  });
});
