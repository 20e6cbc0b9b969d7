import { UsageError } from '../../errors.js';
import { awsEnvVars } from '../aws-env.js';
import type { CliContext } from '../context.js';
import { childEnv, execChild } from '../exec-child.js';
import { resolveProfile, type ProfileFlags } from '../profile-target.js';

export { childEnv, COMMAND_NOT_EXECUTABLE, COMMAND_NOT_FOUND } from '../exec-child.js';

export interface ExecFlags extends ProfileFlags {
  /** --token: AWS_BEARER_TOKEN_BEDROCK instead of AWS keys. */
  token?: boolean;
  /** --server: a container credentials endpoint for the command's lifetime instead of AWS keys. */
  server?: boolean;
}

/**
 * Every way an AWS tool could find other credentials than the ones --token/--server give: keys
 * (the JS SDK and botocore take them before a bearer token or a container endpoint), another
 * container endpoint (RELATIVE_URI and the token file win over ours in the SDKs), another key.
 */
export const CREDENTIAL_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

const run = (ctx: CliContext, command: string, args: string[], env: Record<string, string>): Promise<number> => execChild(command, args, env, ctx.log);

/**
 * `okta-bedrock exec [--profile X] [--token | --server] -- CMD ARGS…`: runs CMD (no shell) with
 * the profile's credentials and region in its environment — as AWS keys, or as a Bedrock API key
 * (--token), or as a container credentials endpoint served for CMD's lifetime (--server, like
 * `aws-vault exec --ecs-server`); passes signals on and exits with CMD's code (a child ended by a
 * signal → 128 + signal number, e.g. 143 for SIGTERM).
 */
export async function runExec(flags: ExecFlags, ctx: CliContext, args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command) throw new UsageError('exec needs a command: okta-bedrock exec [--profile NAME] -- COMMAND [ARGS…]');
  if (flags.token && flags.server) throw new UsageError('--token and --server cannot be combined: pick one');
  const p = await resolveProfile(flags, ctx, { allowLogin: true });
  const region: Array<[string, string]> = [
    ['AWS_REGION', p.region],
    ['AWS_DEFAULT_REGION', p.region],
  ];
  ctx.log.debug(
    `exec ${command} with profile ${p.profile} (${p.origin}), region ${p.region}${flags.token ? ', as a Bedrock API key' : flags.server ? ', through a credentials endpoint' : ''}`,
  );
  if (flags.token) {
    const { issueKey } = await import('./token.js');
    const key = await issueKey(ctx, p, undefined, false);
    return run(ctx, command, rest, childEnv(ctx.env, [['AWS_BEARER_TOKEN_BEDROCK', key.token], ...region], CREDENTIAL_VARS));
  }
  if (flags.server) {
    const { startContainerServer } = await import('../container-credentials.js');
    const { containerEnv, profileSource } = await import('./serve.js');
    const server = await startContainerServer({ host: '127.0.0.1', port: 0, source: profileSource(flags, ctx), log: ctx.log });
    ctx.log.debug(`Serving credentials for ${command} on ${server.url}`);
    try {
      return await run(ctx, command, rest, childEnv(ctx.env, [...containerEnv(server), ...region], CREDENTIAL_VARS));
    } finally {
      await server.close();
    }
  }
  return run(ctx, command, rest, childEnv(ctx.env, awsEnvVars(p.credentials, p.region)));
}
