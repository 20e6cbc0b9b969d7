import { resolve } from 'node:path';
import { describeChange, diffValues } from '../../config/changes.js';
import { loadConfig, parseConfig } from '../../config/load.js';
import { resolveSettings } from '../../config/resolve.js';
import { editConfigText, writeConfigFile } from '../../config/write.js';
import { runConfigWizard, WIZARD_KEYS } from '../../core/config-wizard.js';
import { saveLoginToCache } from '../../core/refresh.js';
import { UsageError } from '../../errors.js';
import { readTextIfExists } from '../../platform/fs.js';
import { displayPath } from '../../platform/paths.js';
import { CacheStore } from '../../store/cache.js';
import type { CliContext } from '../context.js';
import { deviceCodeDisplay } from '../device-code.js';
import { keychainUsable } from '../keychain.js';
import { timeText } from '../format.js';
import { saveCredentials } from './login.js';
import { runSetupAws } from './setup-aws.js';

export interface ConfigFlags {
  importKeyman?: string | boolean;
  force?: boolean;
  dryRun?: boolean;
  config?: string;
  json?: boolean;
  debug?: boolean;
  quiet?: boolean;
}

const NEW_FILE_HEADER =
  ' okta-bedrock config, written by `okta-bedrock config` (re-run it to change the answers).\n Every key is described in config.example.yml; flags override these values.';

/**
 * `okta-bedrock config`: the first-run wizard. Asks, logs in to list apps and roles, writes the
 * config (keeping an existing file's comments), caches the login, offers `setup-aws`, and ends
 * with `doctor` when this build has it.
 */
export async function runConfigCommand(flags: ConfigFlags, ctx: CliContext): Promise<number> {
  if (flags.importKeyman !== undefined) return (await import('./config-import.js')).runImportKeyman(flags, ctx);
  if (flags.force || flags.dryRun || flags.json) throw new UsageError('--force, --dry-run and --json go with --import-keyman');
  const { log, paths } = ctx;
  const prompter = ctx.prompter();
  if (!prompter.interactive) {
    throw new UsageError(
      'The config wizard needs a terminal — run it in one, use `okta-bedrock config --import-keyman`, or write ~/.config/okta-bedrock/config.yml (see config.example.yml)',
    );
  }
  const target = flags.config ? resolve(flags.config) : paths.configFile;
  const shown = displayPath(target, paths.home);
  const existing = await readTextIfExists(target);
  const current = await loadConfig({ defaultPath: target, keymanPath: paths.keymanConfigFile });
  for (const w of current.warnings) log.warn(w);
  if (existing !== undefined) log.info(`Editing ${shown} — Enter keeps the current answer.`);
  else if (current.keyman)
    log.info(`Starting from your aws_okta_keyman settings (${displayPath(current.path ?? '', paths.home)}); the new config goes to ${shown}.`);
  else log.info(`No config yet; the answers go to ${shown}.`);
  log.info('You will sign in to Okta once, to pick your AWS app and role. Ctrl-C quits without changing anything.');

  const deps = {
    ...ctx.deps(),
    prompter,
    env: ctx.env,
    cacheDir: paths.cacheDir,
    keychain: keychainUsable,
    showDeviceCode: deviceCodeDisplay({
      write: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
      now: () => ctx.clock.now(),
      log,
      env: ctx.env,
    }),
  };
  const { values, outcome } = await runConfigWizard(current.top, deps);

  const text = await editConfigText(existing, values, NEW_FILE_HEADER);
  await writeConfigFile(target, text);
  const changes = diffValues(existing === undefined ? {} : current.top, values, WIZARD_KEYS);
  log.info(`Wrote ${shown}${changes.length === 0 ? ' (no changes)' : ''}`);
  for (const c of changes) log.info(`  ${describeChange(c)}`);

  const settings = resolveSettings(await parseConfig(text, target, false), {}, ctx.env);
  await saveLoginToCache(new CacheStore(paths.cacheDir), settings, outcome, outcome.cookies, deps);
  const awsConfig = displayPath(paths.awsConfigFile, paths.home);
  const viaProcess = await prompter.confirm(
    `Set up profile "${settings.profile}" in ${awsConfig} to fetch and refresh credentials through okta-bedrock (credential_process)?`,
    true,
  );
  if (viaProcess) {
    await runSetupAws({ profile: settings.profile, region: settings.region, config: target }, ctx);
    log.info(`Logged in: the cached credentials expire ${timeText(outcome.credentials.expiration, ctx.clock.now())} and then refresh by themselves.`);
  } else {
    await saveCredentials(outcome, settings, paths.awsCredentialsFile, ctx);
  }

  const { commandNames, main } = await import('../main.js');
  if (commandNames().includes('doctor')) {
    log.info('Checking everything with `okta-bedrock doctor`:');
    return main(['doctor', '--profile', settings.profile]);
  }
  log.info(viaProcess ? 'Done.' : `Done. Try: aws sts get-caller-identity --profile ${settings.profile}`);
  return 0;
}
