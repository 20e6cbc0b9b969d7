import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { keyIdIn, loginProfile, simEnv, useBedrockE2e } from './bedrock-helpers.js';

const t = useBedrockE2e({ resetDenials: true });
const env = (extra: Record<string, string> = {}) => simEnv(t.sim, t.home, extra);

describe('okta-bedrock models (e2e)', () => {
  it('lists the Anthropic models as a table with the inference profiles that reach them', async () => {
    const r = await runCli(['models', '--profile', 'bedrock', '--provider', 'anthropic'], { env: env() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^MODEL ID\s+NAME\s+MODALITIES\s+STREAMING\s+LIFECYCLE\s+INFERENCE PROFILES$/);
    const sonnet = lines.find((l) => l.startsWith('anthropic.claude-sonnet-4-5-20250929-v1:0 '));
    expect(sonnet).toMatch(
      /Claude Sonnet 4\.5\s+TEXT\+IMAGE → TEXT\s+yes\s+ACTIVE\s+global\.anthropic\.claude-sonnet-4-5-20250929-v1:0, us\.anthropic\.claude-sonnet-4-5-20250929-v1:0$/,
    );
    expect(lines.every((l, i) => i === 0 || l.startsWith('anthropic.'))).toBe(true);
    expect(r.stderr).toContain('inference profiles in us-east-1 (profile bedrock)');
    const calls = t.sim.requests
      .filter((q) => q.service === 'bedrock')
      .slice(-2)
      .map((q) => q.action)
      .sort();
    expect(calls).toEqual(['ListFoundationModels', 'ListInferenceProfiles']);
  });

  it('--json gives models and profiles for scripts', async () => {
    const r = await runCli(['models', '--profile', 'bedrock', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { region: string; models: Array<Record<string, unknown>>; inferenceProfiles: Array<Record<string, unknown>> };
    expect(out.region).toBe('us-east-1');
    const embed = out.models.find((m) => m.modelId === 'amazon.titan-embed-text-v2:0');
    expect(embed).toMatchObject({ outputModalities: ['EMBEDDING'], responseStreamingSupported: false, lifecycle: 'ACTIVE', inferenceProfiles: [] });
    expect(out.inferenceProfiles.find((p) => p.inferenceProfileId === 'us.anthropic.claude-3-7-sonnet-20250219-v1:0')).toMatchObject({
      modelIds: ['anthropic.claude-3-7-sonnet-20250219-v1:0'],
      regions: ['us-east-1', 'us-east-2', 'us-west-2'],
      createdAt: '2025-02-24T18:00:00.000Z',
    });
  });

  it('--region asks that region (eu profiles in eu-west-1)', async () => {
    const r = await runCli(['models', '--profile', 'bedrock', '--provider', 'anthropic', '--region', 'eu-west-1'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('eu.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(r.stdout).not.toContain('us.anthropic');
  });

  it('without bedrock:ListInferenceProfiles the models still list, with a warning', async () => {
    t.sim.scenario.bedrockDeniedActions = ['bedrock:ListInferenceProfiles'];
    const r = await runCli(['models', '--profile', 'bedrock'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(r.stderr).toContain('bedrock:ListInferenceProfiles');
  });

  it('without bedrock:ListFoundationModels → exit 12 naming the missing permission', async () => {
    t.sim.scenario.bedrockDeniedActions = ['bedrock:ListFoundationModels'];
    const r = await runCli(['models', '--profile', 'bedrock'], { env: env() });
    expect(r.code).toBe(12);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'error: ListFoundationModels failed: your role lacks the IAM permission bedrock:ListFoundationModels (AccessDeniedException) — ask your AWS admin to allow bedrock:ListFoundationModels (e.g. attach AmazonBedrockFullAccess or a policy with it)',
    );
  });

  it('a profile nobody logged in to → exit 9 with the login command', async () => {
    const r = await runCli(['models', '--profile', 'nobody'], { env: env() });
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('run `okta-bedrock login --profile nobody`');
  });
});

describe('okta-bedrock test (e2e)', () => {
  it('asks the newest Claude inference profile the seed question; answer, then latency and usage, on stdout', async () => {
    const r = await runCli(['test', '--profile', 'bedrock'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      "The capital of Georgia is Atlanta. It is the most populous city in Georgia and serves as the state's economic and cultural center.",
    );
    expect(r.stderr).toContain('Asking us.anthropic.claude-haiku-4-5-20251001-v1:0 in us-east-1');
    expect(r.stdout).toMatch(/latency \d+ ms \(round trip \d+ ms\); tokens in 7, out 27, total 34; stop reason end_turn/);
    const converse = t.sim.requests.filter((q) => q.action === 'Converse').at(-1);
    expect(converse?.path).toBe('/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse');
  });

  it('--model, a prompt and --json', async () => {
    const r = await runCli(
      ['test', '--profile', 'bedrock', '--model', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', '--max-tokens', '5', '--json', 'Say', 'hello'],
      { env: env() },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      profile: 'bedrock',
      region: 'us-east-1',
      prompt: 'Say hello',
      modelId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      text: 'Hello from the okta-',
      stopReason: 'max_tokens',
      inputTokens: 2,
      outputTokens: 5,
      totalTokens: 7,
    });
    expect(out.latencyMs).toEqual(expect.any(Number));
  });

  it('model access not granted → exit 12 pointing at Bedrock console → Model access', async () => {
    t.sim.scenario.bedrockModelAccessDenied = ['*'];
    const r = await runCli(['test', '--profile', 'bedrock', '--model', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'], { env: env() });
    expect(r.code).toBe(12);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      'error: Converse failed: no model access to us.anthropic.claude-3-7-sonnet-20250219-v1:0 in us-east-1 (AccessDeniedException) — request model access in the Bedrock console → Model access (https://console.aws.amazon.com/bedrock/home?region=us-east-1#/modelaccess), or ask your AWS admin',
    );
  });

  it('unknown model → exit 12 naming region and id', async () => {
    const r = await runCli(['test', '--profile', 'bedrock', '--model', 'anthropic.claude-9-nope-v1:0'], { env: env() });
    expect(r.code).toBe(12);
    expect(r.stderr).toContain('Bedrock in us-east-1 does not know the model id anthropic.claude-9-nope-v1:0');
    expect(r.stderr).toContain('okta-bedrock models --region us-east-1');
  });

  it('a profile-only model by its plain id → suggests the us. inference profile', async () => {
    const r = await runCli(['test', '--profile', 'bedrock', '--model', 'anthropic.claude-3-7-sonnet-20250219-v1:0'], { env: env() });
    expect(r.code).toBe(12);
    expect(r.stderr).toContain('use us.anthropic.claude-3-7-sonnet-20250219-v1:0');
  });

  it('credentials AWS considers expired → exit 9: run login', async () => {
    const own = await tempHome();
    await loginProfile(t.sim, own, 'short');
    const key = keyIdIn(await readFile(own.credentialsFile, 'utf8'), 'short');
    t.sim.issuedCredentials.get(key)!.expiration = new Date(Date.now() - 1000);
    const r = await runCli(['test', '--profile', 'short'], { env: simEnv(t.sim, own) });
    expect(r.code).toBe(9);
    expect(r.stderr.trim()).toBe(
      'error: ListInferenceProfiles failed: the AWS credentials have expired (ExpiredTokenException) — run `okta-bedrock login --profile short`',
    );
  });

  it('a credentials-file profile past its expiry (no login record) → exit 9 without calling AWS', async () => {
    const own = await tempHome();
    await loginProfile(t.sim, own, 'old');
    await rm(join(own.env.XDG_CACHE_HOME!, 'okta-bedrock'), { recursive: true });
    const text = await readFile(own.credentialsFile, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(own.credentialsFile, text.replace(/x_security_token_expires = \S+/, 'x_security_token_expires = 2020-01-01T00:00:00Z'));
    const before = t.sim.requests.length;
    const r = await runCli(['test', '--profile', 'old'], { env: simEnv(t.sim, own) });
    expect(r.code).toBe(9);
    expect(r.stderr.trim()).toBe(
      'error: The credentials of profile "old" in ~/.aws/credentials expired at 2020-01-01T00:00:00Z — run `okta-bedrock login --profile old`',
    );
    expect(t.sim.requests.length).toBe(before);
  });

  it('a credentials-file profile that is still valid works without a login record', async () => {
    const own = await tempHome();
    await loginProfile(t.sim, own, 'filed');
    await rm(join(own.env.XDG_CACHE_HOME!, 'okta-bedrock'), { recursive: true });
    const r = await runCli(['test', '--profile', 'filed', '--model', 'anthropic.claude-3-haiku-20240307-v1:0', 'hi'], { env: simEnv(t.sim, own) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Hello from the okta-bedrock simulator, answering as Claude 3 Haiku');
  });
});
