/**
 * A small, byte-preserving editor for AWS-style ini files (~/.aws/credentials, ~/.aws/config).
 *
 * Why not the `ini` npm package: it parses into an object and re-serialises, which drops every
 * comment, reorders/reformats keys and mangles nested `s3 =` blocks. People keep hand-written
 * notes and other tools' profiles in these files, so we edit them line by line instead: every
 * line we do not have to touch is written back exactly as it was read (same bytes, same line
 * ending), and a UTF-8 BOM at the start is kept.
 *
 * Syntax understood (modelled on botocore's use of Python's configparser, which the AWS CLI uses):
 * - `[name]` section headers; spaces around and inside the brackets are tolerated and section
 *   names are normalised by trimming and collapsing inner whitespace, so `[ default ]` is
 *   `default` and `[profile  x]` is `profile x`. A header may be followed by a `#`/`;` comment.
 * - full-line comments starting (after optional indentation) with `#` or `;`.
 * - `key = value` lines; spaces around `=` are optional. Keys are matched case-insensitively and
 *   reported lower-cased (configparser lower-cases option names). Inline comments are not
 *   recognised (configparser's default), so `key = a # b` has the value `a # b`.
 * - continuation (nested) lines: a non-blank line indented deeper than the key line above it
 *   belongs to that key, as in
 *       s3 =
 *         max_concurrent_requests = 20
 *   Its value is the key's own value followed by each continuation line (trimmed), joined by `\n`,
 *   which is what configparser returns.
 *
 * Duplicate sections (the same normalised name twice, e.g. `[profile a]` and `[profile  a]`, or an
 * exact repeat): the AWS SDK for JavaScript merges them with later keys winning; botocore keeps
 * only the later `[profile ...]` variant (and refuses an exact repeat). So that both read back what
 * we wrote, `getSection` merges all occurrences with later keys winning, and `setSectionKeys`
 * rewrites a key in EVERY occurrence that has it, removes it from every occurrence, and appends a
 * missing key to the LAST occurrence. `removeSection` removes every occurrence.
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
  /** `\n`, `\r\n`, or `''` for a last line without a newline. */
  eol: string;
  kind: IniLineKind;
  /**
   * Index (into `lines`) of the section header this line belongs to; for a header, its own
   * index; -1 for lines before the first header.
   */
  header: number;
  /** Normalised section name, for `section` lines. */
  section?: string;
  /** Lower-cased key, for `key` lines. */
  key?: string;
  /** Trimmed value, for `key` lines (continuations not included). */
  value?: string;
  /** Width of the leading whitespace. */
  indent: number;
}

export interface ParsedIni {
  bom: boolean;
  lines: IniLine[];
  /** The ending to use for added lines. */
  eol: '\n' | '\r\n';
}

/** One name, or aliases (all matched; the first is used when the section has to be created). */
export type SectionName = string | readonly string[];

const BOM = '\uFEFF';
const SECTION_RE = /^\s*\[([^\]\r\n]+)\]\s*(?:[#;].*)?$/;
const COMMENT_RE = /^\s*[#;]/;
const KEY_RE = /^(\s*)([^=]*?)(\s*=\s*)(.*?)\s*$/;

/** Trims and collapses inner whitespace: `[ profile   x ]` → `profile x`. */
export function normaliseSectionName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

function indentWidth(text: string): number {
  const m = /^\s*/.exec(text);
  return m ? m[0].length : 0;
}

export function parseIni(input: string): ParsedIni {
  const bom = input.startsWith(BOM);
  const text = bom ? input.slice(1) : input;
  const lines: IniLine[] = [];
  let crlf = 0;
  let lf = 0;
  let header = -1;
  // Indentation of the key line that continuation lines may attach to; undefined when none.
  let keyIndent: number | undefined;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    let raw: string;
    let eol: string;
    if (nl === -1) {
      raw = text.slice(pos);
      eol = '';
      pos = text.length;
    } else {
      raw = text.slice(pos, nl);
      eol = '\n';
      pos = nl + 1;
      if (raw.endsWith('\r')) {
        raw = raw.slice(0, -1);
        eol = '\r\n';
      }
    }
    if (eol === '\r\n') crlf++;
    else if (eol === '\n') lf++;

    const indent = indentWidth(raw);
    const base = { text: raw, eol, indent };
    if (raw.trim() === '') {
      lines.push({ ...base, kind: 'blank', header });
      keyIndent = undefined;
      continue;
    }
    if (keyIndent !== undefined && header >= 0 && indent > keyIndent) {
      lines.push({ ...base, kind: 'continuation', header });
      continue;
    }
    if (COMMENT_RE.test(raw)) {
      lines.push({ ...base, kind: 'comment', header });
      keyIndent = undefined; // as configparser: nothing after a comment continues the key above
      continue;
    }
    const sec = SECTION_RE.exec(raw);
    if (sec && sec[1] !== undefined && sec[1].trim() !== '') {
      header = lines.length;
      keyIndent = undefined;
      lines.push({ ...base, kind: 'section', header, section: normaliseSectionName(sec[1]) });
      continue;
    }
    const kv = KEY_RE.exec(raw);
    if (kv && kv[2] !== undefined && kv[2].trim() !== '' && kv[4] !== undefined) {
      keyIndent = indent;
      lines.push({ ...base, kind: 'key', header, key: kv[2].trim().toLowerCase(), value: kv[4] });
      continue;
    }
    lines.push({ ...base, kind: 'other', header });
    keyIndent = undefined;
  }
  return { bom, lines, eol: crlf > lf ? '\r\n' : '\n' };
}

export function serialiseIni(parsed: ParsedIni): string {
  let out = parsed.bom ? BOM : '';
  for (const line of parsed.lines) out += line.text + line.eol;
  return out;
}

function names(name: SectionName): string[] {
  const list = typeof name === 'string' ? [name] : [...name];
  if (list.length === 0) throw new ConfigError('A section name is required');
  return list.map((n) => {
    const norm = normaliseSectionName(n);
    if (norm === '' || /[[\]\r\n]/.test(n)) throw new ConfigError(`Invalid ini section name: ${JSON.stringify(n)}`);
    return norm;
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
    if (line.section !== undefined && wanted.includes(line.section)) {
      current = { start: i, end: lines.length };
      ranges.push(current);
    }
  });
  return ranges;
}

/** Index one past the key line at `i` and its continuation lines. */
function keyEnd(lines: readonly IniLine[], i: number, end: number): number {
  let j = i + 1;
  while (j < end && lines[j]?.kind === 'continuation') j++;
  return j;
}

/** The section's keys (all occurrences merged, later keys win), or undefined when absent. */
export function getSection(text: string, name: SectionName): Record<string, string> | undefined {
  const { lines } = parseIni(text);
  const ranges = sectionRanges(lines, names(name));
  if (ranges.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const { start, end } of ranges) {
    for (let i = start + 1; i < end; i++) {
      const line = lines[i];
      if (line?.kind !== 'key' || line.key === undefined) continue;
      const stop = keyEnd(lines, i, end);
      const parts = [line.value ?? ''];
      for (let j = i + 1; j < stop; j++) parts.push((lines[j]?.text ?? '').trim());
      out[line.key] = parts.join('\n');
    }
  }
  return out;
}

/** Normalised names of all sections, in order of first appearance, without duplicates. */
export function listSections(text: string): string[] {
  const seen = new Set<string>();
  for (const line of parseIni(text).lines) {
    if (line.kind === 'section' && line.section !== undefined) seen.add(line.section);
  }
  return [...seen];
}

function checkEntry(key: string, value: string | undefined): void {
  if (key === '' || key !== key.trim() || /[=\r\n]/.test(key) || /^[[#;]/.test(key)) {
    throw new ConfigError(`Invalid ini key: ${JSON.stringify(key)}`);
  }
  if (value !== undefined && /[\r\n]/.test(value)) {
    throw new ConfigError(`The value for ${key} must be a single line`);
  }
}

/**
 * Sets keys of a section, keeping everything else byte for byte:
 * - an existing key is rewritten in place, keeping its indentation and the spacing around `=`
 *   (its continuation lines, if any, are dropped: the new value replaces the whole value);
 * - a key whose value is `undefined` is removed (with its continuation lines);
 * - a missing key is added as `key = value` after the section's last key line (or after the
 *   header and any comment lines directly under it), so trailing comments and blank lines that
 *   usually introduce the next section stay where they are;
 * - a missing section is appended at the end of the file, after a blank line.
 * See the file comment for duplicate sections.
 */
export function setSectionKeys(text: string, name: SectionName, entries: Record<string, string | undefined>): string {
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
    out.push(mkLine(`[${wanted[0] ?? ''}]`, eol, 'section'));
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
      const stop = keyEnd(lines, i, end);
      for (let j = i + 1; j < stop; j++) replace.set(j, null);
      if (entry.value === undefined) {
        replace.set(i, null);
      } else if (stop > i + 1 || line.value !== entry.value) {
        const m = KEY_RE.exec(line.text);
        const prefix = m ? `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}` : `${line.key} = `;
        replace.set(i, { ...line, text: prefix + entry.value });
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
  const parsed = parseIni(text);
  const ranges = sectionRanges(parsed.lines, names(name));
  if (ranges.length === 0) return text;
  const drop = new Set<number>();
  for (const { start, end } of ranges) for (let i = start; i < end; i++) drop.add(i);
  const out = parsed.lines.filter((_, i) => !drop.has(i));
  return serialiseIni({ ...parsed, lines: out });
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
