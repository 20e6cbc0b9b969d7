import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appLinkUrl, defaultUser, userWith } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { testChromium } from '../helpers/chromium.js';
import { useOktaE2e } from '../helpers/okta-e2e.js';
import { spawnCli } from '../helpers/process.js';

const chromium = testChromium();
if (chromium.skip) console.warn(`skipping the browser sign-in tests: ${chromium.skip}`);

/** A passkey-only user; the AWS app demands device assurance (only the browser passes it). */
const t = useOktaE2e({ users: [userWith('webauthn')], scenario: { browserSignIn: true, deviceAssurance: true } });

const profileDir = (): string => join(t.home.home, '.local', 'share', 'okta-bedrock', 'browser');
const activePort = (): string => join(profileDir(), 'DevToolsActivePort');
/** The hidden test switches: headless, DevTools also on a 127.0.0.1 port the test reads from the profile. */
const browserEnv = (): Record<string, string> =>
  t.env({ OKTA_BEDROCK_BROWSER_HEADLESS: '1', OKTA_BEDROCK_BROWSER_DEVTOOLS_PORT: '0', BROWSER_PATH: chromium.path ?? '', OKTA_BEDROCK_BROWSER_IDLE_MS: '3000' });
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

/** Connects to the CLI's browser over DevTools and returns the page showing the sign-in page. */
async function signInPage(): Promise<{ browser: Browser; page: Page }> {
  const port = await until('DevToolsActivePort', async () => (await readFile(activePort(), 'utf8')).split('\n')[0] || undefined);
  const browser = await playwright.connectOverCDP(`http://127.0.0.1:${port}`);
  const page = await until('the sign-in page', async () =>
    browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => /^http:\/\/localhost:\d+\/login\/login\.htm/.test(p.url())),
  );
  await page.waitForSelector('#username');
  return { browser, page };
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
    credential: { credentialId: c.credentialId, isResidentCredential: false, rpId: c.rpId, privateKey: c.privateKey, userHandle: c.userHandle, signCount: c.signCount },
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
    expect(totp.stderr).toContain("requires a verified device (\"Your device doesn't meet the security requirements\")");
    expect(totp.stderr).toContain('okta-bedrock login --browser');
    expect(totp.code).not.toBe(0);
  }, 60_000);
});
