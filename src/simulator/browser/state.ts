import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { OktaContext } from '../okta/context.js';
import { FACTOR_KINDS } from '../okta/factors.js';
import type { SimUser } from '../types.js';

/** A passkey / security key registered for a user: the simulator keeps the public key, the test's virtual authenticator the private one. */
export interface WebAuthnCredential {
  /** Raw credential id (Okta's factor profile `credentialId`, base64url). */
  credentialId: Buffer;
  publicKey: KeyObject;
  /** PKCS#8 DER of the private key, for DevTools' WebAuthn.addCredential. */
  privateKeyPkcs8: Buffer;
  userHandle: Buffer;
  signCount: number;
}

export interface BrowserState {
  credentials: Map<string, WebAuthnCredential>;
  /** stateToken → the WebAuthn challenge (base64url) Okta issued for it. */
  challenges: Map<string, string>;
  /** Device tokens the sign-in page's device check registered (device assurance passes with one). */
  devices: Set<string>;
}

const states = new WeakMap<OktaContext, BrowserState>();

export const browserStateOf = (ctx: OktaContext): BrowserState => {
  let s = states.get(ctx);
  if (!s) {
    s = { credentials: new Map(), challenges: new Map(), devices: new Set() };
    states.set(ctx, s);
  }
  return s;
};

/** The user's WebAuthn credential (an ES256 / P-256 key made on first use), its id from the factor's profile. */
export const credentialFor = (ctx: OktaContext, user: SimUser): WebAuthnCredential => {
  const state = browserStateOf(ctx);
  let c = state.credentials.get(user.id);
  if (!c) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const profile = FACTOR_KINDS.webauthn.profile(user) as { credentialId: string };
    c = {
      credentialId: Buffer.from(profile.credentialId, 'base64url'),
      publicKey,
      privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
      userHandle: randomBytes(16),
      signCount: 0,
    };
    state.credentials.set(user.id, c);
  }
  return c;
};

/** What a test's virtual authenticator needs (DevTools WebAuthn.addCredential): base64 fields. */
export interface SimWebAuthnCredential {
  credentialId: string;
  rpId: string;
  privateKey: string;
  userHandle: string;
  signCount: number;
}

/** The simulator's browser sign-in, for tests: the registered passkey of a user. */
export interface SimBrowser {
  webauthnCredential(login?: string): SimWebAuthnCredential;
  /** Device tokens registered by the device check (secrets). */
  deviceTokens(): string[];
}

export const browserControl = (ctx: OktaContext, rpId: string): SimBrowser => ({
  webauthnCredential(login) {
    const user = login === undefined ? ctx.users[0] : ctx.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
    if (!user) throw new Error(`simulator: no user ${login ?? '(default)'}`);
    const c = credentialFor(ctx, user);
    return {
      credentialId: c.credentialId.toString('base64'),
      rpId,
      privateKey: c.privateKeyPkcs8.toString('base64'),
      userHandle: c.userHandle.toString('base64'),
      signCount: c.signCount,
    };
  },
  deviceTokens: () => [...browserStateOf(ctx).devices],
});
