import type { Clock } from '../platform/clock.js';
import type { HttpClient } from '../platform/http.js';
import type { Logger } from '../platform/log.js';
import type { Prompter } from '../platform/prompts.js';
import type { FactorTiming } from '../okta/factors/types.js';
import type { OktaMemoryStore } from '../okta/memory.js';
import type { BrowserSignIn } from './browser-signin.js';

/** What varies between a real run, a test and the daemon: injected into every core flow. */
export interface CoreDeps {
  http: HttpClient;
  prompter: Prompter;
  log: Logger;
  clock: Clock;
  /** AWS_ENDPOINT_URL_STS, when set. */
  stsEndpoint?: string;
  /** Deadline of each AWS (STS) call, retries included: config `http_timeout` (default 30 s). */
  httpTimeoutMs?: number;
  factorTiming?: Partial<FactorTiming>;
  signal?: AbortSignal;
  /** Remembers the MFA factor and Okta's device cookie per org and user (the cache dir). */
  oktaMemory?: OktaMemoryStore;
  /** The browser hand-off (`login --browser`, browser profiles' refreshes); absent: none here. */
  browser?: BrowserSignIn;
}
