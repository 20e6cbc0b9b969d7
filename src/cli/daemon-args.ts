import { resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Flags of `daemon start|run|install` (and `status`/`stop`, which use a few). */
export interface DaemonFlags {
  profile?: string;
  config?: string;
  credentialsFile?: string;
  passwordCache?: boolean;
  json?: boolean;
  dryRun?: boolean;
  debug?: boolean;
}

/** `--profile A,B` → ['A', 'B']; undefined → every logged-in profile. */
export function parseProfiles(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError('--profile needs one or more profile names, e.g. --profile default,bedrock');
  return [...new Set(list)];
}

/** The arguments after `daemon run` that reproduce these flags (for `start` and `install`). */
export function runArgs(flags: DaemonFlags, paths: { resolveFrom?: string } = {}): string[] {
  const abs = (p: string): string => resolve(paths.resolveFrom ?? '.', p);
  const args: string[] = [];
  const profiles = parseProfiles(flags.profile);
  if (profiles) args.push('--profile', profiles.join(','));
  if (flags.config) args.push('--config', abs(flags.config));
  if (flags.credentialsFile) args.push('--credentials-file', abs(flags.credentialsFile));
  if (flags.passwordCache) args.push('--password-cache');
  if (flags.debug) args.push('--debug');
  return args;
}

/** Our entry script, next to dist/ (commands are bundled to dist/commands/*.js). */
export const BIN_PATH = resolve(import.meta.dirname, '..', '..', 'bin', 'okta-bedrock.cjs');
