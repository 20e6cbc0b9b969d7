import type { Argument, Command, Option } from 'commander';

/**
 * Shell completion scripts generated from the commander program tree, so every command, flag
 * and choice the CLI has is completed, and nothing it lacks. Commander has no generator of its
 * own and the completion packages want a runtime hook in the CLI; static scripts start faster.
 */
export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

interface FlagSpec {
  long: string;
  short?: string;
  description: string;
  /** Takes a value (`--org <org>`). */
  takesValue: boolean;
  /** The value is a path (`<file>`, `[path]`). */
  file: boolean;
  choices: readonly string[];
}

interface ArgSpec {
  name: string;
  variadic: boolean;
  file: boolean;
  choices: readonly string[];
}

interface CommandSpec {
  /** Names from the root, e.g. ['daemon', 'start']; [] for the root. */
  path: string[];
  name: string;
  description: string;
  flags: FlagSpec[];
  args: ArgSpec[];
  subcommands: CommandSpec[];
}

const FILE_VALUE = /[<[](file|path|dir)[\]>]/i;

function flagSpec(o: Option): FlagSpec | undefined {
  if (o.hidden || !o.long) return undefined;
  const takesValue = Boolean(o.required || o.optional);
  return {
    long: o.long,
    short: o.short,
    description: o.description ?? '',
    takesValue,
    file: takesValue && FILE_VALUE.test(o.flags),
    choices: o.argChoices ?? [],
  };
}

function argSpec(a: Argument): ArgSpec {
  return { name: a.name(), variadic: a.variadic, file: /file|path|dir/i.test(a.name()), choices: a.argChoices ?? [] };
}

function commandSpec(cmd: Command, path: string[]): CommandSpec {
  const flags = cmd.options.map(flagSpec).filter((f): f is FlagSpec => f !== undefined);
  flags.push({ long: '--help', short: '-h', description: 'show help', takesValue: false, file: false, choices: [] });
  return {
    path,
    name: cmd.name(),
    description: cmd.description(),
    flags,
    args: cmd.registeredArguments.map(argSpec),
    subcommands: cmd.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden).map((c) => commandSpec(c, [...path, c.name()])),
  };
}

function allCommands(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.subcommands.flatMap(allCommands)];
}

/** Single-quoted for sh/zsh/fish: 'it'\''s'. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function identifier(path: string[]): string {
  return ['_okta_bedrock', ...path].join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

function bash(root: CommandSpec, bin: string): string {
  const commands = allCommands(root);
  const known = commands.filter((c) => c.path.length > 0).map((c) => `" ${c.path.join(' ')}"`);
  const cases = commands.map((c) => {
    const words = [
      ...c.subcommands.map((s) => s.name),
      ...c.args.flatMap((a) => a.choices),
      ...c.flags.flatMap((f) => (f.short ? [f.long, f.short] : [f.long])),
    ];
    const valueCases = c.flags
      .filter((f) => f.takesValue)
      .map((f) => {
        const names = [f.long, f.short].filter(Boolean).join('|');
        const reply = f.choices.length
          ? `COMPREPLY=($(compgen -W ${sq(f.choices.join(' '))} -- "$cur"))`
          : f.file
            ? 'COMPREPLY=($(compgen -f -- "$cur"))'
            : 'COMPREPLY=()';
        return `        ${names}) ${reply}; return ;;`;
      });
    const fileArgs = c.args.some((a) => a.file) ? '\n      files=1' : '';
    const prevCase = valueCases.length ? `\n      case "$prev" in\n${valueCases.join('\n')}\n      esac` : '';
    return `    ${sq(c.path.length ? ' ' + c.path.join(' ') : '')})${prevCase}${fileArgs}\n      words=${sq(words.join(' '))} ;;`;
  });
  return `# ${bin} completion for bash, generated from its commands by \`${bin} completion bash\`.
# Load it now:      source <(${bin} completion bash)
# Or for good:      ${bin} completion bash > ~/.local/share/bash-completion/completions/${bin}
${identifier([])}() {
  local cur prev words="" path="" files=0 i w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ $w == -* ]] && continue
    case "$path $w" in
      ${known.join('|') || '""'}) path="$path $w" ;;
    esac
  done
  case "$path" in
${cases.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  if [[ $files == 1 && $cur != -* ]]; then COMPREPLY+=($(compgen -f -- "$cur")); fi
}
complete -F ${identifier([])} ${bin}
`;
}

/** zsh _arguments spec text: brackets and colons in descriptions are escaped. */
function zshDesc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/([[\]:])/g, '\\$1');
}

function zshFlag(f: FlagSpec): string[] {
  const action = f.choices.length ? `(${f.choices.join(' ')})` : f.file ? '_files' : ' ';
  const value = f.takesValue ? `:${f.long.slice(2)}:${action}` : '';
  const names = f.short ? [f.long, f.short] : [f.long];
  const exclusive = names.length > 1 ? `(${names.join(' ')})` : '';
  return names.map((n) => sq(`${exclusive}${n}${f.takesValue && n.startsWith('--') ? '=' : ''}[${zshDesc(f.description)}]${value}`));
}

function zsh(root: CommandSpec, bin: string): string {
  const fns = allCommands(root).map((c) => {
    const flagSpecs = c.flags.flatMap(zshFlag);
    if (c.subcommands.length === 0) {
      const args = c.args.map((a, i) => {
        const action = a.choices.length ? `(${a.choices.join(' ')})` : a.file ? '_files' : ' ';
        return sq(`${a.variadic ? '*' : String(i + 1)}:${a.name}:${action}`);
      });
      return `${identifier(c.path)}() {\n  _arguments -s \\\n    ${[...flagSpecs, ...args].join(' \\\n    ') || "''"}\n}`;
    }
    const described = c.subcommands.map((s) => `    ${sq(`${s.name}:${s.description}`)}`).join('\n');
    const dispatch = c.subcommands.map((s) => `      ${s.name}) ${identifier(s.path)} ;;`).join('\n');
    return `${identifier(c.path)}() {
  local curcontext="$curcontext" state line
  local -a subcommands
  subcommands=(
${described}
  )
  _arguments -C \\
    ${[...flagSpecs, sq('1: :->command'), sq('*:: :->args')].join(' \\\n    ')}
  case $state in
    command) _describe -t commands ${sq(`${[bin, ...c.path].join(' ')} command`)} subcommands ;;
    args)
      case $words[1] in
${dispatch}
      esac ;;
  esac
}`;
  });
  return `#compdef ${bin}
# ${bin} completion for zsh, generated from its commands by \`${bin} completion zsh\`.
# Load it now:      source <(${bin} completion zsh)
# Or for good:      ${bin} completion zsh > "\${fpath[1]}/_${bin}"   (then restart zsh)
${fns.join('\n\n')}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${identifier([])} "$@"
else
  compdef ${identifier([])} ${bin}
fi
`;
}

function fish(root: CommandSpec, bin: string): string {
  const lines: string[] = [
    `# ${bin} completion for fish, generated from its commands by \`${bin} completion fish\`.`,
    `# Load it now:      ${bin} completion fish | source`,
    `# Or for good:      ${bin} completion fish > ~/.config/fish/completions/${bin}.fish`,
    `complete -c ${bin} -f`,
  ];
  for (const c of allCommands(root)) {
    // The condition that we are inside command `c` (and not in one of its subcommands).
    const inside = c.path.length === 0 ? ['__fish_use_subcommand'] : c.path.map((p) => `__fish_seen_subcommand_from ${p}`);
    const notDeeper = c.subcommands.length ? [`not __fish_seen_subcommand_from ${c.subcommands.map((s) => s.name).join(' ')}`] : [];
    const cond = sq([...inside, ...notDeeper].join('; and '));
    for (const s of c.subcommands) lines.push(`complete -c ${bin} -n ${cond} -a ${s.name} -d ${sq(s.description)}`);
    for (const a of c.args) {
      if (a.choices.length) lines.push(`complete -c ${bin} -n ${cond} -a ${sq(a.choices.join(' '))}`);
      else if (a.file) lines.push(`complete -c ${bin} -n ${cond} -F`);
    }
    for (const f of c.flags) {
      const short = f.short ? ` -s ${f.short.slice(1)}` : '';
      const value = f.choices.length ? ` -x -a ${sq(f.choices.join(' '))}` : f.file ? ' -r -F' : f.takesValue ? ' -x' : '';
      lines.push(`complete -c ${bin} -n ${cond} -l ${f.long.slice(2)}${short}${value} -d ${sq(f.description)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The completion script for `shell`, from the program's command tree. */
export function completionScript(shell: Shell, program: Command): string {
  const root = commandSpec(program, []);
  const bin = program.name();
  switch (shell) {
    case 'bash':
      return bash(root, bin);
    case 'zsh':
      return zsh(root, bin);
    case 'fish':
      return fish(root, bin);
  }
}
