import { isOktaBedrockError, ExitCode } from '../errors.js';

/**
 * Turns an error into one line on stderr and an exit code. Expected failures (typed errors)
 * print no stack; with --debug the detail and stack follow.
 */
export function reportError(e: unknown, debug: boolean, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (isOktaBedrockError(e)) {
    write(`error: ${e.message}\n`);
    if (debug) {
      if (e.detail) write(`debug: ${e.detail}\n`);
      if (e.stack) write(`debug: ${e.stack}\n`);
    }
    return e.exitCode;
  }
  const err = e as Error;
  write(`error: unexpected failure: ${err?.message ?? String(e)} — rerun with --debug and report it\n`);
  if (debug && err?.stack) write(`debug: ${err.stack}\n`);
  return ExitCode.unexpected;
}
