import type { Command } from 'commander';
import type { CliContext, GlobalOptions } from './context.js';

type Action<F> = (flags: F, ctx: CliContext, args: string[]) => Promise<number>;
/** main.ts `run`: lazily loads a command's action and records its exit code. */
export type Wrap = <F extends GlobalOptions>(load: () => Promise<Action<F>>) => (...args: unknown[]) => Promise<void>;

const PROFILE_HELP = 'profiles to keep fresh, comma-separated (default: every profile you logged in to)';

/** `okta-bedrock daemon start|stop|status|run|install|uninstall`. */
export function addDaemonCommands(program: Command, run: Wrap): void {
  const daemon = program
    .command('daemon')
    .description('background refresh: keep credentials fresh and the Okta session alive all day')
    .addHelpText(
      'after',
      `
Examples:
  okta-bedrock daemon start                       # every profile you logged in to
  okta-bedrock daemon start --profile default,bedrock
  okta-bedrock daemon status
  okta-bedrock daemon stop
  okta-bedrock daemon install                     # systemd user unit / launchd agent`,
    );
  const common = (cmd: Command): Command =>
    cmd
      .option('--profile <A,B>', PROFILE_HELP)
      .option('--config <file>', 'config file')
      .option('--credentials-file <file>', 'write here instead of AWS_SHARED_CREDENTIALS_FILE / ~/.aws/credentials')
      .option('--password-cache', 'sign in again with the password in the OS keychain when the Okta session ends')
      .option('--debug', 'debug detail in the log');
  common(daemon.command('start').description('start the refresher in the background (one per user)'))
    .addHelpText('after', '\nExamples:\n  okta-bedrock daemon start\n  okta-bedrock daemon start --profile bedrock --password-cache')
    .action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStart));
  daemon
    .command('stop')
    .description('stop the background refresher')
    .option('--debug', 'debug output on stderr')
    .addHelpText('after', '\nExample:\n  okta-bedrock daemon stop')
    .action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStop));
  daemon
    .command('status')
    .description('is the refresher running, and the refresh state of each profile')
    .option('--json', 'print JSON')
    .option('--debug', 'debug output on stderr')
    .addHelpText('after', '\nExamples:\n  okta-bedrock daemon status\n  okta-bedrock daemon status --json')
    .action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStatus));
  common(daemon.command('run').description('run the refresher in the foreground (what `start` and the service run)'))
    .addHelpText('after', '\nExample:\n  okta-bedrock daemon run --profile default --debug')
    .action(run(async () => (await import('./commands/daemon-run.js')).runDaemonRun));
  common(daemon.command('install').description('write a systemd user unit (Linux) or launchd agent (macOS) and print how to enable it'))
    .option('--dry-run', 'print the unit instead of writing it')
    .addHelpText('after', '\nExamples:\n  okta-bedrock daemon install\n  okta-bedrock daemon install --profile bedrock --dry-run')
    .action(run(async () => (await import('./commands/daemon-service.js')).runDaemonInstall));
  daemon
    .command('uninstall')
    .description('stop and remove the service written by `daemon install`')
    .option('--debug', 'debug output on stderr')
    .addHelpText('after', '\nExample:\n  okta-bedrock daemon uninstall')
    .action(run(async () => (await import('./commands/daemon-service.js')).runDaemonUninstall));
}
