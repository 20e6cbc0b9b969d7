import { daemonFiles, runningPid } from '../../daemon/pidfile.js';
import { readDaemonState } from '../../daemon/state.js';
import { overdue } from './daemon-control.js';
import { outerCredentials } from '../../store/cache-files.js';
import { CacheStore } from '../../store/cache.js';
import type { CliContext } from '../context.js';
import { timeText } from '../format.js';
import { renderTable } from '../table.js';
import { terminalWidth } from '../../platform/ui.js';

export interface StatusFlags {
  profile?: string;
  json?: boolean;
  debug?: boolean;
}

export interface ProfileStatusJson {
  profile: string;
  username: string;
  org: string;
  role: string;
  credentialsExpireAt?: string;
  credentialsValid: boolean;
  oktaSessionExpiresAt?: string;
  oktaSessionValid: boolean;
  /** `not running`, or the daemon's view: ok, retrying, login-required, starting, not refreshed. */
  daemon: string;
  lastRefresh?: string;
  lastError?: string;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** `okta-bedrock status [--json]`: every cached profile with its credentials, Okta session and daemon state. */
export async function runStatus(flags: StatusFlags, ctx: CliContext): Promise<number> {
  const store = new CacheStore(ctx.paths.cacheDir);
  const now = ctx.clock.now().getTime();
  const pid = await runningPid(daemonFiles(ctx.paths.cacheDir));
  const state = pid ? await readDaemonState(ctx.paths.cacheDir) : undefined;
  const daemon = state && state.pid === pid ? state : undefined;
  const names = flags.profile ? [flags.profile] : (await store.listProfiles()).sort();
  const rows: ProfileStatusJson[] = [];
  for (const profile of names) {
    const cache = await store.readProfile(profile);
    if (!cache) continue;
    const creds = outerCredentials(cache);
    const session = await store.readSession(cache.record.orgUrl, cache.record.username);
    const d = daemon?.profiles[profile];
    rows.push({
      profile,
      username: cache.record.username,
      org: cache.record.orgUrl,
      role: cache.record.assumeRoleArn ?? cache.record.roleArn,
      credentialsExpireAt: creds?.expiration,
      credentialsValid: creds !== undefined && Date.parse(creds.expiration) > now,
      oktaSessionExpiresAt: session?.expiresAt,
      oktaSessionValid: session !== undefined && Date.parse(session.expiresAt) > now,
      daemon: !pid ? 'not running' : d ? (overdue(d, now) ? 'overdue' : d.state) : 'not refreshed',
      lastRefresh: later(cache.lastRefresh, d?.lastRefresh),
      lastError: d?.lastError ?? cache.lastError,
    });
  }
  if (flags.json) {
    ctx.out(JSON.stringify({ daemon: { running: pid !== undefined, pid }, profiles: rows }, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    ctx.out(
      flags.profile
        ? `No cached profile "${flags.profile}" — run \`okta-bedrock login --profile ${flags.profile}\``
        : 'No profiles yet — run `okta-bedrock login`',
    );
    return 0;
  }
  const when = (iso: string | undefined): string => (iso ? timeText(new Date(iso), new Date(now)) : '—');
  const ago = when;
  const table = [['PROFILE', 'CREDENTIALS EXPIRE', 'OKTA SESSION', 'DAEMON', 'LAST REFRESH', 'LAST ERROR']];
  for (const r of rows) {
    table.push([r.profile, when(r.credentialsExpireAt), when(r.oktaSessionExpiresAt), r.daemon, ago(r.lastRefresh), r.lastError ?? '—']);
  }
  ctx.out(renderTable(table[0]!, table.slice(1), { width: terminalWidth(process.stdout, ctx.env), keep: [0] }));
  return 0;
}
