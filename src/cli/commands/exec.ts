import { UsageError } from '../../errors.js';
import { runForeground, SpawnError } from '../../platform/child-process.js';
import { awsEnvVars, CONFLICTING_VARS } from '../aws-env.js';
import type { CliContext } from '../context.js';
import { resolveProfile, type ProfileFlags } from '../profile-target.js';

export type ExecFlags = ProfileFlags;

/** Shells' codes for a command that could not be run. */
export const COMMAND_NOT_FOUND = 127;
export const COMMAND_NOT_EXECUTABLE = 126;

/** The child's environment: ours without AWS_PROFILE (no recursion into credential_process), plus the profile's credentials. */
export function childEnv(parent: Readonly<Record<string, string | undefined>>, vars: Array<[string, string]>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(parent)) {
    if (v !== undefined && !(CONFLICTING_VARS as readonly string[]).includes(k)) env[k] = v;
  }
  for (const [k, v] of vars) env[k] = v;
  return env;
}

/**
 * `okta-bedrock exec [--profile X] -- CMD ARGS…`: runs CMD (no shell) with the profile's
 * credentials and region in its environment; passes signals on and exits with CMD's code (a
 * child ended by a signal → 128 + signal number, e.g. 143 for SIGTERM).
 */
export async function runExec(flags: ExecFlags, ctx: CliContext, args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command) throw new UsageError('exec needs a command: okta-bedrock exec [--profile NAME] -- COMMAND [ARGS…]');
  const p = await resolveProfile(flags, ctx, { allowLogin: true });
  ctx.log.debug(`exec ${command} with profile ${p.profile} (${p.origin}), region ${p.region}`);
  try {
    const result = await runForeground(command, rest, childEnv(ctx.env, awsEnvVars(p.credentials, p.region)));
    if (result.signal) ctx.log.debug(`${command} was ended by ${result.signal}`);
    return result.code;
  } catch (e) {
    if (e instanceof SpawnError) {
      if (e.code === 'ENOENT') {
        ctx.log.error(`exec: ${command}: command not found`);
        return COMMAND_NOT_FOUND;
      }
      ctx.log.error(`exec: cannot run ${command}: ${e.message}`);
      return COMMAND_NOT_EXECUTABLE;
    }
    throw e;
  }
}
