import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROWSER_NEEDS_USER, type BrowserSignIn, type BrowserSignInRequest } from '../../../src/core/browser-signin.js';
import type { CoreDeps } from '../../../src/core/deps.js';
import { getProfileCredentials } from '../../../src/core/refresh.js';
import { LoginRequiredError } from '../../../src/errors.js';
import { systemClock } from '../../../src/platform/clock.js';
import { createHttpClient } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';
import { CacheStore } from '../../../src/store/cache.js';

/** A browser whose profile has lost Okta's session: headless finds a sign-in page; a window "opens". */
function fakeBrowser(noWindow?: string): BrowserSignIn & { calls: BrowserSignInRequest[] } {
  const calls: BrowserSignInRequest[] = [];
  return {
    calls,
    noWindowReason: () => noWindow,
    async signIn(req) {
      calls.push(req);
      if (!req.window) throw new LoginRequiredError('needs the person', { code: BROWSER_NEEDS_USER });
      throw new Error('window opened');
    },
  };
}

let dir: string;
let store: CacheStore;
const password = async (): Promise<string> => {
  throw new Error('a browser profile never asks for a password');
};
const deps = (browser: BrowserSignIn): CoreDeps => ({
  http: createHttpClient(),
  prompter: nonInteractivePrompter('run login', () => undefined),
  log: silentLogger,
  clock: systemClock,
  browser,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'okta-bedrock-browser-refresh-'));
  store = new CacheStore(join(dir, 'cache'));
  const cache = store.newProfile(
    'default',
    {
      orgUrl: 'https://acme.okta.com',
      username: 'alice',
      authFlow: 'browser',
      linkUrl: 'https://acme.okta.com/home/amazon_aws/0oa1abc/272',
      roleArn: 'arn:aws:iam::123456789012:role/dev',
      principalArn: 'arn:aws:iam::123456789012:saml-provider/okta',
      assumeRoleDurationSeconds: 3600,
      region: 'us-east-1',
      refreshBeforeSeconds: 900,
      partition: 'aws',
    },
    new Date(),
  );
  cache.gateway = { accessKeyId: 'ASIAOLD', secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() - 60_000).toISOString() };
  await store.writeProfile(cache);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const refresh = (browser: BrowserSignIn, browserWindow?: { notice(m: string): void }) =>
  getProfileCredentials({ profile: 'default', cache: store, fullLogin: { password }, browserWindow }, deps(browser));

describe('refreshing a browser profile', () => {
  it('tries headless on the recorded app link first; the daemon (no window allowed) gets a LoginRequiredError, never a full login', async () => {
    const browser = fakeBrowser();
    const err = await refresh(browser).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginRequiredError);
    expect((err as LoginRequiredError).code).toBe(BROWSER_NEEDS_USER);
    expect((err as Error).message).toContain('run `okta-bedrock login --browser`');
    expect(browser.calls).toEqual([
      expect.objectContaining({ startUrl: 'https://acme.okta.com/home/amazon_aws/0oa1abc/272', orgUrl: 'https://acme.okta.com', window: false }),
    ]);
  });

  it('credential-process: when Okta needs the person, says so and opens the window', async () => {
    const browser = fakeBrowser();
    const notices: string[] = [];
    await expect(refresh(browser, { notice: (m) => notices.push(m) })).rejects.toThrow('window opened');
    expect(browser.calls.map((c) => c.window)).toEqual([false, true]);
    expect(notices).toEqual(['okta-bedrock: the Okta session has ended — sign in to Okta in the browser window that opened (profile "default")']);
  });

  it('credential-process without a display: one line, no window', async () => {
    const browser = fakeBrowser('no display: DISPLAY and WAYLAND_DISPLAY are unset');
    const err = await refresh(browser, { notice: () => undefined }).catch((e: unknown) => e);
    expect((err as LoginRequiredError).code).toBe('no_display');
    expect((err as Error).message).not.toContain('\n');
    expect(browser.calls.map((c) => c.window)).toEqual([false]);
  });
});
