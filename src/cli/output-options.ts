import type { Command } from 'commander';

/** --debug, --quiet and --no-input on every command; --json on those that print data. */
export function addOutputOptions(cmd: Command, options: { json?: string } = {}): Command {
  cmd
    .option('--debug', 'show debug detail on stderr (secrets are masked)')
    .option('--quiet', 'only warnings and errors on stderr')
    .option('--no-input', 'never prompt or open the terminal: fail with what to run instead (also OKTA_BEDROCK_NO_INPUT=1)');
  if (options.json) cmd.option('--json', options.json);
  return cmd;
}

/** The "Examples:" block at the end of a command's --help. */
export function examples(cmd: Command, lines: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}
