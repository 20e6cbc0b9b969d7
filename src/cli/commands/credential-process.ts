import { getProfileCredentials, loginRequiredMessage, notLoggedInMessage } from '../../core/refresh.js';
import { loadConfig } from '../../config/load.js';
import { httpTimeoutFor, resolveSettings, selectedProfile } from '../../config/resolve.js';
import { credentialProcessJson } from '../../store/cache-files.js';
import { CacheStore } from '../../store/cache.js';
import type { CliContext } from '../context.js';
import { KeychainPasswordSource } from '../../core/password-source.js';
import type { ConfigFile } from '../../config/schema.js';
import { keychain } from '../keychain.js';

export interface CredentialProcessFlags {
  profile?: string;
  config?: string;
  debug?: boolean;
}

/**
 * `okta-bedrock credential-process --profile X`: the AWS CLI/SDK `credential_process` contract.
 * stdout gets exactly one JSON document; logs go to stderr; prompts (if a full login is needed)
 * go to /dev/tty, and without a terminal we fail fast with what to run.
 */
export async function runCredentialProcess(flags: CredentialProcessFlags, ctx: CliContext): Promise<number> {
  const loadFile = () => loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile });
  const config = await loadFile().catch(() => undefined);
  const profile = flags.profile ?? selectedProfile(config ?? (await loadFile()));
  // Under Claude Code (CLAUDECODE=1) or --no-input: never /dev/tty — say at once what to run.
  const hint = ctx.noInput ? noInputMessage(profile) : loginRequiredMessage(profile);
  const deps = ctx.deps({ tty: !ctx.noInput, hint, timeoutSeconds: httpTimeoutFor(config, profile) });
  const cache = new CacheStore(ctx.paths.cacheDir);
  const prompt = async (): Promise<string> => {
    const config = await loadFile().catch(() => undefined);
    const username = (await cache.readProfile(profile))?.record.username ?? config?.profiles[profile]?.username ?? config?.top.username;
    return deps.prompter.password(username ? `Okta password for ${username}:` : 'Okta password:');
  };
  const keychainPassword = await keychainPasswordFor(profile, cache, loadFile, ctx, prompt);
  const result = await getProfileCredentials(
    {
      profile,
      cache,
      configSettings: async () => resolveSettings(await loadFile(), { profile }, ctx.env),
      fullLogin: deps.prompter.interactive && {
        configSettings: async () => resolveSettings(await loadFile(), { profile }, ctx.env),
        password: keychainPassword?.source.password ?? prompt,
        passwordTyped: () => !keychainPassword?.source.fromKeychain,
      },
      // Browser profiles: when Okta needs the person, open the window instead of failing (stderr says so).
      browserWindow: ctx.noInput ? undefined : { notice: (m) => process.stderr.write(`${m}\n`) },
      loginRequired: ctx.noInput ? (p, hasRecord) => (hasRecord ? noInputMessage(p) : notLoggedInMessage(p)) : undefined,
    },
    deps,
  );
  if (result.source === 'login' && keychainPassword) await keychainPassword.source.accepted(keychainPassword.username);
  ctx.log.debug(`credential-process: ${result.source}`);
  ctx.out(credentialProcessJson(result.credentials));
  return 0;
}

/** What to run when fresh credentials need a sign-in and nobody can type (Claude Code, --no-input). */
export function noInputMessage(profile: string): string {
  return `Okta sign-in needed for profile ${profile} — run \`okta-bedrock refresh --profile ${profile}\` (or \`okta-bedrock login --profile ${profile}\` in a terminal)`;
}

/** With `password_cache` on for the profile: the keychain in front of the /dev/tty prompt. */
export async function keychainPasswordFor(
  profile: string,
  cache: CacheStore,
  loadFile: () => Promise<ConfigFile>,
  ctx: CliContext,
  ask: () => Promise<string>,
  /** `refresh`: the keychain is its only password source, whatever `password_cache` says. */
  always = false,
): Promise<{ source: KeychainPasswordSource; username: string } | undefined> {
  const config = await loadFile().catch(() => undefined);
  const layer = config ? { ...config.top, ...(config.profiles[profile] ?? {}) } : {};
  if (layer.password_cache !== true && !always) return undefined;
  const record = (await cache.readProfile(profile))?.record;
  let who = record ? { orgUrl: record.orgUrl, username: record.username } : undefined;
  if (!who && config) {
    try {
      const s = resolveSettings(config, { profile }, ctx.env);
      if (s.username) who = { orgUrl: s.orgUrl, username: s.username };
    } catch {
      // no org configured: no keychain entry to look up
    }
  }
  if (!who) return undefined;
  const { username, orgUrl } = who;
  // Not opted in (refresh tries anyway): an unavailable keychain is not worth a warning line.
  const log =
    layer.password_cache === true
      ? ctx.log
      : {
          ...ctx.log,
          warn: (m: string) => ctx.log.debug(m),
          debug: (m: string) => ctx.log.debug(m),
          addSecret: (v: string | undefined) => ctx.log.addSecret(v),
        };
  return { source: new KeychainPasswordSource({ store: keychain(ctx, { log }), orgUrl, username: () => username, ask, log: ctx.log }), username };
}
