/**
 * The commands the fast path (fast.ts) could not answer from the cache — credential-process,
 * env and exec with the simple command lines fast-argv.ts accepts — run here without commander
 * (the whole command tree and its help texts): a refresh under credential_process pays only for
 * the refresh. Anything fast-argv.ts does not accept goes to main.ts as before.
 */
import { parseFastArgv, type FastCommand } from './fast-argv.js';
import { runAction, type Action } from './run-action.js';

type Flags = Record<string, string | boolean | undefined>;

const ACTIONS: Record<FastCommand, () => Promise<Action<Flags>>> = {
  'credential-process': async () => (await import('./commands/credential-process.js')).runCredentialProcess,
  env: async () => (await import('./commands/env.js')).runEnv,
  exec: async () => (await import('./commands/exec.js')).runExec,
};

/** The flags as commander gives them to an action: `--no-input` → `input: false`, `--dry-run` → `dryRun`. */
export function commanderFlags(options: Partial<Record<string, string | true>>): Flags {
  const flags: Flags = {};
  for (const [name, value] of Object.entries(options)) {
    if (name.startsWith('no-') && value === true) flags[camel(name.slice(3))] = false;
    else flags[camel(name)] = value;
  }
  return flags;
}

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The exit code, or undefined when main.ts must parse this command line. */
export async function direct(argv: string[]): Promise<number | undefined> {
  const args = parseFastArgv(argv);
  if (!args) return undefined;
  return runAction(commanderFlags(args.options), ACTIONS[args.command], args.rest);
}
