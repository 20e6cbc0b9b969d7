import type { ConfigFile } from '../config/schema.js';
import type { CoreDeps } from '../core/deps.js';
import type { ProfileCredentials } from '../core/profile-credentials.js';
import type { Clock } from '../platform/clock.js';
import type { HostLookup } from '../platform/dns.js';
import type { HttpClient } from '../platform/http.js';
import type { Env, Paths } from '../platform/paths.js';
import type { ProfileRecord } from '../store/cache-files.js';
import type { CacheStore } from '../store/cache.js';
import type { KeychainProbe } from '../store/secrets/types.js';
import type { FoundationModel } from '../bedrock/models.js';
import type { BedrockTarget } from '../bedrock/target.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  status: CheckStatus;
  detail: string;
  /** What to do (fail and warn). */
  fix?: string;
}

/** Everything the checks may touch, injected. */
export interface DoctorDeps {
  profile?: string;
  region?: string;
  model?: string;
  configPath?: string;
  env: Env;
  paths: Paths;
  clock: Clock;
  http: HttpClient;
  core: CoreDeps;
  cache: CacheStore;
  nodeVersion: string;
  lookupHost(host: string): Promise<HostLookup>;
  fileExists(path: string): Promise<boolean>;
  /** Whether the OS keychain works (the `keychain` check); absent: not checked. */
  keychain?: () => Promise<KeychainProbe>;
}

/** What earlier checks learned, for later ones. */
export interface DoctorState {
  deps: DoctorDeps;
  profile: string;
  region: string;
  config?: ConfigFile;
  record?: ProfileRecord;
  orgUrl?: string;
  username?: string;
  credentials?: ProfileCredentials;
  target?: BedrockTarget;
  models?: FoundationModel[];
  /** ANTHROPIC_MODEL from Claude Code's settings.json (doctor --claude-code). */
  claudeModel?: string;
}

export interface DoctorCheck {
  id: string;
  title: string;
  run(state: DoctorState): Promise<CheckResult>;
}

export const pass = (detail: string): CheckResult => ({ status: 'pass', detail });
export const fail = (detail: string, fix: string): CheckResult => ({ status: 'fail', detail, fix });
export const warn = (detail: string, fix: string): CheckResult => ({ status: 'warn', detail, fix });
export const skip = (detail: string): CheckResult => ({ status: 'skip', detail });
