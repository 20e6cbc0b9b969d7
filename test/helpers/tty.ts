import { spawn, spawnSync } from 'node:child_process';
import { BIN, childEnv, type CliResult } from './cli.js';

/** One exchange with the CLI on a terminal: wait for `expect` in the output, then type `send`. */
export interface TtyStep {
  expect: RegExp | string;
  /** Text to type (`\r` is Enter; `\x1b[B` is the down arrow), or a function computing it then. */
  send: string | (() => string);
}

export interface TtyOptions {
  env?: Record<string, string | undefined>;
  steps: TtyStep[];
  timeoutMs?: number;
}

/** util-linux `script` gives the CLI a real pseudo-terminal (no native module needed). */
export const hasScript = ((): boolean => {
  const r = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /util-linux/.test(r.stdout);
})();

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Drops terminal escape sequences so tests match the text a person reads. */
export const plain = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/**
 * Runs the built CLI on a pseudo-terminal: prompts, menus and notices all arrive on `stdout`
 * (a terminal merges the streams), answered step by step. `stderr` is script's own.
 */
export function runCliTty(args: string[], options: TtyOptions): Promise<CliResult & { output: string }> {
  return new Promise((resolve, reject) => {
    const env = childEnv(options.env);
    env.TERM = 'xterm';
    // `exec`: the CLI replaces the shell `script` starts. dash (/bin/sh, CI's shell when SHELL is
    // unset) forks instead, and then Ctrl-C kills dash too and `script` reports 130.
    const command = `exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let raw = '';
    let stderr = '';
    let step = 0;
    let from = 0;
    const advance = (): void => {
      const text = plain(raw);
      while (step < options.steps.length) {
        const current = options.steps[step] as TtyStep;
        const rest = text.slice(from);
        const m = typeof current.expect === 'string' ? rest.indexOf(current.expect) : rest.search(current.expect);
        if (m < 0) return;
        from += m + 1;
        step++;
        child.stdin.write(typeof current.send === 'function' ? current.send() : current.send);
      }
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      raw += d;
      advance();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const output = plain(raw);
      resolve({ code, signal, stdout: output, stderr, output });
    });
  });
}
