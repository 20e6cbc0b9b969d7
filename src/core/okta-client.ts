import { OktaClient } from '../okta/client.js';
import type { CoreDeps } from './deps.js';

/** The Okta client a sign-in uses: the deps' HTTP client, log, clock and prompter notices; `signal` or the deps'. */
export function signInClient(orgUrl: string, deps: CoreDeps, signal?: AbortSignal): OktaClient {
  return new OktaClient({ orgUrl, http: deps.http, log: deps.log, clock: deps.clock, notice: (m) => deps.prompter.notice(m), signal: signal ?? deps.signal });
}
