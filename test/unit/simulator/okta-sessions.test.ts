import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, startSimulator, twoAppsSetup, type Simulator } from '../../../src/simulator/index.js';
import { fetchSaml, field, loginWithTotp, oktaPost, sessionCookie, ssws, type Json } from './helpers.js';

describe('simulator Okta sessions and apps', () => {
  let sim: Simulator;
  let now: number;
  beforeEach(async () => {
    now = Date.UTC(2026, 10, 21, 12, 0, 10);
    sim = await startSimulator({ clock: { now: () => new Date(now) }, apps: twoAppsSetup(), oktaSessionLifetimeSeconds: 600 });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('creates a session once per sessionToken, with the sid cookie, with no API token or the right one', async () => {
    // As real orgs (and aws_okta_keyman, okta-awscli): the sessionToken alone is enough.
    const anonymous = await oktaPost(sim, '/api/v1/sessions', { sessionToken: await loginWithTotp(sim) });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('set-cookie')).toBe(`sid=${anonymous.body.id as string}; Path=/; HttpOnly`);
    now += 30_000; // the next TOTP step (a code is accepted once)
    const token = await loginWithTotp(sim);
    const wrong = await oktaPost(sim, '/api/v1/sessions', { sessionToken: token }, undefined, { authorization: 'SSWS 00nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errorCode).toBe('E0000011');
    const res = await oktaPost(sim, '/api/v1/sessions', { sessionToken: token }, undefined, ssws(sim));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ login: 'alice@example.com', status: 'ACTIVE', mfaActive: true });
    expect(res.body.expiresAt).toBe(new Date(now + 600_000).toISOString());
    expect(res.headers.get('set-cookie')).toBe(`sid=${res.body.id as string}; Path=/; HttpOnly`);
    const reuse = await oktaPost(sim, '/api/v1/sessions', { sessionToken: token }, undefined, ssws(sim));
    expect(reuse.status).toBe(401);
    expect(reuse.body.errorCode).toBe('E0000004');
  });

  it('checks, refreshes, expires and deletes sessions/me', async () => {
    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const me = await fetch(`${sim.oktaUrl}/api/v1/sessions/me`, { headers: { cookie, accept: 'application/json' } });
    expect(me.status).toBe(200);
    now += 500_000;
    const refreshed = await oktaPost(sim, '/api/v1/sessions/me/lifecycle/refresh', {}, cookie);
    expect(refreshed.body.expiresAt).toBe(new Date(now + 600_000).toISOString());
    now += 601_000;
    const gone = await fetch(`${sim.oktaUrl}/api/v1/sessions/me`, { headers: { cookie } });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as Json).errorSummary).toBe('Not found: Resource not found: me (Session)');

    const cookie2 = await sessionCookie(sim, await loginWithTotpLater(sim, () => (now += 30_000)));
    const del = await fetch(`${sim.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { cookie: cookie2 } });
    expect(del.status).toBe(204);
    expect((await fetch(`${sim.oktaUrl}/api/v1/sessions/me`, { headers: { cookie: cookie2 } })).status).toBe(404);
  });

  it('lists app links only with a session', async () => {
    const denied = await fetch(`${sim.oktaUrl}/api/v1/users/me/appLinks`);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as Json).errorCode).toBe('E0000005');
    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const links = (await (await fetch(`${sim.oktaUrl}/api/v1/users/me/appLinks`, { headers: { cookie } })).json()) as Json[];
    expect(links).toHaveLength(3);
    expect(links[0]).toMatchObject({
      label: 'Amazon Web Services',
      appName: 'amazon_aws',
      appInstanceId: DEFAULT_APP_ID,
      linkUrl: `${sim.oktaUrl}/home/amazon_aws/${DEFAULT_APP_ID}/272`,
      hidden: false,
      credentialsSetup: false,
      sortOrder: 0,
    });
  });

  it('serves the SAML form with Okta-escaped attributes, or redirects to login', async () => {
    const path = `/home/amazon_aws/${DEFAULT_APP_ID}/272`;
    const anon = await fetch(`${sim.oktaUrl}${path}`, { redirect: 'manual' });
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe(`${sim.oktaUrl}/login/login.htm?fromURI=${encodeURIComponent(path)}`);

    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const page = await (await fetch(`${sim.oktaUrl}${path}`, { headers: { cookie } })).text();
    expect(page).toContain('<form id="appForm" name="appForm" method="POST" action="https&#x3a;&#x2f;&#x2f;signin.aws.amazon.com&#x2f;saml">');
    expect(page).toContain('<input name="RelayState" type="hidden" value=""/>');
    expect(page).not.toMatch(/value="[^"]*[+=/][^"]*"/);
    const xml = Buffer.from(await fetchSaml(sim, cookie), 'base64').toString('utf8');
    expect(xml).toContain('Destination="https://signin.aws.amazon.com/saml"');
    expect(xml).toContain('<saml2:Audience>urn:amazon:webservices</saml2:Audience>');
    expect(xml).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(xml).toContain('arn:aws:iam::123456789012:role/my-developer-gateway-role,arn:aws:iam::123456789012:saml-provider/okta');

    const missing = await fetch(`${sim.oktaUrl}/home/amazon_aws/0oaUNKNOWNAPP0000000/272`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/<div class="error-content"><h1>[^<]+<\/h1>/);
  });

  it('sets the cookie through sessionCookieRedirect (same origin only)', async () => {
    const token = await loginWithTotp(sim);
    const target = `${sim.oktaUrl}/home/amazon_aws/${DEFAULT_APP_ID}/272`;
    const foreign = await fetch(`${sim.oktaUrl}/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('https://evil.example/')}`, {
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    const res = await fetch(`${sim.oktaUrl}/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent(target)}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(target);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^sid=/);
    expect(field(await (await fetch(`${sim.oktaUrl}/api/v1/sessions/me`, { headers: { cookie } })).json(), 'status')).toBe('ACTIVE');
  });
});

/** A second TOTP login needs a new time step (Okta refuses a code twice). */
const loginWithTotpLater = async (sim: Simulator, advance: () => void): Promise<string> => {
  advance();
  return loginWithTotp(sim);
};
