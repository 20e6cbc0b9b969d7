import { afterEach, describe, expect, it } from 'vitest';
import { defaultUser, startSimulator, type SimUser, type Simulator } from '../../../src/simulator/index.js';
import { field, oktaPost, verifyHref } from './helpers.js';

const user = (overrides: Partial<SimUser>): SimUser => ({ ...defaultUser, ...overrides });
const credentials = { username: 'alice@example.com', password: 'correct horse battery staple' };

describe('simulator Okta user states', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it('answers LOCKED_OUT with the unlock link and no stateToken', async () => {
    sim = await startSimulator({ users: [user({ status: 'LOCKED_OUT' })] });
    const res = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('LOCKED_OUT');
    expect(res.body.stateToken).toBeUndefined();
    expect(field(res.body, '_links', 'next', 'name')).toBe('unlock');
  });

  it.each([
    ['PASSWORD_EXPIRED', 'changePassword'],
    ['PASSWORD_RESET', 'resetPassword'],
  ] as const)('challenges MFA first, then answers %s with its next link', async (status, next) => {
    sim = await startSimulator({ users: [user({ status })] });
    const authn = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(authn.body.status).toBe('MFA_REQUIRED');
    const res = await oktaPost(sim, verifyHref(authn.body, 'token:software:totp', 'OKTA'), {
      stateToken: authn.body.stateToken,
      passCode: sim.totp(),
    });
    expect(res.body.status).toBe(status);
    expect(field(res.body, '_links', 'next', 'name')).toBe(next);
  });

  it('answers PASSWORD_EXPIRED straight after the password for a user without factors', async () => {
    sim = await startSimulator({ users: [user({ status: 'PASSWORD_EXPIRED', factors: [] })] });
    const res = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(res.body.status).toBe('PASSWORD_EXPIRED');
  });

  it('warns with PASSWORD_WARN only when asked to, and skip leads to SUCCESS', async () => {
    sim = await startSimulator({ users: [user({ status: 'PASSWORD_WARN', factors: [] })] });
    const quiet = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(quiet.body.status).toBe('SUCCESS');
    const warned = await oktaPost(sim, '/api/v1/authn', { ...credentials, options: { warnBeforePasswordExpired: true } });
    expect(warned.body.status).toBe('PASSWORD_WARN');
    expect(field(warned.body, '_embedded', 'policy', 'expiration', 'passwordExpireDays')).toBe(5);
    const skip = field(warned.body, '_links', 'skip', 'href') as string;
    expect(skip).toBe(`${sim.oktaUrl}/api/v1/authn/skip`);
    const done = await oktaPost(sim, skip, { stateToken: warned.body.stateToken });
    expect(done.body.status).toBe('SUCCESS');
    expect(done.body.sessionToken).toEqual(expect.any(String));
  });

  it('answers MFA_ENROLL with factors to set up, and MFA_ENROLL_ACTIVATE with the factor to activate', async () => {
    sim = await startSimulator({ users: [user({ status: 'MFA_ENROLL' })] });
    const enroll = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(enroll.body.status).toBe('MFA_ENROLL');
    expect(field(enroll.body, '_embedded', 'factors', 0, 'status')).toBe('NOT_SETUP');
    await sim.close();
    sim = await startSimulator({ users: [user({ status: 'MFA_ENROLL_ACTIVATE' })] });
    const activate = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(activate.body.status).toBe('MFA_ENROLL_ACTIVATE');
    expect(field(activate.body, '_links', 'next', 'name')).toBe('activate');
  });

  it('can answer a status Okta may add in future', async () => {
    sim = await startSimulator({ scenario: { unknownAuthnStatus: 'DEVICE_ASSURANCE_REQUIRED' } });
    const res = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(res.body.status).toBe('DEVICE_ASSURANCE_REQUIRED');
    expect(res.body.stateToken).toEqual(expect.any(String));
  });

  it('answers SUCCESS straight away for a user without factors, and finds users case-insensitively', async () => {
    sim = await startSimulator({ users: [user({ factors: [] })] });
    const res = await oktaPost(sim, '/api/v1/authn', { ...credentials, username: 'Alice@Example.com' });
    expect(res.body.status).toBe('SUCCESS');
    expect(res.body.sessionToken).toEqual(expect.any(String));
  });

  it('validates missing fields with 400 E0000001', async () => {
    sim = await startSimulator();
    const res = await oktaPost(sim, '/api/v1/authn', { username: 'alice@example.com' });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
  });
});
