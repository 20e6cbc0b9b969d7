import { loadConfig } from '../../config/load.js';
import { resolveSettings, type Settings } from '../../config/resolve.js';
import type { LoginOutcome } from '../../core/login.js';
import { UsageError } from '../../errors.js';
import { mask } from '../../platform/log.js';
import { displayPath } from '../../platform/paths.js';
import { refuseNonRegular } from '../../platform/fs.js';
import { saveLoginToCache } from '../../core/refresh.js';
import { loginFromSession } from '../../core/session-login.js';
import { passwordAccount } from '../../store/secrets/types.js';
import { keychain } from '../keychain.js';
import { CacheStore } from '../../store/cache.js';
import { removeOurCredentials, writeCredentialsProfile } from '../../store/credentials-file.js';
import { readConfigProfile } from '../../store/aws-config-file.js';
import { isOurCredentialProcess } from '../../store/credential-process-line.js';
import type { CliContext } from '../context.js';
import { deviceCodeDisplay } from '../device-code.js';
import { expiresLine, isoSeconds } from '../format.js';
import { loginWithKeychain } from '../login-keychain.js';
import { overridesFrom, type LoginFlags } from '../login-options.js';

export interface LoginCommandFlags extends LoginFlags {
  credentialsFile?: string;
  /** Keep the password in the OS keychain (overrides config `password_cache`). */
  passwordCache?: boolean;
  /** Forget the keychain password and ask again. */
  passwordReset?: boolean;
  /** Stay in the foreground and keep the credentials fresh (keyman's --reup). */
  reup?: boolean;
  /** Sign in afresh even with a live Okta session for this org + user. */
  force?: boolean;
}

const hhmm = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export async function loadSettings(flags: LoginFlags, ctx: CliContext): Promise<Settings> {
  const config = await loadConfig({
    explicitPath: flags.config,
    defaultPath: ctx.paths.configFile,
    keymanPath: ctx.paths.keymanConfigFile,
  });
  for (const w of config.warnings) ctx.log.warn(w);
  if (config.keyman) ctx.log.debug(`Using aws_okta_keyman config ${config.path}`);
  else ctx.log.debug(`config: ${config.path ?? '(none)'}`);
  const settings = resolveSettings(config, overridesFrom(flags), ctx.env);
  const shown = { ...settings, accounts: settings.accounts.length };
  ctx.log.debug(`settings: ${JSON.stringify(shown)}`);
  return settings;
}

/** The password: --password-stdin, else a hidden prompt (no terminal → a clear error). */
export function passwordSource(flags: LoginFlags, ctx: CliContext, username: () => string | undefined): () => Promise<string> {
  return async () => {
    if (flags.passwordStdin) {
      const line = await ctx.readStdinLine();
      if (!line) throw new UsageError('--password-stdin: stdin was empty');
      return line;
    }
    const prompter = ctx.prompter();
    return prompter.password(`Okta password for ${username() ?? 'you'}:`);
  };
}

/** Whether the profile's ~/.aws/config entry runs our credential_process (then static keys would shadow it). */
export async function usesOurCredentialProcess(ctx: CliContext, profile: string): Promise<boolean> {
  const section = await readConfigProfile(ctx.paths.awsConfigFile, profile).catch(() => undefined);
  return isOurCredentialProcess(section?.credential_process);
}

/**
 * Writes the credentials and prints what keyman users are used to seeing. A profile whose AWS
 * config uses our credential_process gets no static keys (the AWS CLI would read them first and
 * fail with ExpiredToken an hour later): only the cache is filled, and keys we wrote earlier are removed.
 */
export async function saveCredentials(outcome: LoginOutcome, settings: Settings, file: string, ctx: CliContext, explicitFile = false): Promise<void> {
  if (!explicitFile && (await usesOurCredentialProcess(ctx, settings.profile))) {
    const shown = displayPath(file, ctx.paths.home);
    if (await removeOurCredentials(file, settings.profile)) {
      ctx.log.info(`Removed the static keys okta-bedrock wrote earlier for [${settings.profile}] from ${shown}: they would shadow credential_process`);
    }
    ctx.log.info(`Profile "${settings.profile}" uses credential_process: credentials are in the okta-bedrock cache, not ${shown}`);
    ctx.log.info(expiresLine(outcome.credentials.expiration, ctx.clock.now()));
    return;
  }
  await writeCredentialsProfile(file, settings.profile, outcome.credentials);
  ctx.log.info(`Wrote profile "${settings.profile}" to ${displayPath(file, ctx.paths.home)}`);
  ctx.log.info(expiresLine(outcome.credentials.expiration, ctx.clock.now()));
}

export async function runLogin(flags: LoginCommandFlags, ctx: CliContext): Promise<number> {
  const settings = await loadSettings(flags, ctx);
  if (flags.passwordCache !== undefined) settings.passwordCache = flags.passwordCache;
  const file = flags.credentialsFile ?? ctx.paths.awsCredentialsFile;
  // Before the password, MFA and STS: a credentials path we would refuse to write (/dev/null, a FIFO, a dangling link).
  await refuseNonRegular(file);
  const deps = ctx.deps({ timeoutSeconds: settings.httpTimeoutSeconds, stdinAnswers: Boolean(flags.passwordStdin) });
  const store = new CacheStore(ctx.paths.cacheDir);
  // One Okta session per org + user: a live one is used for this profile too, unless --force.
  // --force, --password-reset, or a password cache still empty (it is filled by a sign-in with the password): sign in.
  const fillCache =
    settings.passwordCache && settings.username !== undefined && (await keychain(ctx).get(passwordAccount(settings.username, settings.orgUrl))) === undefined;
  const reused = flags.force || flags.passwordReset || fillCache ? undefined : await loginFromSession(settings, store, deps);
  let outcome: LoginOutcome;
  let typed: string | undefined;
  if (reused) {
    ctx.log.info(`Using your Okta session (expires ${hhmm(reused.expiresAt)})`);
    ctx.log.info(`Assumed role ${reused.outcome.role.roleArn}${settings.assumeRoleArn ? ` and ${settings.assumeRoleArn}` : ''}`);
    outcome = reused.outcome;
  } else {
    ({ outcome, typed } = await loginWithKeychain(
      flags,
      ctx,
      settings,
      deps,
      passwordSource(flags, ctx, () => settings.username),
      {
        cacheDir: ctx.paths.cacheDir,
        showDeviceCode: deviceCodeDisplay({
          qr: flags.qr,
          open: flags.open,
          write: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
          now: () => ctx.clock.now(),
          log: ctx.log,
          env: ctx.env,
        }),
      },
    ));
  }
  await saveCredentials(outcome, settings, file, ctx, flags.credentialsFile !== undefined);
  await saveLoginToCache(store, settings, outcome, outcome.cookies, deps);
  if (ctx.json) ctx.out(JSON.stringify(loginSummary(outcome, settings, file, ctx.clock.now()), null, 2));
  if (flags.reup || settings.reup) {
    const { runReup } = await import('../reup.js');
    // A credential_process profile gets no static keys from --reup either (the refresher checks ~/.aws/config).
    return runReup(ctx, settings, { config: flags.config, credentialsFile: flags.credentialsFile, typedPassword: typed });
  }
  return 0;
}

/** `login --json`: what was written, without secrets (the key id is masked). */
export function loginSummary(outcome: LoginOutcome, settings: Settings, file: string, now: Date): Record<string, unknown> {
  const exp = outcome.credentials.expiration;
  return {
    profile: settings.profile,
    credentialsFile: file,
    username: outcome.username,
    orgUrl: settings.orgUrl,
    app: outcome.app?.label,
    role: outcome.role.roleArn,
    chainedRole: outcome.chained ? settings.assumeRoleArn : undefined,
    assumedRoleArn: (outcome.chained ?? outcome.gateway).assumedRoleArn,
    accessKeyId: mask(outcome.credentials.accessKeyId),
    region: settings.region,
    expiration: isoSeconds(exp),
    expiresInSeconds: Math.max(0, Math.round((exp.getTime() - now.getTime()) / 1000)),
  };
}
