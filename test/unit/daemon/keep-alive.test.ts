import { describe, expect, it } from 'vitest';
import { isSessionGone } from '../../../src/daemon/keep-alive.js';
import { mapOktaError } from '../../../src/okta/errors.js';

const err = (status: number, body?: unknown) => mapOktaError(status, body, { orgUrl: 'https://acme.okta.com', now: new Date(0) });

describe('isSessionGone', () => {
  it.each([
    [404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: me (Session)' }],
    [403, { errorCode: 'E0000005', errorSummary: 'Invalid session' }],
    [404, undefined],
    [401, undefined],
  ])('HTTP %i %j → gone', (status, body) => {
    expect(isSessionGone(err(status, body))).toBe(true);
  });

  it.each([
    [500, undefined],
    [503, { errorCode: 'E0000009', errorSummary: 'Internal Server Error' }],
    [429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' }],
  ])('HTTP %i %j → not gone (retried)', (status, body) => {
    expect(isSessionGone(err(status, body))).toBe(false);
  });
});
