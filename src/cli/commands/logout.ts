import { loadConfig } from '../../config/load.js';
import { resolveSettings, selectedProfile } from '../../config/resolve.js';
import { KeychainPasswordSource } from '../../core/password-source.js';
import { OktaClient } from '../../okta/client.js';
import { CookieJar } from '../../okta/cookie-jar.js';
import { closeSession } from '../../okta/session.js';
import { CacheStore } from '../../store/cache.js';
import { removeOurCredentials } from '../../store/credentials-file.js';
import { displayPath } from '../../platform/paths.js';
import type { CliContext } from '../context.js';
import { keychain } from '../keychain.js';
import { identityKey } from '../../store/records.js';

export interface LogoutFlags {
  profile?: string;
  all?: boolean;
  forgetPassword?: boolean;
  config?: string;
  debug?: boolean;
}

/**
 * `okta-bedrock logout`: ends the Okta session (DELETE /api/v1/sessions/me with the cached
 * cookies), removes the cached session and credentials and our keys in ~/.aws/credentials, and
 * with --forget-password the keychain entry.
 */
export async function runLogout(flags: LogoutFlags, ctx: CliContext): Promise<number> {
  const store = new CacheStore(ctx.paths.cacheDir);
  const profiles = flags.all
    ? await store.listProfiles()
    : [
        flags.profile ??
          selectedProfile(await loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile })),
      ];
  const identities = new Map<string, { orgUrl: string; username: string }>();
  let found = 0;
  for (const profile of profiles) {
    const cache = await store.readProfile(profile);
    if (!cache) {
      ctx.log.info(`Profile "${profile}" has no cached sign-in`);
      continue;
    }
    found++;
    identities.set(identityKey(cache.record.orgUrl, cache.record.username), { orgUrl: cache.record.orgUrl, username: cache.record.username });
    await store.removeProfile(profile);
    const file = ctx.paths.awsCredentialsFile;
    // Our keys (marked by x_security_token_expires) — also when the daemon refreshed them since;
    // the section and the user's own keys (region, output) stay.
    const removed = await removeOurCredentials(file, profile);
    if (removed === 'section') ctx.log.info(`Removed profile "${profile}" from ${displayPath(file, ctx.paths.home)}`);
    if (removed === 'keys') ctx.log.info(`Removed the credentials of "${profile}" from ${displayPath(file, ctx.paths.home)} (its other keys stay)`);
    ctx.log.info(`Removed the cached credentials of "${profile}"`);
  }
  if (flags.forgetPassword && identities.size === 0) {
    // Nothing cached (already logged out): the keychain entry of the configured org and user.
    try {
      const config = await loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile });
      const s = resolveSettings(config, { profile: flags.profile }, ctx.env);
      if (s.username) identities.set('config', { orgUrl: s.orgUrl, username: s.username });
    } catch {
      // no org or user configured: nothing to forget
    }
  }
  for (const { orgUrl, username } of identities.values()) {
    const session = await store.readSession(orgUrl, username);
    if (session) {
      const jar = new CookieJar(orgUrl);
      for (const [k, v] of Object.entries(session.cookies)) jar.set(k, v);
      const http = ctx.http(15);
      try {
        await closeSession(new OktaClient({ orgUrl, http, log: ctx.log, cookies: jar }));
        ctx.log.info(`Ended the Okta session of ${username} at ${new URL(orgUrl).host}`);
      } catch (e) {
        ctx.log.warn(`Could not reach Okta to end the session (${(e as Error).message}); removed it locally`);
      }
      await store.removeSession(orgUrl, username);
    }
    if (flags.forgetPassword) {
      const pw = new KeychainPasswordSource({ store: keychain(ctx), orgUrl, username: () => username, ask: async () => '', log: ctx.log });
      if (await pw.forget()) ctx.log.info(`Removed the saved Okta password of ${username} from the OS keychain`);
    }
  }
  if (found === 0 && !flags.all) ctx.log.info('Nothing to log out of');
  return 0;
}
