import { ConfigError } from '../errors.js';
import { readTextIfExists } from '../platform/fs.js';
import { PROFILE_KEYS, TOP_LEVEL_ONLY_KEYS, type AccountEntry, type ConfigFile, type KeySpec, type RawSettings } from './schema.js';

/** "15m", "1h", "90s" or a number of seconds. */
export function parseDurationSeconds(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : n);
}

interface Located {
  line: (path: (string | number)[]) => number | undefined;
  file: string;
}

function fail(loc: Located, path: (string | number)[], message: string): never {
  const line = loc.line(path);
  throw new ConfigError(`${loc.file}${line ? `:${line}` : ''}: ${path.join('.')}: ${message}`);
}

function coerce(loc: Located, path: (string | number)[], spec: KeySpec, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (spec.type) {
    case 'string': {
      if (typeof value === 'number') value = String(value);
      if (typeof value !== 'string') fail(loc, path, `expected text, got ${typeof value}`);
      if (spec.oneOf && !spec.oneOf.includes(value)) fail(loc, path, `must be one of ${spec.oneOf.join(', ')} (got "${value}")`);
      return value;
    }
    case 'number': {
      const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) fail(loc, path, `expected a whole number, got ${JSON.stringify(value)}`);
      if (spec.min !== undefined && n < spec.min) fail(loc, path, `must be at least ${spec.min} (got ${n})`);
      if (spec.max !== undefined && n > spec.max) fail(loc, path, `must be at most ${spec.max} (got ${n})`);
      return n;
    }
    case 'duration': {
      const n = parseDurationSeconds(value);
      if (n === undefined) fail(loc, path, `expected a duration like 15m, 1h or 900, got ${JSON.stringify(value)}`);
      if (spec.min !== undefined && n < spec.min) fail(loc, path, `must be at least ${spec.min} s (got ${n})`);
      if (spec.max !== undefined && n > spec.max) fail(loc, path, `must be at most ${spec.max} s (got ${n})`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      // keyman's own `config` writes `reup: 0` (an argparse default), so 0/1 count too.
      if (value === 'true' || value === 'yes' || value === 1) return true;
      if (value === 'false' || value === 'no' || value === 0) return false;
      return fail(loc, path, `expected true or false, got ${JSON.stringify(value)}`);
    }
    case 'accounts': {
      if (!Array.isArray(value)) fail(loc, path, 'expected a list of {name, appid}');
      return value.map((entry, i): AccountEntry => {
        if (typeof entry !== 'object' || entry === null) fail(loc, [...path, i], 'expected {name, appid}');
        const e = entry as Record<string, unknown>;
        if (typeof e.appid !== 'string' || !e.appid) fail(loc, [...path, i, 'appid'], 'is required');
        const name = typeof e.name === 'string' || typeof e.name === 'number' ? String(e.name) : e.appid;
        return { name, appid: e.appid };
      });
    }
  }
}

function readLayer(loc: Located, path: string[], obj: unknown, allowed: Readonly<Record<string, KeySpec>>, warnings: string[]): RawSettings {
  if (obj === null || obj === undefined) return {};
  if (typeof obj !== 'object' || Array.isArray(obj)) fail(loc, path.length ? path : ['(top)'], 'expected a mapping of keys');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
    if (path.length === 0 && key === 'profiles') continue;
    const spec = allowed[key];
    if (!spec) {
      const line = loc.line([...path, key]);
      warnings.push(`${loc.file}${line ? `:${line}` : ''}: unknown key "${[...path, key].join('.')}" ignored`);
      continue;
    }
    if (spec.ignored) continue;
    const v = coerce(loc, [...path, key], spec, value);
    if (v !== undefined) out[key] = v;
  }
  return out as RawSettings;
}

/** Parses config text (ours or keyman's). Exported for tests and the wizard. */
export async function parseConfig(text: string, file: string, keyman: boolean): Promise<ConfigFile> {
  const { parseDocument, LineCounter, isMap, isPair, isScalar, isSeq } = await import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: not valid YAML — ${err.message.split('\n')[0]}`);
  }
  const loc: Located = {
    file,
    line: (path) => {
      let node: unknown = doc.contents;
      let found: unknown;
      for (const seg of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) return undefined;
          found = pair.key;
          node = pair.value;
        } else if (isSeq(node) && typeof seg === 'number') {
          node = node.items[seg];
          found = node;
        } else return undefined;
      }
      const range = (found as { range?: [number, number, number] } | undefined)?.range;
      return range ? lineCounter.linePos(range[0]).line : undefined;
    },
  };
  let data: unknown;
  try {
    // maxAliasCount bounds alias expansion ("billion laughs" in YAML).
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`${file}: not valid YAML — ${(e as Error).message.split('\n')[0]}`);
  }
  const warnings: string[] = [];
  const top = readLayer(loc, [], data, { ...PROFILE_KEYS, ...TOP_LEVEL_ONLY_KEYS }, warnings);
  const profiles: Record<string, RawSettings> = {};
  const rawProfiles = (data as Record<string, unknown> | null)?.profiles;
  if (rawProfiles !== undefined && rawProfiles !== null) {
    if (typeof rawProfiles !== 'object' || Array.isArray(rawProfiles)) fail(loc, ['profiles'], 'expected a mapping of profile names');
    for (const [name, layer] of Object.entries(rawProfiles as Record<string, unknown>)) {
      profiles[name] = readLayer(loc, ['profiles', name], layer, PROFILE_KEYS, warnings);
    }
  }
  return { path: file, keyman, top, profiles, warnings };
}

export interface LoadConfigOptions {
  /** --config: must exist. */
  explicitPath?: string;
  defaultPath: string;
  keymanPath: string;
}

/** Loads --config, else ours, else aws_okta_keyman.yml, else an empty config. */
export async function loadConfig(options: LoadConfigOptions): Promise<ConfigFile> {
  if (options.explicitPath) {
    const text = await readTextIfExists(options.explicitPath);
    if (text === undefined) throw new ConfigError(`Config file ${options.explicitPath} does not exist`);
    return parseConfig(text, options.explicitPath, options.explicitPath.endsWith('aws_okta_keyman.yml'));
  }
  const ours = await readTextIfExists(options.defaultPath);
  if (ours !== undefined) return parseConfig(ours, options.defaultPath, false);
  const keyman = await readTextIfExists(options.keymanPath);
  if (keyman !== undefined) return parseConfig(keyman, options.keymanPath, true);
  return { keyman: false, top: {}, profiles: {}, warnings: [] };
}
