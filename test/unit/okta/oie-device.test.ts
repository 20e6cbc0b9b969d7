import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ConfigError, OktaError } from '../../../src/errors.js';
import { pollDeviceToken, startDeviceAuthorization, type DeviceFlowContext } from '../../../src/okta/oie/device.js';
import { explainOAuthError, isStaleTokenError } from '../../../src/okta/oie/errors.js';
import { OAuthError } from '../../../src/okta/oie/form.js';
import { decodeJwtClaims, jwtExpiry } from '../../../src/okta/oie/jwt.js';
import { FakeClock } from '../../../src/platform/clock.js';
import { createHttpClient, type HttpResponse } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { DEFAULT_OIDC_CLIENT_ID, startSimulator, type Simulator } from '../../../src/simulator/index.js';

/** A fake clock that remembers each wait: the simulator shares it, so "too fast" is judged on it. */
class RecordingClock extends FakeClock {
  waits: number[] = [];
  override async sleep(ms: number): Promise<void> {
    this.waits.push(ms);
    await super.sleep(ms);
  }
}

let sim: Simulator;
let clock: RecordingClock;
let ctx: DeviceFlowContext;

beforeEach(async () => {
  clock = new RecordingClock(new Date());
  sim = await startSimulator({ clock, scenario: { oktaPipeline: 'idx' } });
  ctx = { http: createHttpClient(), log: silentLogger, clock, orgUrl: sim.oktaUrl, clientId: DEFAULT_OIDC_CLIENT_ID };
});
afterEach(async () => {
  await sim.close();
});

describe('device authorization polling (RFC 8628) against the simulator', () => {
  it('waits `interval` between polls and adds 5 s for each slow_down, for good', async () => {
    sim.scenario.deviceSlowDownPolls = 2;
    const auth = await startDeviceAuthorization(ctx, ['openid', 'okta.apps.sso']);
    void sim.oie.nextDeviceAuthorization().then((d) => sim.oie.approveDevice(d.userCode));
    const tokens = await pollDeviceToken(ctx, auth);
    expect(tokens.access_token).toBeTruthy();
    expect(clock.waits).toEqual([5000, 10_000, 15_000]);
  });

  it('keeps polling while authorization is pending', async () => {
    const auth = await startDeviceAuthorization(ctx, ['openid', 'okta.apps.sso']);
    let polls = 0;
    const http = {
      send: async (req: Parameters<typeof ctx.http.send>[0]) => {
        if (req.url.endsWith('/oauth2/v1/token') && ++polls === 3) sim.oie.approveDevice(auth.user_code);
        return ctx.http.send(req);
      },
    };
    await pollDeviceToken({ ...ctx, http }, auth);
    expect(clock.waits).toEqual([5000, 5000, 5000]); // pending, pending, approved before the third
  });

  it('gives up at expires_in by its own clock, and maps access_denied', async () => {
    sim.scenario.deviceCodeLifetimeSeconds = 12;
    const auth = await startDeviceAuthorization(ctx, ['openid', 'okta.apps.sso']);
    await expect(pollDeviceToken(ctx, auth)).rejects.toThrow(/device code expired/);
    expect(clock.waits).toEqual([5000, 5000, 5000]);
    const denied = await startDeviceAuthorization(ctx, ['openid', 'okta.apps.sso']);
    sim.oie.denyDevice(denied.user_code);
    await expect(pollDeviceToken(ctx, denied)).rejects.toMatchObject({ error: 'access_denied' });
  });
});

describe('a device authorization answer without interval or expires_in', () => {
  it("polls every 5 s (RFC 8628) and gives the code Okta's 10 minutes", async () => {
    const answer = { device_code: 'dc', user_code: 'ABCD-EFGH', verification_uri: 'https://acme.okta.com/activate' };
    let polls = 0;
    const reply = (url: string, status: number, body: object): HttpResponse => ({ status, url, headers: {}, setCookie: [], body: JSON.stringify(body) });
    const http = {
      send: async (req: Parameters<typeof ctx.http.send>[0]): Promise<HttpResponse> => {
        if (req.url.endsWith('/device/authorize')) return reply(req.url, 200, answer);
        return ++polls < 2
          ? reply(req.url, 400, { error: 'authorization_pending', error_description: 'The device authorization is pending.' })
          : reply(req.url, 200, { token_type: 'Bearer', expires_in: 3600, access_token: 'at', id_token: 'it' });
      },
    };
    const auth = await startDeviceAuthorization({ ...ctx, http }, ['openid', 'okta.apps.sso']);
    expect(auth.expires_in).toBe(600);
    expect(auth.interval).toBeUndefined();
    await pollDeviceToken({ ...ctx, http }, auth);
    expect(clock.waits).toEqual([5000, 5000]);
  });
});

describe('OAuth errors → what to do', () => {
  const ctx2 = { orgUrl: 'https://acme.okta.com', clientId: '0oaCLIENT', appId: '0oaAWS' };
  it.each([
    ['invalid_client', 'device-authorize', ConfigError, /oidc_client_id 0oaCLIENT is not an OIDC app/],
    ['unauthorized_client', 'device-authorize', OktaError, /Device Authorization grant.*Grant type/],
    ['unauthorized_client', 'exchange', OktaError, /Token Exchange grant/],
    ['invalid_scope', 'device-authorize', OktaError, /Okta API Scopes/],
    ['access_denied', 'device-token', AuthenticationError, /denied in the browser/],
    ['expired_token', 'device-token', AuthenticationError, /expired before it was approved/],
    ['invalid_target', 'exchange', OktaError, /"Allowed Web SSO Client" = 0oaCLIENT/],
  ] as const)('%s at %s', (error, step, type, message) => {
    const e = explainOAuthError(new OAuthError(400, error, ''), { ...ctx2, step });
    expect(e).toBeInstanceOf(type);
    expect(e.message).toMatch(message);
  });

  it('assurance requirements → the authentication policy and device assurance', () => {
    const e = explainOAuthError(new OAuthError(400, 'invalid_grant', "The application's assurance requirements are not met by the 'subject_token'."), {
      ...ctx2,
      step: 'exchange',
    });
    expect(e.message).toMatch(/same authentication policy as the AWS app.*device assurance/);
  });

  it('the assurance text decides whatever the error code, and such tokens count as stale (a new device flow follows)', () => {
    const other = new OAuthError(403, 'access_denied', 'The assurance requirements are not met.');
    expect(explainOAuthError(other, { ...ctx2, step: 'exchange' }).message).toMatch(/same authentication policy as the AWS app/);
    expect(isStaleTokenError(other)).toBe(true);
    expect(isStaleTokenError(new OAuthError(400, 'invalid_grant', 'The refresh token is invalid or expired.'))).toBe(true);
    expect(isStaleTokenError(new OAuthError(400, 'invalid_client', 'Invalid value for client_id.'))).toBe(false);
  });
});

describe('JWT claims (read, not verified)', () => {
  const jwt = (claims: object): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
  it.each([
    [jwt({ sub: 'alice@example.com', exp: 2_000_000_000 }), { sub: 'alice@example.com', exp: 2_000_000_000 }],
    ['not-a-jwt', undefined],
    ['a.!!!.c', undefined],
  ])('%s', (token, claims) => {
    expect(decodeJwtClaims(token)).toEqual(claims);
  });
  it('expiry from exp, else the fallback', () => {
    const fallback = new Date(0);
    expect(jwtExpiry(jwt({ exp: 2_000_000_000 }), fallback).toISOString()).toBe('2033-05-18T03:33:20.000Z');
    expect(jwtExpiry('x', fallback)).toBe(fallback);
  });
});
