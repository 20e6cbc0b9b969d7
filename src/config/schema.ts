/**
 * The config file's keys. Ours is a superset of aws_okta_keyman's, so its file works unchanged.
 * Every key is documented in config.example.yml.
 */
export type KeyType = 'string' | 'number' | 'boolean' | 'accounts' | 'duration';

export interface KeySpec {
  type: KeyType;
  /** Allowed values for a string. */
  oneOf?: readonly string[];
  min?: number;
  max?: number;
  /** Accepted from keyman files but not used by us. */
  ignored?: boolean;
}

/** Keys valid both at the top level and inside `profiles.<name>`. */
export const PROFILE_KEYS: Readonly<Record<string, KeySpec>> = {
  org: { type: 'string' },
  oktapreview: { type: 'boolean' },
  username: { type: 'string' },
  appid: { type: 'string' },
  app: { type: 'string' },
  account: { type: 'string' },
  accounts: { type: 'accounts' },
  role: { type: 'string' },
  assume_role_arn: { type: 'string' },
  assume_role_duration: { type: 'number', min: 900, max: 3600 },
  region: { type: 'string' },
  duration: { type: 'number', min: 900, max: 43200 },
  factor: { type: 'string' },
  password_cache: { type: 'boolean' },
  reup: { type: 'boolean' },
  refresh_before: { type: 'duration', min: 300, max: 3600 },
  auth_flow: { type: 'string', oneOf: ['auto', 'classic', 'device', 'idx', 'browser'] },
  browser_path: { type: 'string' },
  browser_timeout: { type: 'duration', min: 10, max: 3600 },
  oidc_client_id: { type: 'string' },
  http_timeout: { type: 'duration', min: 1, max: 600 },
  // aws_okta_keyman keys we accept and ignore (or that only change its own UI):
  duo_factor: { type: 'string', ignored: true },
  console: { type: 'boolean', ignored: true },
  screen: { type: 'boolean', ignored: true },
  debug: { type: 'boolean', ignored: true },
  name: { type: 'string', ignored: true },
};

export const TOP_LEVEL_ONLY_KEYS: Readonly<Record<string, KeySpec>> = {
  profile: { type: 'string' },
};

export interface AccountEntry {
  name: string;
  appid: string;
}

/** One layer of settings as written in the file (top level or a `profiles:` entry). */
export interface RawSettings {
  org?: string;
  oktapreview?: boolean;
  username?: string;
  appid?: string;
  app?: string;
  account?: string;
  accounts?: AccountEntry[];
  role?: string;
  assume_role_arn?: string;
  assume_role_duration?: number;
  region?: string;
  duration?: number;
  factor?: string;
  password_cache?: boolean;
  reup?: boolean;
  refresh_before?: number;
  auth_flow?: 'auto' | 'classic' | 'device' | 'idx' | 'browser';
  oidc_client_id?: string;
  http_timeout?: number;
  browser_path?: string;
  browser_timeout?: number;
  profile?: string;
}

export interface ConfigFile {
  path?: string;
  /** True when read from aws_okta_keyman.yml. */
  keyman: boolean;
  top: RawSettings;
  profiles: Record<string, RawSettings>;
  warnings: string[];
}
