import type { Command } from 'commander';
import type { Wrap } from './daemon-commands.js';
import { addOutputOptions, examples } from './output-options.js';

/** `okta-bedrock status` and `okta-bedrock logout`: what is cached for each profile, and removing it. */
export function addSessionCommands(program: Command, run: Wrap): void {
  const overview = addOutputOptions(
    program
      .command('status')
      .description('show each profile: credential expiry, Okta session expiry, daemon state, last refresh and error')
      .option('--profile <name>', 'only this profile'),
    { json: 'JSON on stdout' },
  );
  examples(overview, ['okta-bedrock status', 'okta-bedrock status --json --profile bedrock']);
  overview.action(run(async () => (await import('./commands/status.js')).runStatus));

  const logout = addOutputOptions(
    program
      .command('logout')
      .description('end the Okta session and remove the cached session and credentials')
      .option('--profile <name>', 'profile to log out (default: config `profile`, else "default")')
      .option('--all', 'every cached profile')
      .option('--forget-password', 'also remove the Okta password from the OS keychain')
      .option('--config <file>', 'config file'),
  );
  examples(logout, ['okta-bedrock logout', 'okta-bedrock logout --profile bedrock --forget-password', 'okta-bedrock logout --all']);
  logout.action(run(async () => (await import('./commands/logout.js')).runLogout));
}
