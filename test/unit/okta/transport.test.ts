import { describe, expect, it } from 'vitest';
import { OktaClient } from '../../../src/okta/client.js';
import type { HttpClient, HttpRequest } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { OktaError } from '../../../src/errors.js';

const ORG = 'https://acme.okta.com';

function recording(responses: Record<string, { status: number; location?: string; setCookie?: string[] }>): HttpClient & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    send: async (req) => {
      sent.push(req);
      const r = responses[req.url] ?? { status: 200 };
      return { status: r.status, url: req.url, headers: r.location ? { location: r.location } : {}, setCookie: r.setCookie ?? [], body: '<html></html>' };
    },
  };
}

describe('transport security of the Okta client', () => {
  it('does not follow a redirect off the org, and never sends the session cookie there', async () => {
    const http = recording({
      [`${ORG}/home/amazon_aws/0oa1/272`]: { status: 302, location: 'https://evil.example.com/steal', setCookie: ['sid=secret-sid; Path=/'] },
    });
    const client = new OktaClient({ orgUrl: ORG, http, log: silentLogger });
    const res = await client.page('/home/amazon_aws/0oa1/272');
    expect(res.finalUrl).toBe('https://evil.example.com/steal');
    expect(http.sent.map((r) => r.url)).toEqual([`${ORG}/home/amazon_aws/0oa1/272`]);
  });

  it('follows redirects on the org host with the cookie', async () => {
    const http = recording({
      [`${ORG}/a`]: { status: 302, location: '/b', setCookie: ['sid=s1; Path=/; HttpOnly'] },
    });
    const client = new OktaClient({ orgUrl: ORG, http, log: silentLogger });
    await client.page('/a');
    expect(http.sent[1]?.url).toBe(`${ORG}/b`);
    expect(http.sent[1]?.headers?.cookie).toBe('sid=s1');
  });

  it.each(['https://evil.example.com/api/v1/authn', 'http://acme.okta.com/api/v1/authn', '//evil.example.com/x'])(
    'refuses an Okta link to %s',
    async (href) => {
      const client = new OktaClient({ orgUrl: ORG, http: recording({}), log: silentLogger });
      await expect(client.json('POST', href, {})).rejects.toThrow(OktaError);
    },
  );

  it('drops cookies that Okta expires', async () => {
    const http = recording({ [`${ORG}/x`]: { status: 200, setCookie: ['sid=""; Max-Age=0; Path=/'] } });
    const client = new OktaClient({ orgUrl: ORG, http, log: silentLogger });
    client.cookies.set('sid', 'old');
    await client.page('/x');
    expect(client.cookies.get('sid')).toBeUndefined();
  });
});
