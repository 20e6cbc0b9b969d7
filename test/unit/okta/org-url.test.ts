import { describe, expect, it } from 'vitest';
import { normalizeOrgUrl } from '../../../src/okta/org-url.js';
import { appLinkUrl } from '../../../src/okta/apps.js';

describe('normalizeOrgUrl', () => {
  it.each([
    ['acme', {}, 'https://acme.okta.com'],
    ['acme', { oktapreview: true }, 'https://acme.oktapreview.com'],
    ['acme.okta.com', {}, 'https://acme.okta.com'],
    ['acme.okta-emea.com', {}, 'https://acme.okta-emea.com'],
    ['https://acme.okta.com/', {}, 'https://acme.okta.com'],
    ['https://login.acme.com/app/UserHome', {}, 'https://login.acme.com'],
    ['http://127.0.0.1:8080', {}, 'http://127.0.0.1:8080'],
    ['http://localhost:9', {}, 'http://localhost:9'],
  ])('%s → %s', (org, opts, want) => {
    expect(normalizeOrgUrl(org, opts)).toBe(want);
  });

  it.each(['http://acme.okta.com', 'ftp://acme', '', 'https://user:pw@acme.okta.com'])('rejects %j', (org) => {
    expect(() => normalizeOrgUrl(org)).toThrow(/org/i);
  });
});

describe('appLinkUrl', () => {
  it.each([
    ['0oa123/272', 'https://a.okta.com/home/amazon_aws/0oa123/272'],
    ['0oa123', 'https://a.okta.com/home/amazon_aws/0oa123/272'],
    ['https://a.okta.com/home/amazon_aws/0oa9/1', 'https://a.okta.com/home/amazon_aws/0oa9/1'],
  ])('%s', (appid, want) => {
    expect(appLinkUrl('https://a.okta.com', appid)).toBe(want);
  });
});
