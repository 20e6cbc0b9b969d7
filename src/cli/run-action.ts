import { dirname } from 'node:path';
import type { Command } from 'commander';
import { enforcePrivate, privateTree } from '../store/permissions.js';
import { createContext, type CliContext, type GlobalOptions } from './context.js';
import { reportError } from './run.js';

/** A command's action; `cmd` is commander's (absent under direct dispatch, which serves commands that do not use it). */
export type Action<F> = (flags: F, ctx: CliContext, args: string[], cmd: Command) => Promise<number>;

/**
 * Runs one command: the context from its flags, the private-mode check of the cache and
 * credentials file, the command's lazily imported action, and any error as one line and an exit
 * code. Shared by commander (main.ts) and the direct dispatch that skips it (direct.ts).
 */
export async function runAction<F extends GlobalOptions>(flags: F, load: () => Promise<Action<F>>, args: string[], cmd?: Command): Promise<number> {
  const ctx = createContext(flags);
  try {
    // The cache and config dirs must be ours (as ssh insists on ~/.ssh); the config dir's mode is the user's choice.
    await enforcePrivate([...(await privateTree(ctx.paths.cacheDir)), { path: dirname(ctx.paths.configFile), mode: 0o777 }], ctx.log, process.getuid?.());
    await enforcePrivate([{ path: ctx.paths.awsCredentialsFile, mode: 0o600 }], ctx.log);
    const action = await load();
    // Direct dispatch passes no `cmd`; it serves only actions that take (flags, ctx, args).
    return await action(flags, ctx, args, cmd as Command);
  } catch (e) {
    return reportError(e, { debug: ctx.debug, paint: ctx.paint, redact: (text) => ctx.log.redact?.(text) ?? text });
  }
}
