import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultUser, factorId, userWith } from '../../src/simulator/index.js';
import { BIN, childEnv, runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';
import { hasScript, runCliTty } from '../helpers/tty.js';

const t = useOktaE2e();
const password = { expect: 'Okta password', send: `${defaultUser.password}\r` };

describe.skipIf(!hasScript)('factors that send a code (on a terminal)', () => {
  it.each([
    ['sms', 'Code from the SMS', 'Okta sent a code by SMS to +1 XXX-XXX-1337'],
    ['call', 'Code from the voice call', 'Okta sent a code by voice call to +1 XXX-XXX-1337'],
    ['email', 'Code from the email', 'Okta sent a code by email to a...e@example.com'],
  ] as const)('%s: the code Okta sends is asked for and verified', async (kind, prompt, notice) => {
    await t.restart({ users: [userWith(kind)] });
    const r = await runCliTty(t.ttyArgs(), {
      env: t.env(),
      steps: [password, { expect: prompt, send: () => `${t.sim.outbox.at(-1)?.code ?? ''}\r` }],
    });
    expect(r.output).toContain(notice);
    expect(r.output).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
    expect(t.sim.outbox).toHaveLength(1);
  });

  it('sms: "resend" before 30 s says when, and does not send another code', async () => {
    await t.restart({ users: [userWith('sms')] });
    const r = await runCliTty(t.ttyArgs(), {
      env: t.env(),
      steps: [
        password,
        { expect: 'Code from the SMS (or "resend" after 30 s)', send: 'resend\r' },
        { expect: /try "resend" again in \d+ s/, send: '' },
        { expect: 'Code from the SMS', send: () => `${t.sim.outbox.at(-1)?.code ?? ''}\r` },
      ],
    });
    expect(r.code).toBe(0);
    expect(t.sim.outbox).toHaveLength(1);
    expect(t.oktaRequests('/verify/resend')).toHaveLength(0);
  });

  it("question: the answer is asked with Okta's question text", async () => {
    await t.restart({ users: [userWith('question')] });
    const r = await runCliTty(t.ttyArgs(), {
      env: t.env(),
      steps: [password, { expect: 'What is the food you least liked as a child?', send: 'Mayonnaise\r' }],
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain('Wrote profile "default"');
  });

  it('a wrong code is re-prompted; three wrong codes stop with a clear message', async () => {
    await t.restart({ users: [userWith('totp-okta')] });
    const wrong = (): string => (t.sim.totp() === '000000' ? '111111\r' : '000000\r');
    const ok = await runCliTty(t.ttyArgs(), {
      env: t.env(),
      steps: [
        password,
        { expect: 'Okta Verify code', send: wrong },
        { expect: 'try again (2 left)', send: '' },
        { expect: 'Okta Verify code', send: () => `${t.sim.totp()}\r` },
      ],
    });
    expect(ok.code).toBe(0);
    const bad = await runCliTty(t.ttyArgs('--force'), {
      env: t.env(),
      steps: [
        password,
        { expect: 'Okta Verify code', send: wrong },
        { expect: '2 left', send: '' },
        { expect: 'Okta Verify code', send: wrong },
        { expect: '1 left', send: '' },
        { expect: 'Okta Verify code', send: wrong },
      ],
    });
    expect(bad.code).toBe(5);
    expect(bad.output).toContain('The MFA code was wrong 3 times — run login again');
  });

  it("several factors: a menu in Okta's order with push first, then the choice is remembered", async () => {
    await t.restart({ users: [userWith('sms', 'totp-okta', 'push')] });
    const first = await runCliTty(t.ttyArgs(), {
      env: t.env(),
      steps: [
        password,
        // Okta Verify push, SMS, Okta Verify code: two steps down.
        { expect: 'Which MFA factor?', send: '\x1b[B' },
        { expect: 'SMS to', send: '\x1b[B' },
        { expect: 'Okta Verify code', send: '\r' },
        { expect: 'Enter your Okta Verify code', send: () => `${t.sim.totp()}\r` },
      ],
    });
    expect(first.code).toBe(0);
    expect(first.output).toContain('Remembered MFA factor totp:OKTA for next time; --factor to change');
    const menu = first.output.slice(first.output.indexOf('Which MFA factor?'));
    expect(menu.indexOf('Okta Verify push')).toBeLessThan(menu.indexOf('SMS to +1 XXX-XXX-1337'));
    expect(menu.indexOf('SMS to +1 XXX-XXX-1337')).toBeLessThan(menu.indexOf('Okta Verify code'));

    const again = await runCli(t.args('--force', '--passcode', t.sim.totp(undefined, new Date(Date.now() + 30_000))), { env: t.env(), input: PASSWORD_LINE });
    expect(again.stderr).toContain('Using remembered factor totp:OKTA; --factor to change');
  });
});

describe('factors without a terminal', () => {
  it.each([
    ['totp:OKTA', 'totp-okta'],
    ['totp:GOOGLE', 'totp-google'],
  ] as const)('--factor %s verifies that TOTP factor', async (selector, kind) => {
    const r = await runCli(t.args('--factor', selector, '--passcode', t.sim.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    const id = factorId(defaultUser, kind);
    expect(t.oktaRequests('/verify').map((q) => q.path)).toEqual([`/api/v1/authn/factors/${id}/verify`]);
  });

  it('--factor accepts a factor id', async () => {
    const id = factorId(defaultUser, 'totp-google');
    const r = await runCli(t.args('--factor', id, '--passcode', t.sim.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(t.oktaRequests('/verify')[0]?.path).toContain(id);
  });

  it('push with a number challenge shows the number', async () => {
    await t.restart({ users: [userWith('push')], scenario: { numberChallenge: 73, pushApproveAfterPolls: 2 } });
    const r = await runCli(t.args(), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("MFA (Okta Verify push to Alice's iPhone) — approve on your phone");
    expect(r.stderr).toContain('Tap number 73 in Okta Verify');
  });

  it('only unsupported factors → names them and the supported ones, exit 5', async () => {
    await t.restart({ users: [userWith('webauthn', 'u2f', 'token-hardware', 'duo-web', 'claims-provider')] });
    const r = await runCli(t.args(), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('None of your Okta MFA factors can be used from a command line');
    expect(r.stderr).toContain('security key or biometric (WebAuthn)');
    expect(r.stderr).toContain('Duo');
    expect(r.stderr).toContain('Okta Verify push, TOTP (Okta Verify or Google Authenticator), SMS, voice call, email, security question');
    await expect(stat(t.home.credentialsFile)).rejects.toThrow();
  });

  it('supported and unsupported factors → a supported one is used', async () => {
    await t.restart({ users: [userWith('webauthn', 'duo-web', 'push')] });
    const r = await runCli(t.args(), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('approve on your phone');
  });

  it('a factor that needs typing, without a terminal → says what to do before sending anything', async () => {
    await t.restart({ users: [userWith('sms')] });
    const r = await runCli(t.args(), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(9);
    expect(r.stderr).toContain("Okta's SMS code needs a terminal to type into");
    expect(t.sim.outbox).toHaveLength(0);
  });

  it('without a terminal, a code piped on stdin after the password answers the SMS prompt (an expect-style script)', async () => {
    await t.restart({ users: [userWith('sms')] });
    const child = spawn(process.execPath, [BIN, ...t.args()], { env: childEnv(t.env()), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    const prompted = new Promise<void>((resolve) =>
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stderr.includes('Code from the SMS')) resolve();
      }),
    );
    child.stdin.write(PASSWORD_LINE);
    await prompted;
    child.stdin.end(`${t.sim.outbox.at(-1)?.code ?? ''}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain('Wrote profile "default"');
    expect(code).toBe(0);
    expect(t.sim.outbox).toHaveLength(1);
  });

  it('an unknown --factor lists the factors Okta offers', async () => {
    const r = await runCli(t.args('--factor', 'sms'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('The MFA factor "sms" is not one of yours — use --factor with one of: push (opf');
    expect(r.stderr).toContain('totp:GOOGLE (uft');
  });

  it('remembers the last factor that worked (per org and user) and says so', async () => {
    const first = await runCli(t.args('--factor', 'push'), { env: t.env(), input: PASSWORD_LINE });
    expect(first.code).toBe(0);
    const second = await runCli(t.args('--force'), { env: t.env(), input: PASSWORD_LINE });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('Using remembered factor push; --factor to change');
  });
});
