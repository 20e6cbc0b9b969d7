import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simEnv, useBedrockE2e } from './bedrock-helpers.js';
import { runAwsCli, type AwsCliResult } from '../helpers/aws-cli.js';

// Debian's awscli package (AWS CLI v2), installed by .ci/run.
// AWS CLI versions before 2.13 (v1 before 1.29) have no bedrock-runtime commands: the first one on hand that has them.
const hasRuntime = (cmd: string): boolean =>
  spawnSync(cmd, ['bedrock-runtime', 'invoke-model', 'help'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PAGER: 'cat', HOME: process.env.HOME ?? '/tmp' },
  }).status === 0;
const FOUND = ['/usr/bin/aws', '/usr/local/bin/aws'].find((p) => existsSync(p));
const AWS = [...['/usr/bin/aws', '/usr/local/bin/aws'].filter((p) => existsSync(p)), 'aws'].find(hasRuntime);
if (!AWS) console.warn(`skipping the AWS CLI invoke-model test: ${FOUND ? `${FOUND} has no bedrock-runtime commands (AWS CLI < 2.13)` : 'no AWS CLI found'}`);

const t = useBedrockE2e();

function aws(args: string[], env: Record<string, string>): Promise<AwsCliResult> {
  return runAwsCli(AWS as string, args, env);
}

describe.skipIf(!AWS)('the seed check: aws bedrock-runtime invoke-model against the simulator', () => {
  it('answers "What is the capital of Georgia?" with the Anthropic Messages body', async () => {
    const out = join(t.home.home, 'output.json');
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'What is the capital of Georgia?' }],
    });
    const env = simEnv(t.sim, t.home);
    // v2 reads blobs as base64 unless told otherwise (the seed's flag); v1 has no such flag and sends them raw.
    const v1 = spawnSync(AWS as string, ['--version'], { encoding: 'utf8' }).stdout.startsWith('aws-cli/1.');
    const binary = v1 ? [] : ['--cli-binary-format', 'raw-in-base64-out', '--no-cli-pager'];
    const r = await aws(
      [
        'bedrock-runtime',
        'invoke-model',
        '--model-id',
        'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        '--body',
        body,
        ...binary,
        '--profile',
        'bedrock',
        '--region',
        'us-east-1',
        '--endpoint-url',
        t.sim.bedrockRuntimeUrl,
        out,
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(await readFile(out, 'utf8')) as { content: Array<{ text: string }> };
    expect(answer.content[0]?.text).toContain('Atlanta');
  });
});
