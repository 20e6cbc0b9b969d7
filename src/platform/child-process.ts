import { constants } from 'node:os';
import spawn from 'cross-spawn';

export interface ForegroundResult {
  /** The child's exit code, or 128 + the signal number when a signal ended it (as shells report it). */
  code: number;
  /** The signal that ended the child, if any. */
  signal?: NodeJS.Signals;
}

/** Signals passed on to the child while it runs (those that exist on this OS). */
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGBREAK'];

export class SpawnError extends Error {
  constructor(
    readonly command: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs `command args…` in the foreground: our stdio, the given environment, no shell (cross-spawn
 * resolves PATHEXT and .cmd shims on Windows). Signals we receive are passed on to the child and
 * do not end us; the child's exit code — or 128 + signal — is returned.
 */
export function runForeground(command: string, args: string[], env: Record<string, string>): Promise<ForegroundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const handlers = new Map<NodeJS.Signals, () => void>();
    const cleanup = (): void => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    };
    for (const signal of FORWARDED) {
      if (constants.signals[signal] === undefined) continue;
      const handler = (): void => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      try {
        process.on(signal, handler);
        handlers.set(signal, handler);
      } catch {
        // Not a signal this platform lets us listen to.
      }
    }
    child.once('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      reject(new SpawnError(command, err.code, err.message));
    });
    child.once('exit', (code, signal) => {
      cleanup();
      if (signal) resolve({ code: 128 + (constants.signals[signal] ?? 0), signal });
      else resolve({ code: code ?? 1 });
    });
  });
}
