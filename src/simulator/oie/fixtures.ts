import type { OieScenario, SimOidcClient } from '../types.js';

export const GRANT_DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const GRANT_REFRESH_TOKEN = 'refresh_token';

/** The Native OIDC app the README asks admins to create (client id shaped like Okta's). */
export const DEFAULT_OIDC_CLIENT_ID = '0oa4x34ogyC1i1krJ1d7';

export const defaultOidcClient = (): SimOidcClient => ({
  clientId: DEFAULT_OIDC_CLIENT_ID,
  grantTypes: ['authorization_code', GRANT_DEVICE_CODE, GRANT_TOKEN_EXCHANGE, GRANT_REFRESH_TOKEN],
  grantedScopes: ['okta.apps.read', 'okta.users.read.self'],
});

/** Okta's own numbers (interval 5 s, device code 10 min, tokens 1 h); the org is Classic unless a test says `idx`. */
export const defaultOieScenario = (): OieScenario => ({
  oktaPipeline: 'v1',
  deviceInterval: 5,
  deviceCodeLifetimeSeconds: 600,
  deviceSlowDownPolls: 0,
  oidcTokenLifetimeSeconds: 3600,
  webSsoAssuranceUnmet: false,
  rejectRefreshedIdToken: false,
  rejectOfflineAccessWithoutRefreshGrant: false,
});
