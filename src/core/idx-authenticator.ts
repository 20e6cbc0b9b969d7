import type { Settings } from '../config/resolve.js';
import { LoginRequiredError, OktaError, UsageError } from '../errors.js';
import { appLinkUrl, listAwsApps } from '../okta/apps.js';
import type { OktaAuthenticator, SamlAssertionResult } from '../okta/authenticator.js';
import type { OktaClient, PageResponse } from '../okta/client.js';
import { factorMenu } from '../okta/factors/menu.js';
import { dashboardStateToken, readIdxPage } from '../okta/idx/bootstrap.js';
import { IdxConversation, type IdxOutcome } from '../okta/idx/conversation.js';
import type { IdxUser } from '../okta/idx/types.js';
import { memorize, recall } from '../okta/remember.js';
import { SESSION_COOKIE, snapshotSession } from '../okta/session.js';
import type { OktaAppLink } from '../okta/types.js';
import type { ClassicLoginInput } from './classic-authenticator.js';
import type { CoreDeps } from './deps.js';
import { signInClient } from './okta-client.js';
import { accountsAsApps, chooseApp, MAX_STEP_UPS } from './fetch-assertion.js';

/** The sign-in page had no state token (an unusual page): the caller falls back to the classic API. */
export class IdxBootstrapError extends OktaError {}

function displayNameOf(user: IdxUser | undefined, fallback: string): string {
  const p = user?.profile;
  const name = [p?.firstName, p?.lastName].filter(Boolean).join(' ');
  return name || user?.identifier || fallback;
}

/**
 * The Okta Identity Engine sign-in through the IDX API, as the Sign-In Widget does it: the AWS
 * app link (or the dashboard's sign-in page) gives a state token, the IDX conversation ends in
 * `success.href`, whose GET sets the `sid` session and continues to the SAML form. An app
 * step-up (the app link shows the widget again with a live session) runs the conversation on
 * that page's token, at most MAX_STEP_UPS times. The session goes to the cache like the classic one.
 */
export class IdxAuthenticator implements OktaAuthenticator {
  readonly flow = 'idx' as const;
  private username?: string;
  private user?: IdxUser;

  constructor(
    private readonly settings: Settings,
    private readonly input: ClassicLoginInput,
    private readonly deps: CoreDeps,
  ) {
    this.username = settings.username;
  }

  private async askUsername(): Promise<string> {
    if (this.username) return this.username;
    const typed = this.deps.prompter.interactive ? (await this.deps.prompter.text('Okta username:')).trim() : '';
    if (!typed) throw new UsageError('No Okta username — pass --username or set `username` in the config');
    this.username = typed;
    return typed;
  }

  async getSamlAssertion(signal?: AbortSignal): Promise<SamlAssertionResult> {
    const { settings, deps } = this;
    const log = deps.log;
    const client = signInClient(settings.orgUrl, deps, signal);
    const memory = settings.username ? await recall(deps.oktaMemory, client, settings.username, log) : undefined;
    let passcode = this.input.passcode;
    let factorUsed: IdxOutcome['factorUsed'];
    const converse = async (stateToken: string): Promise<IdxOutcome> => {
      const outcome = await new IdxConversation({
        client,
        prompter: deps.prompter,
        log,
        clock: deps.clock,
        username: () => this.askUsername(),
        password: this.input.password,
        passcode,
        passcodeSpent: passcode === undefined && this.input.passcode !== undefined,
        factor: settings.factor,
        rememberedFactor: memory?.factor,
        chooseFactor: this.input.chooseFactor ?? factorMenu(deps.prompter),
        timing: deps.factorTiming,
        signal: signal ?? deps.signal,
      }).run(stateToken);
      // A TOTP code is accepted once: a step-up asks for a new one.
      passcode = undefined;
      if (outcome.user) this.user = outcome.user;
      if (outcome.factorUsed) {
        factorUsed = outcome.factorUsed;
        this.input.onFactorUsed?.(outcome.factorUsed);
      }
      return outcome;
    };

    let linkUrl: string;
    let app: OktaAppLink | undefined;
    let samlResponse: string;
    if (settings.appid) {
      linkUrl = appLinkUrl(client.orgUrl, settings.appid);
      const first = readIdxPage(await client.page(linkUrl));
      if (first.kind === 'no-token') throw new IdxBootstrapError('The AWS app link led to a sign-in page without an IDX state token');
      samlResponse = await this.samlFrom(client, linkUrl, first, converse, 0);
    } else {
      const token = await dashboardStateToken(client);
      if (!token) throw new IdxBootstrapError("The org's sign-in page carries no IDX state token");
      const outcome = await converse(token);
      await client.page(outcome.successHref);
      if (!client.cookies.get(SESSION_COOKIE)) {
        throw new OktaError('Okta finished the sign-in but started no session (no sid cookie) — run login again', { code: 'idx_no_session' });
      }
      const apps = settings.accounts.length > 0 ? accountsAsApps(client.orgUrl, settings) : await listAwsApps(client);
      app = await chooseApp(apps, settings, deps, client.orgUrl);
      linkUrl = app.linkUrl;
      samlResponse = await this.samlFrom(client, linkUrl, readIdxPage(await client.page(linkUrl)), converse, 1);
    }
    const username = this.username ?? this.user?.identifier ?? '';
    if (!client.cookies.get(SESSION_COOKIE)) throw new OktaError('Okta served the AWS app but started no session (no sid cookie)');
    if (username) await memorize(deps.oktaMemory, client, username, memory, factorUsed, log, !settings.factor && !this.input.quietRememberedFactor);
    return {
      samlResponse,
      linkUrl,
      app,
      username,
      displayName: displayNameOf(this.user, username),
      session: snapshotSession(client, username, deps.clock),
      cookies: client.cookies.all(),
      oktaRequests: client.requestCount,
    };
  }

  /**
   * From an app-link page to its SAMLResponse: each widget page with a state token is one IDX
   * conversation (the first sign-in, then app step-ups — at most MAX_STEP_UPS), after which
   * `success.href` leads back to the app.
   */
  private async samlFrom(
    client: OktaClient,
    linkUrl: string,
    first: ReturnType<typeof readIdxPage>,
    converse: (token: string) => Promise<IdxOutcome>,
    signedIn: number,
  ): Promise<string> {
    let page = first;
    let conversations = signedIn;
    for (;;) {
      if (page.kind === 'saml') return page.samlResponse;
      if (page.kind === 'no-token') throw new LoginRequiredError('The Okta session ended during the sign-in — run `okta-bedrock login` again');
      if (conversations > MAX_STEP_UPS) {
        throw new OktaError(
          `The AWS app still asks for another sign-in step after ${MAX_STEP_UPS} step-ups — its authentication policy cannot be satisfied from here; ask your Okta admin to check it`,
          { code: 'step_up_loop' },
        );
      }
      if (conversations > 0) this.deps.log.info('The AWS app asks for another sign-in step (app authentication policy)');
      conversations++;
      const outcome = await converse(page.stateToken);
      const res: PageResponse = await client.page(outcome.successHref);
      let next = readIdxPage(res, false);
      // success.href may end elsewhere than the app (the dashboard): open the app link again.
      if (next.kind === 'no-token') next = readIdxPage(await client.page(linkUrl));
      page = next;
    }
  }
}
