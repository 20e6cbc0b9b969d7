import { UsageError } from '../../errors.js';
import { sharedSource, startContainerServer, type ContainerServer, type CredentialsSource } from '../container-credentials.js';
import type { CliContext } from '../context.js';
import { resolveProfile, type ProfileFlags, type ResolvedProfile } from '../profile-target.js';

export interface ServeFlags extends ProfileFlags {
  port?: string;
  host?: string;
}

/** How long after SIGTERM/SIGINT open connections may take before they are cut (the whole stop stays under 2 s). */
const STOP_GRACE_MS = 1000;

/** The IAM role of a profile's credentials: the chained Bedrock role, else the Okta (gateway) role. */
export function roleArnOf(p: ResolvedProfile): string | undefined {
  return p.record?.assumeRoleArn ?? p.record?.roleArn ?? p.assumedRoleArn;
}

/**
 * Fresh credentials for every request: through the cache layers (cached while fresh, else
 * re-chain / SAML from the Okta session), never a password prompt from a request — a gone
 * session is an error telling to run `okta-bedrock login`. Parallel requests share one refresh.
 */
export function profileSource(flags: ProfileFlags, ctx: CliContext): CredentialsSource {
  return sharedSource(async () => {
    const p = await resolveProfile(flags, ctx, { allowLogin: false });
    return { credentials: p.credentials, roleArn: roleArnOf(p) };
  });
}

export function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n > 65535) throw new UsageError(`--port must be a port number from 0 (any free port) to 65535, not "${raw}"`);
  return n;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/;

/** The variables a client needs (they replace AWS keys), for `exec --server` and the printed lines. */
export function containerEnv(server: ContainerServer): Array<[string, string]> {
  return [
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', server.url],
    ['AWS_CONTAINER_AUTHORIZATION_TOKEN', server.authorizationToken],
  ];
}

/**
 * `okta-bedrock serve [--profile P] [--port N] [--host H]`: the ECS container credentials
 * endpoint for the profile until SIGTERM/SIGINT (stops within 2 s). Prints the two variables to
 * give a client on stdout, and how to pass them to `docker run` (as comments).
 */
export async function runServe(flags: ServeFlags, ctx: CliContext): Promise<number> {
  const port = parsePort(flags.port);
  const host = flags.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1');
  // A login (password, MFA) may happen here, at a terminal, before anything is served.
  const first = await resolveProfile(flags, ctx, { allowLogin: true });
  if (!LOOPBACK.test(host)) {
    ctx.log.warn(
      `Serving credentials on ${host}, not only on this machine's loopback: anything that can reach ${host}:${port || '<port>'} and holds the token gets AWS credentials for profile ${first.profile}`,
    );
  }
  const server = await startContainerServer({ host, port, source: profileSource(flags, ctx), log: ctx.log });
  const vars = containerEnv(server);
  const role = roleArnOf(first);
  ctx.log.info(
    `Serving container credentials for profile ${first.profile}${role ? ` (${role})` : ''}, region ${first.region}, on ${server.url} — Ctrl-C stops`,
  );
  // stdout: the lines to hand to a client, then how to pass them to docker as shell comments
  // (the whole output stays eval-able).
  ctx.out(
    [
      ...vars.map(([k, v]) => `export ${k}=${v}`),
      '# In a container (Docker Desktop; on Linux add --add-host=host.docker.internal:host-gateway and serve with --host 0.0.0.0), after the two exports:',
      `#   docker run --rm -e AWS_CONTAINER_CREDENTIALS_FULL_URI=http://host.docker.internal:${server.port}/ -e AWS_CONTAINER_AUTHORIZATION_TOKEN -e AWS_REGION=${first.region} IMAGE`,
      "# The AWS SDKs take plain-http endpoints only on loopback: for them share the host's network and keep the 127.0.0.1 URL:",
      `#   docker run --rm --network host -e AWS_CONTAINER_CREDENTIALS_FULL_URI -e AWS_CONTAINER_AUTHORIZATION_TOKEN -e AWS_REGION=${first.region} IMAGE`,
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      ctx.log.info(`Received ${signal}; stopping`);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  return 0;
}
