import { getProfileCredentials, loginRequiredMessage } from '../../core/refresh.js';
import { loadConfig } from '../../config/load.js';
import { resolveSettings, selectedProfile } from '../../config/resolve.js';
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
  const loadFile = () =>
    loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile });
  const profile = flags.profile ?? selectedProfile(await loadFile());
  const deps = ctx.deps({ tty: true, hint: loginRequiredMessage(profile) });
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
      fullLogin: deps.prompter.interactive && {
        configSettings: async () => resolveSettings(await loadFile(), { profile }, ctx.env),
        password: keychainPassword?.source.password ?? prompt,
      },
    },
    deps,
  );
  if (result.source === 'login' && keychainPassword) await keychainPassword.source.accepted(keychainPassword.username);
  ctx.log.debug(`credential-process: ${result.source}`);
  ctx.out(credentialProcessJson(result.credentials));
  return 0;
}

/** With `password_cache` on for the profile: the keychain in front of the /dev/tty prompt. */
async function keychainPasswordFor(
  profile: string,
  cache: CacheStore,
  loadFile: () => Promise<ConfigFile>,
  ctx: CliContext,
  ask: () => Promise<string>,
): Promise<{ source: KeychainPasswordSource; username: string } | undefined> {
  const config = await loadFile().catch(() => undefined);
  const layer = config ? { ...config.top, ...(config.profiles[profile] ?? {}) } : {};
  if (layer.password_cache !== true) return undefined;
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
  return { source: new KeychainPasswordSource({ store: keychain(ctx), orgUrl, username: () => username, ask, log: ctx.log }), username };
}
