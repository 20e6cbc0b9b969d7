import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { BIN, runCli, tempHome, type TempHome } from '../helpers/cli.js';
import { startMitmProxy, type MitmProxy } from '../helpers/mitm-proxy.js';
import { runAwsCli, type AwsCliResult } from '../helpers/aws-cli.js';

// Debian's awscli package (AWS CLI v2), installed by .ci/run. Not the one a Python env may shadow it with.
const AWS = ['/usr/bin/aws', '/usr/local/bin/aws'].find((p) => existsSync(p));
if (!AWS) console.warn('skipping AWS CLI tests: no AWS CLI at /usr/bin/aws (.ci/run installs Debian awscli)');

function aws(args: string[], env: Record<string, string>): Promise<AwsCliResult> {
  return runAwsCli(AWS as string, args, env);
}

describe.skipIf(!AWS)('the real AWS CLI with okta-bedrock', () => {
  let sim: Simulator;
  let home: TempHome;
  let proxy: MitmProxy;

  beforeEach(async () => {
    sim = await startSimulator();
    home = await tempHome();
    proxy = await startMitmProxy({ 'sts.us-east-1.amazonaws.com': sim.stsUrl, 'sts.amazonaws.com': sim.stsUrl });
    const r = await runCli(
      [
        'login',
        '--org',
        sim.oktaUrl,
        '--username',
        defaultUser.login,
        '--password-stdin',
        '--factor',
        'totp',
        '--passcode',
        sim.totp(),
        '--app',
        `${DEFAULT_APP_ID}/272`,
      ],
      { env: { ...home.env, AWS_ENDPOINT_URL_STS: sim.stsUrl }, input: `${defaultUser.password}\n` },
    );
    expect(r.code, r.stderr).toBe(0);
    await mkdir(dirname(home.configFile), { recursive: true });
    await writeFile(
      home.configFile,
      [
        '[default]',
        'region = us-east-1',
        '',
        '[profile cp]',
        `credential_process = "${process.execPath}" "${BIN}" credential-process --profile default`,
        'region = us-east-1',
        '',
        "# the seed's flow: chain from the profile okta-bedrock wrote",
        '[profile bedrock]',
        `role_arn = ${BEDROCK_ROLE_ARN}`,
        'source_profile = default',
        'region = us-east-1',
        '',
        '[profile bedrock-cp]',
        `role_arn = ${BEDROCK_ROLE_ARN}`,
        'source_profile = cp',
        'region = us-east-1',
        '',
      ].join('\n'),
    );
  });
  afterEach(async () => {
    await proxy.close();
    await sim.close();
  });

  const awsEnv = (): Record<string, string> => ({ ...home.env, AWS_PAGER: '' });

  it('aws sts get-caller-identity through our credential_process', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'cp', '--endpoint-url', sim.stsUrl, '--output', 'json'], awsEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toMatch(/assumed-role\/my-developer-gateway-role\//);
  });

  it("the seed's role_arn + source_profile chain over our written default profile", async () => {
    // AWS CLI 2.9 has no per-service endpoint setting for the chained AssumeRole, so its HTTPS goes
    // through a loopback proxy that answers for sts.us-east-1.amazonaws.com with the simulator.
    const env = { ...awsEnv(), HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: proxy.caFile, AWS_STS_REGIONAL_ENDPOINTS: 'regional' };
    for (const profile of ['bedrock', 'bedrock-cp']) {
      const r = await aws(['sts', 'get-caller-identity', '--profile', profile, '--output', 'json'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).Arn).toMatch(/assumed-role\/my-bedrock-role\//);
    }
    expect(proxy.connects.every((c) => c.startsWith('sts.'))).toBe(true);
    // The AWS CLI caches the assumed role (~/.aws/cli/cache), so one AssumeRole serves both.
    expect(sim.requests.filter((q) => q.action === 'AssumeRole').length).toBeGreaterThanOrEqual(1);
  });
});
