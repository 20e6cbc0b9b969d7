import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { completionScript, SHELLS, type Shell } from '../completion.js';
import type { CliContext } from '../context.js';

/** `okta-bedrock completion bash|zsh|fish`: the script on stdout, generated from the program's commands. */
export async function runCompletion(_flags: unknown, ctx: CliContext, args: string[], cmd: Command): Promise<number> {
  const shell = args[0] as Shell;
  if (!SHELLS.includes(shell)) throw new UsageError(`completion: the shell must be one of ${SHELLS.join(', ')}`);
  const program = cmd.parent;
  if (!program) throw new Error('completion: no program');
  ctx.out(completionScript(shell, program));
  return 0;
}
