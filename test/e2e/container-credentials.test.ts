import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { simEnv, useBedrockE2e } from './bedrock-helpers.js';

const t = useBedrockE2e();
const env = (extra: Record<string, string> = {}) => simEnv(t.sim, t.home, extra);
const ROOT = join(import.meta.dirname, '..', '..');

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  token: string;
  stdout: string;
  stderr: () => string;
}

const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** `okta-bedrock serve …` until it has printed the two variables. */
async function serve(...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--profile', 'bedrock', ...args], { env: { PATH: process.env.PATH ?? '', ...env() } });
  running.push(child);
  let out = '';
  let err = '';
  await new Promise<void>((resolve, reject) => {
    // Ready once the variables and the docker example are out.
    const check = (): void => {
      if (/AWS_CONTAINER_AUTHORIZATION_TOKEN=\S+\n/.test(out) && /--network host .*\n/.test(out)) resolve();
    };
    child.stderr.on('data', (d: Buffer) => ((err += d.toString()), check()));
    child.stdout.on('data', (d: Buffer) => ((out += d.toString()), check()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const url = /^export AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)$/m.exec(out)?.[1] ?? '';
  const token = /^export AWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)$/m.exec(out)?.[1] ?? '';
  return { child, url, token, stdout: out, stderr: () => err };
}

async function stop(s: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  s.child.kill(signal);
  const code = await new Promise<number | null>((resolve) => (s.child.exitCode !== null ? resolve(s.child.exitCode) : s.child.once('exit', (c) => resolve(c))));
  return { code, ms: Date.now() - started };
}

const issued = (id: string) => t.sim.issuedCredentials.get(id);
const assumeRoleCalls = () => t.sim.requests.filter((r) => r.service === 'sts' && r.action === 'AssumeRole').length;

async function expireChained(): Promise<void> {
  const file = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', 'bedrock.json');
  const c = JSON.parse(await readFile(file, 'utf8')) as { chained: { expiration: string } };
  c.chained.expiration = new Date(Date.now() - 60_000).toISOString();
  await writeFile(file, JSON.stringify(c));
}

/** A Node program using the AWS SDK in a child process, with `extra` in its environment and no AWS keys or shared files. */
function sdkChild(script: string, extra: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: t.home.env.HOME, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c', AWS_CONFIG_FILE: '/nonexistent/f', ...extra },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('okta-bedrock serve (e2e)', () => {
  it('serves the ECS container-credentials format on 127.0.0.1 to fromContainerMetadata and the default chain, and stops on SIGTERM within 2 s', async () => {
    const s = await serve();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.token.length).toBeGreaterThanOrEqual(32);
    expect(s.stdout).toMatch(
      /^# +docker run .*-e AWS_CONTAINER_CREDENTIALS_FULL_URI=http:\/\/host\.docker\.internal:\d+\/ -e AWS_CONTAINER_AUTHORIZATION_TOKEN /m,
    );
    // The whole stdout evaluates in a shell.
    const sh = spawnSync('sh', ['-c', `${s.stdout}\nprintf %s "$AWS_CONTAINER_CREDENTIALS_FULL_URI"`], { encoding: 'utf8' });
    expect(sh.stdout).toBe(s.url);
    expect(s.stderr()).not.toContain(s.token);

    const res = await fetch(s.url, { headers: { authorization: s.token } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['AccessKeyId', 'Expiration', 'RoleArn', 'SecretAccessKey', 'Token']);
    expect(body.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body.RoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(issued(body.AccessKeyId!)).toMatchObject({ secretAccessKey: body.SecretAccessKey, sessionToken: body.Token });

    const script = `
      const { fromContainerMetadata, fromNodeProviderChain } = require('@aws-sdk/credential-providers');
      Promise.all([fromContainerMetadata()(), fromNodeProviderChain()()]).then(
        ([a, b]) => console.log(JSON.stringify([a.accessKeyId, b.accessKeyId, a.expiration.toISOString()])),
        (e) => { console.error(e.name, e.message); process.exit(3); });`;
    const sdk = sdkChild(script, { AWS_CONTAINER_CREDENTIALS_FULL_URI: s.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: s.token });
    expect(sdk.stderr).toBe('');
    const [a, b] = JSON.parse(sdk.stdout) as string[];
    expect(a).toBe(body.AccessKeyId);
    expect(b).toBe(body.AccessKeyId);

    const stopped = await stop(s);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(2000);
  });

  it('boto3/botocore gets the credentials through its ContainerProvider', async (ctx) => {
    const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0);
    if (!python) {
      console.log('skipped: no python3 with botocore on this machine (pip install boto3, or apt install python3-botocore)');
      ctx.skip();
      return;
    }
    const s = await serve();
    const r = spawnSync(
      python,
      ['-c', 'import botocore.session; c = botocore.session.get_session().get_credentials(); print(c.method, c.get_frozen_credentials().access_key)'],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          HOME: t.home.env.HOME,
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c',
          AWS_CONFIG_FILE: '/nonexistent/f',
          AWS_CONTAINER_CREDENTIALS_FULL_URI: s.url,
          AWS_CONTAINER_AUTHORIZATION_TOKEN: s.token,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );
    expect(r.stderr).toBe('');
    const [method, keyId] = r.stdout.trim().split(' ');
    expect(method).toBe('container-role');
    expect(issued(keyId!)).toBeDefined();
    await stop(s, 'SIGINT');
  });

  it('refuses a missing or wrong Authorization token with 401 and logs it without the token', async () => {
    const s = await serve();
    const wrong = `${s.token.slice(0, -4)}AAAA`;
    const none = await fetch(s.url);
    expect(none.status).toBe(401);
    const bad = await fetch(s.url, { headers: { authorization: wrong } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { Code: string }).Code).toBe('Unauthorized');
    const sdk = sdkChild(
      `require('@aws-sdk/credential-providers').fromContainerMetadata({ maxRetries: 0 })().then(() => process.exit(0), (e) => { console.log(e.message); process.exit(4); });`,
      { AWS_CONTAINER_CREDENTIALS_FULL_URI: s.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: wrong },
    );
    expect(sdk.code).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(s.stderr()).toMatch(/Refused a credentials request from \S+ \(no Authorization header\)/);
    expect(s.stderr()).toMatch(/Refused a credentials request from \S+ \(wrong Authorization token\)/);
    expect(s.stderr()).not.toContain(wrong);
    expect(s.stderr()).not.toContain(s.token);
    await stop(s);
  });

  it('8 parallel requests with stale credentials cause one refresh, and all get the new credentials', async () => {
    const s = await serve();
    await expireChained();
    const before = assumeRoleCalls();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(s.url, { headers: { authorization: s.token } }).then(async (r) => [r.status, ((await r.json()) as { AccessKeyId: string }).AccessKeyId] as const),
      ),
    );
    expect(answers.map(([status]) => status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map(([, id]) => id)).size).toBe(1);
    expect(assumeRoleCalls() - before).toBe(1);
    expect(Date.parse(issued(answers[0]![1])!.expiration.toISOString())).toBeGreaterThan(Date.now() + 15 * 60_000);
    await stop(s);
  });

  it('--host other than loopback warns; bad --port is a usage error', async () => {
    const s = await serve('--host', '0.0.0.0');
    expect(s.stderr()).toMatch(/warn.*Serving credentials on 0\.0\.0\.0/i);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(s.url, { headers: { authorization: s.token } })).status).toBe(200);
    await stop(s);
    const r = await runCli(['serve', '--profile', 'bedrock', '--port', '70000'], { env: env() });
    expect(r.code).toBe(2);
  });
});

describe('okta-bedrock exec --server (e2e)', () => {
  it('the child gets a loopback endpoint and token, no AWS keys, and the AWS SDK reaches Bedrock through the default chain', async () => {
    const script = `
      const e = process.env;
      const seen = { keys: [e.AWS_ACCESS_KEY_ID, e.AWS_SECRET_ACCESS_KEY, e.AWS_SESSION_TOKEN].filter(Boolean).length, uri: e.AWS_CONTAINER_CREDENTIALS_FULL_URI, token: Boolean(e.AWS_CONTAINER_AUTHORIZATION_TOKEN), region: e.AWS_REGION };
      const { BedrockRuntimeClient, ConverseCommand } = require('@aws-sdk/client-bedrock-runtime');
      const c = new BedrockRuntimeClient({});
      c.send(new ConverseCommand({ modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0', messages: [{ role: 'user', content: [{ text: 'What is the capital of Georgia?' }] }] }))
        .then((o) => { console.log(JSON.stringify({ ...seen, answer: o.output.message.content[0].text })); c.destroy(); }, (e) => { console.error(e.name, e.message); process.exit(3); });`;
    const r = await runCli(['exec', '--server', '--profile', 'bedrock', '--', process.execPath, '-e', script], {
      env: env({
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_ACCESS_KEY_ID: 'AKIAINHERITED',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c',
        AWS_CONFIG_FILE: '/nonexistent/f',
      }),
      cwd: ROOT,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ keys: 0, token: true, region: 'us-east-1' });
    expect(out.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(out.answer).toMatch(/Atlanta/);
  });

  it('the endpoint is gone when the command ends; SIGTERM reaches the command', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'exec',
        '--server',
        '--profile',
        'bedrock',
        '--',
        process.execPath,
        '-e',
        'console.log(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI); setInterval(() => {}, 1000)',
      ],
      {
        env: { PATH: process.env.PATH ?? '', ...env() },
      },
    );
    running.push(child);
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    expect((await fetch(url)).status).toBe(401);
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(url)).rejects.toThrow();
  });
});
