import { describe, expect, it } from 'vitest';
import { consoleDestination, consoleSigninUrl, federationEndpoint } from '../../../src/aws/console-url.js';
import type { HttpClient, HttpRequest } from '../../../src/platform/http.js';

const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date('2026-11-21T13:00:00Z') };

describe('console sign-in URL', () => {
  it.each([
    ['aws', 'https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/console/home?region=us-east-1'],
    ['aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation', 'https://console.amazonaws-us-gov.com/console/home?region=us-east-1'],
    ['aws-cn', 'https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn/console/home?region=us-east-1'],
  ] as const)('%s endpoints', (partition, federation, destination) => {
    expect(federationEndpoint(partition)).toBe(federation);
    expect(consoleDestination(partition, 'us-east-1')).toBe(destination);
  });

  it('getSigninToken with the session JSON (no SessionDuration), then a login URL', async () => {
    const seen: HttpRequest[] = [];
    const http: HttpClient = {
      send: async (req) => {
        seen.push(req);
        return { status: 200, url: req.url, headers: {}, setCookie: [], body: '{"SigninToken":"TOKEN123"}' };
      },
    };
    const url = new URL(await consoleSigninUrl(http, creds, { partition: 'aws-cn', region: 'cn-north-1' }));
    const asked = new URL(seen[0]!.url);
    expect(`${asked.origin}${asked.pathname}`).toBe('https://signin.amazonaws.cn/federation');
    expect(asked.searchParams.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(asked.searchParams.get('Session')!)).toEqual({ sessionId: 'ASIAEXAMPLE', sessionKey: 'secret', sessionToken: 'token' });
    expect(asked.searchParams.has('SessionDuration')).toBe(false);
    expect(url.searchParams.get('SigninToken')).toBe('TOKEN123');
    expect(url.searchParams.get('Destination')).toBe('https://console.amazonaws.cn/console/home?region=cn-north-1');
  });

  it('a refusal is an AwsError saying to log in again', async () => {
    const http: HttpClient = { send: async (req) => ({ status: 400, url: req.url, headers: {}, setCookie: [], body: 'Bad Request' }) };
    await expect(consoleSigninUrl(http, creds, { partition: 'aws', region: 'us-east-1' })).rejects.toThrow(
      /getSigninToken: HTTP 400\) — run `okta-bedrock login`/,
    );
  });
});
