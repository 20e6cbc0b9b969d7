import { isOktaBedrockError, ExitCode } from '../errors.js';
import { stripControl } from '../platform/log.js';
import type { Paint } from '../platform/ui.js';

export interface ReportOptions {
  debug: boolean;
  write?: (s: string) => void;
  paint?: Paint;
  /** The logger's masking: the final line must not print a secret an error echoed (a password in an Okta message). */
  redact?: (text: string) => string;
}

/**
 * Turns an error into one line on stderr and an exit code. Expected failures (typed errors)
 * print no stack; with --debug the detail and stack follow.
 */
export function reportError(e: unknown, options: ReportOptions): number {
  const write = options.write ?? ((s: string) => void process.stderr.write(s));
  const clean = (s: string): string => stripControl(options.redact ? options.redact(s) : s);
  const label = options.paint ? options.paint('red', 'error:') : 'error:';
  if (isOktaBedrockError(e)) {
    write(`${label} ${clean(e.message)}\n`);
    if (options.debug) {
      if (e.detail) write(`debug: ${clean(e.detail)}\n`);
      if (e.stack) write(`debug: ${clean(e.stack)}\n`);
    }
    return e.exitCode;
  }
  const err = e as Error;
  write(`${label} unexpected failure: ${clean(err?.message ?? String(e))} — rerun with --debug and report it\n`);
  if (options.debug && err?.stack) write(`debug: ${clean(err.stack)}\n`);
  return ExitCode.unexpected;
}
