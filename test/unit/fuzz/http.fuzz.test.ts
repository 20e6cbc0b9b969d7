import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumeRoleWithSaml } from '../../../src/aws/sts.js';
import { OktaBedrockError } from '../../../src/errors.js';
import { authenticate } from '../../../src/okta/authn.js';
import { OktaClient } from '../../../src/okta/client.js';
import { FakeClock } from '../../../src/platform/clock.js';
import { createHttpClient, type HttpClient } from '../../../src/platform/http.js';
import { createNodeHttpClient } from '../../../src/platform/http-node.js';
import { silentLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';
import { RUNS, SEED } from './fuzz-config.js';

// Issue 14: hostile Okta / STS answers at the HTTP level, on a loopback server that writes raw
// bytes (so nothing is too broken to send): odd and huge sizes, wrong and broken encodings,
// truncated, slow and stalled bodies, bad JSON/XML, wrong content types. Through each of our HTTP
// clients (undici, node:http), the Okta authn state machine and the STS SDK client, every case
// must end in a correct result or one of our typed errors within its deadline: never a hang,
// never an untyped crash.

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Answer {
  head: string;
  body: Buffer;
  /** What the server does with the body. */
  mode: 'whole' | 'truncate' | 'slow' | 'stall' | 'close-early' | 'garbage-head';
}

const TIMEOUT_MS = 250;
const CAP = 64 * 1024;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

const stsXml = (r: () => number): string => {
  const f = (v: string): string => (r() < 0.15 ? '' : v);
  const exp = pick(r, ['2030-01-01T00:00:00Z', 'not a date', '', '9999-99-99T99:99:99Z', '1970-01-01T00:00:00Z']);
  const inner = `<Credentials>${f('<AccessKeyId>ASIAFUZZ</AccessKeyId>')}${f('<SecretAccessKey>s</SecretAccessKey>')}${f('<SessionToken>t</SessionToken>')}${f(`<Expiration>${exp}</Expiration>`)}</Credentials>${f('<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>')}`;
  return pick(r, [
    `<AssumeRoleWithSAMLResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithSAMLResult>${inner}</AssumeRoleWithSAMLResult></AssumeRoleWithSAMLResponse>`,
    `<ErrorResponse><Error><Type>Sender</Type><Code>${pick(r, ['AccessDenied', 'ValidationError', 'Throttling', 'ExpiredToken', '<x/>', ''])}</Code><Message>m\u001b[2J</Message></Error></ErrorResponse>`,
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
    '<'.repeat(1 + Math.floor(r() * 5000)),
    `${'<a>'.repeat(2000)}`,
    `<AssumeRoleWithSAMLResponse><AssumeRoleWithSAMLResult>${inner}`,
  ]);
};

const oktaJson = (r: () => number): string =>
  pick(r, [
    JSON.stringify({
      status: pick(r, ['SUCCESS', 'MFA_REQUIRED', 'MFA_CHALLENGE', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'WAT']),
      sessionToken: r() < 0.5 ? 'st' : undefined,
      stateToken: r() < 0.5 ? 'x' : undefined,
      _embedded: r() < 0.3 ? { factors: [{ id: 'f', factorType: 'push', provider: 'OKTA', _links: { verify: { href: 'http://127.0.0.1:1/x' } } }] } : undefined,
    }),
    JSON.stringify({ errorCode: pick(r, ['E0000004', 'E0000047', 'E0000011', 'E9']), errorSummary: 'no\u001b]0;x\u0007' }),
    '{"status":"SUCCESS","sessionToken":',
    '['.repeat(1 + Math.floor(r() * 20000)),
    '{"a":' + '1'.repeat(1 + Math.floor(r() * 10000)),
    'null',
    '"string"',
    '<html><body>Okta is down</body></html>',
    '\uFEFF{"status":"SUCCESS"}',
  ]);

function makeAnswer(r: () => number): Answer {
  const status = pick(r, [200, 200, 200, 200, 201, 204, 301, 302, 400, 401, 403, 404, 429, 500, 502, 503, 599, 99, 1000]);
  const kind = pick(r, ['json', 'xml', 'bytes', 'empty', 'huge']);
  let text: Buffer;
  if (kind === 'json') text = Buffer.from(oktaJson(r));
  else if (kind === 'xml') text = Buffer.from(stsXml(r));
  else if (kind === 'bytes') text = Buffer.from(Array.from({ length: Math.floor(r() * 2000) }, () => Math.floor(r() * 256)));
  else if (kind === 'empty') text = Buffer.alloc(0);
  else text = Buffer.alloc(CAP + 1 + Math.floor(r() * CAP), pick(r, ['a', '{', '<', ' ']));
  if (r() < 0.1) text = Buffer.from(text.toString('utf8'), pick(r, ['utf16le', 'latin1'] as const));
  const encoding = pick(r, ['', '', '', '', 'gzip', 'gzip-bad', 'deflate', 'br', 'x-unknown', 'gzip, gzip', 'bomb']);
  let body = text;
  let ce: string | undefined;
  if (encoding === 'gzip') [body, ce] = [gzipSync(text), 'gzip'];
  else if (encoding === 'gzip-bad') [body, ce] = [Buffer.concat([gzipSync(text).subarray(0, 12), Buffer.from('garbage')]), 'gzip'];
  else if (encoding === 'deflate') [body, ce] = [deflateSync(text), 'deflate'];
  else if (encoding === 'br') [body, ce] = [brotliCompressSync(text), 'br'];
  else if (encoding === 'x-unknown') [body, ce] = [text, 'x-unknown'];
  else if (encoding === 'gzip, gzip') [body, ce] = [gzipSync(gzipSync(text)), 'gzip, gzip'];
  else if (encoding === 'bomb') [body, ce] = [gzipSync(Buffer.alloc(20 * 1024 * 1024)), 'gzip'];
  const type = pick(r, [
    'application/json',
    'application/json; charset=utf-16',
    'text/xml',
    'text/html; charset=latin1',
    'application/octet-stream',
    'a/b/c;;',
    '',
    'text/plain; charset=nope',
  ]);
  const lengthMode = pick(r, ['right', 'right', 'chunked', 'none', 'bigger', 'smaller', 'huge', 'garbage', 'two']);
  const headers: string[] = [];
  if (type) headers.push(`Content-Type: ${type}`);
  if (ce) headers.push(`Content-Encoding: ${ce}`);
  if (status === 301 || status === 302) headers.push(`Location: ${pick(r, ['http://127.0.0.1:1/x', 'https://evil.example/', '/relative', '::::'])}`);
  if (status === 429) headers.push(`Retry-After: ${pick(r, ['0', '1', '999999', 'soon', '-1'])}`, `X-Rate-Limit-Reset: ${pick(r, ['0', '99999999999', 'x'])}`);
  if (r() < 0.2) headers.push(`Set-Cookie: sid=${'x'.repeat(Math.floor(r() * 5000))}; Path=/`);
  let wire = body;
  if (lengthMode === 'right') headers.push(`Content-Length: ${body.length}`);
  else if (lengthMode === 'bigger') headers.push(`Content-Length: ${body.length + 1 + Math.floor(r() * 100)}`);
  else if (lengthMode === 'smaller') headers.push(`Content-Length: ${Math.floor(body.length / 2)}`);
  else if (lengthMode === 'huge') headers.push('Content-Length: 999999999999');
  else if (lengthMode === 'garbage') headers.push('Content-Length: 12abc');
  else if (lengthMode === 'two') headers.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
  else if (lengthMode === 'chunked') {
    headers.push('Transfer-Encoding: chunked');
    wire = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from(r() < 0.8 ? '\r\n0\r\n\r\n' : '\r\nzz\r\n')]);
  }
  headers.push(lengthMode === 'none' ? 'Connection: close' : pick(r, ['Connection: close', 'Connection: keep-alive']));
  const modes: Answer['mode'][] = ['whole', 'whole', 'whole', 'whole', 'whole', 'whole', 'truncate', 'slow', 'close-early', 'garbage-head'];
  if (r() < 0.3) modes.push('stall');
  const mode = pick(r, modes);
  return { head: `HTTP/1.1 ${status} ${pick(r, ['OK', '', 'x\u00ff'])}\r\n${headers.join('\r\n')}\r\n\r\n`, body: wire, mode };
}

let server: Server;
let base = '';
let current: Answer | undefined;
const sockets = new Set<Socket>();

function serve(socket: Socket): void {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => undefined);
  let seen = '';
  socket.on('data', (d) => {
    seen += d.toString('latin1');
    if (!seen.includes('\r\n\r\n')) return;
    seen = '';
    const a = current;
    if (!a) return void socket.destroy();
    if (a.mode === 'garbage-head') return void socket.end('HTTP/1.1 2OO\r\n\u0000\u0001junk\r\n\r\n');
    if (a.mode === 'close-early') return void socket.end(a.head.slice(0, Math.max(1, a.head.length >> 1)));
    socket.write(a.head);
    if (a.mode === 'whole') socket.write(a.body);
    else if (a.mode === 'truncate') return void socket.end(a.body.subarray(0, a.body.length >> 1));
    else if (a.mode === 'stall')
      return void socket.write(a.body.subarray(0, a.body.length >> 2)); // never more, never closed
    else if (a.mode === 'slow') {
      // A few bytes at a time, a little under the deadline in total, then the rest.
      let i = 0;
      const step = Math.max(1, Math.ceil(a.body.length / 8));
      const tick = (): void => {
        if (socket.destroyed) return;
        if (i >= a.body.length) return;
        socket.write(a.body.subarray(i, i + step));
        i += step;
        setTimeout(tick, 20);
      };
      return tick();
    }
  });
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

type Target = { name: string; run: () => Promise<unknown>; limitMs: number };

function targets(): Target[] {
  const undici = createHttpClient({ timeoutMs: TIMEOUT_MS, connectTimeoutMs: TIMEOUT_MS, retry: false, maxBodyBytes: CAP });
  const node = createNodeHttpClient({ timeoutMs: TIMEOUT_MS, connectTimeoutMs: TIMEOUT_MS, maxBodyBytes: CAP });
  const okta = (http: HttpClient): Promise<unknown> =>
    authenticate({
      client: new OktaClient({ orgUrl: base, http, log: silentLogger }),
      username: 'u',
      password: async () => 'p',
      prompter: nonInteractivePrompter('no tty'),
      log: silentLogger,
      clock: new FakeClock(),
      passcode: '123456',
      timing: { pollIntervalMs: 1, pushTimeoutMs: 50, maxCodeAttempts: 1 },
    });
  return [
    { name: 'undici GET', run: () => undici.send({ method: 'GET', url: `${base}/api/v1/users/me` }), limitMs: TIMEOUT_MS + 1500 },
    {
      name: 'node:http POST',
      run: () => node.send({ method: 'POST', url: `${base}/api/v1/authn`, body: '{}', headers: { 'content-type': 'application/json' } }),
      limitMs: TIMEOUT_MS + 1500,
    },
    { name: 'Okta authn over undici', run: () => okta(undici), limitMs: 4 * TIMEOUT_MS + 3000 },
    { name: 'Okta authn over node:http', run: () => okta(node), limitMs: 4 * TIMEOUT_MS + 3000 },
  ];
}

const stsTarget: Target = {
  name: 'STS AssumeRoleWithSAML (AWS SDK)',
  run: () =>
    assumeRoleWithSaml(
      { region: 'us-east-1', endpoint: base, timeoutMs: 1000 },
      { roleArn: 'arn:aws:iam::123456789012:role/r', principalArn: 'arn:aws:iam::123456789012:saml-provider/p', samlAssertion: 'PHNhbWw+' },
    ),
  limitMs: 6000,
};

/** Answers (each through every client): the HTTP level is slower per case than the parsers (bench/fuzz.mjs sets FUZZ_HTTP_ANSWERS). */
const HTTP_CASES = Number(process.env.FUZZ_HTTP_ANSWERS ?? Math.max(20, Math.floor(RUNS / 10)));

describe('fuzz: hostile Okta / STS answers over loopback HTTP', () => {
  it('structured hostile answers → a result or a typed error, in time, through every client', async () => {
    const r = prng(SEED);
    const all = [...targets(), stsTarget];
    const failures: string[] = [];
    let cases = 0;
    const t0 = Date.now();
    for (let i = 0; i < HTTP_CASES; i++) {
      current = makeAnswer(r);
      for (const target of all) {
        if (target === stsTarget && i % 4 !== 0) continue; // an SDK client per call is slower: every 4th answer
        cases++;
        const started = Date.now();
        let outcome = 'ok';
        try {
          await target.run();
        } catch (e) {
          if (!(e instanceof OktaBedrockError)) outcome = `untyped ${(e as Error)?.name}: ${(e as Error)?.message}`.slice(0, 300);
        }
        const ms = Date.now() - started;
        if (ms > target.limitMs) outcome = `took ${ms} ms (limit ${target.limitMs})`;
        if (outcome !== 'ok') failures.push(`${target.name} case ${i} (${current.mode}, ${current.head.split('\r\n').join(' | ').slice(0, 200)}): ${outcome}`);
      }
    }
    const stats = { cases, answers: HTTP_CASES, failures: failures.length, ms: Date.now() - t0 };
    if (process.env.FUZZ_STATS_DIR) writeFileSync(join(process.env.FUZZ_STATS_DIR, 'http.json'), JSON.stringify({ ...stats, examples: failures.slice(0, 5) }));
    expect(failures.slice(0, 8), `${failures.length} of ${cases} cases failed`).toEqual([]);
  }, 900_000);
});
