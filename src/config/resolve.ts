import { ConfigError } from '../errors.js';
import { normalizeOrgUrl } from '../okta/org-url.js';
import { osUserName } from '../platform/paths.js';
import type { AccountEntry, ConfigFile, RawSettings } from './schema.js';

/** Flags that override the file (already parsed by the CLI). */
export interface SettingsOverrides {
  org?: string;
  username?: string;
  app?: string;
  factor?: string;
  role?: string;
  assumeRoleArn?: string;
  profile?: string;
  region?: string;
  duration?: number;
  passwordCache?: boolean;
  authFlow?: AuthFlow;
  oidcClientId?: string;
  browserPath?: string;
  browserTimeoutSeconds?: number;
}

export type AuthFlow = 'auto' | 'classic' | 'device' | 'idx' | 'browser';

/** Everything a login for one profile needs, after file, profile section, env and flags. */
export interface Settings {
  profile: string;
  orgUrl: string;
  username?: string;
  /** keyman's appid (`0oa…/272`) or a link URL. */
  appid?: string;
  /** An app label or id to pick among discovered apps. */
  app?: string;
  accounts: AccountEntry[];
  role?: string;
  assumeRoleArn?: string;
  assumeRoleDurationSeconds: number;
  region: string;
  /** Requested DurationSeconds; undefined → the assertion's SessionDuration, else 3600. */
  durationSeconds?: number;
  factor?: string;
  passwordCache: boolean;
  reup: boolean;
  refreshBeforeSeconds: number;
  authFlow: AuthFlow;
  oidcClientId?: string;
  httpTimeoutSeconds: number;
  /** `login --browser`: the browser to run (--browser-path, config browser_path). */
  browserPath?: string;
  /** `login --browser`: how long the person may take (--browser-timeout, config browser_timeout); default 300. */
  browserTimeoutSeconds?: number;
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_REFRESH_BEFORE_SECONDS = 15 * 60;

/** The profile a command acts on: --profile, else the file's `profile`, else `default` (keyman's). */
/** Config `http_timeout` for a profile (its section, else the top level), seconds; default 30. */
export function httpTimeoutFor(config: ConfigFile | undefined, profile: string): number {
  return config?.profiles[profile]?.http_timeout ?? config?.top.http_timeout ?? 30;
}

export function selectedProfile(config: ConfigFile, flag?: string): string {
  return flag ?? config.top.profile ?? 'default';
}

/** keyman's `automatic-username` placeholder stands for the OS login name. */
function keymanUsername(name: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (!name?.includes('automatic-username')) return name;
  const os = osUserName(env);
  return os ? name.replace('automatic-username', os) : name;
}

function pickAccount(merged: RawSettings): string | undefined {
  if (merged.appid) return merged.appid;
  const accounts = merged.accounts ?? [];
  if (merged.account) {
    const found = accounts.find((a) => a.name === merged.account || a.appid === merged.account);
    if (!found) {
      throw new ConfigError(`account "${merged.account}" is not in the accounts list (${accounts.map((a) => a.name).join(', ') || 'empty'})`);
    }
    return found.appid;
  }
  return accounts.length === 1 ? accounts[0]?.appid : undefined;
}

/** An AWS profile name we can write as `[name]` in ~/.aws/credentials (no spaces, brackets, `#;=`). */
export function checkProfileName(profile: string): void {
  if (!/^[^\s[\]#;=]+$/.test(profile)) {
    throw new ConfigError(`Invalid AWS profile name ${JSON.stringify(profile)}: use letters, digits, - _ . / etc.`, { code: 'invalid_profile' });
  }
}

/** An AWS region code (us-east-1, us-gov-west-1, cn-north-1, eu-central-2): checked before any network call. */
export function checkRegion(region: string, what = '--region'): void {
  if (region === '') throw new ConfigError(`${what} is empty — give a region such as us-east-1`, { code: 'invalid_region' });
  if (!/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(region)) {
    throw new ConfigError(`${what} ${JSON.stringify(region)} is not an AWS region — use a code such as us-east-1 or eu-central-1`, { code: 'invalid_region' });
  }
}

export function resolveSettings(config: ConfigFile, overrides: SettingsOverrides, env: Readonly<Record<string, string | undefined>> = {}): Settings {
  const profile = selectedProfile(config, overrides.profile);
  // Before the password, MFA and STS (which would refuse these only at the end).
  checkProfileName(profile);
  if (overrides.region !== undefined) checkRegion(overrides.region);
  const layer = config.profiles[profile] ?? {};
  const merged: RawSettings = { ...config.top, ...layer };
  const orgRaw = overrides.org ?? merged.org;
  if (!orgRaw) {
    throw new ConfigError('No Okta org configured — pass --org acme (or https://acme.okta.com), or run `okta-bedrock config`');
  }
  const flagApp = overrides.app;
  const appIsLink = flagApp !== undefined && (/^0oa\w+\/\d+$/.test(flagApp) || /^https?:\/\//.test(flagApp));
  return {
    profile,
    orgUrl: normalizeOrgUrl(orgRaw, { oktapreview: merged.oktapreview }),
    username: keymanUsername(overrides.username ?? merged.username, env),
    appid: appIsLink ? flagApp : flagApp ? undefined : pickAccount(merged),
    app: appIsLink ? undefined : (flagApp ?? merged.app),
    accounts: merged.accounts ?? [],
    role: overrides.role ?? merged.role,
    assumeRoleArn: overrides.assumeRoleArn ?? merged.assume_role_arn,
    assumeRoleDurationSeconds: merged.assume_role_duration ?? 3600,
    region: overrides.region ?? merged.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULT_REGION,
    durationSeconds: overrides.duration ?? merged.duration,
    factor: overrides.factor ?? merged.factor,
    passwordCache: overrides.passwordCache ?? merged.password_cache ?? false,
    reup: merged.reup ?? false,
    refreshBeforeSeconds: merged.refresh_before ?? DEFAULT_REFRESH_BEFORE_SECONDS,
    authFlow: overrides.authFlow ?? merged.auth_flow ?? 'auto',
    oidcClientId: overrides.oidcClientId ?? merged.oidc_client_id,
    httpTimeoutSeconds: merged.http_timeout ?? 30,
    browserPath: overrides.browserPath ?? merged.browser_path,
    browserTimeoutSeconds: overrides.browserTimeoutSeconds ?? merged.browser_timeout,
  };
}
