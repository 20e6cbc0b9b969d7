import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, defaultUser, startSimulator } from '../../simulator/index.js';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';

export interface SimulatorFlags {
  port?: string;
  debug?: boolean;
  /** Accepted for symmetry: the output is always JSON. */
  json?: boolean;
}

/** `okta-bedrock simulator`: runs the Okta + STS simulator until Ctrl-C, printing how to use it. */
export async function runSimulator(flags: SimulatorFlags, ctx: CliContext): Promise<number> {
  const oktaPort = Number(flags.port ?? 0);
  if (!Number.isInteger(oktaPort) || oktaPort < 0 || oktaPort > 65535) {
    throw new UsageError(`--port must be a port number from 0 to 65535 (got ${flags.port})`);
  }
  const sim = await startSimulator({ oktaPort });
  ctx.out(
    JSON.stringify(
      {
        oktaUrl: sim.oktaUrl,
        stsUrl: sim.stsUrl,
        bedrockUrl: sim.bedrockUrl,
        bedrockRuntimeUrl: sim.bedrockRuntimeUrl,
        federationUrl: sim.federationUrl,
        username: defaultUser.login,
        password: defaultUser.password,
        appid: `${DEFAULT_APP_ID}/272`,
        bedrockRoleArn: BEDROCK_ROLE_ARN,
      },
      null,
      2,
    ),
  );
  ctx.log.info(`Try: AWS_ENDPOINT_URL_STS=${sim.stsUrl} okta-bedrock login --org ${sim.oktaUrl} --username ${defaultUser.login} --factor totp`);
  ctx.log.info(
    `Then: AWS_ENDPOINT_URL_BEDROCK=${sim.bedrockUrl} AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${sim.bedrockRuntimeUrl} OKTA_BEDROCK_FEDERATION_URL=${sim.federationUrl} okta-bedrock test`,
  );
  ctx.log.info(`TOTP secret (base32) for an authenticator: ${defaultUser.totpSecret}`);
  ctx.log.info('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
