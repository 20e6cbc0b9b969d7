import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { readIniSections, setSectionKeys } from '../../../src/store/ini-sections.js';
import { fc, RUNS, SEED } from './fuzz-config.js';

// Issue 14 item 7: our ini reader against the reader the AWS CLI uses — botocore's
// raw_config_parse, i.e. Python's configparser.RawConfigParser() on a file opened in text mode
// (universal newlines). Generated files (long lines, odd whitespace, `:` delimiters, headers with
// trailing text, duplicates, continuations) go to python3 in one batch; every file must read the
// same (same sections, keys and values, or both refuse it), and every file we edit must read back
// in Python with our value and every other section unchanged.
const PY = String.raw`
import configparser, io, json, sys
def read(text):
    cp = configparser.RawConfigParser()
    try:
        cp.read_file(io.StringIO(text, newline=None))
    except configparser.Error as e:
        return {'error': type(e).__name__}
    return {'sections': {s: dict(cp._sections[s]) for s in cp._sections}, 'defaults': dict(cp._defaults)}
print(json.dumps([read(t) for t in json.load(sys.stdin)]))
`;

const python = spawnSync('python3', ['-c', 'import configparser'], { encoding: 'utf8' });
const hasPython = python.status === 0;
if (!hasPython) console.log(`skipping the configparser differential: python3 is not usable (${python.error?.message ?? python.stderr})`);

type PyResult = { error: string } | { sections: Record<string, Record<string, string>>; defaults: Record<string, string> };

function pyRead(texts: string[]): PyResult[] {
  const r = spawnSync('python3', ['-c', PY], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyResult[];
}

function ours(text: string): PyResult {
  const { sections, defaults, errors } = readIniSections(text);
  if (errors.length > 0) return { error: errors[0]?.reason ?? 'error' };
  return { sections: Object.fromEntries(sections), defaults };
}

const sameRead = (a: PyResult, b: PyResult): boolean =>
  'error' in a || 'error' in b
    ? 'error' in a && 'error' in b
    : JSON.stringify(sorted(a.sections)) === JSON.stringify(sorted(b.sections)) &&
      JSON.stringify(sorted({ d: a.defaults })) === JSON.stringify(sorted({ d: b.defaults }));

function sorted(o: unknown): unknown {
  if (o === null || typeof o !== 'object') return o;
  return Object.fromEntries(
    Object.entries(o as Record<string, unknown>)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([k, v]) => [k, sorted(v)]),
  );
}

// Python whitespace JavaScript's \s lacks (and the reverse: \uFEFF), plus ordinary spaces and tabs.
const space = fc.constantFrom(' ', ' ', ' ', '\t', '\x0b', '\x0c', '\x1c', '\x1f', '\x85', '\xa0', '\u2003', '\u3000', '\uFEFF');
const ws = fc.array(space, { maxLength: 3 }).map((a) => a.join(''));
const word = fc.stringMatching(/^[a-zA-Z0-9_.-]{1,6}$/);
const keyText = fc.oneof(word, fc.constantFrom('Key', 'KEY', 'key', 'a b', 'x', 'y', 'profile', 'DEFAULT', '[k', 'k]', 'é', 'İ'));
const valueText = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
  word,
  fc.constantFrom('', 'a = b', 'b: c', '# not a comment', '  x  ', 'https://h:1/p'),
);
const delim = fc.constantFrom('=', ':', ' = ', ' : ', '\t=\t', '  =', ':=', '=:', ' ');
const header = fc.oneof(
  word.map((w) => `[${w}]`),
  fc.tuple(ws, word, ws).map(([a, w, b]) => `[${a}${w}${b}]`),
  fc.tuple(word, valueText).map(([w, t]) => `[${w}] ${t}`),
  fc.tuple(word, word).map(([a, b]) => `[profile${' '.repeat(1 + (a.length % 3))}${b}]`),
  fc.constantFrom('[DEFAULT]', '[default]', '[]', '[', '[a]b]', '[]]', '[profile "q x"]', "[profile 'x]", '[ default ]', '[x] # c', '[x] ; c'),
);
const line = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(ws, keyText, delim, valueText).map(([i, k, d, v]) => `${i}${k}${d}${v}`) },
  { weight: 2, arbitrary: fc.tuple(ws, header).map(([i, h]) => `${i}${h}`) },
  { weight: 1, arbitrary: fc.tuple(ws, fc.constantFrom('#', ';'), valueText).map(([i, c, v]) => `${i}${c}${v}`) },
  { weight: 1, arbitrary: ws },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('  ', '    ', '\t'), keyText, delim, valueText).map(([i, k, d, v]) => `${i}${k}${d}${v}`) },
  { weight: 1, arbitrary: fc.tuple(ws, valueText).map(([i, v]) => `${i}${v}`) },
  // long lines (the old key regex was cubic on runs of spaces)
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(' ', 'a', '= ', ' :'), fc.integer({ min: 200, max: 6000 }), fc.constantFrom('', 'x', '=v'))
      .map(([c, n, end]) => c.repeat(n) + end),
  },
);
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const fileArb = fc.tuple(fc.boolean(), fc.array(fc.tuple(line, eol), { maxLength: 14 }), fc.boolean()).map(([startWithSection, lines, trailing]) => {
  const body = lines.map(([l, e], i) => l + (i < lines.length - 1 || trailing ? e : '')).join('');
  return startWithSection ? `[s]\n${body}` : body;
});

const DIFF_CASES = RUNS * 5;

/** The reader before issue 14 (bench/fuzz.mjs passes its path as FUZZ_INI_BASELINE): the same files, for a baseline figure. */
async function baselineMismatches(files: string[], py: PyResult[]): Promise<string | undefined> {
  const path = process.env.FUZZ_INI_BASELINE;
  if (!path) return undefined;
  const short = files.filter((t) => !t.split(/\r\n|\r|\n/).some((l) => l.length > 150)).length;
  const old = (await import(path)) as { listSections(t: string): string[]; getSection(t: string, n: string): Record<string, string> | undefined };
  let n = 0;
  files.forEach((text, i) => {
    // The old key regex was cubic: one 5,000-space line took it seconds, so long lines are left out here.
    if (text.split(/\r\n|\r|\n/).some((l) => l.length > 150)) return;
    let o: PyResult;
    try {
      o = { sections: Object.fromEntries(old.listSections(text).map((s) => [s, old.getSection(text, s) ?? {}])), defaults: {} };
    } catch {
      o = { error: 'threw' };
    }
    if (!sameRead(py[i] as PyResult, o)) n++;
  });
  return `${n} of ${short} files without long lines`;
}

describe.skipIf(!hasPython)('fuzz: the ini reader against python3 configparser (botocore)', () => {
  it('structured files read the same as configparser reads them, and our edits read back in configparser', async () => {
    const t0 = Date.now();
    const files = fc.sample(fileArb, { numRuns: DIFF_CASES, seed: SEED });
    const edits: { i: number; text: string; target: string }[] = [];
    const refusals: string[] = [];
    const targets = ['s', 'fuzz', 'default', 'x'];
    files.forEach((text, i) => {
      const target = targets[i % targets.length] as string;
      try {
        edits.push({ i, target, text: setSectionKeys(text, target, { aws_access_key_id: `AK${i}`, region: 'us-east-1' }) });
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        refusals.push(target);
      }
    });
    // A leading BOM is the one deliberate difference (we skip it like the JS SDKs; botocore cannot read such a file): compare without it.
    const noBom = (t: string): string => (t.startsWith('\uFEFF') ? t.slice(1) : t);
    const py = pyRead([...files, ...edits.map((e) => e.text)].map(noBom));
    const mismatches: string[] = [];
    files.forEach((text, i) => {
      const p = py[i] as PyResult;
      const o = ours(text);
      if (!sameRead(p, o)) mismatches.push(`read ${JSON.stringify(text)}\n  python: ${JSON.stringify(p)}\n  ours:   ${JSON.stringify(o)}`);
    });
    edits.forEach((e, j) => {
      const before = py[e.i] as PyResult;
      const after = py[files.length + j] as PyResult;
      if ('error' in before) return; // botocore could not read the file before either
      if ('error' in after) {
        mismatches.push(`edit of ${JSON.stringify(files[e.i])} made it unreadable: ${after.error}`);
        return;
      }
      const got = after.sections[e.target]?.aws_access_key_id;
      if (got !== `AK${e.i}`) mismatches.push(`edit of ${JSON.stringify(files[e.i])} → [${e.target}] aws_access_key_id reads ${JSON.stringify(got)}`);
      for (const [name, keys] of Object.entries(before.sections)) {
        if (name !== e.target && JSON.stringify(sorted(keys)) !== JSON.stringify(sorted(after.sections[name])))
          mismatches.push(`edit of ${JSON.stringify(files[e.i])} changed [${name}]`);
      }
    });
    const ms = Date.now() - t0;
    const baseline = await baselineMismatches(files, py);
    const stats = {
      cases: files.length + edits.length,
      files: files.length,
      edits: edits.length,
      refusedEdits: refusals.length,
      mismatches: mismatches.length,
      ms,
      baselineMismatches: baseline,
    };
    if (process.env.FUZZ_STATS_DIR)
      writeFileSync(join(process.env.FUZZ_STATS_DIR, 'ini-differential.json'), JSON.stringify({ ...stats, examples: mismatches.slice(0, 5) }));
    expect(mismatches.slice(0, 5), `${mismatches.length} of ${files.length} files differ`).toEqual([]);
  }, 600_000);
});
