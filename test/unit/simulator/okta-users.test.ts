import { afterEach, describe, expect, it } from 'vitest';
import { defaultUser, startSimulator, type SimUser, type Simulator } from '../../../src/simulator/index.js';
import { field, oktaPost } from './helpers.js';

const user = (overrides: Partial<SimUser>): SimUser => ({ ...defaultUser, ...overrides });
const credentials = { username: 'alice@example.com', password: 'correct horse battery staple' };

describe('simulator Okta user states', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it.each([
    ['LOCKED_OUT', 'unlock'],
    ['PASSWORD_EXPIRED', 'changePassword'],
  ] as const)('answers %s with its next link', async (status, next) => {
    sim = await startSimulator({ users: [user({ status })] });
    const res = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(status);
    expect(field(res.body, '_links', 'next', 'name')).toBe(next);
  });

  it('answers MFA_ENROLL with factors to set up', async () => {
    sim = await startSimulator({ users: [user({ status: 'MFA_ENROLL' })] });
    const res = await oktaPost(sim, '/api/v1/authn', credentials);
    expect(res.body.status).toBe('MFA_ENROLL');
    expect(field(res.body, '_embedded', 'factors', 0, 'status')).toBe('NOT_SETUP');
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
