import { describe, expect, it } from 'vitest';
import { applySwitches, parseScenarioFile } from '../../../src/cli/commands/simulator-options.js';
import { UsageError } from '../../../src/errors.js';

describe('okta-bedrock simulator switches', () => {
  it('a scenario file takes scenario keys at the top level or under "scenario", plus users/apps/lifetimes', () => {
    const o = parseScenarioFile(
      JSON.stringify({
        pushResult: 'reject',
        scenario: { deviceInterval: 10 },
        credentialLifetimeSeconds: 900,
        apps: [{ id: '0oa1', label: 'AWS', appName: 'amazon_aws', roles: [] }],
      }),
      'org.json',
    );
    expect(o.scenario).toEqual({ pushResult: 'reject', deviceInterval: 10 });
    expect(o.credentialLifetimeSeconds).toBe(900);
    expect(o.apps).toHaveLength(1);
  });

  it('refuses unknown keys, wrong types and bad JSON with a usage error naming the file', () => {
    expect(() => parseScenarioFile('{"pushResul": "reject"}', 'org.json')).toThrow(/org\.json: unknown scenario key "pushResul"/);
    expect(() => parseScenarioFile('{"deviceInterval": "5"}', 'org.json')).toThrow(/must be a number/);
    expect(() => parseScenarioFile('{', 'org.json')).toThrow(UsageError);
  });

  it('flags override the file and map onto the scenario, users and apps', () => {
    const o = applySwitches(parseScenarioFile('{"pushResult": "reject", "oktaRateLimits": {"/api/v1/sessions": 9}}', 'f.json'), {
      push: 'timeout',
      pushAfter: '4',
      numberChallenge: true,
      factors: 'totp,push,sms',
      stepUp: true,
      idx: true,
      classicAuthn: 'off',
      credentialsLifetime: '120',
      sessionLifetime: '600',
      bedrockDeny: ['all', 'anthropic.claude-3-haiku-20240307-v1:0'],
      rateLimit: ['workforce', '/api/v1/authn:5'],
    });
    expect(o.scenario).toMatchObject({
      pushResult: 'timeout',
      pushApproveAfterPolls: 4,
      numberChallenge: expect.any(Number),
      idx: true,
      oktaPipeline: 'idx',
      classicAuthnDisabled: true,
      bedrockModelAccessDenied: ['*', 'anthropic.claude-3-haiku-20240307-v1:0'],
      oktaRateLimitProfile: 'workforce',
      oktaRateLimits: { '/api/v1/sessions': 9, '/api/v1/authn': 5 },
    });
    expect(o.users?.[0]?.factors).toEqual(['totp-okta', 'push', 'sms']);
    expect(o.apps?.every((a) => a.stepUp)).toBe(true);
    expect(o).toMatchObject({ credentialLifetimeSeconds: 120, oktaSessionLifetimeSeconds: 600 });
  });

  it('refuses bad values with the flag named', () => {
    expect(() => applySwitches({}, { push: 'maybe' })).toThrow(/--push must be approve, reject or timeout/);
    expect(() => applySwitches({}, { pushAfter: '0' })).toThrow(/--push-after/);
    expect(() => applySwitches({}, { factors: 'totp,fax' })).toThrow(/--factors/);
    expect(() => applySwitches({}, { rateLimit: ['authn:5'] })).toThrow(/--rate-limit takes PATH:N/);
    expect(() => applySwitches({}, { sessionLifetime: 'soon' })).toThrow(/--session-lifetime/);
  });
});
