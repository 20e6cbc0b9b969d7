import { request } from 'node:http';
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';

describe('simulator keep-alive', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
  });

  it('keeps idle connections 65 s (like load balancers) and serves many requests on one socket', async () => {
    sim = await startSimulator();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const get = (): Promise<{ keepAlive: string | undefined }> =>
      new Promise((resolve, reject) => {
        const r = request(`${sim!.oktaUrl}/.well-known/okta-organization`, { agent }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on('end', () => resolve({ keepAlive: String(res.headers['keep-alive']) }));
        });
        r.on('error', reject);
        r.end();
      });
    const first = await get();
    expect(first.keepAlive).toBe('timeout=65');
    await new Promise((r) => setTimeout(r, 2200)); // longer than the old 1 s / 2 s idle timeouts
    await get();
    await get();
    expect(sockets.size).toBe(1);
    agent.destroy();
  });
});
