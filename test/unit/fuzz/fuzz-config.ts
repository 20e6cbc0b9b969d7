import fc from 'fast-check';
import { OktaBedrockError } from '../../../src/errors.js';

/** Cases per property: small in `npm test`, large in `bench/fuzz.mjs` (FUZZ_RUNS=10000). */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Fixed seed so CI runs are reproducible; bench/fuzz.mjs may pass FUZZ_SEED. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261121);

export const params = { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 120_000 } as const;

/** Every failure must be one of our typed errors: anything else is a bug. */
export function expectTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof OktaBedrockError)) throw new Error(`untyped exception: ${(e as Error)?.stack ?? String(e)}`);
  }
}

export async function expectTypedAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof OktaBedrockError)) throw new Error(`untyped exception: ${(e as Error)?.stack ?? String(e)}`);
  }
}

/** A case must finish quickly: a slow one is a hang (e.g. catastrophic regex or entity expansion). */
export function timed<T>(fn: () => T, limitMs = 1000): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  if (ms > limitMs) throw new Error(`case took ${ms.toFixed(0)} ms (limit ${limitMs})`);
  return out;
}

export { fc };
