import type { Env } from './paths.js';

/** The one place that reads process.env (everything else gets an Env passed in). */
export function processEnv(): Env {
  return process.env;
}
