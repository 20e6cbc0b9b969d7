import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser, userWith } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
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
