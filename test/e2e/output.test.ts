/** Issue 18, item 11: what a person reads — colours, times, tables, the daemon's sessions, the setup-aws diff. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

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
    for (const extra of [{ NO_COLOR: '1', FORCE_COLOR: '1' }, {}]) {
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
