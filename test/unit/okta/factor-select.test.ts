import { describe, expect, it } from 'vitest';
import { MfaError } from '../../../src/errors.js';
import { selectFactor, type FactorSelection } from '../../../src/okta/factors/select.js';
import { menuOrder, selectorOf, type FactorOption } from '../../../src/okta/factors/registry.js';
import { silentLogger, createLogger } from '../../../src/platform/log.js';
import type { OktaFactor } from '../../../src/okta/types.js';

const f = (id: string, factorType: string, provider = 'OKTA'): OktaFactor => ({ id, factorType, provider });
const SMS = f('sms1', 'sms');
const PUSH = f('opf1', 'push');
const TOTP = f('ost1', 'token:software:totp');
const GOOGLE = f('uft1', 'token:software:totp', 'GOOGLE');
const WEBAUTHN = f('fwf1', 'webauthn', 'FIDO');
const DUO = f('dsf1', 'web', 'DUO');
const QUESTION = f('ufs1', 'question');

const base: FactorSelection = { passcode: false, interactive: false, log: silentLogger, orgUrl: 'https://a.okta.com' };
const pick = async (factors: OktaFactor[], sel: Partial<FactorSelection> = {}): Promise<string> => selectorOf(await selectFactor(factors, { ...base, ...sel }));

describe('selectFactor', () => {
  it.each([
    [[SMS, TOTP, PUSH], {}, 'push'],
    [[SMS, TOTP], {}, 'totp:OKTA'],
    [[SMS, TOTP], { passcode: true }, 'totp:OKTA'],
    [[PUSH, GOOGLE], { passcode: true }, 'totp:GOOGLE'],
    [[SMS, QUESTION], {}, 'sms'],
    [[WEBAUTHN, DUO, TOTP], { passcode: true }, 'totp:OKTA'],
    [[PUSH, TOTP, GOOGLE], { preference: 'totp:google' }, 'totp:GOOGLE'],
    [[PUSH, TOTP, GOOGLE], { preference: 'totp' }, 'totp:OKTA'],
    [[PUSH, TOTP, GOOGLE], { preference: 'uft1' }, 'totp:GOOGLE'],
    [[PUSH, SMS], { preference: 'SMS' }, 'sms'],
    [[PUSH, SMS], { remembered: { id: 'sms1', selector: 'sms' }, interactive: true }, 'sms'],
    [[PUSH, f('sms2', 'sms')], { remembered: { id: 'sms1', selector: 'sms' }, interactive: true }, 'sms'],
    // A remembered factor that needs typing is passed over without a terminal.
    [[PUSH, SMS], { remembered: { id: 'sms1', selector: 'sms' } }, 'push'],
    [[PUSH, TOTP], { remembered: { id: 'ost1', selector: 'totp:OKTA' }, passcode: true }, 'totp:OKTA'],
    // An explicit preference beats the remembered factor.
    [[PUSH, TOTP], { remembered: { id: 'ost1', selector: 'totp:OKTA' }, preference: 'push', passcode: true }, 'push'],
  ] as const)('%j with %j → %s', async (factors, sel, want) => {
    expect(await pick([...factors], sel as Partial<FactorSelection>)).toBe(want);
  });

  it('says when it uses the remembered factor', async () => {
    const lines: string[] = [];
    await selectFactor([PUSH, TOTP], { ...base, remembered: { id: 'opf1', selector: 'push' }, log: createLogger({ write: (l) => lines.push(l) }) });
    expect(lines).toEqual(['Using remembered factor push; --factor to change']);
  });

  it("offers a menu on a terminal, in Okta's order with push first", async () => {
    let offered: string[] = [];
    const choose = async (options: FactorOption[]): Promise<FactorOption> => {
      offered = options.map(selectorOf);
      return options[1] as FactorOption;
    };
    expect(await pick([SMS, WEBAUTHN, GOOGLE, PUSH, QUESTION], { interactive: true, choose })).toBe('sms');
    expect(offered).toEqual(['push', 'sms', 'totp:GOOGLE', 'question']);
    expect(menuOrder([SMS, PUSH]).map(selectorOf)).toEqual(['push', 'sms']);
  });

  it('only unsupported factors → names them and the supported ones', async () => {
    const err = await selectFactor([WEBAUTHN, DUO, f('ykf1', 'token:hardware', 'YUBICO'), f('clp1', 'claims_provider', 'CUSTOM')], base).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MfaError);
    expect((err as Error).message).toBe(
      'None of your Okta MFA factors can be used from a command line (security key or biometric (WebAuthn), Duo, hardware token (YUBICO), identity provider (IdP factor)) — enroll one of: Okta Verify push, TOTP (Okta Verify or Google Authenticator), SMS, voice call, email, security question (at https://a.okta.com, Settings), or sign in through your browser: okta-bedrock login --browser',
    );
    expect((err as MfaError).code).toBe('unsatisfiable_policy');
  });

  it('a preference Okta does not offer lists what it does', async () => {
    await expect(selectFactor([PUSH, GOOGLE], { ...base, preference: 'sms' })).rejects.toThrow(
      'The MFA factor "sms" is not one of yours — use --factor with one of: push (opf1), totp:GOOGLE (uft1)',
    );
  });
});
