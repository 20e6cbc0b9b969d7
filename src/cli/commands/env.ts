import { awsEnvVars, CONFLICTING_VARS } from '../aws-env.js';
import type { CliContext } from '../context.js';
import { formatEnv, parseEnvFormat } from '../env-format.js';
import { resolveProfile, type ProfileFlags } from '../profile-target.js';

export interface EnvFlags extends ProfileFlags {
  format?: string;
}

/**
 * `okta-bedrock env`: the profile's credentials as shell lines for `eval "$(okta-bedrock env)"`.
 * AWS_PROFILE (and friends) are unset when present, since the JS SDK prefers AWS_PROFILE over keys.
 */
export async function runEnv(flags: EnvFlags, ctx: CliContext): Promise<number> {
  const format = parseEnvFormat(flags.format);
  const p = await resolveProfile(flags, ctx, { allowLogin: true });
  const unset = CONFLICTING_VARS.filter((name) => ctx.env[name] !== undefined);
  const vars = awsEnvVars(p.credentials, p.region);
  if (ctx.json) ctx.out(JSON.stringify({ ...Object.fromEntries(vars), unset }, null, 2));
  else ctx.out(formatEnv(vars, format, unset));
  return 0;
}
