/**
 * A container credentials endpoint, the one ECS gives tasks: GET on AWS_CONTAINER_CREDENTIALS_FULL_URI
 * with `Authorization: <AWS_CONTAINER_AUTHORIZATION_TOKEN>` answers
 * `{"AccessKeyId","SecretAccessKey","Token","Expiration","RoleArn"}` (Expiration RFC 3339). Read by
 * the AWS SDK for JS (fromContainerMetadata, credential-provider-http in the default chain),
 * botocore's ContainerProvider and the other SDKs. Over plain http those clients accept only a
 * loopback host (fromContainerMetadata: `localhost` or `127.0.0.1` exactly) or the ECS/EKS
 * link-local addresses, so the URL we hand out uses 127.0.0.1. A 4xx body is `{"Code","Message"}`,
 * which the JS SDK copies onto its error.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCredentials } from '../core/types.js';
import { OktaBedrockError, UsageError } from '../errors.js';
import type { Logger } from '../platform/log.js';
import { isoSeconds } from './format.js';

export interface ServedCredentials {
  credentials: AwsCredentials;
  /** The IAM role the credentials belong to. */
  roleArn?: string;
}

export type CredentialsSource = () => Promise<ServedCredentials>;

/** Concurrent callers share one call of `source` (one refresh for a burst of requests). */
export function sharedSource(source: CredentialsSource): CredentialsSource {
  let inflight: Promise<ServedCredentials> | undefined;
  return () => {
    inflight ??= source().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };
}

export interface ContainerServerOptions {
  host: string;
  port: number;
  source: CredentialsSource;
  log: Logger;
}

export interface ContainerServer {
  /** http://HOST:PORT/ as a client should use it (127.0.0.1 when bound to every interface). */
  url: string;
  port: number;
  /** The exact Authorization header value a request must carry. */
  authorizationToken: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  // HEAD: the headers only (node would drop the body anyway; say so explicitly).
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

function equalSecret(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined) return false;
  const g = Buffer.from(given, 'utf8');
  // Same-length buffers for timingSafeEqual; the length of our token is no secret.
  return g.length === expected.length && timingSafeEqual(g, expected);
}

const hostForUrl = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/** Starts the endpoint; `port` 0 picks a free one. */
export async function startContainerServer(o: ContainerServerOptions): Promise<ContainerServer> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token, 'utf8');
  o.log.addSecret(token);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const from = `${req.socket.remoteAddress ?? '?'}`;
    const auth = req.headers.authorization;
    if (!equalSecret(auth, expected)) {
      // Never the header itself: a near-miss would still leak most of a secret.
      o.log.warn(`Refused a credentials request from ${from} (${auth === undefined ? 'no Authorization header' : 'wrong Authorization token'})`);
      send(res, 401, { Code: 'Unauthorized', Message: 'The Authorization header does not carry the token okta-bedrock serve printed' });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { Code: 'MethodNotAllowed', Message: 'Use GET' });
      return;
    }
    try {
      const served = await o.source();
      const c = served.credentials;
      o.log.addSecret(c.secretAccessKey);
      o.log.addSecret(c.sessionToken);
      o.log.debug(`Served credentials ${c.accessKeyId} (until ${isoSeconds(c.expiration)}) to ${from}`);
      send(res, 200, {
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        Token: c.sessionToken,
        Expiration: isoSeconds(c.expiration),
        ...(served.roleArn ? { RoleArn: served.roleArn } : {}),
      });
    } catch (e) {
      const message = e instanceof OktaBedrockError ? e.message : `cannot get credentials: ${(e as Error).message}`;
      o.log.error(`A credentials request from ${from} failed: ${message}`);
      send(res, 500, { Code: e instanceof OktaBedrockError && e.code ? e.code : 'InternalError', Message: message });
    }
  };
  const server = createServer((req, res) => {
    req.resume();
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const what = `${o.host}:${o.port}`;
      if (e.code === 'EADDRINUSE')
        reject(new UsageError(`${what} is already in use — pick another --port (or leave it out for a free one)`, { code: 'port_in_use' }));
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
        reject(new UsageError(`Cannot listen on ${o.host}: not an address of this machine — check --host`, { code: 'bad_host' }));
      else if (e.code === 'EACCES')
        reject(new UsageError(`Not allowed to listen on ${what} (ports below 1024 need privileges) — pick another --port`, { code: 'port_denied' }));
      else reject(e);
    });
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostForUrl(o.host)}:${port}/`,
    port,
    authorizationToken: token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
