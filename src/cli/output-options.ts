import type { Command } from 'commander';

/** --debug and --quiet on every command; --json on those that print data. */
export function addOutputOptions(cmd: Command, options: { json?: string } = {}): Command {
  cmd.option('--debug', 'show debug detail on stderr (secrets are masked)').option('--quiet', 'only warnings and errors on stderr');
  if (options.json) cmd.option('--json', options.json);
  return cmd;
}

/** The "Examples:" block at the end of a command's --help. */
export function examples(cmd: Command, lines: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}
