import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { Env } from '../paths.js';

/** A Chromium-family browser we can drive over the DevTools protocol. */
export interface FoundBrowser {
  name: string;
  executablePath: string;
}

/** Where Chrome, Chromium, Edge and Brave install themselves (their packages' default paths), most common first. */
const MAC_APPS: [string, string][] = [
  ['Google Chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  ['Chromium', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  ['Microsoft Edge', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
  ['Brave', '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser'],
];
/** Linux: commands looked up on PATH (distribution packages, Google/Microsoft/Brave .deb/.rpm, snap). */
const LINUX_COMMANDS: [string, string][] = [
  ['Google Chrome', 'google-chrome'],
  ['Google Chrome', 'google-chrome-stable'],
  ['Chromium', 'chromium'],
  ['Chromium', 'chromium-browser'],
  ['Microsoft Edge', 'microsoft-edge'],
  ['Microsoft Edge', 'microsoft-edge-stable'],
  ['Brave', 'brave-browser'],
  ['Brave', 'brave'],
];
/** Linux installs that are not on PATH for every shell (the vendor packages' own directories, snap). */
const LINUX_PATHS: [string, string][] = [
  ['Google Chrome', '/opt/google/chrome/chrome'],
  ['Microsoft Edge', '/opt/microsoft/msedge/msedge'],
  ['Brave', '/opt/brave.com/brave/brave-browser'],
  ['Chromium', '/snap/bin/chromium'],
];

export interface FindBrowserOptions {
  env: Env;
  platform: NodeJS.Platform;
  /** --browser-path (wins over $BROWSER_PATH). */
  explicitPath?: string;
  /** Injected for tests: is this file an executable? */
  isExecutable?: (path: string) => boolean;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What to install, per platform, when nothing is found. */
export function installHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'install Google Chrome (https://www.google.com/chrome/), Chromium, Microsoft Edge or Brave';
  return 'install Google Chrome, Microsoft Edge, Brave or Chromium (Debian/Ubuntu: `sudo apt install chromium`; Fedora: `sudo dnf install chromium`)';
}

/**
 * The browser for `login --browser`: --browser-path, else $BROWSER_PATH, else the first
 * Chrome, Chromium, Edge or Brave found at its usual place (macOS /Applications, Linux PATH and
 * vendor directories). Only Chromium-family browsers speak the DevTools protocol we drive.
 */
export function findBrowser(opts: FindBrowserOptions): FoundBrowser {
  const isExec = opts.isExecutable ?? executable;
  const given = opts.explicitPath?.trim() || opts.env.BROWSER_PATH?.trim();
  if (given) {
    const source = opts.explicitPath?.trim() ? '--browser-path' : '$BROWSER_PATH';
    const path = isAbsolute(given) ? given : lookUp(given, opts.env, isExec);
    if (!path || !isExec(path)) {
      throw new ConfigError(`${source} ${given} is not an executable browser — point it at Chrome, Chromium, Edge or Brave`, { code: 'browser_not_found' });
    }
    return { name: given, executablePath: path };
  }
  if (opts.platform === 'darwin') {
    const home = opts.env.HOME;
    for (const [name, path] of MAC_APPS) {
      for (const p of home ? [path, join(home, path)] : [path]) if (isExec(p)) return { name, executablePath: p };
    }
  } else if (opts.platform !== 'win32') {
    for (const [name, command] of LINUX_COMMANDS) {
      const p = lookUp(command, opts.env, isExec);
      if (p) return { name, executablePath: p };
    }
    for (const [name, path] of LINUX_PATHS) if (isExec(path)) return { name, executablePath: path };
  }
  throw new ConfigError(
    `No Chrome, Chromium, Edge or Brave found for the browser sign-in — ${installHint(opts.platform)}, or point --browser-path (or $BROWSER_PATH) at one`,
    { code: 'browser_not_found' },
  );
}

function lookUp(command: string, env: Env, isExec: (p: string) => boolean): string | undefined {
  if (command.includes('/')) return isExec(command) ? command : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, command);
    if (isExec(p)) return p;
  }
  return undefined;
}
