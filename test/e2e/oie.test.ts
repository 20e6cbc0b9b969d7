import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_APP_ID,
  DEFAULT_OIDC_CLIENT_ID,
  defaultOidcClient,
  defaultUser,
  startSimulator,
  type Scenario,
  type SimOidcClient,
  type Simulator,
} from '../../src/simulator/index.js';
import { runCli, tempHome, type CliResult, type TempHome } from '../helpers/cli.js';

let sim: Simulator;
let home: TempHome;

/** An Identity Engine org polling every second (Okta: 5 s), so a login takes about a second. */
async function start(scenario: Partial<Scenario> = {}, oidcClients?: SimOidcClient[]): Promise<void> {
  sim = await startSimulator({ scenario: { oktaPipeline: 'idx', deviceInterval: 1, ...scenario }, oidcClients });
  home = await tempHome();
}
afterEach(async () => {
  await sim.close();
});

const env = (): Record<string, string> => ({ ...home.env, AWS_ENDPOINT_URL_STS: sim.stsUrl });
const oieArgs = (...extra: string[]): string[] => ['--org', sim.oktaUrl, '--oidc-client-id', DEFAULT_OIDC_CLIENT_ID, ...extra];
const paths = (): string[] => sim.requests.filter((r) => r.service === 'okta').map((r) => `${r.method} ${r.path}`);
const count = (what: string): number => paths().filter((p) => p === what).length;
const cacheDir = (): string => join(home.env.XDG_CACHE_HOME!, 'okta-bedrock');

/** Runs `login` while the "person" acts on the device code in the browser (approve by default). */
async function loginWith(
  args: string[],
  act: (userCode: string) => void = (code) => sim.oie.approveDevice(code),
): Promise<{ r: CliResult; userCode: string; scope: string }> {
  const run = runCli(['login', ...args], { env: env() });
  const device = await Promise.race([sim.oie.nextDeviceAuthorization(), run.then(() => undefined)]);
  if (!device) {
    const r = await run;
    throw new Error(`login ended before a device authorization: ${r.code}\n${r.stderr}`);
  }
  act(device.userCode);
  return { r: await run, userCode: device.userCode, scope: device.scope };
}

async function oidcCacheFile(): Promise<string> {
  const files = await readdir(join(cacheDir(), 'oidc'));
  expect(files).toHaveLength(1);
  return join(cacheDir(), 'oidc', files[0]!);
}

async function editJson(path: string, fn: (v: Record<string, unknown>) => void): Promise<void> {
  const v = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  fn(v);
  await writeFile(path, JSON.stringify(v));
}

/** Makes the profile's cached AWS credentials stale so credential-process must get a new assertion. */
async function staleProfile(profile = 'default'): Promise<void> {
  await editJson(join(cacheDir(), 'profiles', `${profile}.json`), (c) => {
    (c.gateway as { expiration: string }).expiration = new Date(Date.now() + 60_000).toISOString();
    // An hour-long session near its end (60-s credentials would be served by the half-lifetime rule).
    c.lastRefresh = c.updatedAt = new Date(Date.now() - 3_540_000).toISOString();
  });
}

const past = new Date(Date.now() - 60_000).toISOString();

describe('OIE org: device authorization + Web SSO token exchange', () => {
  it('logs in end to end: detection, device code on stderr, approval, exchange, SAML, STS, credentials, 0600 token cache', async () => {
    await start();
    const { r, userCode, scope } = await loginWith(oieArgs('--app', `${DEFAULT_APP_ID}/272`));
    expect(r.stderr).toContain(`${sim.oktaUrl}/activate?user_code=${userCode}`);
    expect(r.stderr).toContain(`code: ${userCode}`);
    expect(r.stderr).toContain(`Authenticated ${defaultUser.login}`);
    expect(r.stderr).toContain('Wrote profile "default"');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // The app is known: no discovery scopes; a refresh token is asked for.
    expect(scope).toBe('openid okta.apps.sso offline_access');
    expect(paths()).toEqual([
      'GET /.well-known/okta-organization',
      'POST /oauth2/v1/device/authorize',
      'POST /oauth2/v1/token', // device code
      'POST /oauth2/v1/token', // token exchange
      'POST /login/token/sso',
    ]);
    expect(count('POST /api/v1/authn')).toBe(0);
    expect(sim.requests.filter((q) => q.action === 'AssumeRoleWithSAML' && q.status === 200)).toHaveLength(1);
    expect(await readFile(home.credentialsFile, 'utf8')).toMatch(/aws_access_key_id = ASIA/);
    const file = await oidcCacheFile();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const cached = JSON.parse(await readFile(file, 'utf8')) as { accessToken: string; idToken: string; refreshToken: string; idTokenExpiresAt: string };
    expect(cached.refreshToken).toBeTruthy();
    expect(Date.parse(cached.idTokenExpiresAt)).toBeGreaterThan(Date.now());
    for (const secret of [cached.accessToken, cached.idToken, cached.refreshToken]) expect(r.stderr).not.toContain(secret!);
    const profile = JSON.parse(await readFile(join(cacheDir(), 'profiles', 'default.json'), 'utf8')) as { record: Record<string, string> };
    expect(profile.record).toMatchObject({ authFlow: 'device', oidcClientId: DEFAULT_OIDC_CLIENT_ID, username: defaultUser.login });
  });

  it('discovers the AWS app with the access token when none is configured (and shows a QR code with --qr)', async () => {
    await start();
    const { r, scope } = await loginWith(oieArgs('--qr'));
    expect(r.code).toBe(0);
    expect(scope).toBe('openid okta.apps.sso okta.apps.read okta.users.read.self offline_access');
    expect(count('GET /api/v1/users/me/appLinks')).toBe(1);
    expect(r.stderr).toMatch(/[▀▄█]{7}/);
  });

  it('--open hands the approval URL to $BROWSER (as `console --open` does)', async () => {
    await start();
    const opened = join(home.home, 'opened.txt');
    const browser = join(home.home, 'browser.cjs');
    await writeFile(browser, `require('fs').writeFileSync(${JSON.stringify(opened)}, process.argv[2]);\n`);
    const run = runCli(['login', ...oieArgs('--app', DEFAULT_APP_ID, '--open')], { env: { ...env(), BROWSER: `${process.execPath} ${browser} %s` } });
    const device = await sim.oie.nextDeviceAuthorization();
    await expect.poll(async () => readFile(opened, 'utf8').catch(() => ''), { timeout: 5000 }).toBe(`${sim.oktaUrl}/activate?user_code=${device.userCode}`);
    sim.oie.approveDevice(device.userCode);
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('Could not open a browser');
  });

  it('doctor after an OIE login: the Okta line reads the cached OIDC tokens (no session cookie), all checks pass', async () => {
    await start();
    expect((await loginWith(oieArgs('--app', DEFAULT_APP_ID))).r.code).toBe(0);
    const bedrock = { AWS_ENDPOINT_URL_BEDROCK: sim.bedrockUrl, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: sim.bedrockRuntimeUrl };
    const d = await runCli(['doctor', '--json'], { env: { ...env(), ...bedrock } });
    const report = JSON.parse(d.stdout) as { ok: boolean; checks: { id: string; status: string; detail: string }[] };
    const okta = report.checks.find((c) => c.id === 'okta-session')!;
    expect(okta.status).toBe('pass');
    expect(okta.detail).toMatch(/Identity Engine tokens expire \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in (\d+ min|1 h)\) \(renewable with the refresh token\)/);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(d.code).toBe(0);
    // Without the tokens (and no session cookie), the line fails with the fix.
    await writeFile(await oidcCacheFile(), '{}');
    const gone = await runCli(['doctor'], { env: { ...env(), ...bedrock } });
    expect(gone.code).toBe(14);
    expect(gone.stdout).toContain('✗ Okta session: no Okta Identity Engine tokens cached');
    expect(gone.stdout).toContain('approve the sign-in in the browser');
  });

  it('honours slow_down: the next poll waits interval + 5 s', async () => {
    await start({ deviceSlowDownPolls: 1 });
    const { r } = await loginWith(oieArgs('--app', DEFAULT_APP_ID));
    expect(r.code).toBe(0);
    const polls = sim.requests.filter((q) => q.path === '/oauth2/v1/token').slice(0, 2);
    expect(polls.map((p) => p.status)).toEqual([400, 200]);
    const gap = polls[1]!.at.getTime() - polls[0]!.at.getTime();
    expect(gap).toBeGreaterThanOrEqual(5900);
  }, 30_000);

  it('stops with exit 4 when the sign-in is denied in the browser', async () => {
    await start();
    const { r } = await loginWith(oieArgs('--app', DEFAULT_APP_ID), (code) => sim.oie.denyDevice(code));
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('denied in the browser');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with exit 4 when the device code expires unapproved', async () => {
    await start({ deviceCodeLifetimeSeconds: 2 });
    const { r } = await loginWith(oieArgs('--app', DEFAULT_APP_ID), () => undefined);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/device code expired/);
  });

  it('credential-process after login: a new assertion from the cached tokens, no browser', async () => {
    await start();
    expect((await loginWith(oieArgs('--app', DEFAULT_APP_ID))).r.code).toBe(0);
    await staleProfile();
    const before = count('POST /oauth2/v1/device/authorize');
    const r = await runCli(['credential-process', '--debug'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Version: 1 });
    expect(r.stderr).toContain('credential-process: saml');
    expect(count('POST /oauth2/v1/device/authorize')).toBe(before);
    expect(count('POST /login/token/sso')).toBe(2);
  });

  it('renews expired tokens with the refresh token; the exchange accepts the refreshed ID token', async () => {
    await start();
    expect((await loginWith(oieArgs('--app', DEFAULT_APP_ID))).r.code).toBe(0);
    await staleProfile();
    const file = await oidcCacheFile();
    const oldRefresh = (JSON.parse(await readFile(file, 'utf8')) as { refreshToken: string }).refreshToken;
    await editJson(file, (t) => {
      t.accessTokenExpiresAt = past;
      t.idTokenExpiresAt = past;
    });
    const r = await runCli(['credential-process', '--debug'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Renewing the OIDC tokens with the refresh token');
    expect(r.stderr).toContain('accepted the cached refreshed ID token');
    const renewed = JSON.parse(await readFile(file, 'utf8')) as { refreshToken: string; refreshed: boolean };
    expect(renewed.refreshed).toBe(true);
    expect(renewed.refreshToken).not.toBe(oldRefresh); // rotated
    expect(count('POST /oauth2/v1/device/authorize')).toBe(1);
  });

  it('without a terminal, tokens Okta no longer accepts (invalid_grant) end in exit 9 and are dropped', async () => {
    await start();
    expect((await loginWith(oieArgs('--app', DEFAULT_APP_ID))).r.code).toBe(0);
    await staleProfile();
    sim.oie.endSessions(); // sign-out in the browser: the ID token's session is gone
    const r = await runCli(['credential-process'], { env: env() });
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('run `okta-bedrock login --profile default`');
    expect(r.stdout).toBe('');
    await expect(readdir(join(cacheDir(), 'oidc'))).resolves.toEqual([]);
    expect(count('POST /oauth2/v1/device/authorize')).toBe(1);
  });

  it('a refreshed ID token the exchange refuses is invalid_grant too: exit 9 without a terminal', async () => {
    await start({ rejectRefreshedIdToken: true });
    expect((await loginWith(oieArgs('--app', DEFAULT_APP_ID))).r.code).toBe(0);
    await staleProfile();
    await editJson(await oidcCacheFile(), (t) => {
      t.accessTokenExpiresAt = past;
      t.idTokenExpiresAt = past;
    });
    const r = await runCli(['credential-process', '--debug'], { env: env() });
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('no longer accepts the cached refreshed OIDC tokens');
  });
  it('a client without the Refresh Token grant that refuses offline_access: retried without it, remembered per org', async () => {
    const noRefresh = { ...defaultOidcClient(), grantTypes: defaultOidcClient().grantTypes.filter((g) => g !== 'refresh_token') };
    await start({ rejectOfflineAccessWithoutRefreshGrant: true }, [noRefresh]);
    const first = await loginWith(oieArgs('--app', DEFAULT_APP_ID));
    expect(first.r.code).toBe(0);
    expect(first.scope).toBe('openid okta.apps.sso');
    expect(count('POST /oauth2/v1/device/authorize')).toBe(2);
    const second = await loginWith(oieArgs('--app', DEFAULT_APP_ID));
    expect(second.r.code).toBe(0);
    expect(count('POST /oauth2/v1/device/authorize')).toBe(3);
    const cached = JSON.parse(await readFile(await oidcCacheFile(), 'utf8')) as { refreshToken?: string };
    expect(cached.refreshToken).toBeUndefined();
  });
});

describe('auto-detection', () => {
  it('a Classic (v1) org uses the classic API even with oidc_client_id set; the answer is cached per org', async () => {
    await start({ oktaPipeline: 'v1' });
    const login = () =>
      runCli(
        ['login', ...oieArgs('--username', defaultUser.login, '--password-stdin', '--factor', 'totp', '--passcode', sim.totp(), '--app', DEFAULT_APP_ID)],
        { env: env(), input: `${defaultUser.password}\n` },
      );
    const r = await login();
    expect(r.stderr).toContain('Authenticated Alice Smith');
    expect(r.code).toBe(0);
    expect(count('POST /api/v1/authn')).toBe(1);
    expect(count('POST /oauth2/v1/device/authorize')).toBe(0);
    expect(count('GET /.well-known/okta-organization')).toBe(1);
    expect((await runCli(['login', ...oieArgs('--auth-flow', 'device', '--app', DEFAULT_APP_ID)], { env: env() })).code).toBe(3);
    expect(count('GET /.well-known/okta-organization')).toBe(1);
  });

  it('an Identity Engine (idx) org uses the device flow; --auth-flow classic overrides', async () => {
    await start();
    expect((await loginWith(oieArgs('--app', DEFAULT_APP_ID))).r.code).toBe(0);
    const r = await runCli(
      [
        'login',
        ...oieArgs(
          '--auth-flow',
          'classic',
          '--username',
          defaultUser.login,
          '--password-stdin',
          '--factor',
          'totp',
          '--passcode',
          sim.totp(),
          '--app',
          DEFAULT_APP_ID,
        ),
      ],
      { env: env(), input: `${defaultUser.password}\n` },
    );
    expect(r.code).toBe(0);
    expect(count('POST /api/v1/authn')).toBe(1);
    expect(count('POST /oauth2/v1/device/authorize')).toBe(1);
  });

  it('auth_flow: device on a Classic org says to use auth_flow: classic (exit 3)', async () => {
    await start({ oktaPipeline: 'v1' });
    const r = await runCli(['login', ...oieArgs('--auth-flow', 'device', '--app', DEFAULT_APP_ID)], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Okta Classic Engine org');
    expect(r.stderr).toContain('auth_flow: classic');
  });

  it('an idx org without oidc_client_id and without an IDX sign-in page keeps a keyman-style config working through the classic API', async () => {
    await start();
    const r = await runCli(
      [
        'login',
        '--org',
        sim.oktaUrl,
        '--app',
        DEFAULT_APP_ID,
        '--username',
        defaultUser.login,
        '--password-stdin',
        '--factor',
        'totp',
        '--passcode',
        sim.totp(),
      ],
      { env: env(), input: `${defaultUser.password}\n` },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Wrote profile "default"');
    // auto asks the org (IDX first); its sign-in page here has no IDX state token, so the classic API signs in.
    expect(sim.requests.filter((q) => q.path === '/.well-known/okta-organization')).toHaveLength(1);
    expect(sim.requests.some((q) => q.path === '/api/v1/authn')).toBe(true);
  });

  it('--auth-flow device without oidc_client_id says what to configure (exit 3)', async () => {
    await start();
    const r = await runCli(['login', '--org', sim.oktaUrl, '--app', DEFAULT_APP_ID, '--auth-flow', 'device'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('runs Okta Identity Engine: set `oidc_client_id`');
  });

  it('reads auth_flow and oidc_client_id from the config file', async () => {
    await start();
    const dir = join(home.env.XDG_CONFIG_HOME!, 'okta-bedrock');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'config.yml'),
      `org: ${sim.oktaUrl}\nappid: ${DEFAULT_APP_ID}/272\nauth_flow: device\noidc_client_id: ${DEFAULT_OIDC_CLIENT_ID}\n`,
    );
    const { r } = await loginWith([]);
    expect(r.code).toBe(0);
  });
});

describe('errors that name the admin fix', () => {
  const client = (patch: Partial<SimOidcClient>): SimOidcClient[] => [{ ...defaultOidcClient(), ...patch }];

  it('grant type not enabled (unauthorized_client): exit 6, names Device Authorization + Token Exchange', async () => {
    await start({}, client({ grantTypes: ['authorization_code'] }));
    const r = await runCli(['login', ...oieArgs('--app', DEFAULT_APP_ID)], { env: env() });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('Grant type: tick "Device Authorization" and "Token Exchange"');
  });

  it('client not an Allowed Web SSO Client of the AWS app: exit 6, names the setting', async () => {
    await start({}, client({ webSsoApps: [] }));
    const { r } = await loginWith(oieArgs('--app', DEFAULT_APP_ID));
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(`"Allowed Web SSO Client" = ${DEFAULT_OIDC_CLIENT_ID}`);
  });

  it('device assurance / app policy not met: exit 6, names the authentication policy', async () => {
    await start({ webSsoAssuranceUnmet: true });
    const { r } = await loginWith(oieArgs('--app', DEFAULT_APP_ID));
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('authentication policy');
    expect(r.stderr).toContain('device assurance');
  });

  it('an unknown oidc_client_id: exit 3', async () => {
    await start();
    const r = await runCli(['login', '--org', sim.oktaUrl, '--oidc-client-id', '0oaNOPE', '--app', DEFAULT_APP_ID], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('is not an OIDC app of');
  });
});
