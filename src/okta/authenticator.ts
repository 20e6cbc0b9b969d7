import type { OktaAppLink, OktaSession } from './types.js';

/** How we sign in to Okta: the classic Authentication API, or OIE device authorization. */
export type AuthFlowKind = 'classic' | 'device';

/** What any sign-in yields: the AWS app's SAMLResponse, and what to remember about it. */
export interface SamlAssertionResult {
  /** Base64 SAMLResponse exactly as Okta served it: a secret. */
  samlResponse: string;
  /** The AWS app's link URL, recorded so refreshes need no config. */
  linkUrl: string;
  app?: OktaAppLink;
  username: string;
  displayName: string;
  /** Classic only: the Okta session (sid cookie) and cookies for the session cache. */
  session?: OktaSession;
  cookies?: Record<string, string>;
  /** Requests sent to Okta (benchmarks, tests). */
  oktaRequests: number;
}

/** One way of getting the AWS app's SAML assertion from Okta: the classic Authentication API or OIE (device flow + token exchange). */
export interface OktaAuthenticator {
  readonly flow: AuthFlowKind;
  getSamlAssertion(signal?: AbortSignal): Promise<SamlAssertionResult>;
}
