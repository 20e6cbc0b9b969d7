import { chmod, mkdir } from 'node:fs/promises';
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { BrowserSignInRequest, BrowserSignInResult } from '../../core/browser-signin.js';
import { BROWSER_NEEDS_USER, DEFAULT_BROWSER_TIMEOUT_MS } from '../../core/browser-signin.js';
import { CancelledError, FileSystemError, LoginRequiredError, NetworkError, OktaBedrockError, OktaError, SamlError } from '../../errors.js';
import type { Logger } from '../log.js';
import { appUrlOnOrg, AWS_ACS_URL } from './acs.js';
import type { FoundBrowser } from './find.js';

/**
 * Drives the browser with playwright-core: Microsoft's DevTools client, maintained with Chromium's
 * releases, no dependencies, Node >= 20 (puppeteer-core 25 needs Node 22.12, above our 20.18 floor;
 * chrome-remote-interface is raw CDP on an old `ws`). playwright-core never downloads a browser:
 * we hand it the one found on the machine, a persistent profile, and DevTools over a pipe.
 */
export interface CaptureOptions {
  browser: FoundBrowser;
  /** The dedicated profile (Okta's cookies live here): created 0700. */
  profileDir: string;
  log: Logger;
  /** Tests and CI: never show a window, even when one is asked for. */
  forceHeadless?: boolean;
  /** Tests: also expose DevTools on 127.0.0.1 (0: any port, written to <profile>/DevToolsActivePort). */
  devtoolsPort?: number;
  /** Headless: no request for this long means the page waits for a person. Default 10 s. */
  headlessIdleMs?: number;
  /** Headless: at most this long in all. Default 45 s. */
  headlessLimitMs?: number;
  /** Running as root (containers): Chromium's sandbox cannot start, so it is turned off. */
  noSandbox?: boolean;
}

/** What the window shows once the assertion is in hand (the POST never reaches AWS). */
const DONE_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>okta-bedrock: signed in</title></head>' +
  '<body style="font-family:sans-serif;margin:3em"><h1>Signed in</h1><p>okta-bedrock has what it needs; this window closes by itself.</p></body></html>';
const REFUSED_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>okta-bedrock</title></head>' +
  '<body style="font-family:sans-serif;margin:3em"><h1>Not used</h1><p>This SAML response did not come from your Okta org.</p></body></html>';

/** Chromium switches: no first-run UI, no sync, no background traffic (updates, QUIC probes) from our profile. */
function chromiumArgs(opts: CaptureOptions, headless: boolean): string[] {
  const args = [
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-quic',
  ];
  if (headless) args.push('--disable-gpu');
  if (opts.noSandbox) args.push('--no-sandbox');
  if (opts.devtoolsPort !== undefined) args.push(`--remote-debugging-port=${opts.devtoolsPort}`, '--remote-debugging-address=127.0.0.1');
  return args;
}

async function ensureProfileDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  } catch (e) {
    throw new FileSystemError(`Cannot create the browser profile ${dir}: ${(e as Error).message}`, { cause: e });
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0] ?? '';
}

/** How long the org's session cookies are kept in the profile (Okta's own session lifetime still decides). */
const KEEP_SESSION_SECONDS = 24 * 3600;

/**
 * Okta's `sid` is a session cookie unless the org persists sessions, and Chromium drops session
 * cookies when it exits: re-set the org's session cookies with an expiry, inside the profile
 * (0700), so the next sign-in and headless refreshes find the session. Only the org's cookies;
 * they never leave the browser profile and are never logged.
 */
async function keepOrgSession(context: BrowserContext, orgUrl: string): Promise<void> {
  try {
    const session = (await context.cookies(orgUrl)).filter((c) => c.expires === -1);
    if (session.length === 0) return;
    const expires = Math.floor(Date.now() / 1000) + KEEP_SESSION_SECONDS;
    await context.addCookies(session.map((c) => ({ ...c, expires })));
  } catch {
    // The browser went away first: the next sign-in asks again.
  }
}

/**
 * Opens `startUrl` in the browser and waits for the org's page to POST a SAMLResponse to an AWS
 * sign-in endpoint. Only those requests are intercepted (answered here, never sent on); the
 * org's own pages are watched for their URL only (the app URL, kept for refreshes). Nothing the
 * browser shows or stores (cookies, page content) is logged.
 */
export async function captureSaml(req: BrowserSignInRequest, opts: CaptureOptions): Promise<BrowserSignInResult> {
  const { chromium } = await import('playwright-core');
  const headless = !req.window || Boolean(opts.forceHeadless);
  const orgOrigin = new URL(req.orgUrl).origin;
  await ensureProfileDir(opts.profileDir);
  opts.log.debug(`Starting ${opts.browser.name} (${headless ? 'headless' : 'window'}) with the profile ${opts.profileDir}`);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(opts.profileDir, {
      executablePath: opts.browser.executablePath,
      headless,
      args: chromiumArgs(opts, headless),
      // No "controlled by automated test software" bar, no navigator.webdriver for Okta's pages to see.
      ignoreDefaultArgs: ['--enable-automation'],
      viewport: headless ? undefined : null,
      timeout: 60_000,
    });
  } catch (e) {
    const why = firstLine(e);
    const inUse = /ProcessSingleton|profile.*in use|SingletonLock/i.test(String((e as Error)?.message));
    throw new OktaBedrockError(
      inUse
        ? `The okta-bedrock browser profile is in use by another window (${opts.profileDir}) — finish or close that sign-in first`
        : `Could not start ${opts.browser.name} (${opts.browser.executablePath}): ${why}`,
      { code: 'browser_launch_failed', detail: String((e as Error)?.message ?? e) },
    );
  }

  let linkUrl: string | undefined = appUrlOnOrg(req.startUrl, orgOrigin);
  let finished = false;
  let settle!: (r: BrowserSignInResult) => void;
  let fail!: (e: Error) => void;
  const outcome = new Promise<BrowserSignInResult>((resolve, reject) => {
    settle = (r) => {
      if (finished) return;
      finished = true;
      resolve(r);
    };
    fail = (e) => {
      if (finished) return;
      finished = true;
      reject(e);
    };
  });
  const timers: NodeJS.Timeout[] = [];
  const after = (ms: number, f: () => void): NodeJS.Timeout => {
    const t = setTimeout(f, ms);
    timers.push(t);
    return t;
  };

  const onAcs = async (route: Route): Promise<void> => {
    const request = route.request();
    if (request.method() !== 'POST') return route.abort('blockedbyclient');
    const origin = (await request.allHeaders().catch(() => ({}) as Record<string, string>)).origin;
    if (origin && origin !== 'null' && origin !== orgOrigin) {
      await route.fulfill({ status: 403, contentType: 'text/html', body: REFUSED_PAGE }).catch(() => undefined);
      fail(new SamlError(`A SAML response was posted from ${origin}, not from your Okta org ${orgOrigin} — not used (is --org the org's sign-in address?)`));
      return;
    }
    const form = new URLSearchParams(request.postData() ?? '');
    const samlResponse = form.get('SAMLResponse')?.trim();
    await route.fulfill({ status: 200, contentType: 'text/html', body: DONE_PAGE }).catch(() => undefined);
    if (!samlResponse) {
      fail(
        new SamlError('Okta posted an empty SAML assertion to AWS — the app is probably not set up for you (assignment or role mapping); ask your Okta admin'),
      );
      return;
    }
    settle({ samlResponse, acsUrl: request.url().split('?')[0] ?? request.url(), linkUrl });
  };

  const watch = (page: Page): void => {
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      linkUrl = appUrlOnOrg(frame.url(), orgOrigin) ?? linkUrl;
    });
    page.on('close', () => {
      if (!finished && context.pages().length === 0) fail(closedError());
    });
  };
  const closedError = (): Error =>
    new CancelledError('The browser window was closed before the Okta sign-in finished — run the login again to retry', { code: 'browser_closed' });

  try {
    await context.route(AWS_ACS_URL, onAcs);
    context.on('close', () => fail(closedError()));
    context.on('page', watch);
    for (const p of context.pages()) watch(p);
    const timeoutMs = req.timeoutMs ?? DEFAULT_BROWSER_TIMEOUT_MS;
    if (headless && !req.window) {
      // Headless refresh: Okta's session either carries the page straight to the SAML form, or
      // the page stops at a sign-in step and waits — a person is needed.
      const needsUser = (): void =>
        fail(new LoginRequiredError('The Okta session in the browser profile has ended — a sign-in in the browser is needed', { code: BROWSER_NEEDS_USER }));
      let idle = after(opts.headlessIdleMs ?? 10_000, needsUser);
      const busy = (): void => {
        clearTimeout(idle);
        idle = after(opts.headlessIdleMs ?? 10_000, needsUser);
      };
      context.on('request', busy);
      context.on('requestfinished', busy);
      after(Math.min(timeoutMs, opts.headlessLimitMs ?? 45_000), needsUser);
    } else {
      const minutes = Math.round((timeoutMs / 60_000) * 10) / 10;
      after(timeoutMs, () =>
        fail(
          new OktaError(`No Okta sign-in in the browser after ${minutes} min — run the login again (or allow more time with --browser-timeout)`, {
            code: 'browser_timeout',
          }),
        ),
      );
    }
    const onAbort = (): void => fail(new CancelledError('Cancelled', { code: 'cancelled' }));
    if (req.signal?.aborted) onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const page = context.pages()[0] ?? (await context.newPage());
    page.goto(req.startUrl, { waitUntil: 'commit', timeout: 0 }).catch((e: unknown) => {
      if (finished || page.isClosed()) return;
      fail(new NetworkError(`The browser could not open ${new URL(req.startUrl).host}: ${firstLine(e)}`));
    });
    const result = await outcome;
    req.signal?.removeEventListener('abort', onAbort);
    await keepOrgSession(context, req.orgUrl);
    return result;
  } finally {
    finished = true;
    for (const t of timers) clearTimeout(t);
    await context.close().catch(() => undefined);
  }
}
