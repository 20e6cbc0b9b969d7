// Long fuzz run: the property tests in test/unit/fuzz with FUZZ_RUNS cases each (default 10 000).
// Prints cases tried, failures (untyped exceptions / hangs) and wall time.
// Run: node bench/fuzz.mjs   (FUZZ_RUNS=… FUZZ_SEED=… to vary)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const out = join(mkdtempSync(join(tmpdir(), 'okta-bedrock-fuzz-')), 'report.json');
const t0 = Date.now();
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/unit/fuzz', '--reporter=json', `--outputFile=${out}`], {
  cwd: root,
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) },
  encoding: 'utf8',
});
const seconds = (Date.now() - t0) / 1000;
const report = JSON.parse(readFileSync(out, 'utf8'));
const tests = report.testResults.flatMap((f) => f.assertionResults);
// Tests named "any …", "arbitrary …", "structured …", "truncated …", "read and edit …" are properties.
const properties = tests.filter((t) => /^(any|arbitrary|structured|truncated|read and edit)/.test(t.title));
const failed = tests.filter((t) => t.status !== 'passed');
console.log(`seed:                 ${seed}`);
console.log(`properties:           ${properties.length} × ${runs} cases = ${properties.length * runs} cases`);
console.log(`fixed cases:          ${tests.length - properties.length} (entity expansion, XXE, huge inputs)`);
console.log(`failures:             ${failed.length}`);
for (const f of failed) console.log(`  ✗ ${f.fullName}\n    ${(f.failureMessages[0] ?? '').split('\n').slice(0, 3).join('\n    ')}`);
console.log(`wall time:            ${seconds.toFixed(1)} s`);
process.exitCode = r.status ?? 1;
