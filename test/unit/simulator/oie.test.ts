import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/platform/clock.js';
import {
  DEFAULT_APP_ID,
  DEFAULT_OIDC_CLIENT_ID,
  GATEWAY_ROLE_ARN,
  SAML_PROVIDER_ARN,
  defaultOidcClient,
  startSimulator,
  type Simulator,
} from '../../../src/simulator/index.js';
import { verifySamlResponse } from '../../../src/simulator/saml/verify.js';
import { samlFromPage, type Json } from './helpers.js';

let sim: Simulator;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock(new Date());
  sim = await startSimulator({ clock, scenario: { oktaPipeline: 'idx' } });
});
afterEach(async () => {
  await sim.close();
});

const form = async (path: string, params: Record<string, string>): Promise<{ status: number; body: Json; headers: Headers }> => {
  const res = await fetch(`${sim.oktaUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
};

const authorize = (scope = 'openid okta.apps.sso offline_access', client_id = DEFAULT_OIDC_CLIENT_ID) =>
  form('/oauth2/v1/device/authorize', { client_id, scope });
const poll = (device_code: string) =>
  form('/oauth2/v1/token', { client_id: DEFAULT_OIDC_CLIENT_ID, device_code, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });

/** Device flow approved in the "browser": the token answer. */
async function signIn(): Promise<Json> {
  const a = await authorize();
  sim.oie.approveDevice(a.body.user_code as string);
  clock.advance(5000);
  const t = await poll(a.body.device_code as string);
  expect(t.status).toBe(200);
  return t.body;
}

const exchange = (tokens: Json, audience = `urn:okta:apps:${DEFAULT_APP_ID}`) =>
  form('/oauth2/v1/token', {
    client_id: DEFAULT_OIDC_CLIENT_ID,
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    actor_token: tokens.access_token as string,
    actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    subject_token: tokens.id_token as string,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    requested_token_type: 'urn:okta:oauth:token-type:web_sso_token',
    audience,
  });

describe('simulator: Okta Identity Engine endpoints', () => {
  it('.well-known/okta-organization says the pipeline of the scenario', async () => {
    const idx = (await (await fetch(`${sim.oktaUrl}/.well-known/okta-organization`)).json()) as Json;
    expect(idx).toMatchObject({ pipeline: 'idx', _links: { organization: { href: sim.oktaUrl } } });
    sim.scenario.oktaPipeline = 'v1';
    const v1 = (await (await fetch(`${sim.oktaUrl}/.well-known/okta-organization`)).json()) as Json;
    expect(v1.pipeline).toBe('v1');
  });

  it('device authorize answers like Okta: 8-letter user code, verification_uri(_complete), 600 s, interval 5', async () => {
    const a = await authorize();
    expect(a.status).toBe(200);
    expect(Object.keys(a.body)).toEqual(['device_code', 'user_code', 'verification_uri', 'verification_uri_complete', 'expires_in', 'interval']);
    expect(a.body.user_code).toMatch(/^[A-Z]{8}$/);
    expect(a.body.verification_uri).toBe(`${sim.oktaUrl}/activate`);
    expect(a.body.verification_uri_complete).toBe(`${sim.oktaUrl}/activate?user_code=${a.body.user_code as string}`);
    expect(a.body).toMatchObject({ expires_in: 600, interval: 5 });
  });

  it.each([
    ['unknown client', { client_id: '0oaNOPE', scope: 'openid' }, 401, 'invalid_client', "Invalid value for 'client_id' parameter."],
    ['ungranted Okta API scope', { client_id: DEFAULT_OIDC_CLIENT_ID, scope: 'openid okta.users.manage' }, 400, 'invalid_scope', undefined],
    ['no scope', { client_id: DEFAULT_OIDC_CLIENT_ID }, 400, 'invalid_request', "The 'scope' parameter is required."],
  ])('device authorize: %s → HTTP %s %s', async (_, params, status, error, description) => {
    const r = await form('/oauth2/v1/device/authorize', params as Record<string, string>);
    expect(r.status).toBe(status);
    expect(r.body.error).toBe(error);
    if (description) expect(r.body.error_description).toBe(description);
  });

  it('a client without the device grant gets unauthorized_client listing its grants', async () => {
    sim.oie.clients[0]!.grantTypes = ['authorization_code'];
    const r = await authorize();
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: 'unauthorized_client',
      error_description: 'The client is not authorized to use the provided grant type. Configured grant types: [authorization_code].',
    });
  });

  it('a first poll right after authorize is pending, not slow_down (interval counts from the previous poll)', async () => {
    const a = await authorize();
    const code = a.body.device_code as string;
    expect((await poll(code)).body.error).toBe('authorization_pending');
    clock.advance(4000);
    expect((await poll(code)).body.error).toBe('slow_down');
    clock.advance(10_000);
    expect((await poll(code)).body.error).toBe('authorization_pending');
  });

  it('polling: authorization_pending with Okta body, slow_down when too fast (interval +5), access_denied, expired_token', async () => {
    const a = await authorize();
    const code = a.body.device_code as string;
    clock.advance(5000);
    expect(await poll(code)).toMatchObject({
      status: 400,
      body: { error: 'authorization_pending', error_description: 'The device authorization is pending. Please try again later.' },
    });
    clock.advance(1000);
    expect((await poll(code)).body.error).toBe('slow_down');
    clock.advance(5000); // the interval is now 10 s
    expect((await poll(code)).body.error).toBe('slow_down');
    clock.advance(15_000);
    expect((await poll(code)).body.error).toBe('authorization_pending');
    sim.oie.denyDevice(a.body.user_code as string);
    clock.advance(15_000);
    expect((await poll(code)).body.error).toBe('access_denied');
    clock.advance(600_000);
    expect((await poll(code)).body).toEqual({ error: 'expired_token', error_description: 'The device code has expired.' });
  });

  it('approved: Bearer tokens (RS256 JWTs with Okta claims), a refresh token for offline_access; the code redeems once', async () => {
    const a = await authorize();
    sim.oie.approveDevice(a.body.user_code as string);
    clock.advance(5000);
    const t = await poll(a.body.device_code as string);
    expect(t.headers.get('cache-control')).toBe('no-cache, no-store');
    expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'openid okta.apps.sso offline_access' });
    const claims = (jwt: string): Json => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Json;
    expect(JSON.parse(Buffer.from((t.body.access_token as string).split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    expect(claims(t.body.access_token as string)).toMatchObject({
      sub: 'alice@example.com',
      cid: DEFAULT_OIDC_CLIENT_ID,
      scp: ['openid', 'okta.apps.sso', 'offline_access'],
    });
    expect(claims(t.body.id_token as string)).toMatchObject({ aud: DEFAULT_OIDC_CLIENT_ID, iss: sim.oktaUrl });
    expect(claims(t.body.id_token as string).sid).toMatch(/^idx/);
    expect(t.body.refresh_token).toBeTruthy();
    clock.advance(5000);
    expect((await poll(a.body.device_code as string)).body.error).toBe('invalid_grant');
  });

  it('no refresh token for a client without the refresh_token grant (or invalid_scope when the scenario says so)', async () => {
    sim.oie.clients[0]!.grantTypes = defaultOidcClient().grantTypes.filter((g) => g !== 'refresh_token');
    const t = await signIn();
    expect(t.refresh_token).toBeUndefined();
    expect(t.scope).toBe('openid okta.apps.sso');
    sim.scenario.rejectOfflineAccessWithoutRefreshGrant = true;
    expect((await authorize()).body.error).toBe('invalid_scope');
  });

  it('token exchange → Web SSO token → /login/token/sso serves the same signed assertion as the app page; one use only', async () => {
    const t = await signIn();
    const x = await exchange(t);
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ token_type: 'N_A', expires_in: 300, issued_token_type: 'urn:okta:oauth:token-type:web_sso_token' });
    const sso = async () =>
      fetch(`${sim.oktaUrl}/login/token/sso`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams({ token: x.body.access_token as string }).toString(),
      });
    const page = await sso();
    expect(page.status).toBe(200);
    const verified = verifySamlResponse(samlFromPage(await page.text()), sim.certificatePem);
    expect(verified.roleValues).toEqual([`${GATEWAY_ROLE_ARN},${SAML_PROVIDER_ARN}`]);
    expect(verified.subject).toBe('alice@example.com');
    expect((await sso()).status).toBe(403);
  });

  it.each([
    ['the session ended', () => sim.oie.endSessions(), "The 'subject_token' either expired or the session associated with it was terminated."],
    [
      'the app policy is not met',
      () => void (sim.scenario.webSsoAssuranceUnmet = true),
      "The application's assurance requirements are not met by the 'subject_token'.",
    ],
  ])('exchange refuses with invalid_grant when %s', async (_, change, description) => {
    const t = await signIn();
    change();
    expect(await exchange(t)).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: description } });
  });

  it('exchange: a client that is not the Allowed Web SSO Client, an unknown app, a client without the exchange grant', async () => {
    const t = await signIn();
    expect((await exchange(t, 'urn:okta:apps:0oaUNKNOWN')).body.error).toBe('invalid_request');
    sim.oie.clients[0]!.webSsoApps = [];
    expect((await exchange(t)).body.error_description).toBe('The client is not an allowed Web SSO client of the target application.');
    sim.oie.clients[0]!.grantTypes = ['urn:ietf:params:oauth:grant-type:device_code'];
    expect((await exchange(t)).body.error).toBe('unauthorized_client');
  });

  it('refresh: new tokens (same session), the old refresh token is rotated out; revoked tokens are invalid_grant', async () => {
    const t = await signIn();
    const refresh = (token: string) =>
      form('/oauth2/v1/token', { client_id: DEFAULT_OIDC_CLIENT_ID, grant_type: 'refresh_token', refresh_token: token, scope: t.scope as string });
    const r = await refresh(t.refresh_token as string);
    expect(r.status).toBe(200);
    expect(r.body.id_token).not.toBe(t.id_token);
    expect((await exchange(r.body)).status).toBe(200);
    expect((await refresh(t.refresh_token as string)).body).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' });
    sim.scenario.rejectRefreshedIdToken = true;
    expect((await exchange(r.body)).body.error).toBe('invalid_grant');
    sim.oie.revokeRefreshTokens();
    expect((await refresh(r.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });

  it('appLinks accepts the access token when it has okta.users.read.self', async () => {
    const a = await authorize('openid okta.apps.sso okta.apps.read okta.users.read.self');
    sim.oie.approveDevice(a.body.user_code as string);
    clock.advance(5000);
    const t = (await poll(a.body.device_code as string)).body;
    const links = await fetch(`${sim.oktaUrl}/api/v1/users/me/appLinks`, {
      headers: { authorization: `Bearer ${t.access_token as string}`, accept: 'application/json' },
    });
    expect(links.status).toBe(200);
    expect(((await links.json()) as Json[])[0]).toMatchObject({ appName: 'amazon_aws', appInstanceId: DEFAULT_APP_ID });
    const without = await fetch(`${sim.oktaUrl}/api/v1/users/me/appLinks`, { headers: { authorization: 'Bearer nope', accept: 'application/json' } });
    expect(without.status).toBe(403);
  });
});
