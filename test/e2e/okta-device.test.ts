import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUser } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e();

describe('remember device (e2e)', () => {
  it('where the policy allows it, the DT cookie is kept and the next login skips MFA', async () => {
    t.sim.scenario.allowRememberDevice = true;
    const first = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Okta will remember this device for 24 h');
    const dir = join(t.home.env.XDG_CACHE_HOME ?? '', 'okta-bedrock', 'okta');
    const [file] = await readdir(dir);
    const saved = JSON.parse(await readFile(join(dir, file ?? ''), 'utf8')) as { deviceToken: string; factor: { selector: string } };
    expect(saved.deviceToken).toMatch(/^DI1\w+$/);
    expect(saved.factor.selector).toBe('totp:OKTA');
    expect((await stat(join(dir, file ?? ''))).mode & 0o777).toBe(0o600);
    expect(first.stderr).not.toContain(saved.deviceToken);

    const verifiesBefore = t.oktaRequests('/verify').length;
    const second = await runCli(t.args(), { env: t.env(), input: PASSWORD_LINE });
    expect(second.code).toBe(0);
    expect(t.oktaRequests('/verify')).toHaveLength(verifiesBefore);
  });

  it('where the policy does not allow it, MFA is asked every time', async () => {
    const first = await runCli(t.args('--factor', 'push'), { env: t.env(), input: PASSWORD_LINE });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('remember this device');
    const before = t.oktaRequests('/verify').length;
    const second = await runCli(t.args('--factor', 'push', '--force'), { env: t.env(), input: PASSWORD_LINE });
    expect(second.code).toBe(0);
    expect(t.oktaRequests('/verify').length).toBeGreaterThan(before);
  });
});

describe('org URL forms (e2e)', () => {
  it('a full URL with a path and trailing slash is reduced to the org', async () => {
    const r = await runCli(
      ['login', '--org', `${t.sim.oktaUrl}/app/UserHome/`, '--username', defaultUser.login, '--password-stdin', '--factor', 'totp', '--passcode', t.sim.totp()],
      { env: t.env(), input: PASSWORD_LINE },
    );
    expect(r.code).toBe(0);
  });
});
