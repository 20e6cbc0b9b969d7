import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../config/resolve.js';
import { login } from '../../core/login.js';
import { getCallerIdentity } from '../../aws/sts.js';
import { readTextIfExists } from '../../platform/fs.js';
import { mask } from '../../platform/log.js';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, GATEWAY_ROLE_ARN, defaultUser, startSimulator } from '../../simulator/index.js';
import type { CliContext } from '../context.js';
import { loginSummary, saveCredentials } from './login.js';

export interface DemoFlags {
  credentialsFile?: string;
  factor?: string;
  /** Sign in through the IDX API against the simulator's Identity Engine mode. */
  idx?: boolean;
  debug?: boolean;
  json?: boolean;
}

/** Masks the secret values of a credentials file for display. */
export function maskCredentialsText(text: string): string {
  return text.replace(
    /^(\s*(?:aws_access_key_id|aws_secret_access_key|aws_session_token)\s*=\s*)(\S+)\s*$/gm,
    (_, key: string, value: string) => `${key}${mask(value)}`,
  );
}

/** `okta-bedrock demo`: the whole login against the built-in simulator, in a temporary HOME. */
export async function runDemo(flags: DemoFlags, ctx: CliContext): Promise<number> {
  const { log } = ctx;
  log.info('Starting the local Okta + STS simulator…');
  // IDX mode: Identity Engine sign-in with a number challenge on the push and keep-me-signed-in, polls every 1 s.
  const sim = await startSimulator(flags.idx ? { scenario: { idx: true, idxPollRefreshMs: 1000, numberChallenge: 42, idxKeepMeSignedIn: true } } : {});
  // The temporary HOME holds the simulator's credentials: removed when the demo ends (kept only with --credentials-file).
  let tempDir: string | undefined;
  try {
    log.info(`  Okta: ${sim.oktaUrl}`);
    log.info(`  STS:  ${sim.stsUrl}`);
    const file = flags.credentialsFile ?? join((tempDir = await mkdtemp(join(tmpdir(), 'okta-bedrock-demo-'))), '.aws', 'credentials');
    const factor = flags.factor === 'push' ? 'push' : 'totp';
    const settings: Settings = {
      profile: 'default',
      orgUrl: sim.oktaUrl,
      username: defaultUser.login,
      appid: `${DEFAULT_APP_ID}/272`,
      accounts: [],
      role: GATEWAY_ROLE_ARN,
      assumeRoleArn: BEDROCK_ROLE_ARN,
      assumeRoleDurationSeconds: 3600,
      region: 'us-east-1',
      factor,
      passwordCache: false,
      reup: false,
      refreshBeforeSeconds: 900,
      authFlow: flags.idx ? 'idx' : 'classic',
      httpTimeoutSeconds: 30,
    };
    if (flags.idx) log.info('Okta Identity Engine: signing in through the IDX API (/idp/idx/*), as the Okta Sign-In Widget does');
    log.info(`Logging in as ${defaultUser.login} with the simulator's password and a generated ${factor === 'push' ? 'push approval' : 'TOTP code'}`);
    const deps = { ...ctx.deps(), stsEndpoint: sim.stsUrl, factorTiming: { pollIntervalMs: 200 }, oktaMemory: undefined };
    const outcome = await login({ settings, password: async () => defaultUser.password, passcode: factor === 'totp' ? sim.totp() : undefined }, deps);
    await saveCredentials(outcome, settings, file, ctx);
    const identity = await getCallerIdentity({ region: settings.region, endpoint: sim.stsUrl }, outcome.credentials);
    const stsRequests = sim.requests.filter((r) => r.service === 'sts').length;
    log.info(`GetCallerIdentity: ${identity.arn}`);
    log.info(`Okta requests: ${outcome.oktaRequests}; STS requests: ${stsRequests}`);
    const text = (await readTextIfExists(file)) ?? '';
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          { ...loginSummary(outcome, settings, file, ctx.clock.now()), callerArn: identity.arn, oktaRequests: outcome.oktaRequests, stsRequests },
          null,
          2,
        ),
      );
    } else {
      ctx.out(`# ${file}${tempDir ? ' (temporary: removed when the demo ends)' : ''}\n${maskCredentialsText(text)}`);
    }
    log.info('Demo complete: this is what `okta-bedrock login` does against your real Okta org.');
    return 0;
  } finally {
    await sim.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
