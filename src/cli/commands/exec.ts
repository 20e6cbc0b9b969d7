import { UsageError } from '../../errors.js';
import { awsEnvVars } from '../aws-env.js';
import type { CliContext } from '../context.js';
import { childEnv, execChild } from '../exec-child.js';
import { resolveProfile, type ProfileFlags } from '../profile-target.js';

export { childEnv, COMMAND_NOT_EXECUTABLE, COMMAND_NOT_FOUND } from '../exec-child.js';

export type ExecFlags = ProfileFlags;

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
  return execChild(command, rest, childEnv(ctx.env, awsEnvVars(p.credentials, p.region)), ctx.log);
}
