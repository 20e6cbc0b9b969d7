import { DAEMON_MAX_SECRETS, runRefresher } from '../refresher.js';
import { daemonFiles } from '../../daemon/pidfile.js';
import { RotatingLogFile } from '../../daemon/log-file.js';
import { ensureDir } from '../../platform/fs.js';
import { createLogger } from '../../platform/log.js';
import type { CliContext } from '../context.js';
import { parseProfiles, type DaemonFlags } from '../daemon-args.js';
import { loadServiceEnv } from '../daemon-env.js';

/**
 * `okta-bedrock daemon run`: the refresher in the foreground (what `daemon start` detaches and
 * the systemd/launchd service runs). Logs go to the rotating log file in the cache dir, and to
 * stderr too unless started detached.
 */
export async function runDaemonRun(flags: DaemonFlags, ctx: CliContext): Promise<number> {
  const profiles = parseProfiles(flags.profile);
  const files = daemonFiles(ctx.paths.cacheDir);
  await ensureDir(files.dir, 0o700);
  const file = new RotatingLogFile(files.log);
  const echo = ctx.env.OKTA_BEDROCK_DETACHED !== '1';
  const log = createLogger({
    level: ctx.debug ? 'debug' : 'info',
    timestamps: true,
    clock: () => ctx.clock.now(),
    maxSecrets: DAEMON_MAX_SECRETS,
    write: (line) => {
      file.write(line);
      if (echo) process.stderr.write(line + '\n');
    },
  });
  await loadServiceEnv(ctx, log);
  return runRefresher(ctx, {
    mode: 'daemon',
    profiles,
    config: flags.config,
    credentialsFile: flags.credentialsFile,
    passwordCache: flags.passwordCache,
    log,
  });
}
