/**
 * The warm path, loaded before anything else: `credential-process --profile X` with fresh
 * cached credentials prints them using node:fs only — no AWS SDK, undici, YAML or commander.
 * Returns an exit code when it handled the command, or undefined to hand over to the full CLI.
 */
import { readFileSync, statSync } from 'node:fs';
import { systemClock } from '../platform/clock.js';
import { resolvePaths } from '../platform/paths.js';
import { processEnv } from '../platform/process-env.js';
import { withinMode } from '../store/permissions.js';
import {
  credentialProcessJson,
  effectiveRefreshBefore,
  isFresh,
  outerCredentials,
  parseProfileCache,
  profileCachePath,
} from '../store/cache-files.js';

function profileArg(argv: string[]): string | undefined {
  if (argv[0] !== 'credential-process') return undefined;
  // --no-input changes nothing on a cache hit (nothing is asked): the warm path serves it too.
  const rest = argv.slice(1).filter((a) => a !== '--no-input');
  if (rest.length === 2 && rest[0] === '--profile') return rest[1];
  if (rest.length === 1 && rest[0]?.startsWith('--profile=')) return rest[0].slice('--profile='.length);
  return undefined;
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

export function fast(argv: string[]): number | undefined {
  const profile = profileArg(argv);
  if (!profile) return undefined;
  const env = processEnv();
  if (env.OKTA_BEDROCK_DEBUG === '1') return undefined;
  const paths = resolvePaths(env);
  const file = profileCachePath(paths.cacheDir, profile);
  // A cache or credentials file others can read (or a cache another user owns) goes to the full CLI, which warns and fixes it, or refuses.
  if (!privateMode(paths.cacheDir, 0o700, true) || !privateMode(file, 0o600, true) || !privateMode(paths.awsCredentialsFile, 0o600)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const cache = parseProfileCache(text, profile);
  if (!cache) return undefined;
  const creds = outerCredentials(cache);
  if (!isFresh(creds, systemClock.now().getTime(), effectiveRefreshBefore(cache.record))) return undefined;
  process.stdout.write(credentialProcessJson(creds) + '\n');
  return 0;
}
