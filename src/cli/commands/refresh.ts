import { timeText } from '../../platform/ui.js';
import { loadConfig } from '../../config/load.js';
import { resolveSettings, selectedProfile } from '../../config/resolve.js';
import { getProfileCredentials } from '../../core/refresh.js';
import { LoginRequiredError } from '../../errors.js';
import { nonInteractivePrompter } from '../../platform/prompts.js';
import { lineProgress } from '../../platform/ui.js';
import { CacheStore } from '../../store/cache.js';
import type { CliContext } from '../context.js';
import { keychainPasswordFor } from './credential-process.js';

export interface RefreshFlags {
  profile?: string;
  config?: string;
  debug?: boolean;
  timeout?: string;
}

/** Claude Code gives awsAuthRefresh a few minutes; we give up first, with one line. */
export const REFRESH_TIMEOUT_SECONDS = 180;

/**
 * `okta-bedrock refresh --profile P`: Claude Code's `awsAuthRefresh` (and for scripts, cron).
 * Makes P's cached credentials fresh by the cheapest layer — cache, re-chain, SAML from the Okta
 * session — and else a sign-in that needs no stdin: the keychain password with a push (its number
 * challenge printed on stdout, which Claude Code shows), or the OIE device flow (URL printed,
 * browser opened). Never reads stdin; gives up after 3 minutes with one line.
 */
export async function runRefresh(flags: RefreshFlags, ctx: CliContext): Promise<number> {
  const loadFile = () => loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile });
  const profile = flags.profile ?? selectedProfile(await loadFile());
  const loginHint = `run \`okta-bedrock login --profile ${profile}\` in a terminal (with --password-cache, refresh can then sign in alone)`;
  // Everything the sign-in says (the push number challenge, the device-flow URL) goes to stdout.
  const say = (m: string): void => ctx.out(m);
  const prompter = { ...nonInteractivePrompter(loginHint, say), progress: (m: string) => lineProgress(m, say) };
  const seconds = Number(flags.timeout ?? ctx.env.OKTA_BEDROCK_REFRESH_TIMEOUT_SECONDS ?? REFRESH_TIMEOUT_SECONDS);
  const limit = Number.isFinite(seconds) && seconds > 0 ? seconds : REFRESH_TIMEOUT_SECONDS;
  const controller = new AbortController();
  const deps = { ...ctx.deps({ hint: loginHint }), prompter, signal: controller.signal };
  const cache = new CacheStore(ctx.paths.cacheDir);
  const noPassword = async (): Promise<string> => {
    throw new LoginRequiredError(`The Okta session for profile ${profile} ended and no password is saved in the OS keychain — ${loginHint}`, {
      code: 'login_required',
    });
  };
  const keychainPassword = await keychainPasswordFor(profile, cache, loadFile, ctx, noPassword, true);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new LoginRequiredError(`okta-bedrock refresh gave up after ${Math.round(limit)} s waiting for the sign-in — ${loginHint}`, { code: 'refresh_timeout' }),
      );
    }, limit * 1000);
    timer.unref();
  });
  try {
    const result = await Promise.race([
      getProfileCredentials(
        {
          profile,
          cache,
          fullLogin: {
            configSettings: async () => resolveSettings(await loadFile(), { profile }, ctx.env),
            password: keychainPassword?.source.password ?? noPassword,
          },
        },
        deps,
      ),
      timedOut,
    ]);
    if (result.source === 'login' && keychainPassword) await keychainPassword.source.accepted(keychainPassword.username);
    const expires = result.credentials.expiration ? new Date(result.credentials.expiration) : undefined;
    const how = { cache: 'still fresh', rechain: 're-chained the role', saml: 'from your Okta session', login: 'signed in to Okta' }[result.source];
    ctx.out(`okta-bedrock: profile ${profile} credentials ${how}${expires ? `, valid until ${timeText(expires, ctx.clock.now())}` : ''}`);
    return 0;
  } finally {
    clearTimeout(timer);
  }
}
