// Shared helpers for bench/ scripts (timing child processes without blocking the in-process simulator).
import { spawn } from 'node:child_process';
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
