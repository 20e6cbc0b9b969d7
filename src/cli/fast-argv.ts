/**
 * The command lines the fast path (cli/fast.ts) may answer, parsed the way commander parses
 * them for the full CLI. Anything else — another command, an option it does not know (--help,
 * --debug, flags added later), a missing value — is `undefined`: the full CLI takes over.
 */
export type FastCommand = 'credential-process' | 'env' | 'exec';

export interface FastArgs {
  command: FastCommand;
  /** --name value / --name=value options, and `true` for the boolean ones given. */
  options: Partial<Record<string, string | true>>;
  /** exec: the command and its arguments. */
  rest: string[];
}

interface Spec {
  values: readonly string[];
  flags: readonly string[];
  /** Takes a command after `--` or the first non-option (exec's passThroughOptions). */
  rest?: boolean;
}

const SPECS: Record<FastCommand, Spec> = {
  // --no-input changes nothing on a cache hit (nothing is asked): the warm path serves it too.
  'credential-process': { values: ['profile'], flags: ['quiet', 'no-input'] },
  env: { values: ['profile', 'region', 'format'], flags: ['json', 'quiet', 'no-input'] },
  exec: { values: ['profile', 'region'], flags: ['quiet', 'no-input'], rest: true },
};

export function parseFastArgv(argv: readonly string[]): FastArgs | undefined {
  const command = argv[0] as FastCommand;
  const spec = Object.hasOwn(SPECS, command) ? SPECS[command] : undefined;
  if (!spec) return undefined;
  const options: FastArgs['options'] = {};
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (spec.rest && (arg === '--' || !arg.startsWith('-'))) {
      const rest = argv.slice(arg === '--' ? i + 1 : i);
      return rest.length > 0 ? { command, options, rest } : undefined;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) return undefined;
    const [, name, inline] = m as unknown as [string, string, string | undefined];
    if (spec.flags.includes(name) && inline === undefined) {
      options[name] = true;
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[++i];
      // A value that looks like an option, or none: let commander decide what the user meant.
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('-'))) return undefined;
      options[name] = value;
    } else {
      return undefined;
    }
  }
  return spec.rest ? undefined : { command, options, rest: [] };
}
