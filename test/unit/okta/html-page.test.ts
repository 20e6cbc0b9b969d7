import { describe, expect, it } from 'vitest';
import { readPage } from '../../../src/okta/html-page.js';

describe('readPage (the facts okta-bedrock reads from an Okta HTML page)', () => {
  it('reads the SAML form: entity-decoded values, the first form action, RelayState', () => {
    const html = `<!DOCTYPE html><html><head><title> Signing in… </title></head><body>
      <form id="appForm" method="POST" action="https://signin.aws.amazon.com/saml">
        <input name="SAMLResponse" type="hidden" value="PHNhbWxwOlJlc3BvbnNl&#x2b;Zm9v&#x3d;"/>
        <input name="RelayState" type="hidden" value="a&amp;b"/>
      </form><form action="/other"></form></body></html>`;
    const page = readPage(html);
    expect(page.title).toBe('Signing in…');
    expect(page.inputs.get('SAMLResponse')).toBe('PHNhbWxwOlJlc3BvbnNl+Zm9v=');
    expect(page.inputs.get('RelayState')).toBe('a&b');
    expect(page.formAction).toBe('https://signin.aws.amazon.com/saml');
  });

  it("reads Okta's error heading only inside .error-content", () => {
    const html = `<h1>Welcome</h1><div class="content error-content"><div><h1>Sorry, you can't access AWS because you are not assigned this app in Okta.</h1></div></div>`;
    expect(readPage(html).errorHeading).toBe("Sorry, you can't access AWS because you are not assigned this app in Okta.");
    expect(readPage('<h1>Welcome</h1>').errorHeading).toBeUndefined();
  });

  it('upper-case tags and attributes, unquoted values, unclosed tags', () => {
    const page = readPage('<TITLE>x</TITLE><FORM ACTION=/acs><INPUT NAME=SAMLResponse VALUE=abc>');
    expect(page.inputs.get('SAMLResponse')).toBe('abc');
    expect(page.formAction).toBe('/acs');
  });

  it('stays linear on hostile input (100k unclosed tags and quotes)', () => {
    const hostile = '<div class="error-content">'.repeat(20_000) + '<input name="x" value="'.repeat(5_000) + ' '.repeat(100_000);
    const t0 = performance.now();
    readPage(hostile);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
