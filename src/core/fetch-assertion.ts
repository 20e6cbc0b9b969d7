import type { Settings } from '../config/resolve.js';
import { LoginRequiredError, OktaError, runLogin, UsageError } from '../errors.js';
import { appLine, appLinkUrl, findApps, listAwsApps } from '../okta/apps.js';
import { authenticate, continueTransaction, type AuthnOptions } from '../okta/authn.js';
import type { OktaClient, PageResponse } from '../okta/client.js';
import { factorMenu } from '../okta/factors/menu.js';
import type { FactorOption } from '../okta/factors/registry.js';
import { memorize, recall } from '../okta/remember.js';
import { parseAppPage } from '../okta/saml-page.js';
import { redeemSessionToken } from '../okta/session.js';
import type { AuthnTransaction, OktaAppLink, OktaUser } from '../okta/types.js';
import type { CoreDeps } from './deps.js';

/** Step-up MFA on the app's own sign-on policy is done at most this often (keyman loops forever). */
export const MAX_STEP_UPS = 2;

/** The apps with one entry per link (Okta may list the same link twice, e.g. assigned directly and through a group). */
function distinctLinks(apps: OktaAppLink[]): OktaAppLink[] {
  return apps.filter((a, i) => apps.findIndex((b) => b.linkUrl === a.linkUrl) === i);
}

/** Picks the AWS app among those assigned: --app / config, keyman's accounts, the only one, or a menu. */
export async function chooseApp(apps: OktaAppLink[], settings: Settings, deps: CoreDeps, orgUrl: string): Promise<OktaAppLink> {
  if (apps.length === 0) {
    throw new OktaError(`Okta says no AWS app is assigned to you (${orgUrl}) — ask your Okta admin to assign the AWS app to you`);
  }
  const list = (of: OktaAppLink[]): string => of.map((a) => `  ${appLine(a)}`).join('\n');
  if (settings.app) {
    const found = distinctLinks(findApps(apps, settings.app));
    if (found.length === 1) return found[0] as OktaAppLink;
    if (found.length > 1) {
      // Links sharing one app id (the same app assigned twice) cannot be told apart by the id: name the links.
      const oneId = new Set(found.map((a) => a.appInstanceId)).size === 1;
      if (oneId) {
        if (deps.prompter.interactive)
          return deps.prompter.select(
            'Which AWS app link?',
            found.map((a) => ({ name: `${a.label} (${a.linkUrl})`, value: a })),
          );
        throw new UsageError(
          `Okta lists ${found.length} links for the AWS app ${found[0]?.appInstanceId} — set \`appid\` (or --app) to one of them:\n${found.map((a) => `  ${a.linkUrl}`).join('\n')}`,
        );
      }
      throw new UsageError(`Several AWS apps are called "${settings.app}" — pick one by its id with --app:\n${list(found)}`);
    }
    throw new UsageError(`No AWS app "${settings.app}" is assigned to you. Your AWS apps:\n${list(apps)}`);
  }
  apps = distinctLinks(apps);
  if (apps.length === 1) return apps[0] as OktaAppLink;
  if (deps.prompter.interactive) {
    return deps.prompter.select(
      'Which AWS app?',
      apps.map((a) => ({ name: appLine(a), value: a })),
    );
  }
  throw new UsageError(`Several AWS apps are assigned to you — pick one with --app LABEL_OR_ID:\n${list(apps)}`);
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
 * SAMLResponse. App-level step-up MFA (the app page is Okta's "Extra Verification" page) is done
 * with the page's state token — at most MAX_STEP_UPS times, then a clear stop. The finished
 * step-up either follows Okta's `original` link back to the app or redeems a session token.
 */
export async function samlFromSession(
  client: OktaClient,
  linkUrl: string,
  authn: Omit<AuthnOptions, 'client'> | undefined,
  firstPage?: PageResponse,
): Promise<string> {
  let res = firstPage ?? (await client.page(linkUrl));
  for (let stepUps = 0; ; stepUps++) {
    const page = parseAppPage(res.status, res.finalUrl, res.body);
    if (page.kind === 'saml') return page.samlResponse;
    if (page.kind === 'login-required') {
      throw new LoginRequiredError('The Okta session has expired', { remedy: runLogin() });
    }
    if (!authn) throw new LoginRequiredError('The AWS app asks for MFA again (app sign-on policy)', { remedy: runLogin() });
    if (stepUps >= MAX_STEP_UPS) {
      throw new OktaError(`The AWS app still asks for MFA after ${MAX_STEP_UPS} step-ups`, {
        remedy: 'its sign-on policy cannot be satisfied from here; ask your Okta admin to check it',
      });
    }
    authn.log.info('The AWS app asks for MFA again (app sign-on policy)');
    authn.log.addSecret(page.stateToken);
    const tx = await client.json<AuthnTransaction>('POST', '/api/v1/authn', { stateToken: page.stateToken });
    // A --passcode was spent on the first MFA: a TOTP code is accepted once.
    const result = await continueTransaction(tx, { ...authn, client, passcode: undefined, passcodeSpent: authn.passcode !== undefined });
    if (result.next) res = await client.page(result.next);
    else if (result.sessionToken) res = await redeemSessionToken(client, result.sessionToken, linkUrl, true);
    else throw new OktaError('Okta finished the step-up without a way back to the app — run login again');
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
 * The factor that worked and Okta's device cookie are remembered for next time.
 */
export async function oktaLogin(
  client: OktaClient,
  settings: Settings,
  deps: CoreDeps,
  authn: Omit<AuthnOptions, 'client'>,
): Promise<OktaLoginResult & { user?: OktaUser }> {
  const memory = await recall(deps.oktaMemory, client, authn.username, authn.log);
  let used: FactorOption | undefined;
  const options: Omit<AuthnOptions, 'client'> = {
    ...authn,
    rememberedFactor: authn.rememberedFactor ?? memory?.factor,
    chooseFactor: authn.chooseFactor ?? factorMenu(deps.prompter),
    onFactorUsed: (option) => {
      used = option;
      authn.onFactorUsed?.(option);
    },
  };
  const { sessionToken, user } = await authenticate({ ...options, client });
  const result = await (async (): Promise<OktaLoginResult> => {
    if (settings.appid) {
      const linkUrl = appLinkUrl(client.orgUrl, settings.appid);
      const first = await redeemSessionToken(client, sessionToken, linkUrl, true);
      return { samlResponse: await samlFromSession(client, linkUrl, options, first), linkUrl };
    }
    await redeemSessionToken(client, sessionToken, `${client.orgUrl}/app/UserHome`, false);
    // keyman's `accounts` list names the apps already; otherwise ask Okta which are assigned.
    const apps = settings.accounts.length > 0 ? accountsAsApps(client.orgUrl, settings) : await listAwsApps(client);
    const app = await chooseApp(apps, settings, deps, client.orgUrl);
    return { samlResponse: await samlFromSession(client, app.linkUrl, options), app, linkUrl: app.linkUrl };
  })();
  await memorize(deps.oktaMemory, client, authn.username, memory, used, authn.log, !authn.factor && !authn.quietRememberedFactor);
  return { ...result, user };
}
