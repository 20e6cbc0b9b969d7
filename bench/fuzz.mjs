// Long fuzz run: the property tests in test/unit/fuzz with FUZZ_RUNS cases each (default 10 000),
// the ini reader differential against python3's configparser (5 × FUZZ_RUNS files, each also
// edited and re-read by Python; baseline: the reader before issue 14 on the same files), and
// hostile Okta/STS answers over loopback HTTP (FUZZ_HTTP_ANSWERS answers, each through every
// client). Prints cases, failures/mismatches and wall time.
// Run: node bench/fuzz.mjs   (FUZZ_RUNS=… FUZZ_SEED=… FUZZ_HTTP_ANSWERS=… to vary)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const httpAnswers = Number(process.env.FUZZ_HTTP_ANSWERS ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'okta-bedrock-fuzz-'));
const out = join(dir, 'report.json');
// Baseline for the differential: ini-sections.ts as it was before issue 14, on the same files.
const baseline = join(dir, 'baseline-ini.ts');
try {
  const old = execFileSync('git', ['show', 'e709b24:src/store/ini-sections.ts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  writeFileSync(baseline, old.replace("from '../errors.js'", `from '${join(root, 'src/errors.js')}'`));
} catch {
  console.log('(no git history: the ini differential runs without its baseline)');
}
const t0 = Date.now();
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/unit/fuzz', '--reporter=json', `--outputFile=${out}`], {
  cwd: root,
  env: {
    ...process.env,
    FUZZ_RUNS: String(runs),
    FUZZ_SEED: String(seed),
    FUZZ_HTTP_ANSWERS: String(httpAnswers),
    FUZZ_STATS_DIR: dir,
    ...(existsSync(baseline) ? { FUZZ_INI_BASELINE: baseline } : {}),
  },
  encoding: 'utf8',
});
const seconds = (Date.now() - t0) / 1000;
const report = JSON.parse(readFileSync(out, 'utf8'));
const read = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : undefined);
const ini = read('ini-differential.json');
const http = read('http.json');
rmSync(dir, { recursive: true, force: true });
const tests = report.testResults.flatMap((f) => f.assertionResults);
// Tests named "any …", "arbitrary …", "truncated …", "read and edit …" are properties of FUZZ_RUNS cases;
// "structured …" tests report their own counts (the differential and HTTP ones) or are properties too.
const counted = new Set([
  'structured files read the same as configparser reads them, and our edits read back in configparser',
  'structured hostile answers → a result or a typed error, in time, through every client',
]);
const properties = tests.filter((t) => /^(any|arbitrary|structured|truncated|read and edit)/.test(t.title) && !counted.has(t.title));
const failed = tests.filter((t) => t.status !== 'passed');
const skipped = tests.filter((t) => t.status === 'skipped' || t.status === 'pending');
const total = properties.length * runs + (ini?.cases ?? 0) + (http?.cases ?? 0);
console.log(`seed:                 ${seed}`);
console.log(`properties:           ${properties.length} × ${runs} cases = ${properties.length * runs} cases`);
if (ini) {
  console.log(
    `ini vs configparser:  ${ini.files} files + ${ini.edits} edits re-read = ${ini.cases} cases, ${ini.mismatches} mismatches (${ini.refusedEdits} edits refused as unsafe), ${(ini.ms / 1000).toFixed(1)} s`,
  );
  if (ini.baselineMismatches) console.log(`  baseline (reader before issue 14): ${ini.baselineMismatches} differ from configparser`);
  for (const e of ini.examples ?? []) console.log(`  ✗ ${e.slice(0, 400)}`);
} else console.log('ini vs configparser:  skipped (python3 missing — see the vitest output)');
if (http) {
  console.log(
    `hostile HTTP answers: ${http.answers} answers → ${http.cases} client cases, ${http.failures} hangs/untyped errors, ${(http.ms / 1000).toFixed(1)} s`,
  );
  for (const e of http.examples ?? []) console.log(`  ✗ ${e.slice(0, 400)}`);
}
console.log(`fixed cases:          ${tests.length - properties.length - counted.size} (entity expansion, XXE, huge inputs)`);
console.log(`total cases:          ${total}`);
console.log(`failures:             ${failed.length - skipped.length}${skipped.length ? ` (${skipped.length} skipped)` : ''}`);
for (const f of failed.filter((t) => !skipped.includes(t)))
  console.log(`  ✗ ${f.fullName}\n    ${(f.failureMessages[0] ?? '').split('\n').slice(0, 3).join('\n    ')}`);
console.log(`wall time:            ${seconds.toFixed(1)} s`);
process.exitCode = r.status ?? 1;
