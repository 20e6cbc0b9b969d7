import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN } from './cli.js';
import { tempDir } from './temp.js';

const exec = promisify(execFile);

/** Why the terminal tests cannot run here, or undefined when tmux works. */
export function tmuxMissing(): string | undefined {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'pipe' });
    return undefined;
  } catch {
    return 'tmux is not installed (.ci/run installs it with apt-get)';
  }
}

export interface Terminal {
  /** tmux key names or literal text (`Enter`, `Down`, `C-c`). */
  keys(...keys: string[]): Promise<void>;
  /** Types text literally (no key-name lookup), then Enter. */
  line(text: string): Promise<void>;
  /** The visible screen as text (`escapes`: with colour/attribute escape sequences). */
  screen(options?: { escapes?: boolean }): Promise<string>;
  /** Waits until the screen matches; returns the screen. Fails with the screen on timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the built CLI in a real terminal: a detached tmux session on its own server socket,
 * `width`×`height`, with exactly `env` on top of PATH (CI, NO_COLOR and FORCE_COLOR unset unless
 * given, so it behaves as on a developer's terminal). The pane stays open after the CLI exits
 * and shows `EXIT=<code>`.
 */
export async function openTerminal(args: string[], env: Record<string, string>, size = { width: 120, height: 45 }): Promise<Terminal> {
  const dir = await tempDir('okta-bedrock-tmux-');
  const socket = `okta-bedrock-${randomBytes(4).toString('hex')}`;
  const script = join(dir, 'run.sh');
  const exports = Object.entries(env)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join('\n');
  await writeFile(
    script,
    `unset CI NO_COLOR FORCE_COLOR NODE_DISABLE_COLORS\nexport TERM=xterm-256color\n${exports}\n${shellQuote(process.execPath)} ${shellQuote(BIN)} ${args.map(shellQuote).join(' ')}\necho "EXIT=$?"\nsleep 120\n`,
  );
  const tmux = (...a: string[]): Promise<{ stdout: string }> => exec('tmux', ['-L', socket, '-f', '/dev/null', ...a]);
  await tmux('new-session', '-d', '-s', 'test', '-x', String(size.width), '-y', String(size.height), `sh ${shellQuote(script)}`);
  const screen = async (options: { escapes?: boolean } = {}): Promise<string> =>
    (await tmux('capture-pane', '-p', ...(options.escapes ? ['-e'] : []), '-t', 'test')).stdout;
  return {
    keys: async (...keys) => void (await tmux('send-keys', '-t', 'test', ...keys)),
    line: async (text) => {
      await tmux('send-keys', '-t', 'test', '-l', text);
      await tmux('send-keys', '-t', 'test', 'Enter');
    },
    screen,
    async waitFor(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = await screen();
        if (pattern.test(last)) return last;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the terminal never showed ${pattern}; it shows:\n${last}`);
    },
    close: async () => {
      await tmux('kill-server').catch(() => undefined);
    },
  };
}
