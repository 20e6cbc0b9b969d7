import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, stepUpApps } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e({ apps: stepUpApps() });

describe('app-level step-up MFA (e2e)', () => {
  it("the app asks for MFA again: step up with the page's state token, then get the assertion", async () => {
    const r = await runCli(t.args('--factor', 'push'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.stderr).toContain('The AWS app asks for MFA again (app sign-on policy)');
    expect(r.code).toBe(0);
    expect(t.oktaRequests('/login/second-factor')).toHaveLength(1);
    expect(t.oktaRequests('/login/step-up/redirect')).toHaveLength(1);
    expect(r.stderr).toContain('Wrote profile "default"');
  });

  it('with a configured app id the step-up page is the first page after the session redirect', async () => {
    const r = await runCli(t.args('--factor', 'push', '--app', `${DEFAULT_APP_ID}/272`), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(t.oktaRequests('/appLinks')).toHaveLength(0);
    expect(t.oktaRequests('/login/step-up/redirect')).toHaveLength(1);
  });

  it('an app that keeps asking: two step-ups, then a clear stop', async () => {
    t.sim.scenario.stepUpAlwaysRequired = true;
    const r = await runCli(t.args('--factor', 'push'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('The AWS app still asks for MFA after 2 step-ups');
    expect(t.oktaRequests('/login/step-up/redirect')).toHaveLength(2);
  });

  it('the same on an Identity Engine org (no oidc_client_id): names the device-flow fix, exit 3', async () => {
    t.sim.scenario.stepUpAlwaysRequired = true;
    t.sim.scenario.oktaPipeline = 'idx';
    const r = await runCli(t.args('--factor', 'push'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('The AWS app still asks for MFA after 2 step-ups');
    expect(r.stderr).toContain("runs Okta Identity Engine, where the classic sign-in may not satisfy the app's policy: set `oidc_client_id`");
    // Asked only after the classic sign-in failed.
    expect(t.sim.requests.filter((q) => q.path === '/.well-known/okta-organization')).toHaveLength(1);
  });

  it('a wrong password on an Identity Engine org stays a wrong password (no engine question)', async () => {
    t.sim.scenario.oktaPipeline = 'idx';
    const r = await runCli(t.args('--factor', 'push'), { env: t.env(), input: 'wrong\n' });
    expect(r.code).toBe(4);
    expect(r.stderr).not.toContain('oidc_client_id');
  });

  it('UNAUTHENTICATED: the session ended before the step-up → says to log in again, exit 9', async () => {
    t.sim.scenario.endSessionAtStepUp = true;
    const r = await runCli(t.args('--factor', 'push'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('Okta no longer has a session for this sign-in (UNAUTHENTICATED)');
  });
});
