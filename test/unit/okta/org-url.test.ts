import { describe, expect, it } from 'vitest';
import { normalizeOrgUrl } from '../../../src/okta/org-url.js';
import { appLinkUrl } from '../../../src/okta/apps.js';

describe('normalizeOrgUrl', () => {
  it.each([
    // keyman's subdomain form, and oktapreview
    ['acme', {}, 'https://acme.okta.com'],
    ['acme', { oktapreview: true }, 'https://acme.oktapreview.com'],
    ['  acme  ', {}, 'https://acme.okta.com'],
    // hosts: Okta cells, previews, EMEA, gov, custom domains
    ['acme.okta.com', {}, 'https://acme.okta.com'],
    ['acme.oktapreview.com', { oktapreview: true }, 'https://acme.oktapreview.com'],
    ['acme.okta-emea.com', {}, 'https://acme.okta-emea.com'],
    ['acme.okta-gov.com', {}, 'https://acme.okta-gov.com'],
    ['login.acme.com', {}, 'https://login.acme.com'],
    ['sso.acme.co.uk', {}, 'https://sso.acme.co.uk'],
    ['ACME.Okta.COM', {}, 'https://acme.okta.com'],
    ['acme.okta.com.', {}, 'https://acme.okta.com'],
    ['acme.okta.com/app/UserHome', {}, 'https://acme.okta.com'],
    // full URLs: trailing slashes, paths, queries, fragments and default ports dropped
    ['https://acme.okta.com/', {}, 'https://acme.okta.com'],
    ['https://acme.okta.com//', {}, 'https://acme.okta.com'],
    ['https://login.acme.com/app/UserHome', {}, 'https://login.acme.com'],
    ['https://acme.okta.com/home/amazon_aws/0oa1/272?fromHome=true#x', {}, 'https://acme.okta.com'],
    ['https://acme.okta.com:443/', {}, 'https://acme.okta.com'],
    ['https://login.acme.com:8443/', {}, 'https://login.acme.com:8443'],
    // a pasted admin-console URL means the org itself
    ['https://acme-admin.okta.com/admin/dashboard', {}, 'https://acme.okta.com'],
    ['acme-admin.oktapreview.com', {}, 'https://acme.oktapreview.com'],
    ['acme-admin.okta-emea.com', {}, 'https://acme.okta-emea.com'],
    ['https://my-admin.acme.com', {}, 'https://my-admin.acme.com'],
    // loopback http for tests and the simulator
    ['http://127.0.0.1:8080', {}, 'http://127.0.0.1:8080'],
    ['http://localhost:9/', {}, 'http://localhost:9'],
  ])('%s → %s', (org, opts, want) => {
    expect(normalizeOrgUrl(org, opts)).toBe(want);
  });

  it.each(['http://acme.okta.com', 'ftp://acme', '', '   ', 'https://user:pw@acme.okta.com', 'acme okta', 'https://'])('rejects %j', (org) => {
    expect(() => normalizeOrgUrl(org)).toThrow(/org/i);
  });
});

describe('appLinkUrl', () => {
  it.each([
    ['0oa123/272', 'https://a.okta.com/home/amazon_aws/0oa123/272'],
    ['0oa123', 'https://a.okta.com/home/amazon_aws/0oa123/272'],
    ['/home/amazon_aws/0oa123/272', 'https://a.okta.com/home/amazon_aws/0oa123/272'],
    ['https://a.okta.com/home/amazon_aws/0oa9/1', 'https://a.okta.com/home/amazon_aws/0oa9/1'],
  ])('%s', (appid, want) => {
    expect(appLinkUrl('https://a.okta.com', appid)).toBe(want);
  });
});
