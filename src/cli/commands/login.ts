import { loadConfig } from '../../config/load.js';
import { resolveSettings, type Settings } from '../../config/resolve.js';
import type { LoginOutcome } from '../../core/login.js';
import { UsageError } from '../../errors.js';
import { mask } from '../../platform/log.js';
import { displayPath } from '../../platform/paths.js';
import { refuseNonRegular } from '../../platform/fs.js';
import { saveLoginToCache } from '../../core/refresh.js';
import { CacheStore } from '../../store/cache.js';
import { writeCredentialsProfile } from '../../store/credentials-file.js';
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
}

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

/** Writes the credentials and prints what keyman users are used to seeing. */
export async function saveCredentials(outcome: LoginOutcome, settings: Settings, file: string, ctx: CliContext): Promise<void> {
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
  const { outcome, typed } = await loginWithKeychain(flags, ctx, settings, deps, passwordSource(flags, ctx, () => settings.username), {
    cacheDir: ctx.paths.cacheDir,
    showDeviceCode: deviceCodeDisplay({
      qr: flags.qr,
      open: flags.open,
      write: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
      now: () => ctx.clock.now(),
      log: ctx.log,
      env: ctx.env,
    }),
  });
  await saveCredentials(outcome, settings, file, ctx);
  await saveLoginToCache(new CacheStore(ctx.paths.cacheDir), settings, outcome, outcome.cookies, deps);
  if (ctx.json) ctx.out(JSON.stringify(loginSummary(outcome, settings, file, ctx.clock.now()), null, 2));
  if (flags.reup || settings.reup) {
    const { runReup } = await import('../reup.js');
    return runReup(ctx, settings, { config: flags.config, credentialsFile: file, typedPassword: typed });
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
