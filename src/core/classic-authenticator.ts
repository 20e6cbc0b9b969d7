import type { Settings } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { OktaAuthenticator, SamlAssertionResult } from '../okta/authenticator.js';
import { displayName } from '../okta/authn.js';
import type { FactorOption } from '../okta/factors/registry.js';
import { snapshotSession } from '../okta/session.js';
import type { CoreDeps } from './deps.js';
import { signInClient } from './okta-client.js';
import { oktaLogin } from './fetch-assertion.js';

export interface ClassicLoginInput {
  /** Where the password comes from (stdin, keychain, prompt); asked only when needed. */
  password: () => Promise<string>;
  passcode?: string;
  chooseFactor?: (options: FactorOption[]) => Promise<FactorOption>;
  onFactorUsed?: (option: FactorOption) => void;
  /** Do not say "Remembered MFA factor X" (the config wizard asks for the default factor itself). */
  quietRememberedFactor?: boolean;
}

/** The classic Authentication API sign-in (password + MFA → sid cookie → app page), see fetch-assertion.ts. */
export class ClassicAuthenticator implements OktaAuthenticator {
  readonly flow = 'classic' as const;

  constructor(
    private readonly settings: Settings,
    private readonly input: ClassicLoginInput,
    private readonly deps: CoreDeps,
  ) {}

  async getSamlAssertion(signal?: AbortSignal): Promise<SamlAssertionResult> {
    const { settings, deps, input } = this;
    const log = deps.log;
    const client = signInClient(settings.orgUrl, deps, signal);
    const username = settings.username ?? (deps.prompter.interactive ? (await deps.prompter.text('Okta username:')).trim() : undefined);
    if (!username) throw new UsageError('No Okta username — pass --username or set `username` in the config');
    const okta = await oktaLogin(client, settings, deps, {
      username,
      password: input.password,
      prompter: deps.prompter,
      log,
      clock: deps.clock,
      factor: settings.factor,
      passcode: input.passcode,
      timing: deps.factorTiming,
      signal: signal ?? deps.signal,
      chooseFactor: input.chooseFactor,
      onFactorUsed: input.onFactorUsed,
      quietRememberedFactor: input.quietRememberedFactor,
    });
    return {
      samlResponse: okta.samlResponse,
      linkUrl: okta.linkUrl,
      app: okta.app,
      username,
      displayName: displayName(okta.user, username),
      session: snapshotSession(client, username, deps.clock),
      cookies: client.cookies.all(),
      oktaRequests: client.requestCount,
    };
  }
}
