// The fast path (src/cli/fast.ts) answers credential-process, env and exec from a fresh cache
// without loading the full CLI; these check it answers exactly as the full CLI does and hands
// over whatever it does not know.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { keyIdIn, simEnv, useBedrockE2e } from './bedrock-helpers.js';

const t = useBedrockE2e();
const env = (extra: Record<string, string> = {}) => simEnv(t.sim, t.home, extra);
let keyId: string;
const configFile = () => join(t.home.home, '.config', 'okta-bedrock', 'config.yml');

beforeAll(async () => {
  keyId = keyIdIn(await readFile(t.home.credentialsFile, 'utf8'), 'bedrock');
});
afterEach(async () => {
  await rm(configFile(), { force: true });
});

describe('fast path for credential-process, env and exec (e2e)', () => {
  it('a warm cache is served without a request to Okta or STS', async () => {
    const before = t.sim.requests.length;
    const cp = await runCli(['credential-process', '--profile=bedrock'], { env: env() });
    expect(cp.code).toBe(0);
    expect(JSON.parse(cp.stdout).AccessKeyId).toBe(keyId);
    const e = await runCli(['env', '--profile', 'bedrock', '--json', '--quiet'], { env: env({ AWS_DEFAULT_PROFILE: 'x' }) });
    expect(e.code).toBe(0);
    const vars = JSON.parse(e.stdout) as Record<string, unknown>;
    expect(vars.AWS_ACCESS_KEY_ID).toBe(keyId);
    expect(vars.unset).toEqual(['AWS_DEFAULT_PROFILE']);
    const x = await runCli(
      ['exec', '--profile', 'bedrock', process.execPath, '-e', 'process.exit(process.env.AWS_ACCESS_KEY_ID === process.argv[1] ? 5 : 1)', keyId],
      { env: env() },
    );
    expect(x.code).toBe(5);
    expect(t.sim.requests.length).toBe(before);
  });

  it('region: --region, then AWS_REGION / AWS_DEFAULT_REGION, then the login region', async () => {
    const region = async (args: string[], extra: Record<string, string> = {}) =>
      JSON.parse((await runCli(['env', '--profile', 'bedrock', '--json', ...args], { env: env(extra) })).stdout).AWS_REGION as string;
    expect(await region([])).toBe('us-east-1');
    expect(await region([], { AWS_DEFAULT_REGION: 'eu-west-1' })).toBe('eu-west-1');
    expect(await region([], { AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'eu-west-1' })).toBe('eu-central-1');
    expect(await region(['--region', 'ap-south-1'], { AWS_REGION: 'eu-central-1' })).toBe('ap-south-1');
  });

  it('without --profile: the config `profile`, else "default" (not logged in here)', async () => {
    const none = await runCli(['env'], { env: env() });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('"default"');
    await mkdir(join(t.home.home, '.config', 'okta-bedrock'), { recursive: true });
    await writeFile(configFile(), 'profile: bedrock\n');
    const r = await runCli(['env', '--format', 'dotenv'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`AWS_ACCESS_KEY_ID=${keyId}`);
    const x = await runCli(['exec', '--', process.execPath, '-e', 'process.exit(process.env.AWS_ACCESS_KEY_ID ? 0 : 1)'], { env: env() });
    expect(x.code).toBe(0);
  });

  it('hands over to the full CLI for what it does not know: usage errors stay usage errors', async () => {
    const format = await runCli(['env', '--profile', 'bedrock', '--format', 'nope'], { env: env() });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of');
    const flag = await runCli(['exec', '--profile', 'bedrock', '--no-such-flag', '--', 'true'], { env: env() });
    expect(flag.code).toBe(2);
    const help = await runCli(['env', '--help'], { env: env() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--format');
  });
});
