import type { Logger } from '../platform/log.js';
import { runForeground, SpawnError } from '../platform/child-process.js';
import { internalEnvNames } from '../platform/process-env.js';
import { CONFLICTING_VARS } from './aws-env.js';

/** Shells' codes for a command that could not be run. */
export const COMMAND_NOT_FOUND = 127;
export const COMMAND_NOT_EXECUTABLE = 126;

/**
 * The child's environment: ours without AWS_PROFILE (no recursion into credential_process), without
 * what okta-bedrock set for itself (`internal`) and without `drop`, plus `vars`.
 */
export function childEnv(
  parent: Readonly<Record<string, string | undefined>>,
  vars: Array<[string, string]>,
  drop: readonly string[] = [],
  internal: readonly string[] = internalEnvNames(),
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(parent)) {
    if (v !== undefined && !(CONFLICTING_VARS as readonly string[]).includes(k) && !drop.includes(k) && !internal.includes(k)) env[k] = v;
  }
  for (const [k, v] of vars) env[k] = v;
  return env;
}

/**
 * Runs `command args…` in the foreground with `env` and returns the exit code `exec` exits
 * with: the child's, 127 when it is not found, 126 when it cannot be run. Shared by the full
 * `exec` command and the fast path (cli/fast.ts), so both behave alike.
 */
export async function execChild(command: string, args: string[], env: Record<string, string>, log: Pick<Logger, 'debug' | 'error'>): Promise<number> {
  try {
    const result = await runForeground(command, args, env);
    if (result.signal) log.debug(`${command} was ended by ${result.signal}`);
    return result.code;
  } catch (e) {
    if (e instanceof SpawnError) {
      if (e.code === 'ENOENT') {
        log.error(`exec: ${command}: command not found`);
        return COMMAND_NOT_FOUND;
      }
      log.error(`exec: cannot run ${command}: ${e.message}`);
      return COMMAND_NOT_EXECUTABLE;
    }
    throw e;
  }
}
