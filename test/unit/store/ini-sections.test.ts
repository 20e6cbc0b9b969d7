import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { diffLines, getSection, listSections, parseIni, removeSection, setSectionKeys } from '../../../src/store/ini-sections.js';

const FILE = [
  '# top comment',
  '; another top comment',
  '',
  '[default]',
  'aws_access_key_id = OLDKEY',
  '# inside default',
  'aws_secret_access_key=OLDSECRET',
  'region   =   us-east-1',
  's3 =',
  '  max_concurrent_requests = 20',
  '  addressing_style = path',
  'unknown_key = keep me',
  '',
  '# comment before other',
  '[other]',
  'aws_access_key_id = OTHER',
  '; trailing comment of file',
  '',
].join('\n');

describe('parseIni', () => {
  it('round-trips any text byte for byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', 'a', ' ', '=', '#', ';', '\n', '\r', '\t', '\uFEFF', 'é') }), (s) => {
        const p = parseIni(s);
        expect((p.bom ? '\uFEFF' : '') + p.lines.map((l) => l.text + l.eol).join('')).toBe(s);
      }),
    );
  });

  it.each([
    // section names exactly as configparser reads them (botocore): untrimmed, up to the LAST `]`
    ['[default]', 'section', 'default'],
    ['[ default ]', 'section', ' default '],
    ['[profile  x]', 'section', 'profile  x'],
    ['  [ profile x ]  # note', 'section', ' profile x '],
    ['[name] trailing text', 'section', 'name'],
    ['[a]b] c', 'section', 'a]b'],
    ['[]]', 'section', ']'],
    ['# c', 'comment', undefined],
    ['   ; c', 'comment', undefined],
    ['key=value', 'key', undefined],
    ['key: value', 'key', undefined],
    ['[a = b', 'key', undefined],
    ['  \n', 'blank', undefined],
    ['garbage', 'other', undefined],
    ['[]', 'other', undefined],
  ])('classifies %j as %s', (line, kind, section) => {
    const l = parseIni(`[s]\n${line}`).lines[1];
    expect(l?.kind).toBe(kind);
    expect(l?.section).toBe(section);
  });

  it.each([
    ['[a]\nk: v\n', { k: 'v' }],
    ['[a]\nk : v = w\n', { k: 'v = w' }],
    ['[a]\nk = v: w\n', { k: 'v: w' }],
    ['[a]\nurl: https://x:1/p\n', { url: 'https://x:1/p' }],
    // comments do not end a value; blank lines inside a value are kept, trailing ones trimmed
    ['[a]\nk = v\n# c\n  more\n', { k: 'v\nmore' }],
    ['[a]\ns3 =\n  x = 1\n\n  y = 2\n\n\nz = 3\n', { s3: '\nx = 1\n\ny = 2', z: '3' }],
    ['[a]\nk = v\n  # comment, not value\n', { k: 'v' }],
    // a lone CR ends a line (Python universal newlines); Python whitespace (\x1c, \x85) is trimmed
    ['[a]\rk = v\r', { k: 'v' }],
    ['[a]\nk = \x1cv\x85\n', { k: 'v' }],
  ])('reads %j like configparser', (text, expected) => {
    expect(getSection(text, 'a')).toEqual(expected);
  });

  it('reports what botocore cannot parse', () => {
    expect(parseIni('[a]\nk = 1\n').errors).toEqual([]);
    expect(parseIni('k = 1\n[a]\n').errors.map((e) => e.line)).toEqual([1]);
    expect(parseIni('[a]\n[a]\n').errors).toHaveLength(1);
    expect(parseIni('[a]\nk = 1\nK: 2\n').errors).toHaveLength(1);
    expect(parseIni('[a]\n= v\n').errors).toHaveLength(1);
    expect(parseIni('[a]\njunk\n').errors).toHaveLength(1);
  });

  it('inherits [DEFAULT] keys as configparser does', () => {
    expect(getSection('[DEFAULT]\nregion = x\nk = d\n[a]\nk = 1\n', 'a')).toEqual({ region: 'x', k: '1' });
  });

  it('parses a hostile 100k-character line in linear time', () => {
    for (const line of [
      ' '.repeat(100_000),
      ' '.repeat(100_000) + 'x',
      `k${' '.repeat(100_000)}=${' '.repeat(100_000)}v`,
      '['.repeat(100_000),
      `[${'a'.repeat(100_000)}`,
      '=:'.repeat(50_000),
    ]) {
      const text = `[a]\n${line}\nk = v\n`;
      const t0 = performance.now();
      getSection(text, 'a');
      try {
        setSectionKeys(text, 'a', { k: 'w' });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
      }
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });
});

describe('getSection / listSections', () => {
  it('reads keys with any spacing, lower-cased, nested values joined', () => {
    expect(getSection(FILE, 'default')).toEqual({
      aws_access_key_id: 'OLDKEY',
      aws_secret_access_key: 'OLDSECRET',
      region: 'us-east-1',
      s3: '\nmax_concurrent_requests = 20\naddressing_style = path',
      unknown_key: 'keep me',
    });
    expect(getSection(FILE, 'other')).toEqual({ aws_access_key_id: 'OTHER' });
    expect(getSection(FILE, 'missing')).toBeUndefined();
    expect(listSections(FILE)).toEqual(['default', 'other']);
  });

  it.each([
    ['[ default ]\nA_Key = 1\n', ' default ', { a_key: '1' }],
    ['[ default ]\nA_Key = 1\n', 'default', undefined],
    ['[profile "x"]\nk=v', 'profile x', { k: 'v' }],
    ['[ profile x]\nk=v', 'profile x', undefined],
    ['[profile  x]\nk=v', 'profile x', { k: 'v' }],
    ['[x]\n', 'x', {}],
    ['k = before any section\n[x]\nk = 2\n', 'x', { k: '2' }],
    // indented keys at the same depth are keys, not continuations (configparser's rule)
    ['[x]\n  a = 1\n  b = 2\n', 'x', { a: '1', b: '2' }],
  ])('reads %j section %s', (text, name, expected) => {
    expect(getSection(text, name)).toEqual(expected);
  });

  it('merges duplicate sections, later keys winning', () => {
    const text = '[profile a]\nk = 1\nonly_first = f\n[b]\nk = b\n[profile  a]\nk = 2\n';
    expect(getSection(text, 'profile a')).toEqual({ k: '2', only_first: 'f' });
    expect(listSections(text)).toEqual(['profile a', 'b']);
  });
});

describe('setSectionKeys', () => {
  it('updates in place, appends after the last key, removes undefined, keeps the rest byte for byte', () => {
    const out = setSectionKeys(FILE, 'default', {
      aws_access_key_id: 'NEWKEY',
      aws_secret_access_key: 'NEWSECRET',
      region: undefined,
      aws_session_token: 'TOKEN',
    });
    expect(out).toBe(
      [
        '# top comment',
        '; another top comment',
        '',
        '[default]',
        'aws_access_key_id = NEWKEY',
        '# inside default',
        'aws_secret_access_key=NEWSECRET',
        's3 =',
        '  max_concurrent_requests = 20',
        '  addressing_style = path',
        'unknown_key = keep me',
        'aws_session_token = TOKEN',
        '',
        '# comment before other',
        '[other]',
        'aws_access_key_id = OTHER',
        '; trailing comment of file',
        '',
      ].join('\n'),
    );
  });

  it('returns the same string when nothing changes', () => {
    expect(setSectionKeys(FILE, 'default', { aws_access_key_id: 'OLDKEY' })).toBe(FILE);
    expect(setSectionKeys(FILE, 'missing', { k: undefined })).toBe(FILE);
  });

  it('replacing a nested value drops its continuation lines', () => {
    const out = setSectionKeys(FILE, 'default', { s3: 'flat' });
    expect(out).toContain('s3 =flat\nunknown_key');
    expect(getSection(out, 'default')?.s3).toBe('flat');
  });

  it.each([
    // [name, input, profile, entries, expected]
    ['empty file', '', 'p', { k: 'v' }, '[p]\nk = v\n'],
    ['file ending with a newline', '[a]\nx = 1\n', 'p', { k: 'v' }, '[a]\nx = 1\n\n[p]\nk = v\n'],
    ['file ending with a blank line', '[a]\nx = 1\n\n', 'p', { k: 'v' }, '[a]\nx = 1\n\n[p]\nk = v\n'],
    ['no trailing newline, new section', '[a]\nx = 1', 'p', { k: 'v' }, '[a]\nx = 1\n\n[p]\nk = v\n'],
    ['no trailing newline, append key', '[a]\nx = 1', 'a', { k: 'v' }, '[a]\nx = 1\nk = v\n'],
    ['no trailing newline, update key', '[a]\nx = 1', 'a', { x: '2' }, '[a]\nx = 2'],
    ['CRLF file', '[a]\r\nx = 1\r\n', 'a', { k: 'v' }, '[a]\r\nx = 1\r\nk = v\r\n'],
    ['CRLF file, new section', '# c\r\n[a]\r\nx = 1\r\n', 'p', { k: 'v' }, '# c\r\n[a]\r\nx = 1\r\n\r\n[p]\r\nk = v\r\n'],
    ['mixed endings keep each line', '[a]\r\nx = 1\n', 'a', { x: '2' }, '[a]\r\nx = 2\n'],
    ['BOM', '\uFEFF[a]\nx = 1\n', 'a', { x: '2' }, '\uFEFF[a]\nx = 2\n'],
    ['BOM only', '\uFEFF', 'a', { x: '2' }, '\uFEFF[a]\nx = 2\n'],
    ['[ default ] is another section', '[ default ]\nx = 1\n', 'default', { x: '2' }, '[ default ]\nx = 1\n\n[default]\nx = 2\n'],
    ['[name] trailing text', '[a] # note\nx: 1\n', 'a', { x: '2', y: '3' }, '[a] # note\nx: 2\ny = 3\n'],
    ['section without keys', '[a]\n# note\n\n[b]\n', 'a', { k: 'v' }, '[a]\n# note\nk = v\n\n[b]\n'],
    ['keeps key formatting', '[a]\n  x   =   1  \n', 'a', { x: '2' }, '[a]\n  x   =   2\n'],
    ['case-insensitive key match', '[a]\nRegion = x\n', 'a', { region: 'y' }, '[a]\nRegion = y\n'],
    ['remove last line without newline', '[a]\nx = 1\ny = 2', 'a', { y: undefined }, '[a]\nx = 1\n'],
    [
      'duplicates: update every occurrence, append to the last',
      '[profile a]\nx = 1\n\n[b]\n\n[profile  a]\ny = 1\n\n[c]\n',
      'profile a',
      { x: '2', z: '3' },
      '[profile a]\nx = 2\n\n[b]\n\n[profile  a]\ny = 1\nz = 3\n\n[c]\n',
    ],
  ])('%s', (_name, input, profile, entries, expected) => {
    const out = setSectionKeys(input, profile, entries);
    expect(out).toBe(expected);
    for (const [k, v] of Object.entries(entries)) expect(getSection(out, profile)?.[k.toLowerCase()]).toBe(v);
  });

  it('matches aliases and creates with the first', () => {
    expect(setSectionKeys('[profile default]\nx = 1\n', ['default', 'profile default'], { x: '2' })).toBe('[profile default]\nx = 2\n');
    expect(setSectionKeys('', ['default', 'profile default'], { x: '2' })).toBe('[default]\nx = 2\n');
  });

  it.each([[{ 'a=b': 'v' }], [{ ' k': 'v' }], [{ '[k': 'v' }], [{ k: 'line1\nline2' }], [{ k: 'v\r' }]])('rejects unsafe entries %j', (entries) => {
    expect(() => setSectionKeys('', 'a', entries)).toThrow(ConfigError);
  });

  it.each([['a]'], [''], ['a\nb']])('rejects section name %j', (name) => {
    expect(() => setSectionKeys('', name, { k: 'v' })).toThrow(ConfigError);
  });
});

describe('refusing edits botocore would read differently', () => {
  it.each([
    // removing [c] would make the indented `  [b]` a continuation of x: [b] would vanish
    ['remove', '[a]\nx = 1\n[c]\n  [b]\nk = v\n', 'c'],
  ])('%s %j', (_op, text, name) => {
    expect(() => removeSection(text, name)).toThrow(/would no longer parse/);
  });

  it('quotes a profile name botocore would split differently, so it reads back', () => {
    expect(setSectionKeys('', 'profile a"b', { k: 'v' })).toBe('[profile "a\\"b"]\nk = v\n');
    expect(setSectionKeys('', "profile team$x|o'neil", { k: 'v' })).toBe(`[profile "team$x|o'neil"]\nk = v\n`);
    expect(getSection(`[profile "team$x|o'neil"]\nk = v\n`, "profile team$x|o'neil")).toEqual({ k: 'v' });
  });

  it('refuses a value that would not read back (leading spaces are trimmed)', () => {
    expect(() => setSectionKeys('[a]\n', 'a', { k: '  v' })).toThrow(expect.objectContaining({ code: 'ini_unparseable' }));
  });

  it('accepts an edit of a file that was already unparseable, when it adds no new error', () => {
    expect(setSectionKeys('junk before\n[a]\nk = 1\n', 'a', { k: '2' })).toBe('junk before\n[a]\nk = 2\n');
  });
});

describe('removeSection', () => {
  it.each([
    ['middle', '[a]\nx = 1\n\n[b]\ny = 2\n\n[c]\nz = 3\n', 'b', '[a]\nx = 1\n\n[c]\nz = 3\n'],
    ['last', '[a]\nx = 1\n\n[b]\ny = 2\n', 'b', '[a]\nx = 1\n\n'],
    ['first, keeps the preamble', '# top\n[a]\nx = 1\n[b]\n', 'a', '# top\n[b]\n'],
    ['duplicates', '[profile a]\n[b]\n[profile  a]\nk = v\n[c]\n', 'profile a', '[b]\n[c]\n'],
    ['missing', '[a]\n', 'zz', '[a]\n'],
    ['CRLF', '[a]\r\nx = 1\r\n[b]\r\n', 'a', '[b]\r\n'],
  ])('%s', (_n, input, name, expected) => {
    expect(removeSection(input, name)).toBe(expected);
  });
});

describe('diffLines', () => {
  it('is empty for equal texts and shows -/+ with context', () => {
    expect(diffLines('a\nb\n', 'a\nb\n')).toBe('');
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\n')).toBe('@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(diffLines('', '[p]\nk = v\n')).toBe('@@ -0,0 +1,2 @@\n+[p]\n+k = v\n');
  });

  it('splits distant changes into hunks', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const b = a.replace('l1\n', 'X\n').replace('l18', 'Y');
    const d = diffLines(a, b, 1);
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d).toContain('-l1\n+X\n');
    expect(d).toContain('-l18\n+Y\n');
  });
});

// ---- property: setting a section, then reading it back; other sections untouched ----

const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);
const value = fc.stringMatching(/^[A-Za-z0-9/+=:. _-]{0,12}$/).map((s) => s.trim());
const comment = fc.tuple(fc.constantFrom('#', ';', '  #'), fc.stringMatching(/^[ -~]{0,12}$/)).map(([p, s]) => p + s);
const keyLine = fc.tuple(ident, fc.constantFrom(' = ', '=', '  =  ', '= '), value).map(([k, sep, v]) => `${k}${sep}${v}`);
const body = fc.array(fc.oneof(keyLine, comment, fc.constant('')), { maxLength: 6 });
const header = fc.tuple(fc.constantFrom('', ' '), ident, fc.constantFrom('', ' ')).map(([a, n, b]) => ({ n: `${a}${n}${b}`, text: `[${a}${n}${b}]` }));
const fileArb = fc
  .record({
    preamble: fc.array(fc.oneof(comment, fc.constant('')), { maxLength: 3 }),
    sections: fc.array(fc.tuple(header, body), { maxLength: 5 }),
    eol: fc.constantFrom('\n', '\r\n'),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ preamble, sections, eol, finalNewline, bom }) => {
    const lines = [...preamble];
    for (const [h, b] of sections) lines.push(h.text, ...b);
    const text = (bom ? '\uFEFF' : '') + lines.join(eol) + (finalNewline && lines.length > 0 ? eol : '');
    return { text, names: sections.map(([h]) => h.n) };
  });

describe('property', () => {
  it('set then read returns the values; lines outside the edited section are unchanged', () => {
    fc.assert(
      fc.property(
        fileArb,
        fc.oneof(ident, fc.constant('target')),
        fc.dictionary(ident, fc.option(value, { nil: undefined }), { maxKeys: 5 }),
        ({ text, names }, pick, entries) => {
          const name = names.length > 0 && pick.length % 2 === 0 ? (names[pick.length % names.length] ?? pick) : pick;
          const out = setSectionKeys(text, name, entries);
          const after = getSection(out, name);
          const hasValues = Object.values(entries).some((v) => v !== undefined);
          if (hasValues || getSection(text, name)) {
            for (const [k, v] of Object.entries(entries)) expect(after?.[k]).toBe(v);
          } else {
            expect(out).toBe(text);
          }
          // Every other section: same lines (text) in the same order.
          const outside = (t: string): string[] => {
            const { lines } = parseIni(t);
            return lines
              .filter((l) => l.header === -1 || lines[l.header]?.section !== name)
              .map((l) => l.text)
              .filter((s) => s !== '');
          };
          expect(outside(out)).toEqual(outside(text));
          expect(out.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
          // Other sections keep their values.
          for (const other of listSections(text)) {
            if (other !== name) expect(getSection(out, other)).toEqual(getSection(text, other));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
