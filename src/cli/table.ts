/**
 * A plain text table: a header row, then rows, columns padded to the widest cell. Given a
 * terminal width, the widest columns are narrowed until the table fits and their cells wrap onto
 * continuation lines (at spaces, else after `:/.,-`), never inside a run of digits (an ARN's
 * account id stays whole); where even that cannot fit (60 columns, six columns), each row is
 * printed as a block of "HEADER  value" lines instead. Hand-written: the table libraries draw
 * boxes and cut cells with "…", which loses the very ids people copy.
 */
export interface TableOptions {
  /** The terminal's width in columns; undefined (a pipe) → no wrapping. */
  width?: number;
  /** Columns never narrowed (e.g. the profile name). */
  keep?: readonly number[];
}

const GAP = 2;
/** A column is not narrowed below this (or its header, if longer): a 12-digit account id and its colons fit. */
const MIN_WIDTH = 14;

export function renderTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  if (options.width !== undefined && !fitWidths(widths, headers, options.width, options.keep ?? [])) return renderRecords(headers, rows, options.width);
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join(' '.repeat(GAP))
      .trimEnd();
  const out: string[] = [];
  for (const row of [headers, ...rows]) {
    const wrapped = headers.map((_, i) => wrapCell(row[i] ?? '', widths[i] ?? 0));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) out.push(line(wrapped.map((w) => w[k] ?? '')));
  }
  return out.join('\n');
}

/**
 * Too narrow for columns: the first cell as a title line, then one indented "HEADER  value" line
 * per other cell (wrapped to the width), a blank line between rows.
 */
function renderRecords(headers: string[], rows: string[][], width: number): string {
  const label = Math.max(...headers.slice(1).map((h) => h.length)) + GAP;
  const valueWidth = Math.max(MIN_WIDTH, width - 2 - label);
  return rows
    .map((row) => {
      const lines = [row[0] ?? ''];
      for (let i = 1; i < headers.length; i++) {
        const parts = wrapCell(row[i] ?? '', valueWidth);
        parts.forEach((part, k) => lines.push(`  ${(k === 0 ? headers[i]! : '').padEnd(label)}${part}`.trimEnd()));
      }
      return lines.join('\n');
    })
    .join('\n\n');
}

/** Narrows the widest narrowable column, one at a time, until the table fits `width`; false when it cannot. */
function fitWidths(widths: number[], headers: string[], width: number, keep: readonly number[]): boolean {
  const total = (): number => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  const floor = (i: number): number => Math.max(MIN_WIDTH, headers[i]?.length ?? 0);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (keep.includes(i) || widths[i]! <= floor(i)) continue;
      if (widest < 0 || widths[i]! > widths[widest]!) widest = i;
    }
    if (widest < 0) return false;
    widths[widest] = Math.max(floor(widest), widths[widest]! - (total() - width));
  }
  return true;
}

/** The cell's lines at `width`: words kept together where they fit, long ones split at a separator. */
export function wrapCell(text: string, width: number): string[] {
  if (text.length <= width || width <= 0) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const joined = current ? `${current} ${word}` : word;
    if (joined.length <= width) {
      current = joined;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while (current.length > width) {
      const cut = cutAt(current, width);
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** Where to split a word longer than `width`: after the last separator that fits, and never inside a digit run. */
function cutAt(word: string, width: number): number {
  for (let i = width; i > width / 2; i--) if (/[:/.,-]/.test(word[i - 1]!)) return i;
  let cut = width;
  while (cut > 0 && /\d/.test(word[cut - 1]!) && /\d/.test(word[cut]!)) cut--;
  return cut > 0 ? cut : width;
}
