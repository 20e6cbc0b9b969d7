import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { daemonFiles, isAlive, runningPid } from '../../daemon/pidfile.js';
import { readDaemonState, type DaemonState } from '../../daemon/state.js';
import { OktaBedrockError } from '../../errors.js';
import { ensureDir } from '../../platform/fs.js';
import { displayPath } from '../../platform/paths.js';
import type { CliContext } from '../context.js';
import { BIN_PATH, daemonNodeArgs, parseProfiles, runArgs, type DaemonFlags } from '../daemon-args.js';
import { expiresIn, humanDuration, timeText } from '../format.js';
import { warnIfNoKeychain } from '../keychain.js';

const START_WAIT_MS = 10_000;
const STOP_WAIT_MS = 5_000;

async function waitFor(ctx: CliContext, ms: number, test: () => Promise<boolean> | boolean): Promise<boolean> {
  const until = ctx.clock.now().getTime() + ms;
  while (ctx.clock.now().getTime() < until) {
    if (await test()) return true;
    await ctx.clock.sleep(100);
  }
  return test();
}

/** `okta-bedrock daemon start`: runs `daemon run` detached, logging to the cache dir. */
export async function runDaemonStart(flags: DaemonFlags, ctx: CliContext): Promise<number> {
  const files = daemonFiles(ctx.paths.cacheDir);
  const logShown = displayPath(files.log, ctx.paths.home);
  const running = await runningPid(files);
  if (running) {
    ctx.log.info(`The okta-bedrock daemon is already running (pid ${running}); log: ${logShown}`);
    return 0;
  }
  if (flags.passwordCache) await warnIfNoKeychain(ctx, '--password-cache');
  await ensureDir(files.dir, 0o700);
  // Early failures (before the daemon's own logger is up) land in the log file too.
  const fd = openSync(files.log, 'a', 0o600);
  const child = spawn(process.execPath, [...daemonNodeArgs(ctx.env), BIN_PATH, 'daemon', 'run', ...runArgs(flags)], {
    detached: true,
    stdio: ['ignore', 'ignore', fd],
    env: { ...ctx.env, OKTA_BEDROCK_DETACHED: '1' },
  });
  closeSync(fd);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const up = await waitFor(ctx, START_WAIT_MS, async () => exited !== undefined || (await runningPid(files)) === child.pid);
  if (!up || exited !== undefined) {
    throw new OktaBedrockError(`The daemon did not start${exited !== undefined ? ` (exit code ${exited})` : ''} — see ${logShown}`);
  }
  ctx.log.info(`Started the okta-bedrock daemon (pid ${child.pid}); log: ${logShown}`);
  ctx.log.info('Check on it with `okta-bedrock daemon status`; stop it with `okta-bedrock daemon stop`');
  return 0;
}

/** `okta-bedrock daemon stop`: SIGTERM, then wait for the exit. */
export async function runDaemonStop(flags: DaemonFlags, ctx: CliContext): Promise<number> {
  parseProfiles(flags.profile);
  const files = daemonFiles(ctx.paths.cacheDir);
  const pid = await runningPid(files);
  if (!pid) {
    ctx.log.info('The okta-bedrock daemon is not running');
    return 0;
  }
  process.kill(pid, 'SIGTERM');
  if (!(await waitFor(ctx, STOP_WAIT_MS, () => !isAlive(pid)))) {
    throw new OktaBedrockError(`The daemon (pid ${pid}) did not stop within ${STOP_WAIT_MS / 1000} s — kill it with \`kill ${pid}\``);
  }
  ctx.log.info(`Stopped the okta-bedrock daemon (pid ${pid})`);
  return 0;
}

export interface DaemonStatusJson {
  running: boolean;
  pid?: number;
  mode?: DaemonState['mode'];
  startedAt?: string;
  logFile: string;
  profiles: DaemonState['profiles'];
  sessions: DaemonState['sessions'];
}

/** `okta-bedrock daemon status [--profile A,B] [--json]`: running or not, and each profile's refresh state. */
export async function runDaemonStatus(flags: DaemonFlags, ctx: CliContext): Promise<number> {
  const files = daemonFiles(ctx.paths.cacheDir);
  const pid = await runningPid(files);
  const state = pid ? await readDaemonState(ctx.paths.cacheDir) : undefined;
  const live = state && state.pid === pid ? state : undefined;
  const only = parseProfiles(flags.profile);
  const profiles = Object.fromEntries(Object.entries(live?.profiles ?? {}).filter(([name]) => !only || only.includes(name)));
  const out: DaemonStatusJson = {
    running: pid !== undefined,
    pid,
    mode: live?.mode,
    startedAt: live?.startedAt,
    logFile: files.log,
    profiles,
    sessions: live?.sessions ?? [],
  };
  if (flags.json) {
    ctx.out(JSON.stringify(out, null, 2));
    return 0;
  }
  if (!pid) {
    ctx.out('okta-bedrock daemon: not running (start it with `okta-bedrock daemon start`)');
    return 0;
  }
  const now = ctx.clock.now().getTime();
  const at = (iso: string): string => timeText(new Date(iso), new Date(now));
  const lines = [
    `okta-bedrock daemon: running (pid ${pid}${live?.mode === 'reup' ? ', login --reup' : ''}) since ${live?.startedAt ? at(live.startedAt) : '?'}`,
  ];
  for (const [name, p] of Object.entries(out.profiles)) {
    const exp = p.expiresAt ? expiresIn(new Date(p.expiresAt), new Date(now)) : 'no credentials';
    const late = overdue(p, now);
    const next = late ? `, refresh overdue by ${humanDuration(late)}` : p.nextRefreshAt ? `, next refresh ${at(p.nextRefreshAt)}` : '';
    const state = late ? 'overdue' : p.state === 'login-required' ? 'login required' : p.state;
    lines.push(`  ${name}: ${state}, ${exp}${next}${p.lastError ? ` — ${p.lastError}` : ''}`);
  }
  for (const s of out.sessions) {
    const exp = s.expiresAt ? `, ${expiresIn(new Date(s.expiresAt), new Date(now))}` : '';
    const late = s.overdueSince ? now - Date.parse(s.overdueSince) : 0;
    lines.push(`  Okta session ${s.login} at ${orgHost(s.orgUrl)}: ${late > 0 ? `overdue (a keep-alive has run for ${humanDuration(late)})` : s.state}${exp}`);
  }
  lines.push(`  log: ${displayPath(files.log, ctx.paths.home)}`);
  ctx.out(lines.join('\n'));
  return 0;
}

/** The org a session belongs to, as people name it: its host (acme.okta.com). */
function orgHost(orgUrl: string): string {
  try {
    return new URL(orgUrl).host;
  } catch {
    return orgUrl;
  }
}

/** Grace after a refresh fell due before `status` calls it overdue (a pass of the loop takes up to a tick). */
const OVERDUE_GRACE_MS = 2 * 60_000;

/**
 * How long a profile's refresh is overdue (ms), or 0: it ran past its watchdog, or its time came
 * and went without the daemon getting to it (a daemon frozen in a task leaves an "ok" state behind).
 */
export function overdue(p: { overdueSince?: string; nextRefreshAt?: string }, nowMs: number): number {
  if (p.overdueSince) return Math.max(1000, nowMs - Date.parse(p.overdueSince));
  const due = p.nextRefreshAt ? Date.parse(p.nextRefreshAt) : NaN;
  return Number.isFinite(due) && nowMs - due > OVERDUE_GRACE_MS ? nowMs - due : 0;
}
