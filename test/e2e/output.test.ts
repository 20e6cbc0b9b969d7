/** Issue 18, item 11: what a person reads — colours, times, tables, the daemon's sessions, the setup-aws diff. */
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
    const login = (extra: Record<string, string>) => runCli(t.args('--factor', 'push', '--app', `${DEFAULT_APP_ID}/272`, '--force'), { env: t.env(extra), input: PASSWORD_LINE });
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
