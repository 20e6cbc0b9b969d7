import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/config/resolve.js';
import type { CoreDeps } from '../../../src/core/deps.js';
import { chooseApp } from '../../../src/core/fetch-assertion.js';
import { OktaError, UsageError } from '../../../src/errors.js';
import { authenticate } from '../../../src/okta/authn.js';
import { OktaClient } from '../../../src/okta/client.js';
import type { OktaAppLink } from '../../../src/okta/types.js';
import { FakeClock } from '../../../src/platform/clock.js';
import { createHttpClient } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { scriptedPrompter } from '../../helpers/fake-prompter.js';

// Issue 18 item 12: messages for Okta answers seen in the field (shapes as Okta's Authentication API sends them).
let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function replaying(body: unknown): Promise<OktaClient> {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const orgUrl = `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  return new OktaClient({ orgUrl, http: createHttpClient({ retry: false }), log: silentLogger });
}

describe('an unreadable factor list', () => {
  it.each([
    ['factors is an object', { factors: { push: {} } }],
    ['factors without factorType', { factors: [{ id: 'x' }, 'y'] }],
    ['no factors at all', {}],
  ])('%s: says the list could not be read, not "enroll one"', async (_name, embedded) => {
    const client = await replaying({ status: 'MFA_REQUIRED', stateToken: '00state', _embedded: embedded });
    const run = authenticate({
      client,
      username: 'a',
      password: async () => 'p',
      prompter: scriptedPrompter([], false),
      log: silentLogger,
      clock: new FakeClock(0),
    });
    const e = await run.then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(OktaError);
    expect((e as OktaError).code).toBe('unreadable_factors');
    expect((e as Error).message).toContain('list of your factors could not be read');
    expect((e as Error).message).not.toMatch(/enroll/i);
  });
});

describe('two AWS links with one app id', () => {
  const link = (n: number): OktaAppLink => ({
    label: 'AWS',
    appName: 'amazon_aws',
    appInstanceId: '0oa1',
    linkUrl: `https://a.okta.com/home/amazon_aws/0oa1/${n}`,
  });
  const deps = (interactive: boolean, answers: string[] = []) => ({ prompter: scriptedPrompter(answers, interactive) }) as unknown as CoreDeps;

  it('without a terminal: names the links, not "pick one by its id"', async () => {
    const e = await chooseApp([link(272), link(273)], { app: '0oa1' } as Settings, deps(false), 'https://a.okta.com').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).not.toContain('by its id');
    expect((e as Error).message).toContain('https://a.okta.com/home/amazon_aws/0oa1/273');
  });

  it('on a terminal: a menu of the links', async () => {
    const chosen = await chooseApp([link(272), link(273)], { app: '0oa1' } as Settings, deps(true, ['0oa1/273']), 'https://a.okta.com');
    expect(chosen.linkUrl).toContain('/273');
  });

  it('the same link listed twice is one app', async () => {
    const chosen = await chooseApp([link(272), link(272)], { app: '0oa1', accounts: [] } as unknown as Settings, deps(false), 'https://a.okta.com');
    expect(chosen.linkUrl).toContain('/272');
  });
});
