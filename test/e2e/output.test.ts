/** Issue 18, item 11: what a person reads — colours, times, tables, the daemon's sessions, the setup-aws diff. */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';
import { spawnCli } from '../helpers/process.js';

const t = useOktaE2e();
const ESC = '\u001B[';

describe('output on a colour terminal', () => {
  it('"Tap number 42" is highlighted under FORCE_COLOR, plain under NO_COLOR or in a pipe', async () => {
    t.sim.scenario.pushApproveAfterPolls = 2;
    t.sim.scenario.numberChallenge = 42;
    const login = (extra: Record<string, string>) =>
      runCli(t.args('--factor', 'push', '--app', `${DEFAULT_APP_ID}/272`, '--force'), { env: t.env(extra), input: PASSWORD_LINE });
    const coloured = await login({ FORCE_COLOR: '1' });
    expect(coloured.code, coloured.stderr).toBe(0);
    const line = coloured.stderr.split('\n').find((l) => l.includes('Tap number'));
    expect(line).toMatch(/\u001B\[[\d;]*m.*Tap number 42.*\u001B\[[\d;]*m in Okta Verify/);
    for (const extra of [{ NO_COLOR: '1', FORCE_COLOR: '1' }, {}] as Record<string, string>[]) {
      const plain = await login(extra);
      expect(plain.stderr).toContain('Tap number 42 in Okta Verify');
      expect(plain.stderr).not.toContain(ESC);
    }
  });

  it('doctor: ✓ green and ✗ red under FORCE_COLOR; plain under NO_COLOR', async () => {
    const coloured = await runCli(['doctor'], { env: t.env({ FORCE_COLOR: '1' }) });
    expect(coloured.stdout).toContain(`${ESC}31m✗`);
    expect(coloured.stdout).toMatch(/\u001B\[32m✓/);
    const plain = await runCli(['doctor'], { env: t.env({ FORCE_COLOR: '1', NO_COLOR: '1' }) });
    expect(plain.stdout).toMatch(/^✗ /m);
    expect(plain.stdout).not.toContain(ESC);
  });
});

const TIME = /\d{4}-\d\d-\d\d \d\d:\d\d UTC \((in [^)]+|[^)]+ ago)\)/;

describe('one time format; the daemon names the org of each session', () => {
  it('login, status and daemon status print "YYYY-MM-DD HH:MM UTC (in …)"; daemon status says which org each Okta session is at', async () => {
    const login = await runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`), { env: t.env(), input: PASSWORD_LINE });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(new RegExp(`Session expires at ${TIME.source}`));
    const status = await runCli(['status'], { env: { ...t.env(), COLUMNS: undefined } });
    expect(status.stdout.split('\n')[1]).toMatch(new RegExp(`^default\\s+${TIME.source}\\s+${TIME.source}`));
    // A 60-column terminal: every line fits, every value is there whole.
    const narrow = await runCli(['status'], { env: t.env({ COLUMNS: '60' }) });
    for (const l of narrow.stdout.trimEnd().split('\n')) expect(l.length, l).toBeLessThanOrEqual(60);
    expect(narrow.stdout).toMatch(new RegExp(`^default\\n  CREDENTIALS EXPIRE\\s+${TIME.source}\\n  OKTA SESSION\\s+${TIME.source}`));
    const d = spawnCli(['daemon', 'run'], t.env());
    try {
      await d.waitFor(/"default" is fresh until|Refreshed "default"/);
      let text = '';
      for (let i = 0; i < 50 && !/Okta session/.test(text); i++) {
        text = (await runCli(['daemon', 'status'], { env: t.env() })).stdout;
        if (!/Okta session/.test(text)) await new Promise((r) => setTimeout(r, 100));
      }
      const host = new URL(t.sim.oktaUrl).host;
      expect(text).toMatch(new RegExp(`running \\(pid \\d+\\) since ${TIME.source}`));
      expect(text).toMatch(new RegExp(`  default: \\w+, expires ${TIME.source}`));
      expect(text).toContain(`Okta session alice@example.com at ${host}:`);
    } finally {
      d.child.kill('SIGTERM');
      await d.exited;
    }
  });
});

const hasPatch = spawnSync('patch', ['--version']).status === 0;
if (!hasPatch) console.log('setup-aws diff test skipped: no `patch` on PATH');

describe('setup-aws --chain-profile --dry-run', () => {
  const existing: Record<string, string | undefined> = {
    'a config with comments, other profiles and a stale role chain, no newline at the end':
      '# my AWS config\n[default]\nregion = eu-west-1\n\n[profile bedrock]\nregion = us-west-2\nrole_arn = arn:aws:iam::123456789012:role/old ; stale\nsource_profile = default\n\n[profile other]\noutput = json',
    'a CRLF file that already has the chain profile':
      '[profile bedrock]\r\nregion = us-east-1\r\n\r\n[profile chat]\r\nrole_arn = arn:aws:iam::210987654321:role/x\r\ncredential_process = old\r\n',
    'no file yet': undefined,
  };
  it.skipIf(!hasPatch).each(Object.entries(existing))('prints a diff that `patch` turns into what a real run writes: %s', async (_, text) => {
    const file = t.home.configFile;
    const args = [
      'setup-aws',
      '--profile',
      'bedrock',
      '--chain-profile',
      'chat',
      '--role-arn',
      'arn:aws:iam::123456789012:role/my-bedrock-role',
      '--region',
      'us-east-1',
    ];
    await mkdir(dirname(file), { recursive: true });
    if (text === undefined) await rm(file, { force: true });
    else await writeFile(file, text);
    const dry = await runCli([...args, '--dry-run'], { env: t.env() });
    expect(dry.code, dry.stderr).toBe(0);
    const copy = `${file}.patched`;
    if (text === undefined) await writeFile(copy, '');
    else await copyFile(file, copy);
    const applied = spawnSync('patch', ['--batch', '--silent', copy], { input: dry.stdout, encoding: 'utf8' });
    expect(applied.status, `${applied.stdout}${applied.stderr}\n${dry.stdout}`).toBe(0);
    const real = await runCli(args, { env: t.env() });
    expect(real.code, real.stderr).toBe(0);
    expect(await readFile(copy, 'utf8')).toBe(await readFile(file, 'utf8'));
    await rm(copy, { force: true });
  });
});
