import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appLinkUrl, defaultUser, userWith } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { profileCachePath } from '../../src/store/cache-files.js';
import { writeFile } from 'node:fs/promises';
import { testChromium } from '../helpers/chromium.js';
import { useOktaE2e } from '../helpers/okta-e2e.js';
import { spawnCli } from '../helpers/process.js';
import { hasScript, runCliTty } from '../helpers/tty.js';

const chromium = testChromium();
if (chromium.skip) console.warn(`skipping the browser sign-in tests: ${chromium.skip}`);

/** A passkey-only user; the AWS app demands device assurance (only the browser passes it). */
const t = useOktaE2e({ users: [userWith('webauthn')], scenario: { browserSignIn: true, deviceAssurance: true } });

const profileDir = (): string => join(t.home.home, '.local', 'share', 'okta-bedrock', 'browser');
const activePort = (): string => join(profileDir(), 'DevToolsActivePort');
/** The hidden test switches: headless, DevTools also on a 127.0.0.1 port the test reads from the profile. */
const browserEnv = (): Record<string, string> =>
  t.env({
    OKTA_BEDROCK_BROWSER_HEADLESS: '1',
    OKTA_BEDROCK_BROWSER_DEVTOOLS_PORT: '0',
    BROWSER_PATH: chromium.path ?? '',
    OKTA_BEDROCK_BROWSER_IDLE_MS: '3000',
  });
const loginArgs = (...more: string[]): string[] => ['login', '--browser', '--org', t.sim.oktaUrl, '--app', appLinkUrl(t.sim.oktaUrl, t.sim.apps[0]!), ...more];

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Connects to the CLI's browser over DevTools and returns the page showing the sign-in page (the port file may name a browser that already ended). */
async function signInPage(): Promise<{ browser: Browser; page: Page }> {
  const found = await until('the sign-in page', async () => {
    const port = (await readFile(activePort(), 'utf8')).split('\n')[0];
    if (!port) return undefined;
    const browser = await playwright.connectOverCDP(`http://127.0.0.1:${port}`);
    const page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => /^http:\/\/localhost:\d+\/login\/login\.htm/.test(p.url()));
    if (page) return { browser, page };
    await browser.close().catch(() => undefined);
    return undefined;
  });
  await found.page.waitForSelector('#username');
  return found;
}

/** Answers WebAuthn with DevTools' virtual authenticator holding the simulator's registered passkey. */
async function addPasskey(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  const c = t.sim.browser.webauthnCredential();
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: c.credentialId,
      isResidentCredential: false,
      rpId: c.rpId,
      privateKey: c.privateKey,
      userHandle: c.userHandle,
      signCount: c.signCount,
    },
  });
}

describe.skipIf(Boolean(chromium.skip))('login --browser (real Chromium, headless, driven over DevTools)', () => {
  it('signs in with a passkey on the Okta page, passes device assurance, writes the profile; a second run reuses the browser profile', async () => {
    await rm(activePort(), { force: true });
    const cli = spawnCli(loginArgs(), browserEnv());
    const { browser, page } = await signInPage();
    await addPasskey(page);
    await page.fill('#username', defaultUser.login);
    await page.fill('#password', defaultUser.password);
    await page.click('#submit');
    await page.click('#verify');
    const exit = await cli.exited;
    await browser.close().catch(() => undefined);
    expect(cli.stderr()).toContain('Sign in to Okta in the browser window');
    expect(cli.stderr()).toContain('Wrote profile "default"');
    expect(exit.code).toBe(0);
    const credentials = await readFile(t.home.credentialsFile, 'utf8');
    expect(credentials).toMatch(/\[default\]\naws_access_key_id = ASIA/);
    // The whole ceremony went through the page: one WebAuthn challenge and one verified assertion.
    expect(t.oktaRequests('/verify').map((r) => r.status)).toEqual([200, 200]);
    // Nothing from the browser leaks: no password, SAML, session or device token in the output.
    for (const s of t.sim.secrets()) expect(cli.stderr() + cli.stdout()).not.toContain(s);

    const before = t.oktaRequests().length;
    await rm(activePort(), { force: true });
    const again = await runCli(loginArgs(), { env: browserEnv(), timeoutMs: 90_000 });
    expect(again.stderr).toContain('Wrote profile "default"');
    expect(again.code).toBe(0);
    const second = t.oktaRequests().slice(before);
    expect(second.some((r) => r.path.startsWith('/api/v1/authn'))).toBe(false);
    expect(second.some((r) => r.path.startsWith('/home/amazon_aws/'))).toBe(true);
  }, 120_000);

  /** login --browser with the page driven by the test (passkey), then credentials made stale in the cache. */
  async function loginThenExpire(): Promise<void> {
    await rm(activePort(), { force: true });
    const cli = spawnCli(loginArgs(), browserEnv());
    await completeSignIn();
    expect((await cli.exited).code).toBe(0);
    await expire();
  }

  async function expire(): Promise<void> {
    const file = profileCachePath(join(t.home.home, '.cache', 'okta-bedrock'), 'default');
    const cache = JSON.parse(await readFile(file, 'utf8')) as { gateway: { expiration: string } };
    cache.gateway.expiration = new Date(Date.now() - 60_000).toISOString();
    await writeFile(file, JSON.stringify(cache));
  }

  async function completeSignIn(): Promise<void> {
    const { browser, page } = await signInPage();
    await addPasskey(page);
    await page.fill('#username', defaultUser.login);
    await page.fill('#password', defaultUser.password);
    await page.click('#submit');
    await page.click('#verify');
    await page.waitForEvent('close').catch(() => undefined);
    await browser.close().catch(() => undefined);
  }

  it('credential-process refreshes through the browser profile headless; when Okta needs the person it opens the window and says so; no display → one line', async () => {
    await loginThenExpire();
    const quiet = await runCli(['credential-process'], { env: browserEnv(), timeoutMs: 90_000 });
    expect(quiet.stderr).not.toContain('sign in to Okta in the browser window');
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });

    // The profile lost Okta's session (a new machine, cookies cleared): the window opens for the person.
    await expire();
    await rm(profileDir(), { recursive: true, force: true });
    const cp = spawnCli(['credential-process'], browserEnv());
    await cp.waitFor(/sign in to Okta in the browser window that opened/, 60_000);
    await completeSignIn();
    const exit = await cp.exited;
    expect(exit.code).toBe(0);
    expect(JSON.parse(cp.stdout())).toMatchObject({ Version: 1 });

    await expire();
    await rm(profileDir(), { recursive: true, force: true });
    const env = { ...browserEnv(), OKTA_BEDROCK_BROWSER_HEADLESS: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined } as unknown as Record<
      string,
      string
    >;
    const noDisplay = await runCli(['credential-process'], { env, timeoutMs: 90_000 });
    expect(noDisplay.stdout).toBe('');
    expect(noDisplay.stderr.trim().split('\n')).toHaveLength(1);
    expect(noDisplay.stderr).toContain('needs a browser window, and there is no display');
    expect(noDisplay.code).not.toBe(0);
  }, 240_000);

  it.skipIf(!hasScript)(
    'auth_flow auto on a terminal: a passkey-only user is offered the browser sign-in, which completes the login',
    async () => {
      await rm(activePort(), { force: true });
      const run = runCliTty(t.ttyArgs('--app', appLinkUrl(t.sim.oktaUrl, t.sim.apps[0]!)), {
        env: browserEnv(),
        timeoutMs: 90_000,
        steps: [
          { expect: 'Okta password', send: `${defaultUser.password}\r` },
          { expect: 'Sign in through your browser instead', send: 'y\r' },
        ],
      });
      await completeSignIn();
      const r = await run;
      expect(r.output).toContain('None of your Okta MFA factors can be used from a command line');
      expect(r.output).toContain('Wrote profile "default"');
      expect(r.code).toBe(0);
    },
    120_000,
  );

  it('closing the window ends the login with a clear error', async () => {
    await rm(activePort(), { force: true });
    const cli = spawnCli(loginArgs(), browserEnv());
    const { browser, page } = await signInPage();
    await page.close();
    const exit = await cli.exited;
    await browser.close().catch(() => undefined);
    expect(cli.stderr()).toContain('The browser window was closed before the Okta sign-in finished');
    expect(exit.code).not.toBe(0);
  }, 60_000);

  it('API paths cannot pass: device assurance and passkey-only factors end with unsatisfiable_policy pointing to --browser', async () => {
    const passkeyOnly = await runCli(t.args(), { env: t.env(), input: `${defaultUser.password}\n` });
    expect(passkeyOnly.stderr).toContain('None of your Okta MFA factors can be used from a command line');
    expect(passkeyOnly.stderr).toContain('okta-bedrock login --browser');
    expect(passkeyOnly.code).not.toBe(0);
    await t.restart({ users: [userWith('totp-okta')], scenario: { browserSignIn: true, deviceAssurance: true } });
    const totp = await runCli(t.args(...t.totp()), { env: t.env(), input: `${defaultUser.password}\n` });
    expect(totp.stderr).toContain('requires a verified device ("Your device doesn\'t meet the security requirements")');
    expect(totp.stderr).toContain('okta-bedrock login --browser');
    expect(totp.code).not.toBe(0);
  }, 60_000);
});
