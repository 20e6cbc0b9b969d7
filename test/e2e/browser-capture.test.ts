import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSaml, type CaptureOptions } from '../../src/platform/chromium/capture.js';
import { createLogger } from '../../src/platform/log.js';
import { testChromium } from '../helpers/chromium.js';

const chromium = testChromium();
if (chromium.skip) console.warn(`skipping the browser capture tests: ${chromium.skip}`);

/** A page like Okta's SAML form: it posts to the AWS sign-in endpoint (intercepted, never sent). */
const formPage = (action: string, value: string): string =>
  `<!DOCTYPE html><html><body><form id="appForm" method="POST" action="${action}"><input name="SAMLResponse" type="hidden" value="${value}"/>` +
  '<input name="RelayState" type="hidden" value=""/></form><script>document.getElementById("appForm").submit();</script></body></html>';

describe.skipIf(Boolean(chromium.skip))('captureSaml (real Chromium, headless)', () => {
  let server: Server;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'okta-bedrock-capture-'));
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      res.setHeader('content-type', 'text/html');
      if (url.pathname === '/home/amazon_aws/0oa1abc/272') res.end(formPage(url.searchParams.get('acs') ?? 'https://signin.aws.amazon.com/saml', 'U0FNTA=='));
      else res.end('<!DOCTYPE html><html><body><form><input name="username"></form></body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });
  const opts = (): CaptureOptions => ({
    browser: { name: 'Chromium', executablePath: chromium.path as string },
    profileDir: join(dir, 'profile'),
    log: createLogger({ level: 'warn' }),
    forceHeadless: true,
    headlessIdleMs: 1500,
    noSandbox: process.getuid?.() === 0,
  });

  it('captures the SAML POST to signin.aws.amazon.com (and the GovCloud/China endpoints) from the org page; the profile is 0700', async () => {
    for (const acs of ['https://signin.aws.amazon.com/saml', 'https://signin.amazonaws-us-gov.com/saml', 'https://signin.amazonaws.cn/saml']) {
      const r = await captureSaml(
        { startUrl: `${base}/home/amazon_aws/0oa1abc/272?acs=${encodeURIComponent(acs)}`, orgUrl: base, window: true, timeoutMs: 30_000 },
        opts(),
      );
      expect(r).toEqual({ samlResponse: 'U0FNTA==', acsUrl: acs, linkUrl: `${base}/home/amazon_aws/0oa1abc/272` });
    }
    expect((await stat(join(dir, 'profile'))).mode & 0o777).toBe(0o700);
  }, 90_000);

  it('headless on a page that waits for a person → browser_needs_user; a window left waiting → browser_timeout', async () => {
    await expect(captureSaml({ startUrl: `${base}/login/login.htm`, orgUrl: base, window: false }, opts())).rejects.toMatchObject({
      code: 'browser_needs_user',
    });
    await expect(captureSaml({ startUrl: `${base}/login/login.htm`, orgUrl: base, window: true, timeoutMs: 2000 }, opts())).rejects.toMatchObject({
      code: 'browser_timeout',
      message: expect.stringContaining('--browser-timeout'),
    });
  }, 60_000);
});
