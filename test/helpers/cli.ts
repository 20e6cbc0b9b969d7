import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'okta-bedrock.cjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** A temporary HOME with XDG dirs and AWS files inside it (nothing touches the real HOME). */
export interface TempHome {
  home: string;
  credentialsFile: string;
  configFile: string;
  env: Record<string, string>;
}

export async function tempHome(): Promise<TempHome> {
  const home = await tempDir('okta-bedrock-test-');
  await mkdir(join(home, '.config'), { recursive: true });
  const credentialsFile = join(home, '.aws', 'credentials');
  const configFile = join(home, '.aws', 'config');
  return {
    home,
    credentialsFile,
    configFile,
    env: {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: configFile,
    },
  };
}

/**
 * The environment a spawned CLI gets: this process's, without AWS_*, OKTA_BEDROCK_* and *_PROXY
 * (so the developer's own settings never leak in), then `overrides` (undefined deletes a key).
 */
export function childEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('AWS_') && !k.startsWith('OKTA_BEDROCK_') && !/_PROXY$/i.test(k)) env[k] = v;
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the built CLI as a child process (no TTY). */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = childEnv(options.env);
    // detached: a new session without a controlling terminal, as under CI or an IDE — so /dev/tty
    // prompts never reach the developer's terminal during tests.
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
