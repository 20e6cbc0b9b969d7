import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { simEnv, useBedrockE2e } from './bedrock-helpers.js';

const t = useBedrockE2e({ resetDenials: true });

describe('okta-bedrock setup claude-code', () => {
  it('writes settings.json keeping other keys, makes the profile a credential_process profile, checks InvokeModel', async () => {
    const dir = join(t.home.home, 'claude-config');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'settings.json'), '{\n  "theme": "dark",\n  "env": { "FOO": "bar" }\n}\n');
    const env = simEnv(t.sim, t.home, { CLAUDE_CONFIG_DIR: dir });

    const dry = await runCli(['setup', 'claude-code', '--profile', 'bedrock', '--dry-run'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+    "CLAUDE_CODE_USE_BEDROCK": "1"');
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('CLAUDE_CODE_USE_BEDROCK');

    const r = await runCli(['setup', 'claude-code', '--profile', 'bedrock'], { env });
    expect(r.code, r.stderr).toBe(0);
    const settings = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { theme: string; env: Record<string, string>; awsAuthRefresh: string };
    expect(settings.theme).toBe('dark');
    expect(settings.env).toMatchObject({
      FOO: 'bar',
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_PROFILE: 'bedrock',
      AWS_REGION: 'us-east-1',
      ANTHROPIC_MODEL: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    });
    expect(settings.awsAuthRefresh).toMatch(/refresh --profile bedrock$/);
    expect(r.stdout).toContain('InvokeModel with us.anthropic.claude-sonnet-4-5-20250929-v1:0 as profile bedrock: ok');
    const awsConfig = await readFile(join(t.home.home, '.aws', 'config'), 'utf8');
    expect(awsConfig).toMatch(/\[profile bedrock\][^[]*credential_process = .*credential-process --profile bedrock/);
    expect(t.sim.requests.some((q) => q.action === 'InvokeModel')).toBe(true);
  });

  it('skips a Sonnet whose model access is not granted', async () => {
    t.sim.scenario.bedrockModelAccessDenied = ['anthropic.claude-sonnet-4-5-20250929-v1:0'];
    const dir = join(t.home.home, 'claude-2');
    const r = await runCli(['setup', 'claude-code', '--profile', 'bedrock', '--json'], { env: simEnv(t.sim, t.home, { CLAUDE_CONFIG_DIR: dir }) });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { settings: Record<string, string> }).settings['env.ANTHROPIC_MODEL']).toBe('us.anthropic.claude-sonnet-4-20250514-v1:0');
  });

  it('doctor --claude-code checks settings.json, the profile, model access and InvokeModel; doctor names shadowing static keys', async () => {
    const dir = join(t.home.home, 'claude-3');
    const env = simEnv(t.sim, t.home, { CLAUDE_CONFIG_DIR: dir });
    const missing = await runCli(['doctor', '--claude-code', '--profile', 'bedrock'], { env });
    expect(missing.code).toBe(14);
    expect(missing.stdout).toMatch(/✗ Claude Code settings: .*settings.json does not exist/);
    expect((await runCli(['setup', 'claude-code', '--profile', 'bedrock'], { env })).code).toBe(0);
    const ok = await runCli(['doctor', '--claude-code'], { env });
    expect(ok.stdout).toMatch(/✓ Claude Code settings: /);
    expect(ok.stdout).toMatch(/✓ Claude Code AWS profile: /);
    expect(ok.stdout).toMatch(/✓ Claude Code model \(InvokeModel\): us\.anthropic\.claude-sonnet-4-5/);
    expect(ok.stdout).toMatch(/✓ What the AWS CLI uses: credential_process/);
    // Static keys written next to the credential_process profile shadow it.
    await writeFile(
      t.home.credentialsFile,
      '[bedrock]\naws_access_key_id = ASIAOLD\naws_secret_access_key = x\naws_session_token = y\nx_security_token_expires = 2020-01-01T00:00:00Z\n',
    );
    const shadow = await runCli(['doctor', '--profile', 'bedrock'], { env });
    expect(shadow.stdout).toMatch(/✗ What the AWS CLI uses: static keys in .*\[bedrock\] shadow credential_process/);
    // setup-aws removes them (they carry our x_security_token_expires marker) and says so.
    const fix = await runCli(['setup-aws', '--profile', 'bedrock'], { env });
    expect(fix.stderr).toContain('Removed the static keys okta-bedrock wrote earlier for [bedrock]');
    expect(await readFile(t.home.credentialsFile, 'utf8')).not.toContain('ASIAOLD');
  });
});
