import { BEDROCK_ROLE_ARN, appLinkUrl, startSimulator, type Simulator } from '../../simulator/index.js';
import { UsageError } from '../../errors.js';
import { readTextIfExists } from '../../platform/fs.js';
import type { CliContext } from '../context.js';
import { applySwitches, parseScenarioFile, type SimulatorSwitches } from './simulator-options.js';

export interface SimulatorFlags extends SimulatorSwitches {
  port?: string;
  debug?: boolean;
  json?: boolean;
}

/** What the simulator serves, for people (text) and scripts (`--json`). Holds the simulated secrets. */
function describe(sim: Simulator): Record<string, unknown> {
  const s = sim.scenario;
  const [user] = sim.users;
  const [app] = sim.apps;
  return {
    oktaUrl: sim.oktaUrl,
    stsUrl: sim.stsUrl,
    bedrockUrl: sim.bedrockUrl,
    bedrockRuntimeUrl: sim.bedrockRuntimeUrl,
    federationUrl: sim.federationUrl,
    activateUrl: `${sim.oktaUrl}/activate`,
    pipeline: s.oktaPipeline,
    username: user?.login,
    password: user?.password,
    totpSecret: user?.totpSecret,
    appid: app ? appLinkUrl('', app).replace(/^\/home\/[^/]+\//, '') : undefined,
    bedrockRoleArn: BEDROCK_ROLE_ARN,
    oidcClientId: sim.oie.clients[0]?.clientId,
    users: sim.users.map((u) => ({ login: u.login, password: u.password, totpSecret: u.totpSecret, factors: u.factors, status: u.status ?? 'ACTIVE' })),
    apps: sim.apps.map((a) => ({ id: a.id, label: a.label, linkUrl: appLinkUrl(sim.oktaUrl, a), roles: a.roles, stepUp: a.stepUp === true })),
    scenario: {
      push: s.pushResult,
      pushAfterPolls: s.pushApproveAfterPolls,
      numberChallenge: s.numberChallenge,
      idx: s.idx,
      classicAuthn: s.classicAuthnDisabled ? 'off' : 'on',
      rateLimitProfile: s.oktaRateLimitProfile,
      rateLimits: s.oktaRateLimits,
      bedrockModelAccessDenied: s.bedrockModelAccessDenied,
    },
  };
}

function text(sim: Simulator, info: Record<string, unknown>): string {
  const s = sim.scenario;
  const lines = [
    'Okta + AWS simulator (loopback only; every account and secret below is simulated)',
    '',
    `  Okta org          ${sim.oktaUrl}   (${s.oktaPipeline === 'idx' ? `Identity Engine${s.idx ? ', IDX sign-in' : ''}` : 'Classic Engine'})`,
    `  Device activation ${sim.oktaUrl}/activate   (OIDC client ${String(info.oidcClientId)})`,
    `  STS               ${sim.stsUrl}`,
    `  Bedrock           ${sim.bedrockUrl}`,
    `  Bedrock runtime   ${sim.bedrockRuntimeUrl}`,
    `  Sign-in           ${sim.federationUrl}`,
    '',
    'Users',
    ...sim.users.flatMap((u) => [
      `  ${u.login}   password: ${u.password}`,
      `    factors: ${u.factors.join(', ')}${u.status && u.status !== 'ACTIVE' ? `   status: ${u.status}` : ''}`,
      `    TOTP secret (base32, for an authenticator app): ${u.totpSecret}`,
    ]),
    '',
    'AWS apps',
    ...sim.apps.map((a) => `  ${a.label}   ${appLinkUrl(sim.oktaUrl, a)}${a.stepUp ? '   (step-up MFA)' : ''}\n    roles: ${a.roles.join(', ') || '(none)'}`),
    '',
    'Scenario',
    `  push: ${s.pushResult} on poll ${s.pushApproveAfterPolls}${s.numberChallenge !== null ? `, number challenge ${s.numberChallenge}` : ''}`,
    `  classic /api/v1/authn: ${s.classicAuthnDisabled ? 'off' : 'on'}`,
    `  rate limits: ${s.oktaRateLimitProfile}${
      Object.keys(s.oktaRateLimits).length
        ? ` + ${Object.entries(s.oktaRateLimits)
            .map(([p, n]) => `${p}:${n}/min`)
            .join(', ')}`
        : ''
    }`,
    ...(s.bedrockModelAccessDenied.length ? [`  Bedrock model access denied: ${s.bedrockModelAccessDenied.join(', ')}`] : []),
    '',
    'Try',
    `  AWS_ENDPOINT_URL_STS=${sim.stsUrl} okta-bedrock login --org ${sim.oktaUrl} --username ${String(info.username)} --app ${String(info.appid)} --factor totp`,
    `  AWS_ENDPOINT_URL_BEDROCK=${sim.bedrockUrl} AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${sim.bedrockRuntimeUrl} OKTA_BEDROCK_FEDERATION_URL=${sim.federationUrl} okta-bedrock test`,
    '',
    'Press Ctrl-C to stop.',
  ];
  return lines.join('\n');
}

/** `okta-bedrock simulator`: runs the Okta + STS + Bedrock simulator until Ctrl-C, printing how to use it. */
export async function runSimulator(flags: SimulatorFlags, ctx: CliContext): Promise<number> {
  const oktaPort = Number(flags.port ?? 0);
  if (!Number.isInteger(oktaPort) || oktaPort < 0 || oktaPort > 65535) {
    throw new UsageError(`--port must be a port number from 0 to 65535 (got ${flags.port})`);
  }
  let base = {};
  if (flags.scenario !== undefined) {
    const content = await readTextIfExists(flags.scenario);
    if (content === undefined) throw new UsageError(`Cannot read the scenario file ${flags.scenario}`);
    base = parseScenarioFile(content, flags.scenario);
  }
  const options = applySwitches(base, flags);
  const sim = await startSimulator({ ...options, oktaPort });
  const info = describe(sim);
  ctx.out(flags.json ? JSON.stringify(info, null, 2) : text(sim, info));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
