import { describe, expect, it } from 'vitest';
import { appLinkUrl, awsAppsOnOrg, findApps } from '../../../src/okta/apps.js';

const ORG = 'https://acme.okta.com';
const link = (linkUrl: string, label = 'AWS', appName = 'amazon_aws') => ({ label, linkUrl, appName, appInstanceId: '0oa1' });

describe('AWS apps from appLinks', () => {
  it('keeps only amazon_aws entries and drops junk', () => {
    const apps = awsAppsOnOrg(ORG, [
      link(`${ORG}/home/amazon_aws/0oa1/272`),
      link(`${ORG}/home/slack/0oa2/1`, 'Slack', 'slack'),
      null,
      7,
      { appName: 'amazon_aws' },
    ]);
    expect(apps.map((a) => a.linkUrl)).toEqual([`${ORG}/home/amazon_aws/0oa1/272`]);
  });

  it('moves links on another name of the org (custom domain, loopback alias) onto the org we signed in to', () => {
    const custom = 'https://login.acme.com';
    expect(awsAppsOnOrg(custom, [link(`${ORG}/home/amazon_aws/0oa1/272?fromHome=true`)])[0]?.linkUrl).toBe(`${custom}/home/amazon_aws/0oa1/272?fromHome=true`);
    expect(awsAppsOnOrg('http://127.0.0.1:4000', [link('http://localhost:4000/home/amazon_aws/0oa1/272')])[0]?.linkUrl).toBe(
      'http://127.0.0.1:4000/home/amazon_aws/0oa1/272',
    );
    expect(awsAppsOnOrg(ORG, [link('/home/amazon_aws/0oa1/272')])[0]?.linkUrl).toBe(`${ORG}/home/amazon_aws/0oa1/272`);
  });

  it("builds keyman's link from an appid", () => {
    expect(appLinkUrl(ORG, '0oa1/272')).toBe(`${ORG}/home/amazon_aws/0oa1/272`);
    expect(appLinkUrl(ORG, '0oa1')).toBe(`${ORG}/home/amazon_aws/0oa1/272`);
    expect(appLinkUrl(ORG, '/home/amazon_aws/0oa1/272')).toBe(`${ORG}/home/amazon_aws/0oa1/272`);
  });

  it('finds an app by id, then label, then any-case label', () => {
    const apps = [
      { ...link(`${ORG}/a`, 'Prod'), appInstanceId: '0oaP' },
      { ...link(`${ORG}/b`, 'prod'), appInstanceId: '0oaQ' },
    ];
    expect(findApps(apps, '0oaQ').map((a) => a.label)).toEqual(['prod']);
    expect(findApps(apps, 'Prod').map((a) => a.appInstanceId)).toEqual(['0oaP']);
    expect(findApps(apps, 'PROD')).toHaveLength(2);
  });
});
