import type { Settings } from '../config/resolve.js';
import { createLogger } from '../platform/log.js';
import type { CliContext } from './context.js';
import { DAEMON_MAX_SECRETS, runRefresher } from './refresher.js';

/**
 * `login --reup` (keyman's flag, or `reup: true` in the config): after the login, stay in the
 * foreground and keep the profile fresh until Ctrl-C. The password typed for the login is kept
 * in memory for re-logins when the Okta session ends (as keyman does); a terminal is used for
 * MFA prompts.
 */
export async function runReup(ctx: CliContext, settings: Settings, o: { config?: string; credentialsFile?: string; typedPassword?: string }): Promise<number> {
  const log = createLogger({ level: ctx.debug ? 'debug' : 'info', timestamps: true, clock: () => ctx.clock.now(), maxSecrets: DAEMON_MAX_SECRETS });
  log.addSecret(o.typedPassword);
  const prompter = ctx.prompter();
  log.info('Keeping the credentials fresh (--reup); press Ctrl-C to stop');
  return runRefresher(ctx, {
    mode: 'reup',
    profiles: [settings.profile],
    config: o.config,
    credentialsFile: o.credentialsFile,
    passwordCache: settings.passwordCache,
    memoryPassword: o.typedPassword,
    log,
    prompter: prompter.interactive ? prompter : undefined,
  });
}
