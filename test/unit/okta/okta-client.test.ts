import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitError } from '../../../src/errors.js';
import { authenticate } from '../../../src/okta/authn.js';
import { OktaClient } from '../../../src/okta/client.js';
import { FakeClock } from '../../../src/platform/clock.js';
import { createHttpClient } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { defaultUser, startSimulator, userWith, type Simulator } from '../../../src/simulator/index.js';
import { scriptedPrompter } from '../../helpers/fake-prompter.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
});

const setup = async (clock: FakeClock, options: Parameters<typeof startSimulator>[0] = {}) => {
  sim = await startSimulator({ ...options, clock });
  const notices: string[] = [];
  const client = new OktaClient({ orgUrl: sim.oktaUrl, http: createHttpClient({ retry: false }), log: silentLogger, clock, notice: (m) => notices.push(m) });
  return { sim, client, notices };
};

describe('OktaClient rate limits (real HTTP, fake clock)', () => {
  it('waits out a 429 whose window resets within 30 s, counting down, then resends', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 0, 500));
    const { sim, client, notices } = await setup(clock, { scenario: { oktaRateLimitNextRequests: 1, oktaRateLimitResetSeconds: 20 } });
    const body = await client.json<{ status: string }>('POST', '/api/v1/authn', { username: defaultUser.login, password: defaultUser.password });
    expect(body.status).toBe('MFA_REQUIRED');
    expect(notices[0]).toBe('Okta rate limit reached — retrying in 20 s');
    expect(notices.at(-1)).toBe('Okta rate limit reached — retrying in 1 s');
    expect(clock.now().getTime()).toBe(Date.UTC(2026, 10, 21, 12, 0, 20, 500));
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('stops on a longer wait with when to retry', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 0));
    const { client } = await setup(clock, { scenario: { oktaRateLimitNextRequests: 1, oktaRateLimitResetSeconds: 45 } });
    const err = await client.json('POST', '/api/v1/authn', { username: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).message).toBe('Okta rate limit reached (too many requests) — retry after 2026-11-21T12:00:45Z (in 45 s)');
    expect((err as RateLimitError).resetAt?.toISOString()).toBe('2026-11-21T12:00:45.000Z');
  });
});

describe('SMS factor (real HTTP against the simulator, fake clock)', () => {
  it('"resend" is refused locally before 30 s, sends a new code after, and the new code verifies', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 0));
    const { sim, client } = await setup(clock, { users: [userWith('sms')] });
    const prompter = scriptedPrompter([
      'resend',
      () => {
        clock.advance(31_000);
        return 'resend';
      },
      () => sim.outbox.at(-1)?.code ?? '',
    ]);
    const result = await authenticate({
      client,
      username: defaultUser.login,
      password: async () => defaultUser.password,
      prompter,
      log: silentLogger,
      clock,
    });
    expect(result.sessionToken).toEqual(expect.any(String));
    expect(sim.outbox).toHaveLength(2);
    expect(prompter.notices).toEqual([
      'Okta sent a code by SMS to +1 XXX-XXX-1337',
      'Okta allows a new code 30 s after the last one — try "resend" again in 30 s',
      'Okta sent a new code by SMS to +1 XXX-XXX-1337',
    ]);
    expect(prompter.asked.every((q) => q === 'Code from the SMS (or "resend" after 30 s):')).toBe(true);
  });

  it('a wrong SMS code is re-prompted and does not count "resend" as an attempt', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 0));
    const { sim, client } = await setup(clock, { users: [userWith('sms')] });
    const prompter = scriptedPrompter(['resend', '0', '00', () => sim.outbox.at(-1)?.code ?? '']);
    const result = await authenticate({ client, username: defaultUser.login, password: async () => defaultUser.password, prompter, log: silentLogger, clock });
    expect(result.sessionToken).toEqual(expect.any(String));
  });
});
