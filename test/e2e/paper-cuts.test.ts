import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultApp, defaultUser, stepUpApps, twoRolesApps, userWith } from '../../src/simulator/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';
import { hasScript, runCliTty } from '../helpers/tty.js';

// Issue 18 paper cuts 7–9 and 12, each through the built CLI against the simulator.
const t = useOktaE2e();
const IDX = { idx: true, idxPollRefreshMs: 300, pushApproveAfterPolls: 2 } as const;
const APP = ['--app', DEFAULT_APP_ID];
const password = { expect: 'Okta password', send: `${defaultUser.password}\r` };

describe.skipIf(!hasScript)('8: MFA codes on a terminal', () => {
  it.each([
    // IDX answers the password on challenge/answer too: one POST for it, one for the code.
    ['classic', {}, [] as string[], '/verify', 1],
    ['IDX', IDX, APP, '/idp/idx/challenge/answer', 2],
  ] as const)('%s: the code is shown while typed; a 5-digit code is re-asked and never sent', async (_name, scenario, extra, verifyPath, posts) => {
    await t.restart({ scenario, users: [userWith('totp-okta')] });
    const r = await runCliTty(t.ttyArgs('--factor', 'totp', ...extra), {
      env: t.env(),
      steps: [
        password,
        { expect: 'Okta Verify code', send: '12345' },
        { expect: '12345', send: '\r' },
        { expect: 'Type the 6-digit code (that one has 5 digits, not 6)', send: () => `\x7f\x7f\x7f\x7f\x7f${t.sim.totp()}\r` },
      ],
    });
    expect(r.output).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
    expect(r.output).not.toContain(defaultUser.password);
    expect(t.oktaRequests(verifyPath).filter((q) => q.method === 'POST')).toHaveLength(posts);
  });

  it.each([
    ['classic', {}, [] as string[]],
    ['IDX', IDX, APP],
  ] as const)('%s: "resend" is in the SMS prompt', async (_name, scenario, extra) => {
    await t.restart({ scenario, users: [userWith('sms')] });
    const r = await runCliTty(t.ttyArgs('--factor', 'sms', ...extra), {
      env: t.env(),
      steps: [password, { expect: /Code from the SMS \(or "resend"[^)]*\):/, send: () => `${t.sim.outbox.at(-1)?.code ?? ''}\r` }],
    });
    expect(r.code).toBe(0);
  });
});

describe('8: MFA codes without a terminal', () => {
  it.each([
    ['classic', {}, [] as string[], '/verify', 0],
    ['IDX', IDX, APP, '/idp/idx/challenge/answer', 1],
  ] as const)('%s: a 5-digit --passcode stops with a clear line before anything is sent', async (_name, scenario, extra, verifyPath, posts) => {
    await t.restart({ scenario, users: [userWith('totp-okta')] });
    const r = await runCli(t.args('--factor', 'totp', '--passcode', '12345', ...extra), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('The --passcode has 5 digits, not 6 — nothing was sent to Okta; run login again with the 6-digit code');
    expect(t.oktaRequests(verifyPath).filter((q) => q.method === 'POST')).toHaveLength(posts);
  });

  it('a piped code of the wrong shape stops too', async () => {
    await t.restart({ users: [userWith('totp-okta')] });
    const r = await runCli(t.args('--factor', 'totp'), { env: t.env(), input: `${PASSWORD_LINE}12 34x\n` });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('The MFA code has characters other than digits — nothing was sent to Okta');
  });
});

describe('12: messages on replayed Okta answers', () => {
  it.each([
    ['classic', {}, [] as string[]],
    ['IDX', IDX, APP],
  ] as const)('%s: a wrong security answer (piped, stdin ends) says to type the answer, not "a fresh code"', async (_name, scenario, extra) => {
    await t.restart({ scenario, users: [userWith('question')] });
    const r = await runCli(t.args('--factor', 'question', ...extra), { env: t.env(), input: `${PASSWORD_LINE}not the answer\n` });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('The answer was wrong — run login again and type the answer');
    expect(r.stderr).not.toContain('fresh code');
    expect(r.stderr).not.toContain(defaultUser.password);
  });
});

describe.skipIf(!hasScript)('9: on a terminal', () => {
  it.each([
    ['classic', {}, [] as string[]],
    ['IDX', IDX, APP],
  ] as const)('%s: a wrong password is asked again; the third wrong one stops', async (_name, scenario, extra) => {
    await t.restart({ scenario, users: [userWith('totp-okta')] });
    const wrong = { expect: 'Okta password', send: 'not-the-password\r' };
    const ok = await runCliTty(t.ttyArgs('--factor', 'totp', ...extra), {
      env: t.env(),
      steps: [wrong, { expect: 'try again (2 left)', send: '' }, password, { expect: 'Okta Verify code', send: () => `${t.sim.totp()}\r` }],
    });
    expect(ok.output).toContain('Okta did not accept the username or password — try again (2 left)');
    expect(ok.output).toContain('Wrote profile "default"');
    expect(ok.code).toBe(0);
    const bad = await runCliTty(t.ttyArgs('--force', '--factor', 'totp', ...extra), {
      env: t.env(),
      steps: [wrong, { expect: '2 left', send: '' }, wrong, { expect: '1 left', send: '' }, wrong],
    });
    expect(bad.code).toBe(4);
    expect(bad.output).toContain('Okta authentication failed');
  });

  it('credential-process (/dev/tty): a wrong password is asked again', async () => {
    await t.restart({ users: [userWith('totp-okta')] });
    const home = await tempHome();
    await mkdir(join(home.env.XDG_CONFIG_HOME!, 'okta-bedrock'), { recursive: true });
    await writeFile(
      join(home.env.XDG_CONFIG_HOME!, 'okta-bedrock', 'config.yml'),
      `org: ${t.sim.oktaUrl}\nusername: ${defaultUser.login}\nfactor: totp\nappid: ${DEFAULT_APP_ID}/272\n`,
    );
    const r = await runCliTty(['credential-process', '--profile', 'default'], {
      env: { ...home.env, AWS_ENDPOINT_URL_STS: t.sim.stsUrl },
      steps: [
        { expect: 'Okta password for', send: 'not-the-password\r' },
        { expect: 'try again (2 left)', send: '' },
        { expect: 'Okta password for', send: `${defaultUser.password}\r` },
        { expect: 'Enter your Okta Verify code', send: () => `${t.sim.totp()}\r` },
      ],
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain('"Version":1');
  });

  it('an unknown --role offers the role menu', async () => {
    await t.restart({ apps: twoRolesApps(), users: [userWith('totp-okta')] });
    const r = await runCliTty(t.ttyArgs('--factor', 'totp', '--role', 'no-such-role'), {
      env: t.env(),
      steps: [password, { expect: 'Okta Verify code', send: () => `${t.sim.totp()}\r` }, { expect: 'Which AWS role?', send: '\r' }],
    });
    expect(r.output).toContain('The role "no-such-role" is not in your Okta assertion — pick one');
    expect(r.output).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
  });
});

describe('9: without a terminal', () => {
  it('an unknown --role lists the roles', async () => {
    await t.restart({ apps: twoRolesApps(), users: [userWith('totp-okta')] });
    const r = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp(), '--role', 'no-such-role'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The role "no-such-role" is not in your Okta assertion');
    expect(r.stderr).toContain('arn:aws:iam::123456789012:role/my-bedrock-role');
  });

  it('"Remembered MFA factor" only when the next login will use it (not with a factor set)', async () => {
    await t.restart({ users: [userWith('totp-okta')] });
    const pinned = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(pinned.code).toBe(0);
    expect(pinned.stderr).not.toContain('Remembered MFA factor');
    await t.restart({ users: [userWith('totp-okta')] });
    const free = await runCli(t.args('--force', '--passcode', t.sim.totp(undefined, new Date(Date.now() + 30_000))), { env: t.env(), input: PASSWORD_LINE });
    expect(free.code).toBe(0);
    expect(free.stderr).toContain('Remembered MFA factor totp:OKTA for next time');
  });

  it.each([
    ['classic', {}, [] as string[]],
    ['IDX', IDX, APP],
  ] as const)('%s: a step-up after a --passcode does not suggest --passcode again', async (_name, scenario, extra) => {
    await t.restart({ scenario, apps: stepUpApps(), users: [userWith('totp-okta')] });
    const r = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp(), ...extra), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the --passcode was used by the first MFA and a code works once');
    expect(r.stderr).not.toContain('or --passcode');
  });

  it('a --duration longer than the role (or the Okta app) allows says so and signs in for 1 h', async () => {
    await t.restart({ scenario: { roleMaxSessionSeconds: 3600 }, apps: [{ ...defaultApp(), sessionDurationSeconds: 43200 }], users: [userWith('totp-okta')] });
    const r = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp(), '--duration', '43200'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "AWS refused a 12 h session: the role's MaxSessionDuration is shorter — the session lasts 1 h (ask your AWS admin to raise it, or pass a shorter --duration)",
    );
    expect(r.stderr).toMatch(/Session expires at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 1 h\)/);

    await t.restart({ users: [userWith('totp-okta')] }); // the app's SessionDuration: 1 h
    const capped = await runCli(t.args('--force', '--factor', 'totp', '--passcode', t.sim.totp(), '--duration', '43200'), {
      env: t.env(),
      input: PASSWORD_LINE,
    });
    expect(capped.code).toBe(0);
    expect(capped.stderr).toContain('The Okta AWS app caps sessions at 1 h (its SessionDuration): the session lasts 1 h, not 12 h');
  });
});
