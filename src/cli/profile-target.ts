import { loadConfig } from '../config/load.js';
import { regionFor } from '../config/region.js';
import { httpTimeoutFor, resolveSettings, selectedProfile } from '../config/resolve.js';
import type { ConfigFile } from '../config/schema.js';
import { bedrockEndpoints, type BedrockTarget } from '../bedrock/target.js';
import { resolveProfileCredentials, type ProfileCredentials } from '../core/profile-credentials.js';
import { loginRequiredMessage } from '../core/refresh.js';
import { CacheStore } from '../store/cache.js';
import type { CliContext } from './context.js';

/** Flags shared by the commands that act with a profile's credentials. */
export interface ProfileFlags {
  profile?: string;
  region?: string;
  config?: string;
  debug?: boolean;
}

export interface ResolvedProfile extends ProfileCredentials {
  region: string;
  target: BedrockTarget;
}

export async function loadConfigFile(flags: ProfileFlags, ctx: CliContext): Promise<ConfigFile> {
  return loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile });
}

/**
 * The profile's credentials (cache/refresh path, else the credentials file) and region. With
 * `allowLogin`, a person at a terminal is asked for the Okta password when the session is gone.
 */
export async function resolveProfile(flags: ProfileFlags, ctx: CliContext, options: { allowLogin: boolean }): Promise<ResolvedProfile> {
  const config = await loadConfigFile(flags, ctx);
  for (const w of config.warnings) ctx.log.debug(w);
  const profile = selectedProfile(config, flags.profile);
  const deps = ctx.deps({ hint: loginRequiredMessage(profile), timeoutSeconds: httpTimeoutFor(config, profile) });
  const creds = await resolveProfileCredentials(
    {
      profile,
      cache: new CacheStore(ctx.paths.cacheDir),
      credentialsFile: ctx.paths.awsCredentialsFile,
      home: ctx.paths.home,
      fullLogin: options.allowLogin &&
        deps.prompter.interactive && {
          configSettings: async () => resolveSettings(config, { profile }, ctx.env),
          password: async () => deps.prompter.password('Okta password:'),
          passwordTyped: () => true,
        },
    },
    deps,
  );
  ctx.log.addSecret(creds.credentials.secretAccessKey);
  ctx.log.addSecret(creds.credentials.sessionToken);
  const region = regionFor(flags.region, ctx.env, creds.record, config, profile);
  ctx.log.debug(`profile ${profile}: credentials from ${creds.origin}, region ${region}`);
  return { ...creds, region, target: { region, profile, credentials: creds.credentials, ...bedrockEndpoints(ctx.env), timeoutMs: deps.httpTimeoutMs } };
}
