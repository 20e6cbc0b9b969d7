import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { proxyConfigured } from '../platform/http.js';

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
  const list = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
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

/**
 * Node flags for the long-running daemon. V8's lite mode (interpreter only, no optimizing
 * compiler) saves ~7 MB of resident memory, and the daemon runs a few milliseconds of
 * JavaScript an hour. It also turns off WebAssembly, which only undici needs (its HTTP parser):
 * the daemon uses node:http unless a proxy is configured, and then it runs without these flags.
 */
export function daemonNodeArgs(env: Readonly<Record<string, string | undefined>>): string[] {
  return proxyConfigured(env) ? [] : ['--lite-mode', '--no-expose-wasm'];
}
