import { afterAll, beforeAll, beforeEach } from 'vitest';
import { BEDROCK_ROLE_ARN, defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runCli, tempHome, type CliResult, type TempHome } from '../helpers/cli.js';

/** The environment that points the CLI at the simulator's STS, Bedrock and sign-in endpoints. */
export function simEnv(sim: Simulator, home: TempHome, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...home.env,
    AWS_ENDPOINT_URL_STS: sim.stsUrl,
    AWS_ENDPOINT_URL_BEDROCK: sim.bedrockUrl,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: sim.bedrockRuntimeUrl,
    OKTA_BEDROCK_FEDERATION_URL: sim.federationUrl,
    ...extra,
  };
}

/** `okta-bedrock login` as a person would run it: Okta Verify push (a TOTP code works only once), chaining into the Bedrock role. */
export async function loginProfile(sim: Simulator, home: TempHome, profile = 'bedrock'): Promise<CliResult> {
  const r = await runCli(
    [
      'login',
      '--org',
      sim.oktaUrl,
      '--username',
      defaultUser.login,
      '--password-stdin',
      '--factor',
      'push',
      '--profile',
      profile,
      '--assume-role-arn',
      BEDROCK_ROLE_ARN,
    ],
    { env: simEnv(sim, home, { OKTA_BEDROCK_POLL_INTERVAL_MS: '20' }), input: `${defaultUser.password}\n` },
  );
  if (r.code !== 0) throw new Error(`login failed: ${r.stderr}`);
  return r;
}

/** The access key id the credentials file holds for a profile. */
export function keyIdIn(credentialsText: string, profile: string): string {
  const section = credentialsText.split(/^\[/m).find((s) => s.startsWith(`${profile}]`)) ?? '';
  return /aws_access_key_id = (\S+)/.exec(section)?.[1] ?? '';
}

/** One simulator and one temp HOME logged in to profile `bedrock`, shared by a whole test file. */
export interface BedrockE2e {
  sim: Simulator;
  home: TempHome;
}

/** Sets up a `BedrockE2e` for the file; with `resetDenials`, each test starts with no Bedrock access denied. */
export function useBedrockE2e(options: { resetDenials?: boolean } = {}): BedrockE2e {
  const t = {} as BedrockE2e;
  beforeAll(async () => {
    t.sim = await startSimulator();
    t.home = await tempHome();
    await loginProfile(t.sim, t.home);
  });
  afterAll(async () => {
    await t.sim.close();
  });
  if (options.resetDenials) {
    beforeEach(() => {
      t.sim.scenario.bedrockDeniedActions = [];
      t.sim.scenario.bedrockModelAccessDenied = [];
    });
  }
  return t;
}
