import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { appUrlOnOrg, isAwsAcsUrl } from '../../../src/platform/chromium/acs.js';
import { findBrowser } from '../../../src/platform/chromium/find.js';

const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('findBrowser', () => {
  it('--browser-path wins over $BROWSER_PATH, which wins over the install places', () => {
    const env = { PATH: '/usr/bin', BROWSER_PATH: '/opt/brave/brave' };
    const isExecutable = only('/opt/brave/brave', '/usr/bin/chromium', '/my/chrome');
    expect(findBrowser({ env, platform: 'linux', explicitPath: '/my/chrome', isExecutable }).executablePath).toBe('/my/chrome');
    expect(findBrowser({ env, platform: 'linux', isExecutable }).executablePath).toBe('/opt/brave/brave');
    expect(findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux', isExecutable }).executablePath).toBe('/usr/bin/chromium');
  });

  it('Linux: Chrome first, then Chromium, Edge, Brave on PATH, then vendor directories; macOS: /Applications', () => {
    const env = { PATH: '/usr/local/bin:/usr/bin' };
    expect(findBrowser({ env, platform: 'linux', isExecutable: only('/usr/bin/chromium', '/usr/bin/google-chrome') })).toEqual({
      name: 'Google Chrome',
      executablePath: '/usr/bin/google-chrome',
    });
    expect(findBrowser({ env, platform: 'linux', isExecutable: only('/opt/microsoft/msedge/msedge') }).name).toBe('Microsoft Edge');
    expect(
      findBrowser({ env: { HOME: '/Users/a' }, platform: 'darwin', isExecutable: only('/Applications/Brave Browser.app/Contents/MacOS/Brave Browser') }).name,
    ).toBe('Brave');
  });

  it('none installed → a ConfigError naming what to install; a bad --browser-path says so', () => {
    const err = (() => {
      try {
        findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux', isExecutable: () => false });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.code).toBe('browser_not_found');
    expect(err.message).toContain('No Chrome, Chromium, Edge or Brave found');
    expect(err.message).toContain('sudo apt install chromium');
    expect(() => findBrowser({ env: {}, platform: 'linux', explicitPath: '/nope', isExecutable: () => false })).toThrow(
      '--browser-path /nope is not an executable browser',
    );
  });
});

describe('AWS ACS URLs', () => {
  it('match the sign-in endpoint of every partition (and regional ones), nothing else', () => {
    for (const u of [
      'https://signin.aws.amazon.com/saml',
      'https://us-east-1.signin.aws.amazon.com/saml',
      'https://signin.amazonaws-us-gov.com/saml',
      'https://signin.amazonaws.cn/saml',
    ]) {
      expect(isAwsAcsUrl(u), u).toBe(true);
    }
    for (const u of [
      'http://signin.aws.amazon.com/saml',
      'https://signin.aws.amazon.com.evil.test/saml',
      'https://evil.test/?https://signin.aws.amazon.com/saml',
      'https://signin.aws.amazon.com/console',
    ]) {
      expect(isAwsAcsUrl(u), u).toBe(false);
    }
  });

  it('the app URL is remembered only on the org', () => {
    const org = 'https://acme.okta.com';
    expect(appUrlOnOrg('https://acme.okta.com/home/amazon_aws/0oa1abc/272?fromHome=true', org)).toBe('https://acme.okta.com/home/amazon_aws/0oa1abc/272');
    expect(appUrlOnOrg('https://acme.okta.com/app/amazon_aws/exk1abc/sso/saml', org)).toBe('https://acme.okta.com/app/amazon_aws/exk1abc/sso/saml');
    expect(appUrlOnOrg('https://other.okta.com/home/amazon_aws/0oa1abc/272', org)).toBeUndefined();
    expect(appUrlOnOrg('https://acme.okta.com/app/UserHome', org)).toBeUndefined();
  });
});
