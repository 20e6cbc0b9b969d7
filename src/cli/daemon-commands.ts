import type { Command } from 'commander';
import type { CliContext, GlobalOptions } from './context.js';
import { addOutputOptions, examples } from './output-options.js';

type Action<F> = (flags: F, ctx: CliContext, args: string[]) => Promise<number>;
/** main.ts's lazy-loading action wrapper. */
export type Wrap = <F extends GlobalOptions>(load: () => Promise<Action<F>>) => (...args: unknown[]) => Promise<void>;

const PROFILE_HELP = 'profiles to keep fresh, comma-separated (default: every profile you logged in to)';

/** `okta-bedrock daemon start|stop|status|run|install|uninstall`. */
export function addDaemonCommands(program: Command, run: Wrap): void {
  const daemon = addOutputOptions(program.command('daemon').description('background refresh: keep credentials fresh and the Okta session alive all day'));
  examples(daemon, [
    'okta-bedrock daemon start                       # every profile you logged in to',
    'okta-bedrock daemon start --profile default,bedrock',
    'okta-bedrock daemon status',
    'okta-bedrock daemon stop',
    'okta-bedrock daemon install                     # systemd user unit / launchd agent',
  ]);
  const refresher = (cmd: Command): Command =>
    addOutputOptions(
      cmd
        .option('--profile <A,B>', PROFILE_HELP)
        .option('--config <file>', 'config file')
        .option('--credentials-file <file>', 'write here instead of AWS_SHARED_CREDENTIALS_FILE / ~/.aws/credentials')
        .option('--password-cache', 'sign in again with the password in the OS keychain when the Okta session ends'),
    );

  const start = refresher(daemon.command('start').description('start the refresher in the background (one per user)'));
  examples(start, ['okta-bedrock daemon start', 'okta-bedrock daemon start --profile bedrock --password-cache']);
  start.action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStart));

  const stop = addOutputOptions(
    daemon
      .command('stop')
      .description('stop the background refresher')
      .option('--profile <A,B>', 'accepted like start\'s; there is one daemon per user, and it is stopped'),
  );
  examples(stop, ['okta-bedrock daemon stop']);
  stop.action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStop));

  const status = addOutputOptions(
    daemon
      .command('status')
      .description('is the refresher running, and the refresh state of each profile')
      .option('--profile <A,B>', 'only these profiles, comma-separated'),
    { json: 'JSON on stdout' },
  );
  examples(status, ['okta-bedrock daemon status', 'okta-bedrock daemon status --json', 'okta-bedrock daemon status --profile default,bedrock']);
  status.action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStatus));

  const runCmd = refresher(daemon.command('run').description('run the refresher in the foreground (what `start` and the service run)'));
  examples(runCmd, ['okta-bedrock daemon run --profile default --debug']);
  runCmd.action(run(async () => (await import('./commands/daemon-run.js')).runDaemonRun));

  const install = refresher(daemon.command('install').description('write a systemd user unit (Linux) or launchd agent (macOS) and print how to enable it'));
  install.option('--dry-run', 'print the unit instead of writing it');
  examples(install, ['okta-bedrock daemon install', 'okta-bedrock daemon install --profile bedrock --dry-run']);
  install.action(run(async () => (await import('./commands/daemon-service.js')).runDaemonInstall));

  const uninstall = addOutputOptions(daemon.command('uninstall').description('stop and remove the service written by `daemon install`'));
  examples(uninstall, ['okta-bedrock daemon uninstall']);
  uninstall.action(run(async () => (await import('./commands/daemon-service.js')).runDaemonUninstall));
}
