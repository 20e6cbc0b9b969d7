import type { BrowserSignIn } from '../../core/browser-signin.js';
import type { Logger } from '../log.js';
import type { Env } from '../paths.js';
import { captureSaml } from './capture.js';
import { findBrowser } from './find.js';

export interface ChromiumSignInOptions {
  env: Env;
  platform: NodeJS.Platform;
  profileDir: string;
  log: Logger;
  /** Root (containers) cannot use Chromium's sandbox. */
  isRoot: boolean;
}

const numberOr = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * The browser hand-off on this machine. Hidden test switches (not for users):
 * OKTA_BEDROCK_BROWSER_HEADLESS=1 never shows a window (and needs no display),
 * OKTA_BEDROCK_BROWSER_DEVTOOLS_PORT exposes DevTools on 127.0.0.1 so a test can drive the page,
 * OKTA_BEDROCK_BROWSER_IDLE_MS shortens the headless "waits for a person" detection.
 */
export function chromiumSignIn(o: ChromiumSignInOptions): BrowserSignIn {
  const forceHeadless = o.env.OKTA_BEDROCK_BROWSER_HEADLESS === '1';
  return {
    noWindowReason() {
      if (forceHeadless || o.platform === 'darwin' || o.platform === 'win32') return undefined;
      return o.env.DISPLAY || o.env.WAYLAND_DISPLAY ? undefined : 'no display: DISPLAY and WAYLAND_DISPLAY are unset';
    },
    async signIn(req) {
      const browser = findBrowser({ env: o.env, platform: o.platform, explicitPath: req.browserPath });
      return captureSaml(req, {
        browser,
        profileDir: o.profileDir,
        log: o.log,
        forceHeadless,
        devtoolsPort: numberOr(o.env.OKTA_BEDROCK_BROWSER_DEVTOOLS_PORT),
        headlessIdleMs: numberOr(o.env.OKTA_BEDROCK_BROWSER_IDLE_MS),
        noSandbox: o.isRoot,
      });
    },
  };
}
