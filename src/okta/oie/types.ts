/**
 * Okta Identity Engine OAuth shapes: the org authorization server's device authorization
 * (RFC 8628), token and token-exchange (RFC 8693) answers, as Okta sends them.
 */

/** `POST /oauth2/v1/device/authorize` → 200. */
export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  /** Seconds the device code stays valid (Okta: 600). */
  expires_in: number;
  /** Seconds to wait between polls (Okta: 5). */
  interval?: number;
}

/** `POST /oauth2/v1/token` → 200 (device code, refresh token). */
export interface TokenResponse {
  token_type: string;
  expires_in: number;
  access_token: string;
  scope?: string;
  id_token?: string;
  refresh_token?: string;
}

/** `POST /oauth2/v1/token` (token exchange for a Web SSO token) → 200. */
export interface WebSsoTokenResponse {
  access_token: string;
  issued_token_type?: string;
  token_type?: string;
  expires_in?: number;
}

/** An OAuth error body: `{"error":"authorization_pending","error_description":"…"}`. */
export interface OAuthErrorBody {
  error: string;
  error_description?: string;
}

/** The tokens we keep between runs (cache file, 0600): secrets. */
export interface OidcTokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  scope: string;
  /** ISO 8601. */
  accessTokenExpiresAt: string;
  /** ISO 8601 (the id token's `exp`). */
  idTokenExpiresAt: string;
  /** The user's login (access token `sub`), for the profile record. */
  login: string;
  /** True once the id token came from a refresh (not a browser sign-in). */
  refreshed?: boolean;
}

/** What the person needs to see to approve the device code. */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresAt: Date;
}

export const GRANT_DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const TOKEN_TYPE_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
export const TOKEN_TYPE_ID = 'urn:ietf:params:oauth:token-type:id_token';
export const TOKEN_TYPE_WEB_SSO = 'urn:okta:oauth:token-type:web_sso_token';

/** Scopes: `openid okta.apps.sso` always; app discovery adds the two read scopes. */
export const BASE_SCOPES = ['openid', 'okta.apps.sso'];
export const DISCOVERY_SCOPES = ['okta.apps.read', 'okta.users.read.self'];
export const OFFLINE_SCOPE = 'offline_access';

/** Where the OIDC tokens live between runs (the 0600 cache file). */
export interface OidcTokenStore {
  load(): Promise<OidcTokens | undefined>;
  save(tokens: OidcTokens): Promise<void>;
  clear(): Promise<void>;
}
