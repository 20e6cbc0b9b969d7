// Shared helpers for bench/ scripts (timing child processes without blocking the in-process simulator).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `node ...args`, resolving with wall milliseconds; rejects on a non-zero exit. */
export function timeNode(args, { env, input } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const c = spawn(process.execPath, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${args.join(' ')}: ${err}`))));
    c.stdin.end(input ?? '');
  });
}

/** A temporary HOME and the environment that points the CLI at it and at the simulator's STS. */
export function benchHome(sim) {
  const home = mkdtempSync(join(tmpdir(), 'okta-bedrock-bench-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL_STS: sim.stsUrl,
  };
  return { home, env };
}
