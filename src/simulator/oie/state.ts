import type { OktaContext } from '../okta/context.js';
import type { SimDeviceAuthorization, SimOidcClient, SimUser } from '../types.js';

export interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  client: SimOidcClient;
  scopes: string[];
  expiresAt: Date;
  /** Seconds the client must wait between polls (grows by 5 on each slow_down). */
  interval: number;
  /** The previous poll of the token endpoint (none yet: the first poll is never too early). */
  lastPollAt?: Date;
  polls: number;
  status: 'pending' | 'approved' | 'denied' | 'redeemed';
  user?: SimUser;
  sessionId?: string;
}

/** The browser's Okta (IdX) session that approved a device code: ID tokens carry its id (`sid`). */
export interface IdxSession {
  id: string;
  user: SimUser;
  expiresAt: Date;
  ended: boolean;
}

export interface TokenGrant {
  user: SimUser;
  client: SimOidcClient;
  scopes: string[];
  sessionId: string;
  expiresAt: Date;
  /** ID tokens: minted by the refresh_token grant rather than the browser sign-in. */
  refreshed: boolean;
}

export interface RefreshGrant {
  user: SimUser;
  client: SimOidcClient;
  scopes: string[];
  sessionId: string;
  active: boolean;
}

export interface WebSsoGrant {
  user: SimUser;
  appId: string;
  expiresAt: Date;
  used: boolean;
}

/** Everything the OIE endpoints keep, next to the classic org's state. */
export interface OieState {
  okta: OktaContext;
  clients: SimOidcClient[];
  devices: Map<string, DeviceGrant>;
  userCodes: Map<string, string>;
  sessions: Map<string, IdxSession>;
  accessTokens: Map<string, TokenGrant>;
  idTokens: Map<string, TokenGrant>;
  refreshTokens: Map<string, RefreshGrant>;
  webSsoTokens: Map<string, WebSsoGrant>;
  /** Tests waiting for the next device authorization. */
  waiters: Array<(d: SimDeviceAuthorization) => void>;
}

export const createOieState = (okta: OktaContext, clients: SimOidcClient[]): OieState => ({
  okta,
  clients,
  devices: new Map(),
  userCodes: new Map(),
  sessions: new Map(),
  accessTokens: new Map(),
  idTokens: new Map(),
  refreshTokens: new Map(),
  webSsoTokens: new Map(),
  waiters: [],
});

/** The OIE state lives beside the OktaContext, so the classic context type stays as it is. */
const states = new WeakMap<OktaContext, OieState>();

export const attachOie = (okta: OktaContext, state: OieState): void => void states.set(okta, state);

export const oieOf = (okta: OktaContext): OieState | undefined => states.get(okta);
