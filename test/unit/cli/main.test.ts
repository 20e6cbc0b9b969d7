import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, VERSION } from '../../../src/cli/main.js';

const program = buildProgram(() => undefined);
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

function helpOf(cmd: Command): string {
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.outputHelp();
  return text;
}

/** Commands whose output is data (not a protocol like credential_process or a script). */
const PRINTS_DATA = ['login', 'setup-aws', 'config', 'demo', 'simulator', 'models', 'test', 'doctor', 'env', 'console', 'status', 'token'];
/** What prints no data: a protocol (credential_process JSON), a script, or another program's output. */
const NO_JSON = ['credential-process', 'completion', 'exec', 'logout', 'daemon', 'serve', 'setup', 'refresh'];

describe('the command tree', () => {
  it('takes its version from package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it.each(program.commands.map((c) => [c.name(), c] as const))('%s: --help has examples, --debug and --quiet', (_name, cmd) => {
    const help = helpOf(cmd);
    expect(help).toMatch(/\nExamples:\n {2}\S/);
    const flags = cmd.options.map((o) => o.long);
    expect(flags).toEqual(expect.arrayContaining(['--debug', '--quiet']));
  });

  it.each(PRINTS_DATA)('%s has --json', (name) => {
    const cmd = program.commands.find((c) => c.name() === name);
    expect(cmd?.options.map((o) => o.long)).toContain('--json');
  });

  it('every command is classified: prints data (--json) or not', () => {
    expect(program.commands.map((c) => c.name()).sort()).toEqual([...PRINTS_DATA, ...NO_JSON].sort());
  });

  it('the top-level help lists every command with examples', () => {
    const help = helpOf(program);
    for (const c of program.commands) expect(help).toContain(c.name());
    expect(help).toContain('Examples:');
  });
});

describe('words a user never needs', () => {
  const all = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(all)];
  it('no "seed" in any --help (it meant our own requirements documents) nor in the README', () => {
    for (const cmd of all(program)) expect(helpOf(cmd), cmd.name()).not.toMatch(/seed/i);
    expect(readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')).not.toMatch(/seed/i);
  });
});
