import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import { authenticate } from '../../../src/okta/authn.js';
import { OktaClient } from '../../../src/okta/client.js';
import { parseAppPage } from '../../../src/okta/saml-page.js';
import { FakeClock } from '../../../src/platform/clock.js';
import type { HttpClient } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';
import { parseProfileCache, parseSessionCache } from '../../../src/store/cache-files.js';
import { getSection, listSections, removeSection, setSectionKeys } from '../../../src/store/ini-sections.js';
import { expectTyped, expectTypedAsync, fc, params, timed } from './fuzz-config.js';

const ORG = 'https://acme.okta.com';

describe('fuzz: the Okta app page (HTML)', () => {
  const html = fc.oneof(
    fc.string({ maxLength: 3000 }),
    fc
      .tuple(fc.string({ maxLength: 200 }), fc.constantFrom('SAMLResponse', 'RelayState', 'stateToken', 'x'), fc.string({ maxLength: 200 }))
      .map(([a, name, v]) => `<html><form action="${a}"><input name="${name}" value="${v}"></form><script>var stateToken = '${v}';</script></html>`),
  );
  it('any page → a typed result or a typed error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.constantFrom(`${ORG}/home/amazon_aws/0oa1/272`, `${ORG}/login/login.htm`, `${ORG}/login/second-factor`),
        html,
        (status, url, body) => timed(() => expectTyped(() => parseAppPage(status, url, body))),
      ),
      params,
    );
  });
});

/** An HttpClient that answers every request with a fuzzed status and body. */
function fuzzHttp(responses: { status: number; body: string }[]): HttpClient {
  let i = 0;
  return {
    send: async (req) => {
      const r = responses[i++ % responses.length] ?? { status: 200, body: '{}' };
      return { status: r.status, url: req.url, headers: {}, setCookie: [], body: r.body };
    },
  };
}

const oktaJson = fc.oneof(
  fc.json(),
  fc
    .record({
      status: fc.constantFrom('SUCCESS', 'MFA_REQUIRED', 'MFA_CHALLENGE', 'LOCKED_OUT', 'PASSWORD_WARN', 'WHATEVER'),
      stateToken: fc.option(fc.string(), { nil: undefined }),
      sessionToken: fc.option(fc.string(), { nil: undefined }),
      factorResult: fc.option(fc.constantFrom('WAITING', 'REJECTED', 'TIMEOUT', 'SUCCESS'), { nil: undefined }),
      _embedded: fc.option(
        fc.record({
          factors: fc.array(
            fc.record({
              id: fc.string(),
              factorType: fc.constantFrom('push', 'token:software:totp', 'sms', 'webauthn', 'x'),
              provider: fc.constantFrom('OKTA', 'GOOGLE', 'DUO'),
              _links: fc.option(fc.record({ verify: fc.record({ href: fc.oneof(fc.webUrl(), fc.constant(`${ORG}/api/v1/authn/factors/f/verify`)) }) }), {
                nil: undefined,
              }),
            }),
            { maxLength: 4 },
          ),
        }),
        { nil: undefined },
      ),
      errorCode: fc.option(fc.constantFrom('E0000004', 'E0000068', 'E0000011', 'E0000047', 'E9999999'), { nil: undefined }),
    })
    .map((o) => JSON.stringify(o)),
);

describe('fuzz: Okta JSON bodies through the authn state machine', () => {
  it('any sequence of responses → success or a typed error, never a hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ status: fc.constantFrom(200, 200, 200, 401, 403, 404, 429, 500), body: oktaJson }), { minLength: 1, maxLength: 6 }),
        async (responses) => {
          const client = new OktaClient({ orgUrl: ORG, http: fuzzHttp(responses), log: silentLogger });
          const t0 = performance.now();
          await expectTypedAsync(() =>
            authenticate({
              client,
              username: 'u',
              password: async () => 'p',
              prompter: nonInteractivePrompter('no tty'),
              log: silentLogger,
              clock: new FakeClock(),
              passcode: '123456',
              timing: { pollIntervalMs: 1, pushTimeoutMs: 50, maxCodeAttempts: 2 },
            }),
          );
          expect(performance.now() - t0).toBeLessThan(2000);
        },
      ),
      params,
    );
  });
});

describe('fuzz: ini files', () => {
  const line = fc.oneof(
    fc.constantFrom('[default]', '[ default ]', '[profile x]', '[x', '# c', '; c', '', '  nested = 1', 'key = value', 'key=', '=value', '\t[y]'),
    fc.string({ maxLength: 40 }).filter((s) => !/[\r\n]/.test(s)),
  );
  const file = fc
    .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
    .map(([lines, eol, bom, trailing]) => (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing ? eol : ''));
  it('read and edit any file; other sections read the same afterwards', () => {
    fc.assert(
      fc.property(file, (text) =>
        timed(() =>
          expectTyped(() => {
            const before = listSections(text).filter((s) => s !== 'fuzz');
            const after = setSectionKeys(text, 'fuzz', { aws_access_key_id: 'A', aws_secret_access_key: 'B' });
            expect(getSection(after, 'fuzz')).toMatchObject({ aws_access_key_id: 'A', aws_secret_access_key: 'B' });
            for (const s of before) expect(getSection(after, s)).toEqual(getSection(text, s));
            removeSection(after, 'fuzz');
          }),
        ),
      ),
      params,
    );
  });
});

describe('fuzz: YAML config', () => {
  const yamlish = fc.oneof(
    fc.string({ maxLength: 500 }),
    fc
      .array(fc.tuple(fc.constantFrom('org', 'username', 'duration', 'region', 'profiles', 'accounts', 'factor', 'refresh_before', 'x'), fc.jsonValue()), {
        maxLength: 8,
      })
      .map((pairs) => pairs.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')),
  );
  it('any text → a config or a ConfigError', async () => {
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        await expectTypedAsync(async () => {
          const c = await parseConfig(text, 'fuzz.yml', false);
          resolveSettings(c, {});
        });
      }),
      params,
    );
  });
});

describe('fuzz: cache files', () => {
  it('any content → parsed or ignored, never thrown', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 500 }),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ version: 1, kind: 'profile', profile: 'p', record: v })),
        ),
        (text) => {
          parseProfileCache(text, 'p');
          parseSessionCache(text);
        },
      ),
      params,
    );
  });
});
