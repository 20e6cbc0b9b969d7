import { createHash, createPrivateKey, sign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultUser, startSimulator, userWith, type Simulator } from '../../../src/simulator/index.js';
import { field, oktaPost, verifyHref, type Json } from './helpers.js';

const sha256 = (d: Buffer | string): Buffer => createHash('sha256').update(d).digest();

/** What navigator.credentials.get returns, made here with the registered passkey's private key. */
function assertion(sim: Simulator, challenge: string, o: { origin?: string; rpId?: string; flags?: number; counter?: number; key?: string } = {}): Json {
  const c = sim.browser.webauthnCredential();
  const clientData = Buffer.from(
    JSON.stringify({ type: 'webauthn.get', challenge, origin: o.origin ?? sim.oktaUrl.replace('127.0.0.1', 'localhost'), crossOrigin: false }),
  );
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(o.counter ?? 1);
  const authData = Buffer.concat([sha256(o.rpId ?? 'localhost'), Buffer.from([o.flags ?? 0x05]), counter]);
  const key = createPrivateKey({ key: Buffer.from(o.key ?? c.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), key);
  return { clientData: clientData.toString('base64'), authenticatorData: authData.toString('base64'), signatureData: signature.toString('base64') };
}

describe('simulator: WebAuthn factor (scenario browserSignIn)', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ users: [userWith('webauthn')], scenario: { browserSignIn: true } });
  });
  afterEach(async () => sim.close());

  const challenge = async (): Promise<{ href: string; stateToken: string; challenge: string }> => {
    const authn = await oktaPost(sim, '/api/v1/authn', { username: defaultUser.login, password: defaultUser.password });
    const href = verifyHref(authn.body, 'webauthn', 'FIDO');
    const stateToken = authn.body.stateToken as string;
    const c = await oktaPost(sim, href, { stateToken });
    expect(c.body.status).toBe('MFA_CHALLENGE');
    return { href, stateToken, challenge: field(c.body, '_embedded', 'factor', '_embedded', 'challenge', 'challenge') as string };
  };

  it('verifies an ES256 assertion over authenticatorData || SHA-256(clientDataJSON) with the registered key → SUCCESS', async () => {
    const c = await challenge();
    const ok = await oktaPost(sim, c.href, { stateToken: c.stateToken, ...assertion(sim, c.challenge) });
    expect(ok.body.status).toBe('SUCCESS');
    expect(typeof ok.body.sessionToken).toBe('string');
  });

  it.each([
    ['another challenge', { challenge: 'AAAA' }],
    ['another origin', { origin: 'http://evil.test' }],
    ['another RP ID', { rpId: 'evil.test' }],
    ['no user presence', { flags: 0x04 }],
    ['another key', { key: 'other' }],
  ])('refuses %s', async (_, tweak) => {
    const c = await challenge();
    const opts = { ...tweak } as { challenge?: string; key?: string; origin?: string; rpId?: string; flags?: number };
    if (opts.key === 'other') {
      const other = await startSimulator({ users: [userWith('webauthn')] });
      opts.key = other.browser.webauthnCredential().privateKey;
      await other.close();
    }
    const bad = await oktaPost(sim, c.href, { stateToken: c.stateToken, ...assertion(sim, opts.challenge ?? c.challenge, opts) });
    expect(bad.status).toBe(403);
    expect(bad.body.errorCode).toBe('E0000068');
  });
});
