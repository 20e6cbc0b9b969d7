import { describe, expect, it } from 'vitest';
import { LoginRequiredError, OktaBedrockError, OktaError, SamlError } from '../../../src/errors.js';
import { findStateToken, parseAppPage } from '../../../src/okta/saml-page.js';

const org = 'https://acme.okta.com';
const form = (value: string): string =>
  `<html><body><form id="appForm" method="POST" action="https&#x3a;&#x2f;&#x2f;signin.aws.amazon.com&#x2f;saml"><input name="SAMLResponse" type="hidden" value="${value}"/><input name="RelayState" type="hidden" value=""/></form></body></html>`;
const stepUp = `<html><head><title>Acme - Extra Verification</title></head><body><script>var stateToken = '00Ab\\x2Dcd_ef';</script></body></html>`;
const errorPage = (h: string): string => `<html><body><div class="error-content"><h1>${h}</h1></div></body></html>`;

describe('parseAppPage', () => {
  it('reads the SAMLResponse from the auto-submitting form', () => {
    expect(parseAppPage(200, `${org}/app/amazon_aws/x/sso/saml`, form('PHNhbWw+'))).toEqual({
      kind: 'saml',
      samlResponse: 'PHNhbWw+',
      relayState: undefined,
      action: 'https://signin.aws.amazon.com/saml',
    });
  });

  it.each([
    ['the second-factor URL', `${org}/login/second-factor?fromURI=%2Fhome`],
    ['the Extra Verification title', `${org}/home/amazon_aws/0oa1/272`],
  ])('recognises a step-up page by %s and decodes the state token', (_, url) => {
    expect(parseAppPage(200, url, stepUp)).toEqual({ kind: 'step-up', stateToken: '00Ab-cd_ef' });
  });

  it('a redirect to the sign-in page means the session is gone', () => {
    expect(parseAppPage(302, `${org}/login/login.htm?fromURI=%2Fhome`, '')).toEqual({ kind: 'login-required' });
    // Redirected to the org's root, which serves the sign-in page (200) or nothing (404).
    expect(parseAppPage(200, `${org}/?fromURI=%2Fhome%2Famazon_aws%2F0oa1%2F272`, '<html><title>Sign in</title></html>')).toEqual({ kind: 'login-required' });
    expect(parseAppPage(404, `${org}/`, '')).toEqual({ kind: 'login-required' });
  });

  it.each([
    [200, `${org}/login/login.htm?fromURI=%2Fhome%2Famazon_aws%2F0oa1%2F272`],
    [200, `${org}/`],
    [302, `${org}/oauth2/v1/authorize?client_id=okta.2b1959c8&redirect_uri=x`],
    [200, `${org}/signin/refresh-auth-state/00abc`],
  ])('landing on a sign-in page (HTTP %i %s) means the session is gone', (status, url) => {
    expect(parseAppPage(status, url, '<html><body>Sign In</body></html>')).toEqual({ kind: 'login-required' });
  });

  it.each([
    [403, "Sorry, you can't access AWS because you are not assigned this app in Okta.", /probably not assigned to you/],
    [404, '404 - Page Not Found', /no such app.*check the app id/],
    [200, 'Something went wrong', /could not open the AWS app: "Something went wrong"/],
  ])('an error page (HTTP %i, "%s") names the likely cause', (status, heading, message) => {
    const err = (() => {
      try {
        parseAppPage(status, `${org}/home/amazon_aws/0oa1/272`, errorPage(heading));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OktaError);
    expect((err as Error).message).toMatch(message);
  });

  it('an empty assertion names assignment and role mapping', () => {
    expect(() => parseAppPage(200, `${org}/home/amazon_aws/0oa1/272`, form(''))).toThrow(SamlError);
    expect(() => parseAppPage(200, `${org}/home/amazon_aws/0oa1/272`, form(''))).toThrow(/assignment or role mapping/);
  });

  it('HTTP 401 without an error page means the session is gone', () => {
    expect(() => parseAppPage(401, `${org}/home/amazon_aws/0oa1/272`, '<html></html>')).toThrow(LoginRequiredError);
  });
});

describe('findStateToken', () => {
  it.each([
    ["var stateToken = '00abc\\x2Ddef';", '00abc-def'],
    ['"stateToken":"00xyz"', '00xyz'],
    ['<input type="hidden" name="stateToken" value="00hid">', '00hid'],
    ['<input value="00rev" name="stateToken" type="hidden">', '00rev'],
    ['<a href="/login/step-up/redirect?stateToken=00q%2Dx&amp;fromURI=%2Fhome">Continue</a>', '00q-x'],
    ['no token here', undefined],
  ])('%s → %s', (html, want) => {
    expect(findStateToken(html)).toBe(want);
  });
});

describe('step-up page variants', () => {
  it('takes the token from the page URL when the page body has none', () => {
    expect(parseAppPage(200, `${org}/login/step-up/redirect?stateToken=00url`, '<html><body>Verify</body></html>')).toEqual({
      kind: 'step-up',
      stateToken: '00url',
    });
  });

  it('reads a hidden-field token on a second-factor page', () => {
    const html = '<html><body><form><input type="hidden" name="stateToken" value="00form"></form></body></html>';
    expect(parseAppPage(200, `${org}/login/second-factor?fromURI=%2Fhome`, html)).toEqual({ kind: 'step-up', stateToken: '00form' });
  });
});

describe('findStateToken on hostile pages (issue 14 item 8)', () => {
  it.each([
    ['an unclosed quoted token', `var stateToken = '${'a'.repeat(100_000)}`],
    ['many unclosed tokens', "stateToken='".repeat(10_000) + 'x'.repeat(50_000)],
    ['many stateToken= without quotes', 'stateToken= '.repeat(10_000)],
    ['many unclosed <input', '<input name="stateToken" value="x'.repeat(4_000)],
    ['one huge input tag', `<input ${'name=x '.repeat(15_000)}`],
    ['one input tag with 6000 name="stateToken"', `<input ${'name="stateToken" '.repeat(6_000)}`],
    ['one input tag with 10000 value=', `<input ${'value="a" '.repeat(10_000)}`],
    ['a long link query', `?stateToken=${'a'.repeat(100_000)}`],
    ['a long run of spaces', `stateToken${' '.repeat(100_000)}`],
  ])('%s: 100k characters in well under a second', (_name, html) => {
    const t0 = performance.now();
    findStateToken(html);
    try {
      parseAppPage(200, 'https://acme.okta.com/login/second-factor', html);
    } catch (e) {
      expect(e).toBeInstanceOf(OktaBedrockError);
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('still finds tokens after hostile prefixes', () => {
    expect(findStateToken(`stateToken= ${'<input '.repeat(100)}var stateToken = '00ok';`)).toBe('00ok');
    expect(findStateToken(`<input name="x"><input type="hidden" name="stateToken" value="00in">`)).toBe('00in');
  });
});
