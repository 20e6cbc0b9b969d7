/**
 * The fast path's `exec` (cli/fast.ts): runs the child with cached credentials. Built as its own
 * file (dist/fast-exec.cjs) so that credential-process and env on the warm path do not compile
 * the child-process and logging code.
 */
import { createLogger } from '../platform/log.js';
import { colorEnabled, painter } from '../platform/ui.js';
import { childEnv, execChild } from './exec-child.js';

/** exec with a warm cache: the child's exit code. */
export async function runChild(rest: string[], vars: Array<[string, string]>, env: Record<string, string | undefined>, quiet: boolean): Promise<number> {
  const log = createLogger({ level: quiet ? 'warn' : 'info', paint: painter(colorEnabled(process.stderr, env)) });
  const [command, ...args] = rest as [string, ...string[]];
  return execChild(command, args, childEnv(env, vars), log);
}
