import type { Env } from './paths.js';

/** The one place that reads process.env (everything else gets an Env passed in). */
export function processEnv(): Env {
  return process.env;
}

/** Where bin/okta-bedrock.cjs records the variables it set for itself (a global: the CJS entry and the ESM bundles share it). */
const INTERNAL_ENV = Symbol.for('okta-bedrock.internal-env');

/** Only ever set by okta-bedrock for itself: `daemon start` → `daemon run`. */
const ALWAYS_INTERNAL = ['OKTA_BEDROCK_DETACHED'];

/** Variables okta-bedrock set for its own use — not the user's, so not passed on to `exec`'s child. */
export function internalEnvNames(): string[] {
  const set = (globalThis as Record<symbol, unknown>)[INTERNAL_ENV];
  return [...ALWAYS_INTERNAL, ...(Array.isArray(set) ? set.filter((n): n is string => typeof n === 'string') : [])];
}
