import { afterEach, describe, expect, it } from 'vitest';
import { sharedSource, startContainerServer, type ContainerServer, type ServedCredentials } from '../../../src/cli/container-credentials.js';
import { createLogger } from '../../../src/platform/log.js';

const creds: ServedCredentials = {
  credentials: { accessKeyId: 'ASIAUNIT', secretAccessKey: 'secret/key', sessionToken: 'session+token', expiration: new Date('2030-01-02T03:04:05.678Z') },
  roleArn: 'arn:aws:iam::123456789012:role/BedrockUser',
};

let server: ContainerServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('sharedSource', () => {
  it('concurrent callers share one call; a later caller starts a new one', async () => {
    let calls = 0;
    const source = sharedSource(async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return creds;
    });
    await Promise.all(Array.from({ length: 8 }, () => source()));
    expect(calls).toBe(1);
    await source();
    expect(calls).toBe(2);
  });

  it('a failure reaches every waiting caller, and the next call tries again', async () => {
    let calls = 0;
    const source = sharedSource(async () => {
      calls++;
      throw new Error('no session');
    });
    const results = await Promise.allSettled([source(), source()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(source()).rejects.toThrow('no session');
    expect(calls).toBe(2);
  });
});

describe('the container credentials endpoint', () => {
  it('answers the token holder in the ECS format, others 401, logging without the token', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', write: (l: string) => lines.push(l) });
    server = await startContainerServer({ host: '127.0.0.1', port: 0, source: async () => creds, log });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const ok = await fetch(server.url, { headers: { authorization: server.authorizationToken } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      AccessKeyId: 'ASIAUNIT',
      SecretAccessKey: 'secret/key',
      Token: 'session+token',
      Expiration: '2030-01-02T03:04:05Z',
      RoleArn: 'arn:aws:iam::123456789012:role/BedrockUser',
    });
    const wrong = await fetch(server.url, { headers: { authorization: `${server.authorizationToken}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ Code: 'Unauthorized' });
    expect(lines.join('\n')).toContain('wrong Authorization token');
    expect(lines.join('\n')).not.toContain(server.authorizationToken);
    expect(lines.join('\n')).not.toContain('secret/key');
  });

  it('a failing source answers 500 with a Code and Message', async () => {
    server = await startContainerServer({
      host: '127.0.0.1',
      port: 0,
      source: async () => Promise.reject(new Error('boom')),
      log: createLogger({ level: 'error', write: () => undefined }),
    });
    const r = await fetch(server.url, { headers: { authorization: server.authorizationToken } });
    expect(r.status).toBe(500);
    expect(await r.json()).toMatchObject({ Code: 'InternalError' });
  });
});

describe('listening', () => {
  it('a port in use is a usage error naming --port', async () => {
    server = await startContainerServer({
      host: '127.0.0.1',
      port: 0,
      source: async () => creds,
      log: createLogger({ level: 'error', write: () => undefined }),
    });
    await expect(
      startContainerServer({ host: '127.0.0.1', port: server.port, source: async () => creds, log: createLogger({ level: 'error', write: () => undefined }) }),
    ).rejects.toThrow(/already in use — pick another --port/);
  });
});
