/**
 * A small, byte-preserving editor for AWS-style ini files (~/.aws/credentials, ~/.aws/config).
 *
 * Why not the `ini` npm package: it parses into an object and re-serialises, which drops every
 * comment, reorders/reformats keys and mangles nested `s3 =` blocks. People keep hand-written
 * notes and other tools' profiles in these files, so we edit them line by line instead: every
 * line we do not have to touch is written back exactly as it was read (same bytes, same line
 * ending), and a UTF-8 BOM at the start is kept. Hand-written also because it must read exactly
 * like botocore (the AWS CLI), which no JS ini library does: botocore reads these files with
 * Python's `configparser.RawConfigParser()` (defaults: delimiters `=` and `:`, comment prefixes
 * `#` and `;` on full lines only, empty lines allowed in values, strict duplicates) — see
 * botocore/configloader.py `raw_config_parse` and CPython Lib/configparser.py `_read`. The rules
 * below are configparser's, checked differentially against python3 by bench/fuzz.mjs:
 * - Lines end at `\n`, `\r\n` or a lone `\r` (Python's universal newlines). "Whitespace" is
 *   Python's `str.isspace()` set (which differs from JavaScript's `\s`).
 * - A line whose stripped text starts with `#` or `;` is a comment, wherever it is (even indented
 *   inside a value); it neither ends nor joins a value. Inline comments are not recognised, so
 *   `key = a # b` has the value `a # b`.
 * - A blank line inside a value belongs to it (trailing blank lines are trimmed at the end).
 * - A non-blank line indented deeper than the line that started the current key is a
 *   continuation of that key: its stripped text is appended to the value after a `\n`, so
 *       s3 =
 *         max_concurrent_requests = 20
 *   reads `s3` as `\nmax_concurrent_requests = 20`.
 * - Otherwise a stripped line starting with `[` and having a `]` after at least one character is
 *   a section header; the name is everything between the first `[` and the LAST `]`, untrimmed:
 *   `[name] trailing` is `name`, `[ name ]` is ` name ` (NOT `name`), `[a]b]` is `a]b`.
 * - Otherwise the line is `key = value` or `key: value`, split at the FIRST `=` or `:`; the key is
 *   right-trimmed and lower-cased, the value trimmed. A line with neither, a key line with an
 *   empty key, a key line before any section, a repeated section or a repeated key in one section
 *   makes the file unreadable for botocore (ConfigParseError): `errors` lists them. We still read
 *   what we can (later keys win).
 * - `[DEFAULT]` is configparser's defaults section: its keys are inherited by every section.
 * - Section names are matched the way botocore maps them to profiles (configloader.py
 *   `build_profile_map`): a header starting with `profile` is split like a shell would
 *   (`shlex.split`), and with exactly two words it is `profile <second word>`, so `[profile  x]`
 *   and `[profile "x"]` are both `profile x`; any other header is matched as written.
 * Deliberate difference: a UTF-8 BOM at the start is skipped (botocore cannot read such a file at
 * all; the JS SDKs can), and kept on write.
 *
 * Duplicate sections (the same profile twice, e.g. `[profile a]` and `[profile  a]`): the AWS SDK
 * for JavaScript merges them with later keys winning; botocore keeps only the later one (and
 * refuses an exact repeat). So that both read back what we wrote, `getSection` merges all
 * occurrences with later keys winning, and `setSectionKeys` rewrites a key in EVERY occurrence that
 * has it, removes it from every occurrence, and appends a missing key to the LAST occurrence.
 * `removeSection` removes every occurrence.
 *
 * Every edit is checked before it is returned: the result must read back with the values we set,
 * every other section must read exactly as before, and it must not add a parse error; otherwise
 * a ConfigError (code `ini_unparseable`) is thrown and the caller writes nothing.
 *
 * Everything here is linear in the input size (no backtracking regular expressions): a hostile
 * line of 100k characters parses in well under a millisecond.
 *
 * Line endings: each kept line keeps its own ending; lines we add use the file's dominant ending
 * (CRLF when most lines end in CRLF, otherwise LF). Anything we add ends with a line ending; when
 * the file did not end with one, one is added to the last line before appending after it.
 */
import { ConfigError } from '../errors.js';

export type IniLineKind = 'blank' | 'comment' | 'section' | 'key' | 'continuation' | 'other';

export interface IniLine {
  /** The line's text without its line ending. */
  text: string;
  /** `\n`, `\r\n`, `\r`, or `''` for a last line without a newline. */
  eol: string;
  kind: IniLineKind;
  /**
   * Index (into `lines`) of the section header this line belongs to; for a header, its own
   * index; -1 for lines before the first header.
   */
  header: number;
  /** The header's name as configparser reads it (untrimmed), for `section` lines. */
  section?: string;
  /** Lower-cased key, for `key` lines. */
  key?: string;
  /** Trimmed value, for `key` lines (continuations not included). */
  value?: string;
  /** For `key` lines: length of the text before the value (indent, key, delimiter, spaces). */
  valueAt?: number;
  /**
   * For `continuation` lines, and blank lines inside a value: index of the key line they belong
   * to.
   */
  owner?: number;
  /** Width of the leading whitespace. */
  indent: number;
}

export interface IniError {
  /** 1-based line number. */
  line: number;
  reason: string;
}

export interface ParsedIni {
  bom: boolean;
  lines: IniLine[];
  /** The ending to use for added lines. */
  eol: '\n' | '\r\n';
  /** What would make botocore refuse the file (empty when it reads it). */
  errors: IniError[];
}

/** One name, or aliases (all matched; the first is used when the section has to be created). */
export type SectionName = string | readonly string[];

const BOM = '\uFEFF';
const DEFAULT_SECTION = 'DEFAULT';

/** Python's str.isspace(). */
export function isPySpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function firstNonSpace(s: string, from = 0): number {
  let i = from;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return i;
}

function pyRstrip(s: string): string {
  let j = s.length;
  while (j > 0 && isPySpace(s.charCodeAt(j - 1))) j--;
  return s.slice(0, j);
}

/** Python's str.strip(). */
export function pyStrip(s: string): string {
  return pyRstrip(s.slice(firstNonSpace(s)));
}

/** Python's `shlex.split(s)` (POSIX mode, no comments); undefined where it raises ValueError. */
export function shlexSplit(s: string): string[] | undefined {
  const out: string[] = [];
  let tok = '';
  let inTok = false;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quote !== '') {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') {
        if (i + 1 >= s.length) return undefined;
        const next = s[i + 1] as string;
        tok += next === '\\' || next === '"' ? next : ch + next;
        i++;
      } else tok += ch;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (inTok) out.push(tok);
      tok = '';
      inTok = false;
    } else if (ch === '\\') {
      if (i + 1 >= s.length) return undefined;
      tok += s[i + 1] as string;
      inTok = true;
      i++;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inTok = true;
    } else {
      tok += ch;
      inTok = true;
    }
  }
  if (quote !== '') return undefined;
  if (inTok) out.push(tok);
  return out;
}

/**
 * The name a header is matched by (see the file comment): `profile <name>` for a botocore profile
 * header, the header itself otherwise, undefined for a `profile…` header botocore skips.
 */
export function sectionKey(header: string): string | undefined {
  if (!header.startsWith('profile')) return header;
  const parts = shlexSplit(header);
  if (parts === undefined) return undefined;
  return parts.length === 2 ? `profile ${parts[1] ?? ''}` : header;
}

/**
 * The header text to write for a section name: the name itself, except a `profile NAME` whose
 * NAME botocore's shlex split would change or reject (quotes, backslashes, spaces): then NAME is
 * double-quoted, so `[profile "o'neil"]` reads back as the profile o'neil.
 */
function headerFor(name: string): string {
  if (sectionKey(name) === name || !name.startsWith('profile ')) return name;
  return `profile "${name.slice('profile '.length).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Splits at `\n`, `\r\n` and lone `\r` (Python's universal newlines). */
function splitLines(text: string): { text: string; eol: string }[] {
  const out: { text: string; eol: string }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      out.push({ text: text.slice(start, i), eol: '\n' });
      start = i + 1;
    } else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) {
        out.push({ text: text.slice(start, i), eol: '\r\n' });
        i++;
      } else out.push({ text: text.slice(start, i), eol: '\r' });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), eol: '' });
  return out;
}

/** Index of the first `=` or `:` in `s`, or -1. */
function delimiterAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d || c === 0x3a) return i;
  }
  return -1;
}

export function parseIni(input: string): ParsedIni {
  const bom = input.startsWith(BOM);
  const text = bom ? input.slice(1) : input;
  const lines: IniLine[] = [];
  const errors: IniError[] = [];
  let crlf = 0;
  let lf = 0;
  let header = -1;
  let sectname: string | undefined;
  // configparser's state: the key being read (index of its line; -1 when none) and the indent of
  // the line that started it (continuations must be deeper).
  let opt = -1;
  let indentLevel = 0;
  const seenSections = new Set<string>();
  const seenKeys = new Set<string>();
  for (const { text: raw, eol } of splitLines(text)) {
    if (eol === '\r\n') crlf++;
    else if (eol === '\n') lf++;
    const n = lines.length + 1;
    const indent = firstNonSpace(raw);
    const base = { text: raw, eol, indent, header };
    const stripped = pyRstrip(raw.slice(indent));
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      lines.push({ ...base, kind: 'comment' });
      continue;
    }
    if (stripped === '') {
      lines.push(opt >= 0 ? { ...base, kind: 'blank', owner: opt } : { ...base, kind: 'blank' });
      continue;
    }
    if (header >= 0 && opt >= 0 && indent > indentLevel) {
      lines.push({ ...base, kind: 'continuation', owner: opt });
      continue;
    }
    indentLevel = indent;
    const close = stripped.lastIndexOf(']');
    if (stripped.startsWith('[') && close >= 2) {
      const name = stripped.slice(1, close);
      if (name !== DEFAULT_SECTION) {
        if (seenSections.has(name)) errors.push({ line: n, reason: `section [${name}] appears twice` });
        seenSections.add(name);
      }
      header = lines.length;
      sectname = name;
      opt = -1;
      lines.push({ ...base, header, kind: 'section', section: name });
      continue;
    }
    if (header < 0) {
      errors.push({ line: n, reason: 'text before the first [section] header' });
      lines.push({ ...base, kind: 'other' });
      continue;
    }
    const d = delimiterAt(stripped);
    if (d < 0) {
      // configparser keeps the current key here: a deeper line below still continues it.
      errors.push({ line: n, reason: 'neither a [section], a key = value nor a comment' });
      lines.push({ ...base, kind: 'other' });
      continue;
    }
    const key = pyRstrip(stripped.slice(0, d)).toLowerCase();
    if (key === '') {
      errors.push({ line: n, reason: 'a value without a key' });
      lines.push({ ...base, kind: 'other' });
      opt = -1;
      continue;
    }
    const dupKey = `${sectname ?? ''}\u0000${key}`;
    if (seenKeys.has(dupKey)) errors.push({ line: n, reason: `key ${key} appears twice in [${sectname ?? ''}]` });
    seenKeys.add(dupKey);
    const valueAt = firstNonSpace(raw, indent + d + 1);
    opt = lines.length;
    lines.push({ ...base, kind: 'key', key, value: pyRstrip(raw.slice(valueAt)), valueAt });
  }
  return { bom, lines, eol: crlf > lf ? '\r\n' : '\n', errors };
}

export function serialiseIni(parsed: Pick<ParsedIni, 'bom' | 'lines'>): string {
  let out = parsed.bom ? BOM : '';
  for (const line of parsed.lines) out += line.text + line.eol;
  return out;
}

/** A key's whole value: its own, then its continuation (and inner blank) lines, right-trimmed. */
function keyValue(lines: readonly IniLine[], i: number, end: number): string {
  const line = lines[i];
  let v = line?.value ?? '';
  for (let j = i + 1; j < end; j++) {
    const l = lines[j];
    if (!l || l.kind === 'key' || l.kind === 'section') break;
    if (l.owner !== i) continue; // a comment or a bad line: skipped
    v += '\n' + (l.kind === 'continuation' ? pyStrip(l.text) : '');
  }
  return pyRstrip(v);
}

/** Every section as configparser reads it: header name → own keys (later keys win). */
export function readIniSections(text: string): { sections: Map<string, Record<string, string>>; defaults: Record<string, string>; errors: IniError[] } {
  const { lines, errors } = parseIni(text);
  const sections = new Map<string, Record<string, string>>();
  const defaults: Record<string, string> = {};
  let current: Record<string, string> | undefined;
  lines.forEach((line, i) => {
    if (line.kind === 'section' && line.section !== undefined) {
      if (line.section === DEFAULT_SECTION) current = defaults;
      else {
        current = sections.get(line.section) ?? {};
        sections.set(line.section, current);
      }
    } else if (line.kind === 'key' && line.key !== undefined && current) {
      current[line.key] = keyValue(lines, i, lines.length);
    }
  });
  return { sections, defaults, errors };
}

function names(name: SectionName): string[] {
  const list = typeof name === 'string' ? [name] : [...name];
  if (list.length === 0) throw new ConfigError('A section name is required');
  return list.map((n) => {
    if (n.trim() === '' || /[[\]\r\n]/.test(n)) throw new ConfigError(`Invalid ini section name: ${JSON.stringify(n)}`);
    return n;
  });
}

interface SectionRange {
  /** Header line index. */
  start: number;
  /** One past the last line of the section. */
  end: number;
}

function sectionRanges(lines: readonly IniLine[], wanted: readonly string[]): SectionRange[] {
  const ranges: SectionRange[] = [];
  let current: SectionRange | undefined;
  lines.forEach((line, i) => {
    if (line.kind !== 'section') return;
    if (current) {
      current.end = i;
      current = undefined;
    }
    const k = line.section === undefined ? undefined : sectionKey(line.section);
    if (k !== undefined && wanted.includes(k)) {
      current = { start: i, end: lines.length };
      ranges.push(current);
    }
  });
  return ranges;
}

/** The section's own keys (all occurrences merged, later keys win), or undefined when absent. */
function ownKeys(lines: readonly IniLine[], ranges: readonly SectionRange[]): Record<string, string> | undefined {
  if (ranges.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const { start, end } of ranges) {
    for (let i = start + 1; i < end; i++) {
      const line = lines[i];
      if (line?.kind === 'key' && line.key !== undefined) out[line.key] = keyValue(lines, i, end);
    }
  }
  return out;
}

/**
 * The section's keys (all occurrences merged, later keys win, `[DEFAULT]` keys inherited as
 * configparser does), or undefined when absent.
 */
export function getSection(text: string, name: SectionName): Record<string, string> | undefined {
  const { lines } = parseIni(text);
  const own = ownKeys(lines, sectionRanges(lines, names(name)));
  if (!own) return undefined;
  const defaults = ownKeys(lines, sectionRanges(lines, [DEFAULT_SECTION])) ?? {};
  return { ...defaults, ...own };
}

/** Names of all sections (as matched, see `sectionKey`), in order of first appearance, without duplicates or `DEFAULT`. */
export function listSections(text: string): string[] {
  const seen = new Set<string>();
  for (const line of parseIni(text).lines) {
    if (line.kind === 'section' && line.section !== undefined && line.section !== DEFAULT_SECTION) seen.add(sectionKey(line.section) ?? line.section);
  }
  return [...seen];
}

function checkEntry(key: string, value: string | undefined): void {
  if (key === '' || key !== key.trim() || /[=:\r\n]/.test(key) || /^[[#;]/.test(key)) {
    throw new ConfigError(`Invalid ini key: ${JSON.stringify(key)}`);
  }
  if (value !== undefined && /[\r\n]/.test(value)) {
    throw new ConfigError(`The value for ${key} must be a single line`);
  }
}

/** Every section other than `wanted`, as read (for checking that an edit left them alone). */
function otherSections(parsed: ParsedIni, wanted: readonly string[]): string {
  const out: [string, Record<string, string> | undefined][] = [];
  const { lines } = parsed;
  lines.forEach((line, i) => {
    if (line.kind !== 'section' || line.section === undefined) return;
    const k = sectionKey(line.section);
    if (k !== undefined && wanted.includes(k)) return;
    let end = i + 1;
    while (end < lines.length && lines[end]?.kind !== 'section') end++;
    out.push([line.section, ownKeys(lines, [{ start: i, end }])]);
  });
  return JSON.stringify(out);
}

/**
 * Refuses an edit whose result botocore would read differently from what we mean: a new parse
 * error, a changed other section, or our keys not reading back as set (`expected`; undefined
 * when the sections are removed).
 */
function verifyEdit(before: string, after: string, wanted: readonly string[], expected?: Record<string, string | undefined>): void {
  const a = parseIni(before);
  const b = parseIni(after);
  const known = new Set(a.errors.map((e) => e.reason));
  const added = b.errors.find((e) => !known.has(e.reason));
  let problem = added ? `line ${added.line}: ${added.reason}` : undefined;
  if (!problem && otherSections(a, wanted) !== otherSections(b, wanted)) problem = 'another section would read differently';
  if (!problem && expected) {
    const got = ownKeys(b.lines, sectionRanges(b.lines, wanted)) ?? {};
    const wrong = Object.entries(expected).find(([k, v]) => got[k.toLowerCase()] !== v);
    if (wrong) problem = `${wrong[0]} would not read back as written`;
  }
  if (!problem && !expected && sectionRanges(b.lines, wanted).length > 0) problem = 'the section would still be there';
  if (problem) {
    throw new ConfigError(`The edited file would no longer parse as the AWS CLI reads it (${problem}); nothing was written — fix the file by hand`, {
      code: 'ini_unparseable',
    });
  }
}

/**
 * Sets keys of a section, keeping everything else byte for byte:
 * - an existing key is rewritten in place, keeping its indentation and the spacing around the
 *   delimiter (its continuation lines, if any, are dropped: the new value replaces the whole value);
 * - a key whose value is `undefined` is removed (with its continuation lines);
 * - a missing key is added as `key = value` after the section's last key line (or after the
 *   header and any comment lines directly under it), so trailing comments and blank lines that
 *   usually introduce the next section stay where they are;
 * - a missing section is appended at the end of the file, after a blank line.
 * See the file comment for duplicate sections and the check of the result.
 */
export function setSectionKeys(text: string, name: SectionName, entries: Record<string, string | undefined>): string {
  const out = setSectionKeysUnchecked(text, name, entries);
  if (out !== text) verifyEdit(text, out, names(name), entries);
  return out;
}

function setSectionKeysUnchecked(text: string, name: SectionName, entries: Record<string, string | undefined>): string {
  const wanted = names(name);
  const keys = Object.keys(entries);
  for (const k of keys) checkEntry(k, entries[k]);
  const parsed = parseIni(text);
  const { lines, eol } = parsed;
  const ranges = sectionRanges(lines, wanted);
  const byLower = new Map<string, { key: string; value: string | undefined }>();
  for (const k of keys) byLower.set(k.toLowerCase(), { key: k, value: entries[k] });

  if (ranges.length === 0) {
    const toAdd = [...byLower.values()].filter((e) => e.value !== undefined);
    if (toAdd.length === 0) return text;
    const out = [...lines];
    const last = out[out.length - 1];
    if (last) {
      if (last.eol === '') out[out.length - 1] = { ...last, eol };
      if (last.kind !== 'blank') out.push(mkLine('', eol, 'blank'));
    }
    out.push(mkLine(`[${headerFor(wanted[0] ?? '')}]`, eol, 'section'));
    for (const e of toAdd) out.push(mkLine(`${e.key} = ${e.value ?? ''}`, eol, 'key'));
    return serialiseIni({ ...parsed, lines: out });
  }

  const replace = new Map<number, IniLine | null>();
  const found = new Set<string>();
  for (const { start, end } of ranges) {
    for (let i = start + 1; i < end; i++) {
      const line = lines[i];
      if (line?.kind !== 'key' || line.key === undefined) continue;
      const entry = byLower.get(line.key);
      if (!entry) continue;
      found.add(line.key);
      let hasMore = false;
      for (let j = i + 1; j < end; j++) {
        const l = lines[j];
        if (l?.owner !== i) continue;
        if (l.kind === 'continuation') {
          replace.set(j, null);
          hasMore = true;
        }
      }
      if (entry.value === undefined) {
        replace.set(i, null);
      } else if (hasMore || line.value !== entry.value) {
        replace.set(i, { ...line, text: line.text.slice(0, line.valueAt ?? line.text.length) + entry.value });
      }
    }
  }

  const missing = [...byLower.entries()].filter(([lower, e]) => e.value !== undefined && !found.has(lower));
  const insertAfter = new Map<number, IniLine[]>();
  const lastRange = ranges[ranges.length - 1];
  if (missing.length > 0 && lastRange) {
    let anchor = -1;
    for (let i = lastRange.start + 1; i < lastRange.end; i++) {
      const k = lines[i]?.kind;
      if (k === 'key' || k === 'continuation') anchor = i;
    }
    if (anchor === -1) {
      anchor = lastRange.start;
      while (anchor + 1 < lastRange.end && lines[anchor + 1]?.kind === 'comment') anchor++;
    }
    insertAfter.set(
      anchor,
      missing.map(([, e]) => mkLine(`${e.key} = ${e.value ?? ''}`, eol, 'key')),
    );
  }

  if (replace.size === 0 && insertAfter.size === 0) return text;
  const out: IniLine[] = [];
  lines.forEach((line, i) => {
    const r = replace.has(i) ? replace.get(i) : line;
    const added = insertAfter.get(i);
    if (r) out.push(added && r.eol === '' ? { ...r, eol } : r);
    else if (added) {
      // The anchor line was deleted: make sure what precedes the insertion ends with a newline.
      const prev = out[out.length - 1];
      if (prev && prev.eol === '') out[out.length - 1] = { ...prev, eol };
    }
    if (added) out.push(...added);
  });
  return serialiseIni({ ...parsed, lines: out });
}

/** Removes every occurrence of the section (header through the line before the next header). */
export function removeSection(text: string, name: SectionName): string {
  const wanted = names(name);
  const parsed = parseIni(text);
  const ranges = sectionRanges(parsed.lines, wanted);
  if (ranges.length === 0) return text;
  const drop = new Set<number>();
  for (const { start, end } of ranges) for (let i = start; i < end; i++) drop.add(i);
  const out = serialiseIni({ ...parsed, lines: parsed.lines.filter((_, i) => !drop.has(i)) });
  verifyEdit(text, out, wanted);
  return out;
}

/** Runs an edit of the file at `path`, naming the file in an `ini_unparseable` refusal. */
export function editIn<T>(path: string, edit: () => T): T {
  try {
    return edit();
  } catch (e) {
    if (e instanceof ConfigError && e.code === 'ini_unparseable') throw new ConfigError(`${path}: ${e.message}`, { code: e.code });
    throw e;
  }
}

function mkLine(text: string, eol: string, kind: IniLineKind): IniLine {
  return { text, eol, kind, header: -1, indent: 0 };
}

/**
 * A unified diff of two texts, by line (`-` removed, `+` added, ` ` context), with
 * `@@ -a,b +c,d @@` hunk headers, that `patch` applies: lines are compared and printed byte for
 * byte (a CR of a CRLF file and a BOM stay), and a last line without a newline is marked
 * `\ No newline at end of file`. Empty string when the texts are the same.
 */
export function diffLines(before: string, after: string, context = 3): string {
  const a = splitForDiff(before);
  const b = splitForDiff(after);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length === 0 && bm.length === 0) return '';

  // Edit script over the differing middle: LCS when small, else "all removed, all added".
  type Op = { t: ' ' | '-' | '+'; s: string };
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ t: ' ', s: a[i] ?? '' });
  if (am.length * bm.length <= 1_000_000) {
    const n = am.length;
    const m = bm.length;
    const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
      const row = dp[i] as number[];
      const below = dp[i + 1] as number[];
      for (let j = m - 1; j >= 0; j--) {
        row[j] = am[i] === bm[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ t: ' ', s: am[i] ?? '' });
        i++;
        j++;
      } else if (i < n && (j >= m || (dp[i + 1]?.[j] ?? 0) >= (dp[i]?.[j + 1] ?? 0))) {
        ops.push({ t: '-', s: am[i] ?? '' });
        i++;
      } else {
        ops.push({ t: '+', s: bm[j] ?? '' });
        j++;
      }
    }
  } else {
    for (const s of am) ops.push({ t: '-', s });
    for (const s of bm) ops.push({ t: '+', s });
  }
  for (let i = a.length - suf; i < a.length; i++) ops.push({ t: ' ', s: a[i] ?? '' });

  // Group changes into hunks with `context` lines around them.
  const out: string[] = [];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]?.t === ' ') k++;
    if (k >= ops.length) break;
    const hStart = Math.max(0, k - context);
    let hEnd = k;
    let lastChange = k;
    while (hEnd < ops.length) {
      if (ops[hEnd]?.t !== ' ') lastChange = hEnd;
      else if (hEnd - lastChange > 2 * context) break;
      hEnd++;
    }
    hEnd = Math.min(ops.length, lastChange + context + 1);
    let aLine = 1;
    let bLine = 1;
    for (let i = 0; i < hStart; i++) {
      if (ops[i]?.t !== '+') aLine++;
      if (ops[i]?.t !== '-') bLine++;
    }
    const hunk = ops.slice(hStart, hEnd);
    const aCount = hunk.filter((o) => o.t !== '+').length;
    const bCount = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@`);
    for (const o of hunk) {
      if (o.s.endsWith('\n')) out.push(o.t + o.s.slice(0, -1));
      else out.push(o.t + o.s, '\\ No newline at end of file');
    }
    k = hEnd;
  }
  return out.join('\n') + '\n';
}

/** The lines of `text`, each with its line ending (`\n`, or the CR LF pair); the last one has none when the file ends without a newline. */
function splitForDiff(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
