import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/config/resolve.js';
import { appIdFromSettings } from '../../../src/core/select-authenticator.js';

const base = { profile: 'default', orgUrl: 'https://acme.okta.com', accounts: [] } as unknown as Settings;

describe('the AWS app id for the exchange audience', () => {
  it.each([
    [{ appid: '0oa1b2c3d4e5f6g7h8i9/272' }, '0oa1b2c3d4e5f6g7h8i9'],
    [{ appid: 'https://acme.okta.com/home/amazon_aws/0oa1b2c3d4e5f6g7h8i9/272' }, '0oa1b2c3d4e5f6g7h8i9'],
    [{ appid: 'https://acme.okta.com/app/amazon_aws/0oa1b2c3d4e5f6g7h8i9/sso/saml' }, '0oa1b2c3d4e5f6g7h8i9'],
    [{ app: '0oa9z8y7x6w5v4u3t2s1' }, '0oa9z8y7x6w5v4u3t2s1'],
    [{ app: 'Amazon Web Services' }, undefined],
    [{}, undefined],
  ])('%o → %s', (settings, id) => {
    expect(appIdFromSettings({ ...base, ...settings })).toBe(id);
  });
});
