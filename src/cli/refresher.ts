/**
 * Runs the DaemonRunner in this process (`daemon run`, `login --reup`): the per-user lock and
 * pid file, signals (SIGTERM/SIGINT stop within 2 s, SIGHUP reloads the config), the password
 * sources for re-logins and where logs go. The only place the refresher touches `process`.
 */
import { loadConfig } from '../config/load.js';
import type { CoreDeps } from '../core/deps.js';
import { KeychainPasswordSource } from '../core/password-source.js';
import { acquireDaemonLock, daemonFiles } from '../daemon/pidfile.js';
import { DaemonRunner, type ProfileOptions } from '../daemon/runner.js';
import { writeDaemonState, type DaemonState } from '../daemon/state.js';
import { LoginRequiredError } from '../errors.js';
import { proxyConfigured, type HttpClient } from '../platform/http.js';
import { linkedSignal } from '../platform/linked-signal.js';
import { createNodeHttpClient } from '../platform/http-node.js';
import { defaultRetryPolicy, withRetries } from '../platform/http-retry.js';
import type { Logger } from '../platform/log.js';
import { desktopNotifier } from '../platform/notify.js';
import { nonInteractivePrompter, type Prompter } from '../platform/prompts.js';
import { readConfigProfile } from '../store/aws-config-file.js';
import { CacheStore } from '../store/cache.js';
import type { ProfileRecord } from '../store/cache-files.js';
import type { CliContext } from './context.js';
import { keychain } from './keychain.js';

export interface RefresherOptions {
  mode: DaemonState['mode'];
  /** Profiles to keep fresh; default every cached profile. */
  profiles?: string[];
  config?: string;
  credentialsFile?: string;
  /** `--password-cache`: use the keychain for re-logins even where the config does not say so. */
  passwordCache?: boolean;
  /** `login --reup`: the password typed at login, kept in memory for re-logins (as keyman does). */
  memoryPassword?: string;
  /** The daemon's logger (log file); default ctx.log. */
  log?: Logger;
  /** A terminal to prompt on (reup); default none. */
  prompter?: Prompter;
}

/** The refresher's logger redacts this many recent secrets (each refresh adds ~5; older ones expired). */
export const DAEMON_MAX_SECRETS = 100;

/** Exit within 2 s of SIGTERM: the loop gets this long to finish an in-flight step. */
const STOP_GRACE_MS = 1200;

/** Every request of the refresher aborts when it stops. */
function abortable(http: HttpClient, signal: AbortSignal): HttpClient {
  return {
    send: async (req) => {
      const link = linkedSignal([req.signal, signal]);
      try {
        return await http.send({ ...req, signal: link.signal });
      } finally {
        link.done();
      }
    },
  };
}

/** Profiles whose ~/.aws/config entry uses our credential_process: writing keys to the credentials file would shadow it. */
async function servedByCredentialProcess(ctx: CliContext, profile: string): Promise<boolean> {
  const section = await readConfigProfile(ctx.paths.awsConfigFile, profile).catch(() => undefined);
  return Boolean(section?.credential_process?.includes('credential-process'));
}

export async function runRefresher(ctx: CliContext, o: RefresherOptions): Promise<number> {
  const log = o.log ?? ctx.log;
  const files = daemonFiles(ctx.paths.cacheDir);
  const stop = new AbortController();
  const held = await acquireDaemonLock(files, process.pid, (e) => {
    log.error(`Lost the refresher lock (${e.message}); another okta-bedrock refresher took over — stopping`);
    stop.abort();
  });
  if (!held.acquired) {
    log.warn(
      `Another okta-bedrock refresher is already running${held.pid ? ` (pid ${held.pid})` : ''}; it keeps cached profiles fresh — not starting a second one`,
    );
    return 0;
  }
  const notify = desktopNotifier(ctx.env);
  const notice = (m: string): void => {
    log.info(m);
    notify?.(m);
  };
  const prompter: Prompter = o.prompter
    ? { ...o.prompter, notice: (m) => (o.prompter?.notice(m), notify?.(m)) }
    : nonInteractivePrompter('run `okta-bedrock login` in a terminal', notice);
  const base = ctx.deps();
  const http = proxyConfigured(ctx.env) ? base.http : withRetries(createNodeHttpClient(), defaultRetryPolicy());
  const deps: CoreDeps = { ...base, log, prompter, http: abortable(http, stop.signal), signal: stop.signal };
  const store = keychain(ctx, { retryAfterMs: 10 * 60_000, log });
  const loadOptions = async (): Promise<(p: string) => ProfileOptions> => {
    try {
      const config = await loadConfig({ explicitPath: o.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile });
      return (p) => {
        const layer = { ...config.top, ...(config.profiles[p] ?? {}) };
        return { refreshBeforeSeconds: layer.refresh_before, passwordCache: layer.password_cache };
      };
    } catch (e) {
      log.warn(`Cannot read the config (${(e as Error).message}); using what each login recorded`);
      return () => ({});
    }
  };
  const passwordFor = (_profile: string, record: ProfileRecord, opts: ProfileOptions): KeychainPasswordSource | undefined => {
    const useKeychain = o.passwordCache || opts.passwordCache === true;
    const canAsk = o.memoryPassword !== undefined || prompter.interactive;
    // A code factor needs a person at a terminal; a push can be approved from anywhere.
    if (!prompter.interactive && record.factor && !record.factor.startsWith('push')) return undefined;
    if (!useKeychain && !canAsk) return undefined;
    return new KeychainPasswordSource({
      store: useKeychain ? store : undefined,
      orgUrl: record.orgUrl,
      username: () => record.username,
      ask: async () => {
        if (o.memoryPassword !== undefined) {
          log.addSecret(o.memoryPassword);
          return o.memoryPassword;
        }
        if (prompter.interactive) return prompter.password(`Okta password for ${record.username}:`);
        throw new LoginRequiredError(`No saved Okta password for ${record.username}`, { remedy: `run \`okta-bedrock login --password-cache\`` });
      },
      log,
    });
  };
  const runner = new DaemonRunner({
    cache: new CacheStore(ctx.paths.cacheDir),
    deps,
    profiles: o.profiles,
    mode: o.mode,
    pid: process.pid,
    loadOptions,
    credentialsFile: async (p) => {
      if (o.credentialsFile) return o.credentialsFile;
      if (await servedByCredentialProcess(ctx, p)) return undefined;
      return ctx.paths.awsCredentialsFile;
    },
    passwordFor,
    saveState: (s) => writeDaemonState(ctx.paths.cacheDir, s),
    notify,
  });

  const onStop = (signal: NodeJS.Signals): void => {
    log.info(`Received ${signal}; stopping`);
    stop.abort();
  };
  const onHup = (): void => void runner.reload();
  process.on('SIGTERM', onStop);
  process.on('SIGINT', onStop);
  process.on('SIGHUP', onHup);
  log.info(
    `okta-bedrock ${o.mode === 'reup' ? 'reup' : 'daemon'} started (pid ${process.pid}); keeping ${o.profiles ? o.profiles.map((p) => `"${p}"`).join(', ') : 'every logged-in profile'} fresh`,
  );
  try {
    const done = runner.run(stop.signal);
    await Promise.race([
      done,
      new Promise<void>((resolve) => {
        stop.signal.addEventListener('abort', () => setTimeout(resolve, STOP_GRACE_MS).unref(), { once: true });
      }),
    ]);
  } finally {
    process.off('SIGTERM', onStop);
    process.off('SIGINT', onStop);
    process.off('SIGHUP', onHup);
    stop.abort();
    await writeDaemonState(ctx.paths.cacheDir, { ...runner.state(), pid: 0 }).catch(() => undefined);
    await held.lock.release();
    log.info('Stopped');
  }
  return 0;
}
