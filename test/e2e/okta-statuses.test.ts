import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultUser, type SimUser } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e();
const user = (overrides: Partial<SimUser>): SimUser => ({ ...defaultUser, ...overrides });

describe('Okta sign-in statuses (e2e)', () => {
  it('PASSWORD_WARN: warns, skips the change, and logs in', async () => {
    await t.restart({ users: [user({ status: 'PASSWORD_WARN' })] });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: Your Okta password expires soon (in 5 days) — change it at ${t.sim.oktaUrl}`);
    expect(t.oktaRequests('/api/v1/authn/skip')).toHaveLength(1);
  });

  it.each([
    ['PASSWORD_EXPIRED', 'Your Okta password has expired — change it at'],
    ['PASSWORD_RESET', 'Okta requires you to set a new password — set it at'],
  ] as const)('%s: explains and links to the org, exit 4, nothing written', async (status, message) => {
    await t.restart({ users: [user({ status })] });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toBe(`error: ${message} ${t.sim.oktaUrl}, then log in again`);
    await expect(stat(t.home.credentialsFile)).rejects.toThrow();
  });

  it('LOCKED_OUT: says how to unlock, exit 4', async () => {
    await t.restart({ users: [user({ status: 'LOCKED_OUT' })] });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toBe(`error: Your Okta account is locked out — unlock it at ${t.sim.oktaUrl} or ask your Okta admin`);
  });

  it.each([
    ['MFA_ENROLL', 'Okta requires MFA and you have no factor set up — enroll a factor in Okta first at'],
    ['MFA_ENROLL_ACTIVATE', 'An MFA factor you started to set up is not activated yet — finish it at'],
  ] as const)('%s: points to the org to set up MFA, exit 5', async (status, message) => {
    await t.restart({ users: [user({ status })] });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr.trim()).toBe(`error: ${message} ${t.sim.oktaUrl}, then log in again`);
  });

  it('an unknown status: names it and points to the browser, exit 6', async () => {
    await t.restart({ scenario: { unknownAuthnStatus: 'DEVICE_ASSURANCE_REQUIRED' } });
    const r = await runCli(t.args(...t.totp()), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('"DEVICE_ASSURANCE_REQUIRED"');
    expect(r.stderr).toContain(`sign in at ${t.sim.oktaUrl} in a browser`);
  });

  it('a wrong code without a terminal: one clear stop, exit 5', async () => {
    const r = await runCli(t.args('--factor', 'totp', '--passcode', t.sim.totp() === '000000' ? '111111' : '000000'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr.trim()).toBe('error: The MFA code was wrong — run login again with a fresh code');
    expect(t.oktaRequests('/verify')).toHaveLength(1);
  });
});
