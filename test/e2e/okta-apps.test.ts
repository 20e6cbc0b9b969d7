import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BEDROCK_ROLE_ARN,
  DEFAULT_APP_ID,
  GATEWAY_ROLE_ARN,
  SECOND_APP_ID,
  defaultApp,
  defaultUser,
  duplicateLabelApps,
  noAwsApps,
  noRoleApps,
  twoAppsSetup,
} from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';
import { hasScript, runCliTty } from '../helpers/tty.js';

const t = useOktaE2e();

describe('AWS app discovery (e2e)', () => {
  it('no AWS app assigned → says so with the org URL, exit 6', async () => {
    await t.restart({ apps: noAwsApps() });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(`no AWS app is assigned to you (${t.sim.oktaUrl})`);
  });

  it('several AWS apps and no choice → lists them (the Slack tile is not one), exit 2', async () => {
    await t.restart({ apps: twoAppsSetup() });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pick one with --app LABEL_OR_ID');
    expect(r.stderr).toContain(`Amazon Web Services (${DEFAULT_APP_ID})`);
    expect(r.stderr).toContain(`AWS Sandbox (${SECOND_APP_ID})`);
    expect(r.stderr).not.toContain('Slack');
  });

  it.each([['AWS Sandbox'], [SECOND_APP_ID], ['aws sandbox']])('--app %s picks that app', async (app) => {
    await t.restart({ apps: twoAppsSetup() });
    const r = await runCli(t.args(...t.totp(), '--app', app), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Assuming role ${BEDROCK_ROLE_ARN}`);
  });

  it('control characters in an Okta app label never reach the terminal raw, on stdout or stderr (issue 14 item 12)', async () => {
    const evil = 'AWS \u001b]0;pwned\u0007\u001b[2J\u009b31mSandbox\r';
    await t.restart({ apps: [defaultApp(), { id: SECOND_APP_ID, label: evil, appName: 'amazon_aws', roles: [BEDROCK_ROLE_ARN] }] });
    const list = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(list.code).toBe(2);
    expect(list.stderr).toContain(`AWS ]0;pwned[2J31mSandbox (${SECOND_APP_ID})`);
    const next = ['--factor', 'totp', '--passcode', t.sim.totp(undefined, new Date(Date.now() + 30_000))];
    const r = await runCli([...t.args(...next, '--app', SECOND_APP_ID), '--json'], { env: t.env(), input: PASSWORD_LINE });
    expect(r.code, r.stderr).toBe(0);
    for (const out of [r.stdout, r.stderr, list.stderr]) expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect((JSON.parse(r.stdout) as { app: string }).app).toBe('AWS \u001b]0;pwned\u0007\u001b[2J\u009b31mSandbox\r');
  });

  it('duplicate labels stay distinct: the label is ambiguous, the id is not', async () => {
    await t.restart({ apps: duplicateLabelApps() });
    const ambiguous = await runCli(t.args(...t.totp(), '--app', 'AWS'), { env: t.env(), input: PASSWORD_LINE });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('Several AWS apps are called "AWS" — pick one by its id with --app');
    expect(ambiguous.stderr).toContain(`AWS (${DEFAULT_APP_ID})`);
    expect(ambiguous.stderr).toContain(`AWS (${SECOND_APP_ID})`);
    const byId = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp(undefined, new Date(Date.now() + 30_000)), '--app', SECOND_APP_ID), {
      env: t.env(),
      input: PASSWORD_LINE,
    });
    expect(byId.code).toBe(0);
    expect(byId.stderr).toContain(`Assuming role ${BEDROCK_ROLE_ARN}`);
  });

  it("keyman's accounts list: --app picks an account by name without asking Okta for the list", async () => {
    await t.restart({ apps: twoAppsSetup() });
    const config = `${t.home.env.XDG_CONFIG_HOME}/okta-bedrock/config.yml`;
    await mkdir(dirname(config), { recursive: true });
    await writeFile(
      config,
      `org: ${t.sim.oktaUrl}\nusername: ${defaultUser.login}\naccounts:\n  - name: main\n    appid: ${DEFAULT_APP_ID}/272\n  - name: sandbox\n    appid: ${SECOND_APP_ID}/272\n`,
    );
    const r = await runCli(['login', '--password-stdin', ...t.totp(), '--app', 'sandbox'], { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Assuming role ${BEDROCK_ROLE_ARN}`);
    expect(t.oktaRequests('/appLinks')).toHaveLength(0);
  });

  it.skipIf(!hasScript)('several apps on a terminal → a menu that shows the app ids', async () => {
    await t.restart({ apps: duplicateLabelApps() });
    const r = await runCliTty(t.ttyArgs('--factor', 'totp'), {
      env: t.env(),
      steps: [
        { expect: 'Okta password', send: `${defaultUser.password}\r` },
        { expect: 'Okta Verify code', send: () => `${t.sim.totp()}\r` },
        { expect: 'Which AWS app?', send: '\x1b[B' },
        { expect: `AWS (${SECOND_APP_ID})`, send: '\r' },
      ],
    });
    expect(r.output).toContain(`AWS (${DEFAULT_APP_ID})`);
    expect(r.code).toBe(0);
    expect(r.output).toContain(`Assuming role ${BEDROCK_ROLE_ARN}`);
  });
});

describe('app pages that carry no usable assertion (e2e)', () => {
  it("an app not assigned to you → Okta's error page is read and the likely cause named, exit 6", async () => {
    await t.restart({ apps: [{ ...defaultApp(), assigned: false }] });
    const r = await runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('you are not assigned this app in Okta');
    expect(r.stderr).toContain('the app is probably not assigned to you; ask your Okta admin to assign it');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an empty assertion → names assignment / role mapping, exit 7', async () => {
    t.sim.scenario.emptyAssertion = true;
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('empty SAML assertion');
  });

  it('no Role attribute in the assertion → says the role attribute is missing, exit 7', async () => {
    await t.restart({ apps: noRoleApps() });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('Role attribute missing');
    expect(r.stderr).not.toContain(GATEWAY_ROLE_ARN);
  });
});
