import { oktaToken } from '../ids.js';
import type { OktaContext } from '../okta/context.js';
import type { SimApp, SimUser } from '../types.js';

/** Where a finished IDX sign-in goes: the AWS app (its link) or the dashboard client's callback. */
export type IdxTarget = { kind: 'app'; app: SimApp; fromURI: string } | { kind: 'dashboard'; state: string };

export type IdxStage = 'identify' | 'password' | 'select' | 'challenge' | 'enroll' | 'keep-me-signed-in' | 'success';

/** The authenticator being challenged. */
export interface IdxChallenge {
  /** okta_verify, google_otp, phone_number, okta_email, security_question, webauthn. */
  key: string;
  /** push, totp, otp, sms, voice, email, security_question, webauthn, signed_nonce. */
  method: string;
  polls: number;
  /** sms / voice / email: the code sent. */
  code?: string;
}

/** One IDX transaction (the page's stateToken) and its rotating stateHandle. */
export interface IdxTransaction {
  stateToken: string;
  handle: string;
  /** Handles this transaction answered with before: rejected as stale. */
  stale: Set<string>;
  user?: SimUser;
  stage: IdxStage;
  target: IdxTarget;
  /** App step-up: the live session whose app policy asks for more. */
  stepUpSessionId?: string;
  challenge?: IdxChallenge;
  passwordVerifiedAt?: Date;
  factorVerifiedAt?: Date;
  amr: string[];
  keepMeSignedIn?: boolean;
  kmsiAnswered: boolean;
  /** When the last answer carrying a `refresh` went out (polls must wait that long). */
  lastAnswerAt: number;
  /** Request times, for the 10-per-5-s limit. */
  requests: number[];
  expiresAt: Date;
}

export interface IdxSimState {
  byToken: Map<string, IdxTransaction>;
  byHandle: Map<string, IdxTransaction>;
  /** Every handle and token issued (for `secrets()`). */
  issued: string[];
}

const states = new WeakMap<OktaContext, IdxSimState>();

export const idxStateOf = (ctx: OktaContext): IdxSimState => {
  let s = states.get(ctx);
  if (!s) {
    s = { byToken: new Map(), byHandle: new Map(), issued: [] };
    states.set(ctx, s);
  }
  return s;
};

/** Okta IDX transactions live about 10 minutes. */
export const IDX_LIFETIME_MS = 10 * 60_000;

export const newHandle = (s: IdxSimState): string => {
  // Real handles are long JWE strings (identify.json: `eyJ6aXAiOiJERUYi…`); ours are opaque too.
  const h = `02${oktaToken('')}${oktaToken('')}`.slice(0, 64);
  s.issued.push(h);
  return h;
};

export const startIdxTransaction = (ctx: OktaContext, target: IdxTarget, init: Partial<IdxTransaction> = {}): IdxTransaction => {
  const s = idxStateOf(ctx);
  const stateToken = oktaToken('');
  s.issued.push(stateToken);
  const now = ctx.clock.now();
  const t: IdxTransaction = {
    stateToken,
    handle: newHandle(s),
    stale: new Set(),
    stage: 'identify',
    target,
    amr: [],
    kmsiAnswered: false,
    lastAnswerAt: 0,
    requests: [],
    expiresAt: new Date(now.getTime() + IDX_LIFETIME_MS),
    ...init,
  };
  s.byToken.set(stateToken, t);
  s.byHandle.set(t.handle, t);
  return t;
};

/** A new stateHandle for the next answer; the old one becomes stale. */
export const rotateHandle = (ctx: OktaContext, t: IdxTransaction): void => {
  const s = idxStateOf(ctx);
  t.stale.add(t.handle);
  t.handle = newHandle(s);
  s.byHandle.set(t.handle, t);
};
