import type { Settings } from '../config/resolve.js';
import { LoginRequiredError, OktaError, UsageError } from '../errors.js';
import { appLinkUrl, findApp, listAwsApps } from '../okta/apps.js';
import { authenticate, continueTransaction, type AuthnOptions } from '../okta/authn.js';
import type { OktaClient } from '../okta/client.js';
import { parseAppPage } from '../okta/saml-page.js';
import { redeemSessionToken } from '../okta/session.js';
import type { AuthnTransaction, OktaAppLink, OktaUser } from '../okta/types.js';
import type { CoreDeps } from './deps.js';

/** Step-up MFA on the app's own sign-on policy is retried at most this often (keyman loops forever). */
const MAX_STEP_UPS = 2;

/** Picks the AWS app among those assigned: --app / config, keyman's accounts, the only one, or a menu. */
export async function chooseApp(apps: OktaAppLink[], settings: Settings, deps: CoreDeps, orgUrl: string): Promise<OktaAppLink> {
  if (apps.length === 0) throw new OktaError(`No AWS app is assigned to you in Okta (${orgUrl}) — ask your Okta admin to assign one`);
  if (settings.app) {
    const match = findApp(apps, settings.app);
    if (match) return match;
    throw new UsageError(`No AWS app "${settings.app}" is assigned to you. Your AWS apps:\n${apps.map((a) => `  ${a.label} (${a.appInstanceId})`).join('\n')}`);
  }
  if (apps.length === 1) return apps[0] as OktaAppLink;
  if (deps.prompter.interactive) {
    return deps.prompter.select(
      'Which AWS app?',
      apps.map((a) => ({ name: `${a.label} (${a.appInstanceId})`, value: a })),
    );
  }
  throw new UsageError(
    `Several AWS apps are assigned to you — pick one with --app:\n${apps.map((a) => `  ${a.label} (${a.appInstanceId})`).join('\n')}`,
  );
}

export function accountsAsApps(orgUrl: string, settings: Settings): OktaAppLink[] {
  return settings.accounts.map((a) => ({
    label: a.name,
    linkUrl: appLinkUrl(orgUrl, a.appid),
    appName: 'amazon_aws',
    appInstanceId: a.appid.split('/')[0] ?? a.appid,
  }));
}

/**
 * With a live session cookie in `client`, fetches the AWS app page and returns the base64
 * SAMLResponse; handles app-level step-up MFA by re-authenticating with the page's state token.
 */
export async function samlFromSession(
  client: OktaClient,
  linkUrl: string,
  authn: Omit<AuthnOptions, 'client'> | undefined,
  firstPage?: Awaited<ReturnType<OktaClient['page']>>,
): Promise<string> {
  let res = firstPage ?? (await client.page(linkUrl));
  for (let stepUp = 0; ; stepUp++) {
    const page = parseAppPage(res.status, res.finalUrl, res.body);
    if (page.kind === 'saml') return page.samlResponse;
    if (page.kind === 'login-required') {
      throw new LoginRequiredError('The Okta session has expired — run `okta-bedrock login`');
    }
    if (!authn) throw new LoginRequiredError('The AWS app asks for MFA again — run `okta-bedrock login`');
    if (stepUp >= MAX_STEP_UPS) {
      throw new OktaError(`The AWS app still asks for MFA after ${MAX_STEP_UPS} tries — check the app's sign-on policy with your Okta admin`);
    }
    authn.log.warn('Application-level MFA present; re-authenticating Okta');
    authn.log.addSecret(page.stateToken);
    const tx = await client.json<AuthnTransaction>('POST', '/api/v1/authn', { stateToken: page.stateToken });
    const { sessionToken } = await continueTransaction(tx, { ...authn, client });
    res = await redeemSessionToken(client, sessionToken, linkUrl, true);
  }
}

export interface OktaLoginResult {
  samlResponse: string;
  displayName?: string;
  app?: OktaAppLink;
  linkUrl: string;
}

/**
 * Full Okta sign-in: password + MFA → session cookie → the AWS app's SAML assertion.
 * With a configured app this is 4 Okta requests for TOTP (authn, verify, cookie redirect → app).
 */
export async function oktaLogin(
  client: OktaClient,
  settings: Settings,
  deps: CoreDeps,
  authn: Omit<AuthnOptions, 'client'>,
): Promise<OktaLoginResult & { user?: OktaUser }> {
  const { sessionToken, user } = await authenticate({ ...authn, client });
  if (settings.appid) {
    const linkUrl = appLinkUrl(client.orgUrl, settings.appid);
    const first = await redeemSessionToken(client, sessionToken, linkUrl, true);
    return { samlResponse: await samlFromSession(client, linkUrl, authn, first), linkUrl, user };
  }
  await redeemSessionToken(client, sessionToken, `${client.orgUrl}/app/UserHome`, false);
  // keyman's `accounts` list names the apps already; otherwise ask Okta which are assigned.
  const apps = settings.accounts.length > 0 ? accountsAsApps(client.orgUrl, settings) : await listAwsApps(client);
  const app = await chooseApp(apps, settings, deps, client.orgUrl);
  const linkUrl = app.linkUrl;
  return { samlResponse: await samlFromSession(client, linkUrl, authn), app, linkUrl, user };
}
