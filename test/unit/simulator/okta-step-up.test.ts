import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, noRoleApps, startSimulator, stepUpApps, type Simulator } from '../../../src/simulator/index.js';
import { fetchSaml, field, loginWithTotp, oktaPost, samlFromPage, sessionCookie } from './helpers.js';

const appPath = `/home/amazon_aws/${DEFAULT_APP_ID}/272`;

describe('simulator app step-up MFA', () => {
  let sim: Simulator;
  let now: number;
  beforeEach(async () => {
    now = Date.UTC(2026, 10, 21, 12, 0, 10);
    sim = await startSimulator({ apps: stepUpApps(), clock: { now: () => new Date(now) } });
  });
  afterEach(async () => {
    await sim.close();
  });

  const stepUpPage = async (cookie: string): Promise<{ location: string; page: string; stateToken: string }> => {
    const res = await fetch(`${sim.oktaUrl}${appPath}`, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    const page = await (await fetch(location, { headers: { cookie } })).text();
    const escaped = /var stateToken = '([^']+)';/.exec(page)?.[1] ?? '';
    return { location, page, stateToken: escaped.replace(/\\x([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
  };

  it('redirects to the Extra Verification page, then SESSION_STEP_UP MFA, then the app', async () => {
    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const { location, page, stateToken } = await stepUpPage(cookie);
    expect(location).toBe(`${sim.oktaUrl}/login/second-factor?fromURI=${encodeURIComponent(appPath)}&forcePrompt=true&hasChallenge=true`);
    expect(page).toContain('<title>Example Org - Extra Verification</title>');
    expect(stateToken).toMatch(/^00[\w-]{40}$/);

    const tx = await oktaPost(sim, '/api/v1/authn', { stateToken }, cookie);
    expect(tx.body).toMatchObject({ status: 'MFA_REQUIRED', type: 'SESSION_STEP_UP' });
    expect(field(tx.body, '_embedded', 'target')).toMatchObject({ type: 'APP', name: 'amazon_aws', label: 'Amazon Web Services' });
    const push = (field(tx.body, '_embedded', 'factors') as { factorType: string; _links: { verify: { href: string } } }[]).find(
      (f) => f.factorType === 'push',
    );
    sim.scenario.pushApproveAfterPolls = 1;
    await oktaPost(sim, push?._links.verify.href ?? '', { stateToken }, cookie);
    const done = await oktaPost(sim, push?._links.verify.href ?? '', { stateToken }, cookie);
    expect(done.body).toMatchObject({ status: 'SUCCESS', type: 'SESSION_STEP_UP' });
    expect(done.body.sessionToken).toBeUndefined();
    expect(field(done.body, '_links', 'next')).toMatchObject({ name: 'original', hints: { allow: ['GET'] } });

    const back = await fetch(field(done.body, '_links', 'next', 'href') as string, { headers: { cookie }, redirect: 'manual' });
    expect(back.headers.get('location')).toBe(`${sim.oktaUrl}${appPath}`);
    expect(await fetchSaml(sim, cookie)).toMatch(/^PD94/);
  });

  it('counts the step-up once its transaction succeeds: re-fetching the app link (keyman) serves the SAML form', async () => {
    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const { stateToken } = await stepUpPage(cookie);
    now += 30_000; // the next TOTP step
    const tx = await oktaPost(sim, '/api/v1/authn', { stateToken }, cookie);
    const totp = (field(tx.body, '_embedded', 'factors') as { factorType: string; provider: string; _links: { verify: { href: string } } }[]).find(
      (f) => f.factorType === 'token:software:totp' && f.provider === 'OKTA',
    );
    const done = await oktaPost(sim, totp?._links.verify.href ?? '', { fid: 'ignored', stateToken, passCode: sim.totp() }, cookie);
    expect(done.body).toMatchObject({ status: 'SUCCESS', type: 'SESSION_STEP_UP' });
    // No `original` followed: the app link itself now answers the SAML form, and keeps doing so.
    expect(await fetchSaml(sim, cookie)).toMatch(/^PD94/);
    expect(await fetchSaml(sim, cookie)).toMatch(/^PD94/);
    // The `original` link still works afterwards too (a client that follows it late).
    const back = await fetch(field(done.body, '_links', 'next', 'href') as string, { headers: { cookie }, redirect: 'manual' });
    expect(back.headers.get('location')).toBe(`${sim.oktaUrl}${appPath}`);
  });

  it('answers UNAUTHENTICATED when the session ended before the step-up', async () => {
    sim.scenario.endSessionAtStepUp = true;
    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const { stateToken } = await stepUpPage(cookie);
    const tx = await oktaPost(sim, '/api/v1/authn', { stateToken }, cookie);
    expect(tx.body).toMatchObject({ status: 'UNAUTHENTICATED', type: 'SESSION_STEP_UP' });
    expect(field(tx.body, '_links', 'next', 'name')).toBe('authenticate');
  });
});

describe('simulator app pages and faults', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it("serves Okta's 403 page for an app that is not assigned, and leaves it out of appLinks", async () => {
    sim = await startSimulator({ apps: [{ id: DEFAULT_APP_ID, label: 'Amazon Web Services', appName: 'amazon_aws', roles: [], assigned: false }] });
    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const page = await fetch(`${sim.oktaUrl}${appPath}`, { headers: { cookie } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain(
      '<div class="error-content"><h1>Sorry, you can\'t access Amazon Web Services because you are not assigned this app in Okta.</h1>',
    );
    const links = await (await fetch(`${sim.oktaUrl}/api/v1/users/me/appLinks`, { headers: { cookie } })).json();
    expect(links).toEqual([]);
  });

  it('posts an empty assertion, or one without the Role attribute, when asked', async () => {
    sim = await startSimulator({ apps: noRoleApps() });
    const cookie = await sessionCookie(sim, await loginWithTotp(sim));
    const xml = Buffer.from(await fetchSaml(sim, cookie), 'base64').toString('utf8');
    expect(xml).not.toContain('SAML/Attributes/Role"');
    expect(xml).toContain('SAML/Attributes/RoleSessionName');
    sim.scenario.emptyAssertion = true;
    const page = await (await fetch(`${sim.oktaUrl}${appPath}`, { headers: { cookie } })).text();
    expect(page).toContain('<input name="SAMLResponse" type="hidden" value=""/>');
    expect(() => samlFromPage(page)).toThrow();
  });

  it('injects 5xx answers, connection resets and a short rate-limit reset', async () => {
    sim = await startSimulator({
      scenario: {
        oktaFaults: [
          { path: '/api/v1/authn', kind: 'status', status: 503, times: 1 },
          { path: '/.well-known/', kind: 'reset', times: 1 },
        ],
        oktaRateLimitResetSeconds: 2,
      },
    });
    const body = JSON.stringify({ username: 'alice@example.com', password: 'x' });
    const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body };
    expect((await fetch(`${sim.oktaUrl}/api/v1/authn`, init)).status).toBe(503);
    expect((await fetch(`${sim.oktaUrl}/api/v1/authn`, init)).status).toBe(401);
    await expect(fetch(`${sim.oktaUrl}/.well-known/okta-organization`)).rejects.toThrow();
    expect((await fetch(`${sim.oktaUrl}/.well-known/okta-organization`)).status).toBe(200);
    sim.scenario.oktaRateLimitNextRequests = 1;
    const limited = await fetch(`${sim.oktaUrl}/api/v1/authn`, init);
    expect(limited.status).toBe(429);
    const reset = Number(limited.headers.get('x-rate-limit-reset'));
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(2);
  });
});
