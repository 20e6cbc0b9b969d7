import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionScript, SHELLS, type Shell } from '../../../src/cli/completion.js';
import { buildProgram } from '../../../src/cli/main.js';
import { tempDirSync } from '../../helpers/temp.js';

const program = buildProgram(() => undefined);
const dir = tempDirSync('okta-bedrock-completion-');

function scriptFile(shell: Shell): string {
  const file = join(dir, `okta-bedrock.${shell}`);
  writeFileSync(file, completionScript(shell, program));
  return file;
}

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/** Completions bash offers for the words typed so far (the last one is being completed). */
function bashComplete(...words: string[]): string[] {
  const file = scriptFile('bash');
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync(
    'bash',
    ['-c', `source '${file}'; COMP_WORDS=(okta-bedrock ${quoted}); COMP_CWORD=${words.length}; _okta_bedrock; printf '%s\\n' "\${COMPREPLY[@]}"`],
    {
      encoding: 'utf8',
    },
  );
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

function fishComplete(line: string): string[] {
  const file = scriptFile('fish');
  const r = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]!);
}

for (const shell of ['zsh', 'fish']) if (!has(shell)) console.warn(`skipping the ${shell} completion checks: ${shell} is not installed`);

describe('completion scripts (generated from the commander tree)', () => {
  it.each(SHELLS)('%s: names every command and every long flag', (shell) => {
    const script = completionScript(shell, program);
    for (const cmd of program.commands) {
      expect(script).toContain(cmd.name());
      for (const o of cmd.options) if (o.long) expect(script).toContain(shell === 'fish' ? `-l ${o.long.slice(2)}` : o.long);
    }
  });

  it('bash: commands, flags, choices, files', () => {
    expect(bashComplete('logi')).toEqual(['login']);
    expect(bashComplete('')).toEqual(expect.arrayContaining(program.commands.map((c) => c.name())));
    expect(bashComplete('login', '--fa')).toEqual(['--factor']);
    expect(bashComplete('config', '--imp')).toEqual(['--import-keyman']);
    expect(bashComplete('demo', '--factor', '')).toEqual(['push', 'totp']);
    expect(bashComplete('completion', 'z')).toEqual(['zsh']);
    expect(bashComplete('login', '--org', '')).toEqual([]);
    expect(bashComplete('login', '--config', dir + '/okta-bedrock.ba')).toEqual([join(dir, 'okta-bedrock.bash')]);
  });

  it.skipIf(!has('zsh'))('zsh: the script parses and registers with compdef', () => {
    const file = scriptFile('zsh');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const r = spawnSync('zsh', ['-f', '-c', `autoload -U compinit && compinit -D -u && source '${file}' && print -r -- $_comps[okta-bedrock]`], {
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe('_okta_bedrock');
  });

  it.skipIf(!has('fish'))('fish: commands, flags, choices', () => {
    expect(fishComplete('okta-bedrock logi')).toEqual(['login']);
    expect(fishComplete('okta-bedrock login --fa')).toEqual(['--factor']);
    expect(fishComplete('okta-bedrock demo --factor ')).toEqual(['push', 'totp']);
    expect(fishComplete('okta-bedrock completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});
