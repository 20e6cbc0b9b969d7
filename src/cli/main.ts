import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import type { GlobalOptions } from './context.js';
import { declareCommands } from './command-tree.js';
import { examples } from './output-options.js';
import { reportError } from './run.js';
import { runAction, type Action } from './run-action.js';
import { VERSION } from './version.js';

export { VERSION };

/** Wraps a lazily imported command so only the chosen command's code is loaded. */
function run<F extends GlobalOptions>(load: () => Promise<Action<F>>, setCode: (c: number) => void) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    setCode(await runAction(cmd.optsWithGlobals() as F, load, cmd.args, cmd));
  };
}

export function buildProgram(setCode: (c: number) => void): Command {
  const program = new Command('okta-bedrock')
    .description('AWS credentials for Amazon Bedrock through Okta')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    // Before the commands are added, so they inherit it: usage errors throw (exit 2) instead of exiting 1.
    .exitOverride();
  examples(program, [
    'okta-bedrock config                  # first run: a wizard that logs you in and writes the config',
    'okta-bedrock config --import-keyman  # switch from aws_okta_keyman',
    'okta-bedrock login',
    'okta-bedrock <command> --help',
  ]);

  declareCommands(program, (load) => run(load, setCode));
  return program;
}

/** The names of the commands this build has (the wizard runs `doctor` only when it exists). */
export function commandNames(): string[] {
  return buildProgram(() => undefined).commands.map((c) => c.name());
}

export async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(e, { debug: argv.includes('--debug') });
  }
  return code;
}
