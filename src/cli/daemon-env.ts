import { dirname, join } from 'node:path';
import { SERVICE_ENV_FILE, parseEnvFile } from '../daemon/service-unit.js';
import { readRegularTextIfExists } from '../platform/fs.js';
import type { Logger } from '../platform/log.js';
import type { CliContext } from './context.js';

/** The 0600 environment file next to the config (`daemon install` writes proxy URLs with credentials there). */
export function serviceEnvFile(ctx: Pick<CliContext, 'paths'>): string {
  return join(dirname(ctx.paths.configFile), SERVICE_ENV_FILE);
}

/**
 * `daemon run`: fills in what the environment file sets and the environment does not (the
 * process's own variables win). The values hold credentials: they are added to the log's secrets.
 */
export async function loadServiceEnv(ctx: Pick<CliContext, 'paths' | 'env'>, log: Logger): Promise<void> {
  const file = serviceEnvFile(ctx);
  const text = await readRegularTextIfExists(file).catch((e: unknown) => {
    log.warn(`Cannot read ${file}: ${(e as Error).message}`);
    return undefined;
  });
  if (!text) return;
  for (const [k, v] of Object.entries(parseEnvFile(text))) {
    if (ctx.env[k] !== undefined) continue;
    process.env[k] = v; // ctx.env is process.env: the deps built after this see it
    log.addSecret(v);
  }
}
