import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The process environment, injected (nothing outside platform/ reads process.env). */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Paths {
  home: string;
  /** Our config file: $XDG_CONFIG_HOME/okta-bedrock/config.yml. */
  configFile: string;
  /** aws_okta_keyman's config, read when ours is absent: always ~/.config/aws_okta_keyman.yml (keyman ignores XDG_CONFIG_HOME). */
  keymanConfigFile: string;
  /** $XDG_CACHE_HOME/okta-bedrock */
  cacheDir: string;
  /** $XDG_DATA_HOME/okta-bedrock (~/.local/share/okta-bedrock): what must outlive a cache wipe. */
  dataDir: string;
  /** The dedicated Chromium profile of `login --browser` (keeps Okta's cookies): dataDir/browser, 0700. */
  browserProfileDir: string;
  /** AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials */
  awsCredentialsFile: string;
  /** AWS_CONFIG_FILE or ~/.aws/config */
  awsConfigFile: string;
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
}

export function resolvePaths(env: Env): Paths {
  const home = env.HOME || homedir();
  const configHome = env.XDG_CONFIG_HOME || join(home, '.config');
  const cacheHome = env.XDG_CACHE_HOME || join(home, '.cache');
  const dataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  return {
    home,
    configFile: join(configHome, 'okta-bedrock', 'config.yml'),
    keymanConfigFile: join(home, '.config', 'aws_okta_keyman.yml'),
    cacheDir: join(cacheHome, 'okta-bedrock'),
    dataDir: join(dataHome, 'okta-bedrock'),
    browserProfileDir: join(dataHome, 'okta-bedrock', 'browser'),
    awsCredentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), home),
    awsConfigFile: expandHome(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), home),
  };
}

/** Shows a path with the home directory as `~` (for messages like keyman's). */
export function displayPath(p: string, home: string): string {
  return home && p.startsWith(home + '/') ? '~' + p.slice(home.length) : p;
}

/** The OS login name, looked up like Python's getpass.getuser() (what aws_okta_keyman used). */
export function osUserName(env: Env): string | undefined {
  const fromEnv = env.LOGNAME || env.USER || env.LNAME || env.USERNAME;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
