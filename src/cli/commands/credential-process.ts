import { getProfileCredentials, loginRequiredMessage } from '../../core/refresh.js';
import { loadConfig } from '../../config/load.js';
import { resolveSettings, selectedProfile } from '../../config/resolve.js';
import { credentialProcessJson } from '../../store/cache-files.js';
import { CacheStore } from '../../store/cache.js';
import type { CliContext } from '../context.js';

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
  const result = await getProfileCredentials(
    {
      profile,
      cache: new CacheStore(ctx.paths.cacheDir),
      configSettings: async () => resolveSettings(await loadFile(), { profile }, ctx.env),
      password: async () => deps.prompter.password('Okta password:'),
      allowFullLogin: deps.prompter.interactive,
    },
    deps,
  );
  ctx.log.debug(`credential-process: ${result.source}`);
  ctx.out(credentialProcessJson(result.credentials));
  return 0;
}
