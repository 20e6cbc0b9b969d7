import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runCli, tempHome, type TempHome } from '../helpers/cli.js';
import { loginProfile, simEnv, useBedrockE2e } from './bedrock-helpers.js';

interface Report {
  profile: string;
  region: string;
  ok: boolean;
  checks: Array<{ id: string; title: string; status: string; detail: string; fix?: string }>;
}

const t = useBedrockE2e({ resetDenials: true });

const doctor = async (args: string[] = [], h: TempHome = t.home, s: Simulator = t.sim) => {
  const r = await runCli(['doctor', '--profile', 'bedrock', ...args], { env: simEnv(s, h) });
  return r;
};
const check = (report: Report, id: string) => report.checks.find((c) => c.id === id);

describe('okta-bedrock doctor (e2e)', () => {
  it('all green after a login: one ✓ line per check, exit 0', async () => {
    const r = await doctor();
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('    fix:')).map((l) => l.slice(0, 1))).toEqual([
      '✓',
      '✓',
      '✓',
      '✓',
      '✓',
      '✓',
      '✓',
      '✓',
      '✓',
      '✓',
      '✓',
      expect.stringMatching(/[✓!]/),
      expect.stringMatching(/[✓-]/),
    ]);
    expect(r.stdout).toContain('✓ Okta session: alice@example.com, ACTIVE until');
    expect(r.stdout).toContain('✓ GetCallerIdentity: arn:aws:sts::123456789012:assumed-role/my-bedrock-role/alice@example.com (account 123456789012)');
    expect(r.stdout).toContain('✓ Claude model invocable: us.anthropic.claude-haiku-4-5-20251001-v1:0 answered in');
    expect(r.stdout).toContain('✓ Clock vs AWS: in sync');
    expect(r.stderr).toContain('All checks passed.');
  });

  it('--json for scripts', async () => {
    const r = await doctor(['--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({ profile: 'bedrock', region: 'us-east-1', ok: true });
    expect(report.checks.map((c) => c.id)).toEqual([
      'config',
      'okta-org',
      'okta-session',
      'credentials',
      'aws-files',
      'caller-identity',
      'region',
      'list-models',
      'invoke',
      'clock-skew',
      'proxy',
      'node',
      'keychain',
    ]);
    expect(check(report, 'credentials')?.detail).toMatch(/^key \*\*\*\*\w{4}, expires \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in (\d+ min|1 h)\) \(cached\)$/);
  });

  it('model access not granted → ✗ with the Model access fix, exit 14', async () => {
    t.sim.scenario.bedrockModelAccessDenied = ['*'];
    const r = await doctor();
    expect(r.code).toBe(14);
    expect(r.stdout).toContain('✗ Claude model invocable: no model access to us.anthropic.claude-haiku-4-5-20251001-v1:0 in us-east-1 (AccessDeniedException)');
    expect(r.stdout).toContain(
      '    fix: request model access in the Bedrock console → Model access (https://console.aws.amazon.com/bedrock/home?region=us-east-1#/modelaccess)',
    );
    expect(r.stderr).toContain('1 check failed.');
  });

  it('no bedrock:ListFoundationModels → ✗ naming the permission', async () => {
    t.sim.scenario.bedrockDeniedActions = ['bedrock:ListFoundationModels'];
    const report = JSON.parse((await doctor(['--json'])).stdout) as Report;
    expect(report.ok).toBe(false);
    expect(check(report, 'list-models')).toEqual({
      id: 'list-models',
      title: 'ListFoundationModels',
      status: 'fail',
      detail: 'your role may not call bedrock:ListFoundationModels',
      fix: 'ask your AWS admin to allow bedrock:ListFoundationModels (and bedrock:ListInferenceProfiles) — AmazonBedrockReadOnlyAccess has both',
    });
    expect(check(report, 'invoke')?.status).toBe('pass');
  });

  it('no bedrock:InvokeModel → ✗ naming the IAM action', async () => {
    t.sim.scenario.bedrockDeniedActions = ['bedrock:InvokeModel'];
    const report = JSON.parse((await doctor(['--json'])).stdout) as Report;
    expect(check(report, 'invoke')).toMatchObject({
      status: 'fail',
      detail: 'your role may not call bedrock:InvokeModel on us.anthropic.claude-haiku-4-5-20251001-v1:0',
    });
  });

  it('--model with an id the region does not know → ✗ model not found, region/model id fix', async () => {
    const report = JSON.parse((await doctor(['--json', '--model', 'anthropic.claude-9-nope-v1:0'])).stdout) as Report;
    expect(check(report, 'invoke')).toMatchObject({
      status: 'fail',
      detail: 'anthropic.claude-9-nope-v1:0: ValidationException: The provided model identifier is invalid.',
      fix: 'check the id and the region (`okta-bedrock models --region us-east-1`)',
    });
  });

  it('never logged in → ✗ config and credentials with the login command; the rest skipped; exit 14', async () => {
    const empty = await tempHome();
    const r = await runCli(['doctor', '--json'], { env: simEnv(t.sim, empty) });
    expect(r.code).toBe(14);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'config:fail',
      'okta-org:skip',
      'okta-session:skip',
      'credentials:fail',
      'aws-files:skip',
      'caller-identity:skip',
      'region:pass',
      'list-models:skip',
      'invoke:skip',
      'clock-skew:pass',
      'proxy:pass',
      expect.stringMatching(/^node:(pass|warn)$/),
      expect.stringMatching(/^keychain:(pass|skip)$/),
    ]);
    expect(check(report, 'credentials')?.fix).toBe('run `okta-bedrock login --profile default`');
  });

  it('Okta session gone but credentials cached → ✗ Okta session only', async () => {
    const own = await tempHome();
    await loginProfile(t.sim, own);
    const sessions = join(own.env.XDG_CACHE_HOME!, 'okta-bedrock', 'sessions');
    for (const f of await readdir(sessions)) await rm(join(sessions, f));
    const report = JSON.parse((await doctor(['--json'], own)).stdout) as Report;
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['okta-session']);
    expect(check(report, 'okta-session')).toMatchObject({
      detail: 'no Okta session cached for alice@example.com',
      fix: expect.stringContaining('okta-bedrock login --profile bedrock'),
    });
  });

  it('a clock 10 minutes off from AWS → ✗ Clock vs AWS (from the Date header)', async () => {
    const skewed = await startSimulator({ clock: { now: () => new Date(Date.now() + 10 * 60_000) } });
    try {
      const own = await tempHome();
      await loginProfile(skewed, own);
      const report = JSON.parse((await doctor(['--json'], own, skewed)).stdout) as Report;
      expect(check(report, 'clock-skew')).toMatchObject({
        status: 'fail',
        detail: "this machine's clock is 600 s behind AWS: AWS rejects signatures and SAML assertions",
        fix: expect.stringContaining('sync your clock'),
      });
    } finally {
      await skewed.close();
    }
  });

  it('proxy settings: a bad proxy URL and a missing CA file are ✗', async () => {
    const r = await runCli(['doctor', '--profile', 'bedrock', '--json'], {
      env: simEnv(t.sim, t.home, { HTTPS_PROXY: 'proxy.example.com:3128', NO_PROXY: '127.0.0.1' }),
    });
    const report = JSON.parse(r.stdout) as Report;
    expect(check(report, 'proxy')).toMatchObject({ status: 'fail', detail: 'HTTPS_PROXY=proxy.example.com:3128 is not an http:// or https:// URL' });
    // issue 14 item 11: a scheme-less proxy with a password does not print it, as text or JSON
    for (const args of [
      ['doctor', '--profile', 'bedrock', '--json'],
      ['doctor', '--profile', 'bedrock'],
    ]) {
      const p = await runCli(args, { env: simEnv(t.sim, t.home, { HTTPS_PROXY: 'user:s3cretPw@proxy.example.com:3128', NO_PROXY: '127.0.0.1' }) });
      expect(p.stdout + p.stderr).toContain('user:****@proxy.example.com:3128');
      expect(p.stdout + p.stderr).not.toContain('s3cretPw');
    }
    const ca = await runCli(['doctor', '--profile', 'bedrock', '--json'], { env: simEnv(t.sim, t.home, { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' }) });
    expect(check(JSON.parse(ca.stdout) as Report, 'proxy')).toMatchObject({ status: 'fail', detail: 'NODE_EXTRA_CA_CERTS=/nonexistent/ca.pem does not exist' });
  });
});
