import { DEFAULT_BROWSER_TIMEOUT_MS, type BrowserSignIn } from '../core/browser-signin.js';
import { chromiumSignIn } from '../platform/chromium/index.js';
import type { Logger } from '../platform/log.js';
import type { Env } from '../platform/paths.js';
import { withFileLock } from '../store/file-lock.js';

/**
 * The browser hand-off of this process: Chromium with the okta-bedrock profile, one at a time
 * across processes (parallel credential_process calls would otherwise start a second browser on
 * the same profile, which Chromium refuses) — a second caller waits for the first sign-in.
 */
export function browserSignIn(env: Env, profileDir: string, log: Logger): BrowserSignIn {
  const chromium = chromiumSignIn({ env, platform: process.platform, profileDir, log, isRoot: process.getuid?.() === 0 });
  return {
    noWindowReason: () => chromium.noWindowReason(),
    signIn: (req) =>
      withFileLock(profileDir, () => chromium.signIn(req), { timeoutMs: (req.timeoutMs ?? DEFAULT_BROWSER_TIMEOUT_MS) + 60_000, staleMs: 30_000 }),
  };
}
