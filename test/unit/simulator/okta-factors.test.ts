import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, userWith, type Simulator } from '../../../src/simulator/index.js';
import { field, oktaPost, verifyHref, type Json } from './helpers.js';

const credentials = { username: 'alice@example.com', password: 'correct horse battery staple' };

describe('simulator Okta factors', () => {
  let sim: Simulator | undefined;
  let now = Date.UTC(2026, 10, 21, 12, 0, 10);
  const start = async (...factors: Parameters<typeof userWith>): Promise<Simulator> => {
    now = Date.UTC(2026, 10, 21, 12, 0, 10);
    sim = await startSimulator({ users: [userWith(...factors)], clock: { now: () => new Date(now) } });
    return sim;
  };
  afterEach(async () => {
    await sim?.close();
  });

  it('lists every factor kind with Okta field names, unsupported ones included', async () => {
    const s = await start('push', 'sms', 'call', 'email', 'question', 'webauthn', 'u2f', 'token-hardware', 'duo-web', 'claims-provider');
    const authn = await oktaPost(s, '/api/v1/authn', credentials);
    const factors = field(authn.body, '_embedded', 'factors') as Json[];
    expect(factors.map((f) => `${f.factorType as string}/${f.provider as string}`)).toEqual([
      'push/OKTA',
      'sms/OKTA',
      'call/OKTA',
      'email/OKTA',
      'question/OKTA',
      'webauthn/FIDO',
      'u2f/FIDO',
      'token:hardware/YUBICO',
      'web/DUO',
      'claims_provider/CUSTOM',
    ]);
    expect(factors[1]).toMatchObject({ id: expect.stringMatching(/^sms\w{17}$/), profile: { phoneNumber: '+1 XXX-XXX-1337' } });
    expect(factors[3]).toMatchObject({ profile: { email: 'a...e@example.com' } });
    expect(factors[4]).toMatchObject({ profile: { question: 'disliked_food', questionText: expect.stringContaining('food') } });
    expect(field(authn.body, '_embedded', 'policy', 'allowRememberDevice')).toBe(false);
  });

  it.each([
    ['sms', 'sms', 6],
    ['call', 'call', 5],
    ['email', 'email', 6],
  ] as const)('%s: the first verify sends a code, a resend is refused within the window, the code verifies', async (kind, factorType, digits) => {
    const s = await start(kind);
    const authn = await oktaPost(s, '/api/v1/authn', credentials);
    const href = verifyHref(authn.body, factorType, 'OKTA');
    const sent = await oktaPost(s, href, { stateToken: authn.body.stateToken });
    expect(sent.body.status).toBe('MFA_CHALLENGE');
    expect(sent.body.factorResult).toBeUndefined();
    expect(field(sent.body, '_links', 'next', 'name')).toBe('verify');
    expect(field(sent.body, '_links', 'resend', 0)).toMatchObject({ name: kind, href: `${href}/resend` });
    expect(s.outbox).toHaveLength(1);
    const code = s.outbox[0]?.code ?? '';
    expect(code).toMatch(new RegExp(`^\\d{${digits}}$`));

    const early = await oktaPost(s, `${href}/resend`, { stateToken: authn.body.stateToken });
    expect(early.status).toBe(429);
    expect(early.body.errorCode).toBe({ sms: 'E0000109', call: 'E0000133', email: 'E0000118' }[kind]);
    now += 31_000;
    const again = await oktaPost(s, `${href}/resend`, { stateToken: authn.body.stateToken });
    expect(again.body.status).toBe('MFA_CHALLENGE');
    expect(s.outbox).toHaveLength(2);

    const wrong = await oktaPost(s, href, {
      stateToken: authn.body.stateToken,
      passCode: code === '0'.repeat(digits) ? '1'.repeat(digits) : '0'.repeat(digits),
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.errorCode).toBe('E0000068');
    const stale = await oktaPost(s, href, { stateToken: authn.body.stateToken, passCode: code });
    expect(stale.status === 403 || s.outbox[1]?.code === code).toBe(true);
    const ok = await oktaPost(s, href, { stateToken: authn.body.stateToken, passCode: s.outbox[1]?.code });
    expect(ok.body.status).toBe('SUCCESS');
  });

  it('question: checks the answer (case and spaces aside)', async () => {
    const s = await start('question');
    const authn = await oktaPost(s, '/api/v1/authn', credentials);
    const href = verifyHref(authn.body, 'question', 'OKTA');
    const wrong = await oktaPost(s, href, { stateToken: authn.body.stateToken, answer: 'broccoli' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ errorCode: 'E0000068', errorCauses: [{ errorSummary: "Your answer doesn't match our records. Please try again." }] });
    const ok = await oktaPost(s, href, { stateToken: authn.body.stateToken, answer: ' Mayonnaise ' });
    expect(ok.body.status).toBe('SUCCESS');
  });

  it('remembers a device (DT cookie + rememberDevice=true) so the next sign-in skips MFA', async () => {
    const s = await start('totp-okta');
    s.scenario.allowRememberDevice = true;
    const first = await fetch(`${s.oktaUrl}/api/v1/authn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(credentials),
    });
    const dt = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(dt).toMatch(/^DT=DI1\w+$/);
    const authn = (await first.json()) as Json;
    expect(field(authn, '_embedded', 'policy')).toMatchObject({ allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 1440 });
    const ok = await oktaPost(
      s,
      `${verifyHref(authn, 'token:software:totp', 'OKTA')}?rememberDevice=true`,
      { stateToken: authn.stateToken, passCode: s.totp() },
      dt,
    );
    expect(ok.body.status).toBe('SUCCESS');
    const again = await oktaPost(s, '/api/v1/authn', credentials, dt);
    expect(again.body.status).toBe('SUCCESS');
    const otherDevice = await oktaPost(s, '/api/v1/authn', credentials, 'DT=DI1someoneelse');
    expect(otherDevice.body.status).toBe('MFA_REQUIRED');
    now += 1441 * 60_000;
    expect((await oktaPost(s, '/api/v1/authn', credentials, dt)).body.status).toBe('MFA_REQUIRED');
  });

  it('does not remember the device when the policy does not allow it', async () => {
    const s = await start('totp-okta');
    const authn = await oktaPost(s, '/api/v1/authn', credentials, 'DT=DI1mine');
    await oktaPost(
      s,
      `${verifyHref(authn.body, 'token:software:totp', 'OKTA')}?rememberDevice=true`,
      { stateToken: authn.body.stateToken, passCode: s.totp() },
      'DT=DI1mine',
    );
    expect((await oktaPost(s, '/api/v1/authn', credentials, 'DT=DI1mine')).body.status).toBe('MFA_REQUIRED');
  });
});
