import { isOktaBedrockError, ExitCode } from '../errors.js';
import type { Paint } from '../platform/ui.js';

export interface ReportOptions {
  debug: boolean;
  write?: (s: string) => void;
  paint?: Paint;
}

/**
 * Turns an error into one line on stderr and an exit code. Expected failures (typed errors)
 * print no stack; with --debug the detail and stack follow.
 */
export function reportError(e: unknown, options: ReportOptions): number {
  const write = options.write ?? ((s: string) => void process.stderr.write(s));
  const label = options.paint ? options.paint('red', 'error:') : 'error:';
  if (isOktaBedrockError(e)) {
    write(`${label} ${e.message}\n`);
    if (options.debug) {
      if (e.detail) write(`debug: ${e.detail}\n`);
      if (e.stack) write(`debug: ${e.stack}\n`);
    }
    return e.exitCode;
  }
  const err = e as Error;
  write(`${label} unexpected failure: ${err?.message ?? String(e)} — rerun with --debug and report it\n`);
  if (options.debug && err?.stack) write(`debug: ${err.stack}\n`);
  return ExitCode.unexpected;
}
