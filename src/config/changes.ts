/** What an import or the wizard did to one config key, for the summary it prints. */
export interface ConfigChange {
  key: string;
  kind: 'changed' | 'added' | 'removed' | 'ignored' | 'kept';
  from?: unknown;
  to?: unknown;
  /** The key the value moved to (keyman's `name` → `profile`). */
  toKey?: string;
  /** Why, in a few words ("Duo not supported; use --factor"). */
  note?: string;
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (v === null) return '(empty)';
  if (Array.isArray(v)) return `[${v.length} ${v.length === 1 ? 'entry' : 'entries'}]`;
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

/** One line per change: "org: acme → https://acme.okta.com", "duo_factor: ignored (Duo not supported; use --factor)". */
export function describeChange(c: ConfigChange): string {
  const note = c.note ? ` (${c.note})` : '';
  switch (c.kind) {
    case 'added':
      return `${c.key}: ${show(c.to)}${note}`;
    case 'changed':
      return `${c.key}: ${show(c.from)} → ${c.toKey ? `${c.toKey}: ` : ''}${show(c.to)}${note}`;
    case 'removed':
      return `${c.key}: removed${note}`;
    case 'ignored':
      return `${c.key}: ignored${note}`;
    case 'kept':
      return `${c.key}: ${show(c.to)}${note}`;
  }
}

/** The changes between two flat sets of values (the wizard's before and after), in `keys` order. */
export function diffValues<K extends string>(
  before: Readonly<Partial<Record<K, unknown>>>,
  after: Readonly<Partial<Record<K, unknown>>>,
  keys: readonly K[],
): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const key of keys) {
    const from = before[key];
    const to = after[key];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (to === undefined) changes.push({ key, kind: 'removed', from });
    else changes.push({ key, kind: from === undefined ? 'added' : 'changed', from, to });
  }
  return changes;
}

/**
 * The summary as lines: each change on its own, then the keys kept as they were on one line
 * and the empty keys dropped on another.
 */
export function summarizeChanges(changes: readonly ConfigChange[]): string[] {
  const lines: string[] = [];
  const kept: string[] = [];
  const empty: string[] = [];
  for (const c of changes) {
    if (c.kind === 'kept' && !c.note) kept.push(c.key);
    else if (c.kind === 'removed' && c.note === 'empty') empty.push(c.key);
    else lines.push(describeChange(c));
  }
  if (kept.length > 0) lines.push(`kept as is: ${kept.join(', ')}`);
  if (empty.length > 0) lines.push(`empty or unused keys dropped: ${empty.join(', ')}`);
  return lines;
}
