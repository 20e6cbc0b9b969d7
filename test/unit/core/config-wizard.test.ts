import { afterEach, describe, expect, it } from 'vitest';
import type { RawSettings } from '../../../src/config/schema.js';
import { appidFromLink, runConfigWizard, type WizardDeps } from '../../../src/core/config-wizard.js';
import { AuthenticationError } from '../../../src/errors.js';
import { systemClock } from '../../../src/platform/clock.js';
import { createHttpClient } from '../../../src/platform/http.js';
import { createLogger } from '../../../src/platform/log.js';
import type { Choice, Prompter } from '../../../src/platform/prompts.js';
import {
  BEDROCK_ROLE_ARN,
  DEFAULT_APP_ID,
  DEFAULT_OIDC_CLIENT_ID,
  GATEWAY_ROLE_ARN,
  SECOND_APP_ID,
  defaultUser,
  startSimulator,
  twoAppsSetup,
  twoRolesApps,
  type Simulator,
} from '../../../src/simulator/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Take the prompt's default (and fail the test if there was none). */
const DEFAULT = Symbol('default');
type Answer<T = unknown> = T | typeof DEFAULT | ((choices: Choice<unknown>[], def: unknown) => T);

interface Asked {
  message: string;
  defaultValue: unknown;
}

/** A Prompter that answers from a script: each question takes the first unused answer whose pattern matches. */
function scripted(script: [RegExp, Answer][]): Prompter & { asked: Asked[]; notices: string[] } {
  const left = [...script];
  const asked: Asked[] = [];
  const notices: string[] = [];
  const answer = (message: string, defaultValue: unknown, choices: Choice<unknown>[] = []): unknown => {
    asked.push({ message, defaultValue });
    const i = left.findIndex(([re]) => re.test(message));
    if (i < 0) throw new Error(`unexpected question: ${message}`);
    const [, a] = left.splice(i, 1)[0]!;
    if (a === DEFAULT) {
      if (defaultValue === undefined) throw new Error(`no default for: ${message}`);
      return defaultValue;
    }
    return typeof a === 'function' ? (a as (c: Choice<unknown>[], d: unknown) => unknown)(choices, defaultValue) : a;
  };
  return {
    interactive: true,
    asked,
    notices,
    password: async (m) => answer(m, undefined) as string,
    text: async (m, d, options) => {
      const v = answer(m, d) as string;
      const valid = options?.validate?.(v) ?? true;
      if (valid !== true) throw new Error(`invalid answer "${v}" to "${m}": ${valid}`);
      return v;
    },
    select: async <T>(m: string, choices: Choice<T>[], d?: T) => answer(m, d, choices as Choice<unknown>[]) as T,
    confirm: async (m, d) => answer(m, d) as boolean,
    notice: (m) => void notices.push(m),
  };
}

const byName = (re: RegExp) => (choices: Choice<unknown>[]) => {
  const c = choices.find((x) => re.test(x.name));
  if (!c) throw new Error(`no choice matching ${re} in ${choices.map((x) => x.name).join(', ')}`);
  return c.value;
};

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function deps(sim: Simulator, prompter: Prompter, lines: string[] = []): WizardDeps {
  return {
    http: createHttpClient(),
    prompter,
    log: createLogger({ write: (l) => lines.push(l) }),
    clock: systemClock,
    stsEndpoint: sim.stsUrl,
    factorTiming: { pollIntervalMs: 10 },
    env: {},
  };
}

describe('config wizard (against the simulator)', () => {
  it('a new user picks app, factor and Bedrock role from what Okta and AWS offer', async () => {
    sim = await startSimulator({ apps: twoAppsSetup() });
    const p = scripted([
      [/Okta org/, sim.oktaUrl],
      [/Okta username/, defaultUser.login],
      [/Okta password/, defaultUser.password],
      [/Which MFA factor/, byName(/Okta Verify code/)],
      [/Okta Verify code/, () => sim!.totp()],
      [/Which AWS app/, byName(/AWS Sandbox/)],
      [/AWS region/, 'us-west-2'],
      [/Bedrock role ARN/, ''],
      [/AWS profile/, 'bedrock'],
      [/keychain/, true],
      [/factor to use by default/, DEFAULT],
    ]);
    const { values, outcome } = await runConfigWizard({}, deps(sim, p));
    expect(values).toEqual({
      org: sim.oktaUrl,
      oktapreview: undefined,
      username: defaultUser.login,
      appid: `${SECOND_APP_ID}/272`,
      app: undefined,
      role: BEDROCK_ROLE_ARN,
      region: 'us-west-2',
      assume_role_arn: undefined,
      profile: 'bedrock',
      password_cache: true,
      factor: 'totp:OKTA', // the factor just used is the default; two TOTP factors → with the provider
    });
    expect(outcome.credentials.accessKeyId).toMatch(/^ASIA/);
    // The factor menu offered everything Okta has; the app menu both AWS apps but not Slack.
    const appQuestion = p.asked.find((a) => /Which AWS app/.test(a.message));
    expect(appQuestion?.defaultValue).toBeUndefined();
  });

  it('re-running offers the current values as defaults, including in the role menu', async () => {
    sim = await startSimulator({ apps: twoRolesApps() });
    const current: RawSettings = {
      org: sim.oktaUrl,
      username: defaultUser.login,
      appid: `${DEFAULT_APP_ID}/272`,
      role: 'my-bedrock-role',
      region: 'eu-central-1',
      profile: 'work',
      factor: 'push',
      password_cache: false,
    };
    const p = scripted([
      [/Okta org/, DEFAULT],
      [/Okta username/, DEFAULT],
      [/Okta password/, defaultUser.password],
      [/Which MFA factor/, DEFAULT],
      [/Which AWS role/, DEFAULT],
      [/AWS region/, DEFAULT],
      [/Bedrock role ARN/, ''],
      [/AWS profile/, DEFAULT],
      [/keychain/, DEFAULT],
      [/factor to use by default/, DEFAULT],
    ]);
    const lines: string[] = [];
    const { values } = await runConfigWizard(current, deps(sim, p, lines));
    expect(values).toMatchObject({ ...current, role: BEDROCK_ROLE_ARN, assume_role_arn: undefined });
    const factorMenu = p.asked.find((a) => a.message === 'Which MFA factor?');
    expect(factorMenu?.defaultValue).toMatchObject({ driver: { kind: 'push' } });
    expect(lines.join('\n')).toContain(`Assuming role ${BEDROCK_ROLE_ARN}`);
  });

  it('a wrong password asks again; a Bedrock role AWS refuses is asked again', async () => {
    sim = await startSimulator({ scenario: { denyAssumeRoleArns: [BEDROCK_ROLE_ARN] } });
    const p = scripted([
      [/Okta org/, sim.oktaUrl],
      [/Okta username/, defaultUser.login],
      [/Okta password/, 'wrong'],
      [/Okta password/, defaultUser.password],
      [/Which MFA factor/, byName(/push/)],
      [/AWS region/, DEFAULT],
      [/Bedrock role ARN/, BEDROCK_ROLE_ARN],
      [/Bedrock role ARN/, ''],
      [/AWS profile/, DEFAULT],
      [/keychain/, DEFAULT],
      [/factor to use by default/, DEFAULT],
    ]);
    const lines: string[] = [];
    const { values } = await runConfigWizard({}, deps(sim, p, lines));
    expect(values).toMatchObject({ role: GATEWAY_ROLE_ARN, assume_role_arn: undefined, factor: 'push', region: 'us-east-1', profile: 'default' });
    expect(lines).toContain('warning: Okta did not accept the username or password — try again (2 left)');
    expect(lines.some((l) => l.startsWith(`error: Assuming ${BEDROCK_ROLE_ARN} failed: AWS denied the role`))).toBe(true);
    expect(p.notices).toContainEqual(expect.stringMatching(/^MFA \(Okta Verify push( to .+)?\) — approve on your phone…$/));
    expect(lines.join('\n')).not.toContain(defaultUser.password);
  });

  it('after three wrong passwords, stops when the person does not want to try again', async () => {
    sim = await startSimulator();
    const p = scripted([
      [/Okta org/, sim.oktaUrl],
      [/Okta username/, defaultUser.login],
      [/Okta password/, 'wrong'],
      [/Okta password/, 'wrong'],
      [/Okta password/, 'wrong'],
      [/Try again/, false],
    ]);
    await expect(runConfigWizard({}, deps(sim, p))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('an Identity Engine org: asks for the OIDC client id, approves in the browser, keeps the factor preference', async () => {
    const s = (sim = await startSimulator({ scenario: { oktaPipeline: 'idx', deviceInterval: 1 } }));
    const p = scripted([
      [/Okta org/, s.oktaUrl],
      [/Okta username/, defaultUser.login],
      [/OIDC client id/, DEFAULT_OIDC_CLIENT_ID],
      [/AWS region/, DEFAULT],
      [/Bedrock role ARN/, ''],
      [/AWS profile/, DEFAULT],
      [/keychain/, DEFAULT],
    ]);
    const shown: string[] = [];
    const d = deps(s, p);
    const approve = s.oie.nextDeviceAuthorization().then((device) => s.oie.approveDevice(device.userCode));
    const { values, outcome } = await runConfigWizard({ factor: 'push' }, { ...d, showDeviceCode: (prompt) => void shown.push(prompt.userCode) });
    await approve;
    expect(outcome.authFlow).toBe('device');
    expect(shown).toHaveLength(1);
    expect(values).toMatchObject({ oidc_client_id: DEFAULT_OIDC_CLIENT_ID, factor: 'push', role: GATEWAY_ROLE_ARN, appid: `${DEFAULT_APP_ID}/272` });
    expect(p.asked.map((a) => a.message)).not.toContain('Okta password for alice@example.com:');
    expect(p.notices).toContainEqual(expect.stringMatching(/^Waiting for approval \(the code expires in \d+ min\)…$/));
  });

  it.each([
    ['https://acme.okta.com/home/amazon_aws/0oa1b2c3/272', '0oa1b2c3/272'],
    ['https://acme.okta.com/home/amazon_aws/0oa1b2c3/272?fromHome=true', '0oa1b2c3/272'],
    ['https://acme.okta.com/app/amazon_aws/exk1/sso/saml', 'https://acme.okta.com/app/amazon_aws/exk1/sso/saml'],
  ])('appid of %s is %s', (link, appid) => {
    expect(appidFromLink(link)).toBe(appid);
  });
});

describe('config wizard and the OS keychain', () => {
  it('does not offer the keychain when no backend works (keytar missing), says why and how to fix it, and keeps password_cache off', async () => {
    sim = await startSimulator();
    const p = scripted([
      [/Okta org/, sim.oktaUrl],
      [/Okta username/, defaultUser.login],
      [/Okta password/, defaultUser.password],
      [/Which MFA factor/, byName(/push/)],
      [/AWS region/, DEFAULT],
      [/Bedrock role ARN/, ''],
      [/AWS profile/, DEFAULT],
      [/factor to use by default/, DEFAULT],
    ]);
    const lines: string[] = [];
    const keychain = async () =>
      ({ ok: false, reason: 'not_installed', detail: 'keytar is not installed', fix: 'sudo apt-get install libsecret-1-dev, then npm ci' }) as const;
    const { values } = await runConfigWizard({ password_cache: true }, { ...deps(sim, p, lines), keychain });
    expect(p.asked.map((a) => a.message).filter((m) => /keychain/i.test(m))).toEqual([]);
    expect(values.password_cache).toBe(false);
    expect(lines.join('\n')).toContain(
      'Not offering to keep the password in the OS keychain: keytar is not installed (fix: sudo apt-get install libsecret-1-dev',
    );
  });
});
