import type { Settings } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { AssumedRole } from '../aws/sts.js';
import { displayName } from '../okta/authn.js';
import { OktaClient } from '../okta/client.js';
import type { FactorOption } from '../okta/factors/registry.js';
import { snapshotSession } from '../okta/session.js';
import type { OktaAppLink, OktaSession } from '../okta/types.js';
import { parseSamlAssertion, type SamlAssertion, type SamlRole } from '../saml/assertion.js';
import { assumeChained, assumeGateway, pickRole } from './assume.js';
import type { CoreDeps } from './deps.js';
import { oktaLogin } from './fetch-assertion.js';
import type { AwsCredentials } from './types.js';

export interface LoginRequest {
  settings: Settings;
  /** Where the password comes from (stdin, keychain, prompt); asked only when needed. */
  password: () => Promise<string>;
  passcode?: string;
  /** Choose among several factors (a TTY menu); omitted → first supported. */
  chooseFactor?: (options: FactorOption[]) => Promise<FactorOption>;
  onFactorUsed?: (option: FactorOption) => void;
}

export interface LoginOutcome {
  /** The credentials to write: the chained role's when configured, else the gateway's. */
  credentials: AwsCredentials;
  gateway: AssumedRole;
  chained?: AssumedRole;
  role: SamlRole;
  assertion: SamlAssertion;
  session: OktaSession;
  app?: OktaAppLink;
  linkUrl: string;
  username: string;
  displayName: string;
  oktaRequests: number;
  /** Okta cookies after sign-in (`sid`, `DT`, ...), for the session cache: secrets. */
  cookies: Record<string, string>;
}

/** okta-bedrock login: Okta (password, MFA) → SAML → STS gateway role → optional chained role. */
export async function login(req: LoginRequest, deps: CoreDeps): Promise<LoginOutcome> {
  const { settings, log } = { ...req, log: deps.log };
  const client = new OktaClient({
    orgUrl: settings.orgUrl,
    http: deps.http,
    log,
    clock: deps.clock,
    notice: (m) => deps.prompter.notice(m),
    signal: deps.signal,
  });
  const username = settings.username ?? (deps.prompter.interactive ? (await deps.prompter.text('Okta username:')).trim() : undefined);
  if (!username) throw new UsageError('No Okta username — pass --username or set `username` in the config');
  const okta = await oktaLogin(client, settings, deps, {
    username,
    password: req.password,
    prompter: deps.prompter,
    log,
    clock: deps.clock,
    factor: settings.factor,
    passcode: req.passcode,
    timing: deps.factorTiming,
    signal: deps.signal,
    chooseFactor: req.chooseFactor,
    onFactorUsed: req.onFactorUsed,
  });
  const name = displayName(okta.user, username);
  log.info(`Authenticated ${name}`);
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
    session: snapshotSession(client, username, deps.clock),
    app: okta.app,
    linkUrl: okta.linkUrl,
    username,
    displayName: name,
    oktaRequests: client.requestCount,
    cookies: client.cookies.all(),
  };
}
