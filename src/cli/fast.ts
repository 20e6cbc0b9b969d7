/**
 * The warm paths, loaded before anything else: `credential-process`, `env` and `exec` with fresh
 * cached credentials are answered using node:fs (exec: node:child_process) only — no AWS SDK,
 * HTTP client, YAML or commander. `fast` returns the exit code (a promise for exec, which waits
 * for its child) when it handled the command, or undefined to hand over to the full CLI, which
 * it does for any command, option or state it does not know.
 */
import { readFileSync, statSync } from 'node:fs';
import { systemClock } from '../platform/clock.js';
import { resolvePaths, type Paths } from '../platform/paths.js';
import { processEnv } from '../platform/process-env.js';
import { withinMode } from '../store/permissions.js';
import {
  credentialProcessJson,
  effectiveRefreshBefore,
  isFresh,
  outerCredentials,
  parseProfileCache,
  profileCachePath,
  type CachedCredentials,
  type ProfileRecord,
} from '../store/cache-files.js';
import { awsEnvVars, CONFLICTING_VARS } from './aws-env.js';
import { envFormatOf, formatEnv } from './env-format.js';
import { parseFastArgv } from './fast-argv.js';

/** True when dist/direct.js can run this command line without commander (after a cache miss here). */
export function direct(argv: string[]): boolean {
  return parseFastArgv(argv) !== undefined;
}

/** True when `path` is missing or no looser than `mode` (and, with `ours`, owned by this user). */
function privateMode(path: string, mode: number, ours = false): boolean {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return !st || (withinMode(st.mode, mode) && (!ours || st.uid === process.getuid?.()));
  } catch {
    return false;
  }
}

/** The file's text; undefined when it does not exist; null when it cannot be read. */
function readIfExists(path: string): string | undefined | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
}

/**
 * The profile a command without --profile acts on: config `profile`, else "default". Telling
 * needs the YAML parser only when the config (ours, else keyman's, as loadConfig picks) mentions
 * a `profile` key at all; then — or when it cannot be read — the full CLI decides.
 */
function selectedProfile(flag: string | undefined, paths: Paths): string | undefined {
  if (flag) return flag;
  let text = readIfExists(paths.configFile);
  if (text === undefined) text = readIfExists(paths.keymanConfigFile);
  if (text === null) return undefined;
  return text !== undefined && /\bprofile\b/.test(text) ? undefined : 'default';
}

/** The profile's fresh cached credentials and login record, or undefined. */
function freshCredentials(profile: string, paths: Paths): { creds: CachedCredentials; record: ProfileRecord } | undefined {
  const file = profileCachePath(paths.cacheDir, profile);
  // A cache or credentials file others can read (or a cache another user owns) goes to the full CLI, which warns and fixes it, or refuses.
  if (!privateMode(paths.cacheDir, 0o700, true) || !privateMode(file, 0o600, true) || !privateMode(paths.awsCredentialsFile, 0o600)) return undefined;
  const text = readIfExists(file);
  if (!text) return undefined;
  const cache = parseProfileCache(text, profile);
  if (!cache) return undefined;
  const creds = outerCredentials(cache);
  if (!isFresh(creds, systemClock.now().getTime(), effectiveRefreshBefore(cache.record))) return undefined;
  return { creds, record: cache.record };
}

const write = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : text + '\n');

type ExecModule = typeof import('./fast-exec.js');

/**
 * `loadExec` loads exec's part: bin/okta-bedrock.cjs passes a require() of dist/fast-exec.cjs
 * (an import() from CommonJS would start the ESM loader, ~2× `node -e 0`); tests use the default.
 */
export function fast(argv: string[], loadExec: () => ExecModule | Promise<ExecModule> = () => import('./fast-exec.js')): number | Promise<number> | undefined {
  const args = parseFastArgv(argv);
  if (!args) return undefined;
  const env = processEnv();
  if (env.OKTA_BEDROCK_DEBUG === '1') return undefined;
  const paths = resolvePaths(env);
  const { options } = args;
  const flag = (name: string): string | undefined => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  // env's --format first, as the full command checks it (an unknown one is its usage error).
  const envFormat = envFormatOf(flag('format'));
  if (!envFormat) return undefined;
  const profile = selectedProfile(flag('profile'), paths);
  if (!profile) return undefined;
  const hit = freshCredentials(profile, paths);
  if (!hit) return undefined;
  const { creds, record } = hit;
  if (args.command === 'credential-process') {
    write(credentialProcessJson(creds));
    return 0;
  }
  // config/region.ts: --region, AWS_REGION, AWS_DEFAULT_REGION, the login's region (the config's comes after it).
  const region = flag('region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || record.region;
  if (!region) return undefined;
  const vars = awsEnvVars({ ...creds, expiration: new Date(creds.expiration) }, region);
  if (args.command === 'env') {
    const unset = CONFLICTING_VARS.filter((name) => env[name] !== undefined);
    write(options.json ? JSON.stringify({ ...Object.fromEntries(vars), unset }, null, 2) : formatEnv(vars, envFormat, unset));
    return 0;
  }
  // exec's modules (child handling, the logger) load only here: dist/fast-exec.cjs, beside this file.
  return Promise.resolve(loadExec()).then(({ runChild }) => runChild(args.rest, vars, env, Boolean(options.quiet)));
}
