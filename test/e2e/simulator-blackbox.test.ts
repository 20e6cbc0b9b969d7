/**
 * The simulator as a black box: `okta-bedrock simulator --json` runs as a process and a second,
 * minimal Okta client written here drives it over raw HTTP (fetch), following only what Okta
 * documents (Authentication API, Sessions API, app embed links, OAuth 2.0 device grant) and what
 * independent clients do — aws_okta_keyman (authn → verify → POST /api/v1/sessions without an API
 * token → appLinks and the app link with the sid cookie; step-up by re-fetching the link) and
 * gimme-aws-creds (device authorize, then poll at once). None of our client code is used, so the
 * simulator cannot drift into fitting only our client.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, type LiveCli } from '../helpers/process.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Sim {
  cli: LiveCli;
  info: Json;
}

const startSim = async (args: string[]): Promise<Sim> => {
  const cli = spawnCli(['simulator', '--json', ...args], {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    const out = cli.stdout();
    if (out.trimEnd().endsWith('}')) {
      try {
        return { cli, info: JSON.parse(out) as Json };
      } catch {
        /* not complete yet */
      }
    }
    if (Date.now() > deadline) throw new Error(`simulator did not start:\n${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const stopSim = async (sim: Sim | undefined): Promise<void> => {
  if (!sim) return;
  sim.cli.child.kill('SIGTERM');
  expect((await sim.cli.exited).code).toBe(0);
};

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 secret, written from the RFC. */
const totp = (secretBase32: string, at = Date.now()): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
};

const api = async (url: string, body?: unknown, cookie?: string): Promise<{ status: number; body: Json; headers: Headers }> => {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
};

const sidOf = (headers: Headers): string | undefined =>
  headers
    .getSetCookie()
    .map((c) => /^sid=([^;]+)/.exec(c)?.[1])
    .find((v) => v !== undefined && v !== '""');

const htmlDecode = (s: string): string => s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/&amp;/g, '&');

/** The SAML POST form an app link serves: `<form … action="ACS"><input name="SAMLResponse" value="…">`. */
const samlForm = (page: string): { action: string; samlResponse: string } => {
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
  const samlResponse = /name="SAMLResponse"[^>]*value="([^"]+)"/.exec(page)?.[1];
  if (!action || !samlResponse) throw new Error(`no SAML form in:\n${page.slice(0, 500)}`);
  return { action: htmlDecode(action), samlResponse: htmlDecode(samlResponse) };
};

/** Primary authentication + the TOTP factor → the SUCCESS transaction. */
const signIn = async (sim: Sim, at = Date.now()): Promise<Json> => {
  const { oktaUrl, username, password, totpSecret } = sim.info;
  const authn = await api(`${oktaUrl}/api/v1/authn`, { username, password });
  expect(authn.body.status).toBe('MFA_REQUIRED');
  const factor = (authn.body._embedded.factors as Json[]).find((f) => f.factorType === 'token:software:totp');
  const verified = await api(factor!._links.verify.href as string, { stateToken: authn.body.stateToken, passCode: totp(totpSecret as string, at) });
  expect(verified.body).toMatchObject({ status: 'SUCCESS', sessionToken: expect.any(String) });
  return verified.body;
};

describe('the simulator as a black box (a minimal client from the Okta docs)', () => {
  let classic: Sim | undefined;
  let stepUp: Sim | undefined;
  let oie: Sim | undefined;
  beforeAll(async () => {
    [classic, stepUp, oie] = await Promise.all([
      startSim(['--factors', 'totp,push', '--push-after', '3', '--number-challenge', '--rate-limit', 'workforce']),
      startSim(['--step-up']),
      startSim(['--oie']),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([stopSim(classic), stopSim(stepUp), stopSim(oie)]);
  });

  it('prints the users, secrets and URLs as JSON', () => {
    expect(classic!.info).toMatchObject({
      oktaUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      stsUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      username: 'alice@example.com',
      totpSecret: expect.stringMatching(/^[A-Z2-7]+$/),
      users: [{ login: 'alice@example.com', factors: ['totp-okta', 'push'] }],
      scenario: { push: 'approve', pushAfterPolls: 3, numberChallenge: expect.any(Number), rateLimitProfile: 'workforce' },
    });
  });

  it('authn → TOTP → sessionCookieRedirect → app link → SAML form → STS, with Okta rate-limit headers', async () => {
    const sim = classic!;
    const success = await signIn(sim);
    const redirectUrl = `${sim.info.oktaUrl}/home/amazon_aws/${sim.info.appid}`;
    const cookieRedirect = await fetch(
      `${sim.info.oktaUrl}/login/sessionCookieRedirect?token=${encodeURIComponent(success.sessionToken as string)}&redirectUrl=${encodeURIComponent(redirectUrl)}`,
      { redirect: 'manual' },
    );
    expect(cookieRedirect.status).toBe(302);
    expect(cookieRedirect.headers.get('location')).toBe(redirectUrl);
    const sid = sidOf(cookieRedirect.headers);
    const page = await fetch(redirectUrl, { headers: { cookie: `sid=${sid}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-rate-limit-limit')).toBe('750');
    const { action, samlResponse } = samlForm(await page.text());
    expect(action).toBe('https://signin.aws.amazon.com/saml');
    const assertion = Buffer.from(samlResponse, 'base64').toString('utf8');
    const roles = [...assertion.matchAll(/<saml2?:AttributeValue[^>]*>([^<]*saml-provider[^<]*)</g)].map((m) => m[1]!);
    expect(roles.length).toBeGreaterThan(0);
    const [roleArn, principalArn] = roles[0]!.split(',').sort((a, b) => (a.includes(':role/') ? -1 : b.includes(':role/') ? 1 : 0));
    const sts = await fetch(sim.info.stsUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        Action: 'AssumeRoleWithSAML',
        Version: '2011-06-15',
        RoleArn: roleArn!,
        PrincipalArn: principalArn!,
        SAMLAssertion: samlResponse,
      }),
    });
    const xml = await sts.text();
    expect(sts.status).toBe(200);
    expect(xml).toMatch(/<AccessKeyId>ASIA[A-Z0-9]+<\/AccessKeyId>/);
    // Authn answers carry the Workforce limit for /api/v1/authn.
    const authn = await api(`${sim.info.oktaUrl}/api/v1/authn`, { username: 'alice@example.com', password: 'wrong' });
    expect(authn.status).toBe(401);
    expect(authn.headers.get('x-rate-limit-limit')).toBe('500');
    expect(Number(authn.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('aws_okta_keyman: push polled through _links.next, POST /api/v1/sessions without an API token, appLinks and the app link with sid', async () => {
    const sim = classic!;
    const { oktaUrl, username, password } = sim.info;
    const authn = await api(`${oktaUrl}/api/v1/authn`, { username, password });
    const push = (authn.body._embedded.factors as Json[]).find((f) => f.factorType === 'push');
    const data = { fid: push!.id, stateToken: authn.body.stateToken };
    let tx = await api(push!._links.verify.href as string, data);
    let polls = 0;
    while (tx.body.status !== 'SUCCESS') {
      expect(tx.body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'WAITING' });
      expect(tx.body._embedded.factor._embedded.challenge.correctAnswer).toBe(sim.info.scenario.numberChallenge);
      await new Promise((r) => setTimeout(r, 200));
      tx = await api(tx.body._links.next.href as string, data);
      polls++;
    }
    expect(polls).toBe(3); // --push-after 3: the answer comes on the third poll after the push is sent
    expect(tx.body._embedded.user.profile).toMatchObject({ firstName: expect.any(String), lastName: expect.any(String) });
    // keyman: POST /sessions {sessionToken} with no Authorization header; the session id is the sid cookie.
    const session = await api(`${oktaUrl}/api/v1/sessions`, { sessionToken: tx.body.sessionToken });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      id: expect.any(String),
      login: username,
      status: 'ACTIVE',
      userId: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(sidOf(session.headers)).toBe(session.body.id);
    const cookie = `sid=${session.body.id as string}`;
    const links = await api(`${oktaUrl}/api/v1/users/me/appLinks`, undefined, cookie);
    const aws = (links.body as unknown as Json[]).filter((l) => l.appName === 'amazon_aws');
    expect(aws).toHaveLength(1);
    // keyman's appid: linkUrl.split('/', 5)[5] → '{appId}/272'
    const appid = (aws[0]!.linkUrl as string).split('/').slice(5).join('/');
    const page = await fetch(`${oktaUrl}/home/amazon_aws/${appid}`, { headers: { cookie } });
    expect(samlForm(await page.text()).samlResponse).toMatch(/^PD94/);
    // The single-use sessionToken is spent.
    expect((await api(`${oktaUrl}/api/v1/sessions`, { sessionToken: tx.body.sessionToken })).body.errorCode).toBe('E0000004');
  });

  it('aws_okta_keyman step-up: second-factor page → authn {stateToken} → MFA → fetching the app link again serves the SAML form', async () => {
    const sim = stepUp!;
    const { oktaUrl } = sim.info;
    const success = await signIn(sim);
    const session = await api(`${oktaUrl}/api/v1/sessions`, { sessionToken: success.sessionToken });
    const cookie = `sid=${session.body.id as string}`;
    const link = `${oktaUrl}/home/amazon_aws/${sim.info.appid}`;
    const first = await fetch(link, { headers: { cookie } }); // follows the redirect, as requests does
    expect(first.url).toContain('/login/second-factor');
    const escaped = /var stateToken = '(.{1,80})';/.exec(await first.text())?.[1] ?? '';
    const stateToken = escaped.replace(/\\x2D/g, '-'); // what keyman unescapes
    const tx = await api(`${oktaUrl}/api/v1/authn`, { stateToken }, cookie);
    expect(tx.body).toMatchObject({ status: 'MFA_REQUIRED', type: 'SESSION_STEP_UP' });
    const factor = (tx.body._embedded.factors as Json[]).find((f) => f.factorType === 'token:software:totp');
    const done = await api(factor!._links.verify.href as string, { stateToken, passCode: totp(sim.info.totpSecret as string, Date.now() + 30_000) }, cookie);
    expect(done.body.status).toBe('SUCCESS');
    const again = await fetch(link, { headers: { cookie } });
    expect(again.url).toBe(link);
    expect(samlForm(await again.text()).samlResponse).toMatch(/^PD94/);
  });

  it('gimme-aws-creds device flow: authorize, poll at once (pending, not slow_down), approve on the activation page, tokens', async () => {
    const sim = oie!;
    const { oktaUrl, oidcClientId, username, password } = sim.info;
    const form = (path: string, fields: Record<string, string>): Promise<Response> =>
      fetch(`${oktaUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(fields),
      });
    const org = (await (await fetch(`${oktaUrl}/.well-known/okta-organization`)).json()) as Json;
    expect(org.pipeline).toBe('idx');
    const authz = (await (await form('/oauth2/v1/device/authorize', { client_id: oidcClientId, scope: 'openid okta.apps.sso' })).json()) as Json;
    expect(authz).toMatchObject({ device_code: expect.any(String), user_code: expect.any(String), interval: 5, expires_in: 600 });
    const poll = async (): Promise<Json> =>
      (await (
        await form('/oauth2/v1/token', { client_id: oidcClientId, grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: authz.device_code })
      ).json()) as Json;
    expect((await poll()).error).toBe('authorization_pending');
    const activate = await fetch(authz.verification_uri_complete as string);
    expect(await activate.text()).toContain(`value="${authz.user_code as string}"`);
    const approved = await fetch(`${oktaUrl}/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ userCode: authz.user_code as string, username, password, action: 'approve' }),
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('Device activated');
    await new Promise((r) => setTimeout(r, 5000)); // the interval
    const tokens = await poll();
    expect(tokens).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), id_token: expect.any(String) });
  }, 20_000);
});
