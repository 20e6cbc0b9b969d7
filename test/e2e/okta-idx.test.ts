import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser, stepUpApps, twoAppsSetup, userWith } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { hasScript, runCliTty } from '../helpers/tty.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

/** Identity Engine sign-in through the IDX API, against the simulator's IDX mode (shapes from the Sign-In Widget's mocks). */
const IDX = { idx: true, idxPollRefreshMs: 300, pushApproveAfterPolls: 2 } as const;
const t = useOktaE2e({ scenario: IDX });
const APP = ['--app', `${DEFAULT_APP_ID}/272`];
const idxPosts = (path: string) => t.oktaRequests(`/idp/idx/${path}`).filter((r) => r.path === `/idp/idx/${path}`);

describe('Identity Engine sign-in through IDX (e2e)', () => {
  it('auto on an IDX org without oidc_client_id: app link → introspect → identify → password → TOTP → success → SAML', async () => {
    const r = await runCli(t.args(...t.totp(), ...APP, '--debug'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.stderr).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
    expect(idxPosts('introspect')).toHaveLength(1);
    expect(idxPosts('identify')).toHaveLength(1);
    expect(idxPosts('challenge/answer')).toHaveLength(2);
    expect(t.oktaRequests('/login/token/redirect')).toHaveLength(1);
    // Never the classic API.
    expect(t.oktaRequests('/api/v1/authn')).toHaveLength(0);
    expect(r.stderr).toContain('Okta org pipeline: idx');
    // Every form went with the newest stateHandle: the simulator refuses a stale one (401).
    expect(t.oktaRequests('/idp/idx/').every((q) => q.status === 200)).toBe(true);
    // The stateHandle and password never reach the output.
    for (const s of t.sim.secrets()) expect(r.stderr).not.toContain(s);
  });

  it('Okta Verify push with number challenge and keep-me-signed-in; polls wait `refresh`', async () => {
    t.sim.scenario.numberChallenge = 42;
    t.sim.scenario.idxKeepMeSignedIn = true;
    const r = await runCli(t.args('--factor', 'push', ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Tap number 42 in Okta Verify');
    expect(r.stderr).toContain('keep-me-signed-in');
    const polls = t.sim.requests.filter((q) => q.path === '/idp/idx/challenge/poll');
    expect(polls.map((p) => p.status)).toEqual([200, 200]);
    expect(idxPosts('keep-me-signed-in')).toHaveLength(1);
  });

  it('Okta Verify pushes on its own (autoChallenge) but --factor totp asks for the code: back to the choice', async () => {
    t.sim.scenario.idxAutoChallengePush = true;
    const r = await runCli(t.args(...t.totp(), ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(idxPosts('challenge/poll')).toHaveLength(0);
    expect(idxPosts('challenge')).toHaveLength(1);
  });

  it('autoChallenge push with no --factor: polls it', async () => {
    t.sim.scenario.idxAutoChallengePush = true;
    const r = await runCli(t.args(...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(idxPosts('challenge/poll')).toHaveLength(2);
  });

  it('password inline in identify (identify-with-password), Google Authenticator code', async () => {
    t.sim.scenario.idxPasswordWithIdentifier = true;
    const r = await runCli(t.args('--factor', 'totp:GOOGLE', '--passcode', t.sim.totp(), ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(idxPosts('challenge/answer')).toHaveLength(1);
  });

  it('a wrong password: "authentication failed", exit 4', async () => {
    const r = await runCli(t.args(...t.totp(), ...APP), { env: t.env(), input: 'wrong password\n' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('Okta authentication failed');
  });

  it('an unknown user and a locked-out user: exit 4 with the fix', async () => {
    let r = await runCli(['login', '--org', t.sim.oktaUrl, '--username', 'nobody@example.com', '--password-stdin', ...APP], {
      env: t.env(),
      input: PASSWORD_LINE,
    });
    expect(r.code).toBe(4);
    t.sim.users[0]!.status = 'LOCKED_OUT';
    r = await runCli(t.args(...t.totp(), ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('locked out');
  });

  it('a wrong TOTP code from --passcode without a terminal: exit 5, not re-asked', async () => {
    const r = await runCli(t.args('--factor', 'totp', '--passcode', '000000', ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('The MFA code was wrong');
    expect(idxPosts('challenge/answer')).toHaveLength(2);
  });

  it('429 from the IDX API: a short window is waited out and the same form resent; a long one stops with exit 11', async () => {
    t.sim.scenario.oktaRateLimitNextRequests = 1;
    t.sim.scenario.oktaRateLimitResetSeconds = 1;
    let r = await runCli(t.args(...t.totp(), ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Okta rate limit reached');
    t.sim.scenario.oktaRateLimitNextRequests = 1;
    t.sim.scenario.oktaRateLimitResetSeconds = 600;
    r = await runCli(t.args('--factor', 'push', '--force', ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(11);
    expect(r.stderr).toContain('rate limit');
  });

  it('push rejected: exit 5', async () => {
    t.sim.scenario.pushResult = 'reject';
    const r = await runCli(t.args('--factor', 'push', ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('rejected');
  });

  it('FastPass (device-challenge-poll), redirect-idp and enrollment: one line naming the policy, no hang', async () => {
    for (const [what, text] of [
      ['device-challenge-poll', 'Okta FastPass'],
      ['redirect-idp', 'another identity provider'],
      ['select-authenticator-enroll', 'enrolling'],
    ] as const) {
      t.sim.scenario.idxUnsupportedRemediation = what;
      const r = await runCli(t.args(...t.totp(), ...APP), { env: t.env(), input: PASSWORD_LINE });
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toContain(text);
      expect(r.stderr).toContain('cannot be done from a command line');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('only unusable authenticators (WebAuthn): names them, exit 5', async () => {
    await t.restart({ scenario: IDX, users: [userWith('webauthn')] });
    const r = await runCli(t.args(...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('WebAuthn');
  });

  it('app step-up: the app link shows the widget again with a live session → IDX on that token, then SAML', async () => {
    await t.restart({ scenario: IDX, apps: stepUpApps() });
    const r = await runCli(t.args('--factor', 'push', ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.stderr).toContain('The AWS app asks for another sign-in step');
    expect(r.code).toBe(0);
    expect(idxPosts('introspect')).toHaveLength(2);
  });

  it('an app that keeps asking: 2 step-ups then a clear stop', async () => {
    await t.restart({ scenario: { ...IDX, stepUpAlwaysRequired: true }, apps: stepUpApps() });
    const r = await runCli(t.args('--factor', 'push', ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('after 2 step-ups');
    expect(idxPosts('introspect')).toHaveLength(3);
  });

  it("no app configured: the dashboard client's sign-in page, then /api/v1/users/me/appLinks on the session", async () => {
    await t.restart({ scenario: IDX, apps: twoAppsSetup() });
    const r = await runCli(t.args(...t.totp(), '--app', 'AWS Sandbox'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code, r.stderr).toBe(0);
    const authorize = t.oktaRequests('/oauth2/v1/authorize');
    expect(authorize).toHaveLength(1);
    expect(t.oktaRequests('/api/v1/users/me/appLinks')).toHaveLength(1);
  });

  it('refresh from the IDX session: credential-process with no password and no MFA', async () => {
    const r = await runCli(t.args(...t.totp(), ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    const cache = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', 'default.json');
    const c = JSON.parse(await readFile(cache, 'utf8')) as {
      gateway: { expiration: string };
      record: { authFlow: string };
      lastRefresh?: string;
      updatedAt?: string;
    };
    expect(c.record.authFlow).toBe('idx');
    c.gateway.expiration = new Date(Date.now() + 60_000).toISOString();
    // An hour-long session near its end (60-s credentials would be served by the half-lifetime rule).
    c.lastRefresh = c.updatedAt = new Date(Date.now() - 3_540_000).toISOString();
    await writeFile(cache, JSON.stringify(c));
    const before = t.sim.requests.length;
    const cp = await runCli(['credential-process', '--profile', 'default'], { env: t.env() });
    expect(cp.stderr).toBe('');
    expect(cp.code).toBe(0);
    const okta = t.sim.requests.slice(before).filter((q) => q.service === 'okta');
    expect(okta.filter((q) => q.path.startsWith('/idp/idx/'))).toHaveLength(0);
    expect(okta.filter((q) => q.path.startsWith('/home/amazon_aws/'))).toHaveLength(1);
  });

  it('--auth-flow idx forces IDX; --auth-flow classic keeps the classic API on the same org', async () => {
    let r = await runCli(t.args(...t.totp(), ...APP, '--auth-flow', 'classic'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(t.oktaRequests('/idp/idx/')).toHaveLength(0);
    expect(t.oktaRequests('/api/v1/authn').filter((q) => q.path === '/api/v1/authn')).toHaveLength(1);
    // A Classic org: auto stays classic.
    await t.restart({});
    r = await runCli(t.args(...t.totp(), ...APP), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code).toBe(0);
    expect(t.oktaRequests('/idp/idx/')).toHaveLength(0);
  });

  it('no state token on the sign-in page: falls back to the classic API, said under --debug', async () => {
    t.sim.scenario.idx = false;
    t.sim.scenario.oktaPipeline = 'idx';
    const r = await runCli(t.args(...t.totp(), ...APP, '--auth-flow', 'idx', '--debug'), { env: t.env(), input: PASSWORD_LINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('falling back to the classic Authentication API');
  });

  it('the simulator refuses a stale stateHandle and an early poll', async () => {
    const page = await fetch(`${t.sim.oktaUrl}/home/amazon_aws/${DEFAULT_APP_ID}/272`);
    const token = /var stateToken = '([^']+)'/
      .exec(await page.text())![1]!
      .replace(/\\x([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${t.sim.oktaUrl}/idp/idx/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/ion+json; okta-version=1.0.0' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { stateHandle?: string; messages?: { value: { i18n: { key: string } }[] } } };
    };
    const first = await post('introspect', { stateToken: token });
    expect(first.status).toBe(200);
    const second = await post('identify', { identifier: defaultUser.login, stateHandle: first.body.stateHandle });
    expect(second.status).toBe(200);
    expect(second.body.stateHandle).not.toBe(first.body.stateHandle);
    const stale = await post('challenge/answer', { credentials: { passcode: defaultUser.password }, stateHandle: first.body.stateHandle });
    expect(stale.status).toBe(401);
    expect(stale.body.messages?.value[0]?.i18n.key).toBe('idx.session.expired');
    // 10 requests per handle per 5 s.
    let handle = second.body.stateHandle;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post('introspect', { stateHandle: handle });
      statuses.push(r.status);
      if (r.body.stateHandle) handle = r.body.stateHandle;
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

const password = { expect: 'Okta password', send: `${defaultUser.password}\r` };

describe.skipIf(!hasScript)('IDX factors typed on a terminal (e2e)', () => {
  it.each([
    ['sms', 'sms', 'Code from the SMS', 'Okta sent a code by SMS to +1 XXX-XXX-1337'],
    ['call', 'call', 'Code from the voice call', 'Okta sent a code by voice call to +1 XXX-XXX-1337'],
    ['email', 'email', 'Code from the email', 'Okta sent a code by email to a...e@example.com'],
  ] as const)('%s: the code Okta sends is asked for and verified (credentials.passcode)', async (factor, kind, prompt, notice) => {
    await t.restart({ scenario: IDX, users: [userWith(kind)] });
    const r = await runCliTty(t.ttyArgs('--factor', factor, ...APP), {
      env: t.env(),
      steps: [password, { expect: prompt, send: () => `${t.sim.outbox.at(-1)?.code ?? ''}\r` }],
    });
    expect(r.output).toContain(notice);
    expect(r.output).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
    expect(t.sim.outbox).toHaveLength(1);
  });

  it("security question: credentials.answer with the form's questionKey", async () => {
    await t.restart({ scenario: IDX, users: [userWith('question')] });
    const r = await runCliTty(t.ttyArgs(...APP), {
      env: t.env(),
      steps: [password, { expect: 'least liked', send: `${defaultUser.securityQuestion!.answer}\r` }],
    });
    expect(r.output).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
  });

  it('a wrong Okta Verify code is re-asked on a terminal (credentials.totp), then accepted', async () => {
    await t.restart({ scenario: IDX, users: [userWith('totp-okta')] });
    const r = await runCliTty(t.ttyArgs(...APP), {
      env: t.env(),
      steps: [password, { expect: 'Okta Verify code', send: '000000\r' }, { expect: 'not accepted', send: () => `${t.sim.totp()}\r` }],
    });
    expect(r.output).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
    expect(idxPosts('challenge/answer')).toHaveLength(3);
  });
});

describe('okta-bedrock demo --idx', () => {
  it('shows an Identity Engine login through the IDX API against the built-in simulator', async () => {
    const r = await runCli(['demo', '--idx', '--factor', 'push', '--credentials-file', t.home.credentialsFile], { env: t.home.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('signing in through the IDX API');
    expect(r.stderr).toContain('Tap number 42 in Okta Verify');
    expect(r.stderr).toContain('Authenticated Alice Smith');
  });
});
