import type { Settings } from '../config/resolve.js';
import type { AssumedRole } from '../aws/sts.js';
import type { AuthFlowKind } from '../okta/authenticator.js';
import type { OktaAppLink, OktaSession } from '../okta/types.js';
import { parseSamlAssertion, type SamlAssertion, type SamlRole } from '../saml/assertion.js';
import { assumeChained, assumeGateway, pickRole } from './assume.js';
import type { CoreDeps } from './deps.js';
import { createAuthenticator, type AuthenticatorInput } from './select-authenticator.js';
import type { AwsCredentials } from './types.js';

/** A login: the settings, plus what either sign-in may need (password source, device-code display...). */
export interface LoginRequest extends AuthenticatorInput {
  settings: Settings;
}

export interface LoginOutcome {
  /** The credentials to write: the chained role's when configured, else the gateway's. */
  credentials: AwsCredentials;
  gateway: AssumedRole;
  chained?: AssumedRole;
  role: SamlRole;
  assertion: SamlAssertion;
  /** How we signed in to Okta. */
  authFlow: AuthFlowKind;
  /** Classic only: the Okta session (sid cookie). */
  session?: OktaSession;
  app?: OktaAppLink;
  linkUrl: string;
  username: string;
  displayName: string;
  oktaRequests: number;
  /** Okta cookies after a classic sign-in (`sid`, `DT`, ...), for the session cache: secrets. */
  cookies: Record<string, string>;
}

/**
 * okta-bedrock login: Okta (classic password + MFA, or OIE device authorization, chosen by
 * detection) → SAML → STS gateway role → optional chained role.
 */
export async function login(req: LoginRequest, deps: CoreDeps): Promise<LoginOutcome> {
  const { settings } = req;
  const log = deps.log;
  const authenticator = await createAuthenticator(settings, req, deps);
  const okta = await authenticator.getSamlAssertion(deps.signal);
  const username = okta.username;
  log.info(`Authenticated ${okta.displayName}`);
  log.addSecret(okta.samlResponse);
  const assertion = parseSamlAssertion(okta.samlResponse);
  const role = await pickRole(assertion, settings, deps);
  log.info(`Assuming role ${role.roleArn}`);
  const gateway = await assumeGateway(assertion, role, settings, deps);
  log.addSecret(gateway.secretAccessKey);
  log.addSecret(gateway.sessionToken);
  let chained: AssumedRole | undefined;
  if (settings.assumeRoleArn) {
    log.info(`Assuming role ${settings.assumeRoleArn} (chained from ${role.roleName})`);
    chained = await assumeChained(gateway, settings.assumeRoleArn, assertion.roleSessionName ?? username, settings, deps, assertion.partition);
    log.addSecret(chained.secretAccessKey);
    log.addSecret(chained.sessionToken);
  }
  return {
    credentials: chained ?? gateway,
    gateway,
    chained,
    role,
    assertion,
    authFlow: authenticator.flow,
    session: okta.session,
    app: okta.app,
    linkUrl: okta.linkUrl,
    username,
    displayName: okta.displayName,
    oktaRequests: okta.oktaRequests,
    cookies: okta.cookies ?? {},
  };
}
