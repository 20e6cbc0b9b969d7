import { createServer, type Server, type Socket } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';
import { spawnCli, type LiveCli } from '../helpers/process.js';

// Issue 14 item 1: an AWS endpoint that accepts the connection and never answers (sleep/wake,
// Wi-Fi roaming, a stuck proxy) must not hang login, credential-process, doctor or the daemon.
const t = useOktaE2e();
const live: LiveCli[] = [];

/** A loopback server that accepts every connection and never writes a byte. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void>; accepted: () => number }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted: () => sockets.length,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let silent: Awaited<ReturnType<typeof silentServer>>;
beforeEach(async () => {
  silent = await silentServer();
});
afterEach(async () => {
  for (const l of live.splice(0)) if (l.child.exitCode === null) l.child.kill('SIGKILL');
  await silent.close();
});

async function writeConfig(extra = ''): Promise<void> {
  const config = join(t.home.env.XDG_CONFIG_HOME!, 'okta-bedrock', 'config.yml');
  await mkdir(dirname(config), { recursive: true });
  await writeFile(config, `org: ${t.sim.oktaUrl}\nusername: ${defaultUser.login}\nappid: ${DEFAULT_APP_ID}/272\nhttp_timeout: 2\n${extra}`);
}

/** Logs in against the working simulator, then makes the cached credentials due for a refresh. */
async function loginThenExpireSoon(): Promise<void> {
  const r = await runCli(['login', '--password-stdin', ...t.totp()], { env: t.env(), input: PASSWORD_LINE });
  expect(r.code, r.stderr).toBe(0);
  const file = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', 'default.json');
  const cache = JSON.parse(await readFile(file, 'utf8')) as { gateway: { expiration: string }; lastRefresh?: string; updatedAt: string };
  cache.gateway.expiration = new Date(Date.now() + 120_000).toISOString();
  cache.lastRefresh = cache.updatedAt = new Date(Date.now() - 3_600_000).toISOString();
  await writeFile(file, JSON.stringify(cache));
}

describe('AWS calls have deadlines (config http_timeout)', () => {
  it('login: an STS that never answers fails within the deadline with a clear line', async () => {
    await writeConfig();
    const started = Date.now();
    const r = await runCli(['login', '--password-stdin', ...t.totp()], {
      env: t.env({ AWS_ENDPOINT_URL_STS: silent.url }),
      input: PASSWORD_LINE,
      timeoutMs: 20_000,
    });
    expect(r.signal, 'login hung').toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/AWS STS did not answer within 2 s/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(silent.accepted()).toBeGreaterThan(0);
  });

  it('credential-process: a refresh against a silent STS fails in time, and the profile lock is free after', async () => {
    await writeConfig();
    await loginThenExpireSoon();
    const env = t.env({ AWS_ENDPOINT_URL_STS: silent.url });
    const started = Date.now();
    const [a, b] = await Promise.all([runCli(['credential-process'], { env, timeoutMs: 25_000 }), runCli(['credential-process'], { env, timeoutMs: 25_000 })]);
    for (const r of [a, b]) {
      expect(r.signal, 'credential-process hung').toBeNull();
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/did not answer within 2 s/);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    // STS is back: the next call refreshes at once (no lock left behind).
    const ok = await runCli(['credential-process'], { env: t.env() });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ Version: 1 });
  });

  it('doctor: a Bedrock endpoint that never answers fails its checks in time', async () => {
    await writeConfig();
    const r0 = await runCli(['login', '--password-stdin', ...t.totp()], { env: t.env(), input: PASSWORD_LINE });
    expect(r0.code, r0.stderr).toBe(0);
    const started = Date.now();
    const r = await runCli(['doctor'], {
      env: t.env({ AWS_ENDPOINT_URL_BEDROCK: silent.url, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: silent.url }),
      timeoutMs: 40_000,
    });
    expect(r.signal, 'doctor hung').toBeNull();
    expect(r.stdout).toMatch(/✗ .*no answer within 2 s/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('daemon: a silent STS does not freeze it — the refresh fails in time, the Okta keep-alive and SIGHUP still work', async () => {
    await writeConfig();
    await loginThenExpireSoon();
    const d = spawnCli(['daemon', 'run'], t.env({ AWS_ENDPOINT_URL_STS: silent.url }));
    live.push(d);
    await d.waitFor(/Refreshing "default" failed: .*did not answer within 2 s/, 20_000);
    await d.waitFor(/Kept the Okta session|daemon started/, 5_000);
    const status = await runCli(['daemon', 'status', '--json'], { env: t.env() });
    const s = JSON.parse(status.stdout) as { profiles: Record<string, { state: string; lastError?: string }>; sessions: { state: string }[] };
    expect(s.profiles.default?.state).toBe('retrying');
    expect(s.profiles.default?.lastError).toMatch(/did not answer/);
    expect(s.sessions[0]?.state).toBe('alive');
    d.child.kill('SIGHUP');
    await d.waitFor(/Reloaded the configuration/, 5_000);
    d.child.kill('SIGTERM');
    const exit = await d.exited;
    expect(exit.code).toBe(0);
  });

  it('daemon: after an outage that outlasts the credentials it probes every ~15 s, and SIGHUP retries at once (item 5)', async () => {
    await writeConfig();
    await loginThenExpireSoon();
    // The credentials have lapsed.
    const file = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', 'default.json');
    const cache = JSON.parse(await readFile(file, 'utf8')) as { gateway: { expiration: string } };
    cache.gateway.expiration = new Date(Date.now() - 60_000).toISOString();
    await writeFile(file, JSON.stringify(cache));
    const d = spawnCli(['daemon', 'run', '--debug'], t.env({ AWS_ENDPOINT_URL_STS: silent.url }));
    live.push(d);
    await d.waitFor(/Refreshing "default" failed: .*did not answer/, 20_000);
    const status = JSON.parse((await runCli(['daemon', 'status', '--json'], { env: t.env() })).stdout) as {
      profiles: Record<string, { nextRefreshAt: string }>;
    };
    const next = Date.parse(status.profiles.default!.nextRefreshAt) - Date.now();
    expect(next).toBeLessThanOrEqual(19_000);
    const attempts = (): number => (d.stderr().match(/did not answer within 2 s/g) ?? []).length;
    const before = attempts();
    const hupAt = Date.now();
    d.child.kill('SIGHUP');
    await d.waitFor(/Reloaded the configuration/, 5_000);
    while (attempts() === before && Date.now() - hupAt < 15_000) await new Promise((r) => setTimeout(r, 100));
    // One STS deadline (2 s) after the SIGHUP, not at the next tick or backoff.
    expect(Date.now() - hupAt).toBeLessThan(6_000);
    d.child.kill('SIGTERM');
    await d.exited;
  });
});
