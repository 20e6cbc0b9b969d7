import { spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import {
  SERVICE_ENV_KEYS,
  envFileText,
  splitServiceEnv,
  disableCommands,
  stopCommandsWithoutFile,
  enableCommands,
  serviceFilePath,
  serviceFileText,
  servicePlatform,
  type ServicePlatform,
} from '../../daemon/service-unit.js';
import { UsageError } from '../../errors.js';
import { serviceEnvFile } from '../daemon-env.js';
import { atomicWrite } from '../../platform/fs.js';
import { displayPath } from '../../platform/paths.js';
import type { CliContext } from '../context.js';
import { BIN_PATH, daemonNodeArgs, runArgs, type DaemonFlags } from '../daemon-args.js';

function platformKind(ctx: CliContext): { kind: ServicePlatform; file: string } {
  const kind = servicePlatform(process.platform);
  if (!kind)
    throw new UsageError(`daemon install supports Linux (systemd) and macOS (launchd), not ${process.platform} — run \`okta-bedrock daemon start\` instead`);
  return { kind, file: serviceFilePath(kind, ctx.paths.home, ctx.env.XDG_CONFIG_HOME) };
}

/** `okta-bedrock daemon install`: writes the user service and prints how to enable it. */
export async function runDaemonInstall(flags: DaemonFlags, ctx: CliContext): Promise<number> {
  const { kind, file } = platformKind(ctx);
  const env: Record<string, string> = {};
  for (const k of SERVICE_ENV_KEYS) {
    const v = ctx.env[k];
    if (v) env[k] = v;
  }
  if (ctx.env.PATH) env.PATH = ctx.env.PATH;
  // A proxy password never goes in the unit/plist (0644) nor on stdout: it goes to a 0600 file `daemon run` reads.
  const { plain, secret } = splitServiceEnv(env);
  const envFile = serviceEnvFile(ctx);
  const text = serviceFileText(kind, { argv: [process.execPath, ...daemonNodeArgs(ctx.env), BIN_PATH, 'daemon', 'run', ...runArgs(flags)], env: plain });
  const shown = displayPath(file, ctx.paths.home);
  const names = Object.keys(secret).join(', ');
  if (flags.dryRun) {
    ctx.out(`# ${shown}\n${text}`);
    if (names)
      ctx.out(`# ${displayPath(envFile, ctx.paths.home)} (mode 0600, read by \`daemon run\` at start): ${names} (values not shown: they hold credentials)`);
    return 0;
  }
  if (names) {
    await atomicWrite(envFile, envFileText(secret), { mode: 0o600, dirMode: 0o700 });
    ctx.log.info(`Wrote ${names} to ${displayPath(envFile, ctx.paths.home)} (mode 0600; they hold credentials, so not in the service file)`);
  }
  await atomicWrite(file, text, { mode: 0o644, dirMode: 0o755 });
  ctx.log.info(`Wrote ${shown}`);
  ctx.log.info('Enable it (starts now and at every login):');
  for (const c of enableCommands(kind, file)) ctx.out(`  ${c}`);
  return 0;
}

/** `okta-bedrock daemon uninstall`: stops and disables the service (best effort) and removes its file. */
export async function runDaemonUninstall(flags: DaemonFlags, ctx: CliContext): Promise<number> {
  void flags;
  const { kind, file } = platformKind(ctx);
  const shown = displayPath(file, ctx.paths.home);
  const exists = await fsp.stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    ctx.log.info(`No service installed (${shown} does not exist)`);
    return 0;
  }
  let failed = false;
  for (const c of disableCommands(kind, file)) {
    const [cmd, ...args] = c.replace('$(id -u)', String(process.getuid?.() ?? '')).split(' ');
    const r = spawnSync(cmd as string, args, { stdio: 'ignore', timeout: 5000 });
    if (r.status !== 0) failed = true;
  }
  await fsp.rm(file, { force: true });
  ctx.log.info(`Removed ${shown}`);
  const envFile = serviceEnvFile(ctx);
  if (
    await fsp.rm(envFile).then(
      () => true,
      () => false,
    )
  )
    ctx.log.info(`Removed ${displayPath(envFile, ctx.paths.home)}`);
  if (failed) {
    // The file is gone now, so name the service rather than the file.
    ctx.log.info('If the service was running, stop it with:');
    for (const c of stopCommandsWithoutFile(kind)) ctx.out(`  ${c}`);
  }
  return 0;
}
