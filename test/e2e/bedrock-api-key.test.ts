import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { simEnv, useBedrockE2e } from './bedrock-helpers.js';

const t = useBedrockE2e();
const env = (extra: Record<string, string> = {}) => simEnv(t.sim, t.home, extra);
const ROOT = join(import.meta.dirname, '..', '..');
const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

/** Converse on the simulator's runtime with `Authorization: Bearer KEY`, as curl or an OpenAI-style client would send it. */
async function converseWithKey(key: string): Promise<{ status: number; body: Record<string, unknown>; errorType: string | null }> {
  const res = await fetch(`${t.sim.bedrockRuntimeUrl}/model/${encodeURIComponent(MODEL)}/converse`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'What is the capital of Georgia?' }] }] }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, errorType: res.headers.get('x-amzn-errortype') };
}

/** The presigned URL inside a key. */
function decode(key: string): URL {
  expect(key.startsWith('bedrock-api-key-')).toBe(true);
  const url = Buffer.from(key.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
  expect(url).toMatch(/^bedrock\.amazonaws\.com\/\?Action=CallWithBearerToken&X-Amz-.*&Version=1$/);
  return new URL(`https://${url}`);
}

describe('okta-bedrock token (e2e)', () => {
  it('prints a key the Bedrock runtime accepts, bound to the profile region, capped by the chained role (≤ 1 h)', async () => {
    const r = await runCli(['token', '--profile', 'bedrock'], { env: env() });
    expect(r.code).toBe(0);
    const key = r.stdout.trim();
    const url = decode(key);
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^ASIA\w+\/\d{8}\/us-east-1\/bedrock\/aws4_request$/);
    const expires = Number(url.searchParams.get('X-Amz-Expires'));
    expect(expires).toBeGreaterThan(0);
    expect(expires).toBeLessThanOrEqual(3600);
    expect(r.stderr).toContain('region us-east-1');
    expect(r.stderr).toMatch(/less than the 43200 s asked/);
    expect(r.stderr).not.toContain(key.slice(20, 60));
    const ok = await converseWithKey(key);
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).toContain('Atlanta');
  });

  it('--expires, --region and --json', async () => {
    const before = Date.now();
    const r = await runCli(['token', '--profile', 'bedrock', '--region', 'us-west-2', '--expires', '600', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { token: string; expiration: string };
    expect(Object.keys(out)).toEqual(['token', 'expiration']);
    const url = decode(out.token);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Credential')).toContain('/us-west-2/bedrock/');
    expect(Date.parse(out.expiration)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 600_000 - 1000);
    expect(Date.parse(out.expiration)).toBeLessThanOrEqual(Date.now() + 601_000);
    expect(r.stderr).toContain('region us-west-2');
    expect(r.stderr).not.toContain('less than');
  });

  it('--format env and --format claude-desktop', async () => {
    const e = await runCli(['token', '--profile', 'bedrock', '--format', 'env'], { env: env() });
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/^export AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-[A-Za-z0-9+/=]+\n$/);
    const c = await runCli(['token', '--profile', 'bedrock', '--format', 'claude-desktop'], { env: env() });
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^\{"token": "bedrock-api-key-[A-Za-z0-9+/=]+", "headers": \{\}\}\n$/);
    const parsed = JSON.parse(c.stdout) as { token: string; headers: object };
    expect(parsed.headers).toEqual({});
    expect((await converseWithKey(parsed.token)).status).toBe(200);
  });

  it('bad flags are usage errors', async () => {
    for (const args of [
      ['--expires', '0'],
      ['--expires', '43201'],
      ['--expires', '1h'],
      ['--format', 'sh'],
      ['--format', 'env', '--json'],
    ]) {
      const r = await runCli(['token', '--profile', 'bedrock', ...args], { env: env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('the simulated Bedrock runtime checks API keys', () => {
  it('a tampered key gets 403 "Authentication failed"', async () => {
    const r = await runCli(['token', '--profile', 'bedrock'], { env: env() });
    const url = Buffer.from(r.stdout.trim().slice('bedrock-api-key-'.length), 'base64').toString('utf8');
    // Ask for a longer life than was signed.
    const tampered = url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=43200');
    const res = await converseWithKey(`bedrock-api-key-${Buffer.from(tampered).toString('base64')}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ Message: 'Authentication failed: Please make sure your API Key is valid.' });
    const garbage = await converseWithKey('bedrock-api-key-bm90IGEga2V5');
    expect(garbage.status).toBe(403);
  });

  it('an expired key gets 403 "Bearer Token has expired"', async () => {
    const r = await runCli(['token', '--profile', 'bedrock', '--expires', '1'], { env: env() });
    expect(r.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const res = await converseWithKey(r.stdout.trim());
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ Message: 'Bearer Token has expired' });
  });

  it('the AWS SDK (bearer auth scheme) sends the key and the runtime accepts it', async () => {
    const key = (await runCli(['token', '--profile', 'bedrock'], { env: env() })).stdout.trim();
    const { BedrockRuntimeClient, ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: t.sim.bedrockRuntimeUrl,
      token: { token: key },
      authSchemePreference: ['httpBearerAuth'],
    });
    try {
      const out = await client.send(
        new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'What is the capital of Georgia?' }] }] }),
      );
      expect(out.output?.message?.content?.[0]?.text).toMatch(/Atlanta/);
    } finally {
      client.destroy();
    }
  });
});

describe('okta-bedrock exec --token (e2e)', () => {
  it('the child gets AWS_BEARER_TOKEN_BEDROCK and AWS_REGION, no AWS keys, and the AWS SDK reaches Bedrock with the key', async () => {
    const script = `
      const e = process.env;
      const seen = { keys: [e.AWS_ACCESS_KEY_ID, e.AWS_SECRET_ACCESS_KEY, e.AWS_SESSION_TOKEN].filter(Boolean).length, region: e.AWS_REGION, key: (e.AWS_BEARER_TOKEN_BEDROCK || '').slice(0, 16) };
      const { BedrockRuntimeClient, ConverseCommand } = require('@aws-sdk/client-bedrock-runtime');
      const c = new BedrockRuntimeClient({});
      c.send(new ConverseCommand({ modelId: '${MODEL}', messages: [{ role: 'user', content: [{ text: 'What is the capital of Georgia?' }] }] }))
        .then((o) => { console.log(JSON.stringify({ ...seen, answer: o.output.message.content[0].text })); c.destroy(); }, (e) => { console.error(e.name, e.message); process.exit(3); });`;
    const before = t.sim.requests.filter((q) => q.service === 'bedrock-runtime' && q.status === 200).length;
    const r = await runCli(['exec', '--token', '--profile', 'bedrock', '--region', 'us-east-1', '--', process.execPath, '-e', script], {
      // No shared files either: the SDK can only authenticate with the key.
      env: env({
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_ACCESS_KEY_ID: 'AKIAINHERITED',
        AWS_SECRET_ACCESS_KEY: 'inherited',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_CONFIG_FILE: '/nonexistent/config',
      }),
      cwd: ROOT,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { keys: number; region: string; key: string; answer: string };
    expect(out).toMatchObject({ keys: 0, region: 'us-east-1', key: 'bedrock-api-key-' });
    expect(out.answer).toMatch(/Atlanta/);
    expect(t.sim.requests.filter((q) => q.service === 'bedrock-runtime' && q.status === 200).length).toBeGreaterThan(before);
  });

  it('--token with --server is a usage error', async () => {
    const r = await runCli(['exec', '--token', '--server', '--profile', 'bedrock', '--', 'true'], { env: env() });
    expect(r.code).toBe(2);
  });
});
