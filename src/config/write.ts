import type { Document } from 'yaml';
import { ConfigError } from '../errors.js';
import { atomicWrite } from '../platform/fs.js';

/** A value to set, or undefined to remove the key. */
export type ConfigEdits = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Applies top-level edits to config YAML, keeping everything else — comments, key order, the
 * `profiles:` section — through the `yaml` Document API. A changed key keeps its place and its
 * comment; a removed key takes its leading comment with it; a new key goes before `profiles:`.
 */
export async function editConfigText(text: string | undefined, edits: ConfigEdits, header?: string): Promise<string> {
  const { parseDocument, isMap, isScalar, isPair } = await import('yaml');
  const parsed = parseDocument(text ?? '');
  const error = parsed.errors[0];
  if (error) throw new ConfigError(`The config file is not valid YAML — ${error.message.split('\n')[0]}`);
  const doc: Document = parsed;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({});
  const map = doc.contents;
  if (!isMap(map)) throw new Error('unreachable: the config root is a mapping');
  for (const [key, value] of Object.entries(edits)) {
    if (value === undefined) {
      map.delete(key);
      continue;
    }
    if (map.has(key)) {
      map.set(key, value);
      continue;
    }
    const at = map.items.findIndex((p) => isPair(p) && isScalar(p.key) && p.key.value === 'profiles');
    const pair = doc.createPair(key, value);
    if (at >= 0) map.items.splice(at, 0, pair);
    else map.items.push(pair);
  }
  if (header && !text?.trim()) doc.commentBefore = header;
  return doc.toString({ lineWidth: 0 });
}

/** Writes the config file atomically, 0600 in a 0700 directory (it names the user and org). */
export async function writeConfigFile(path: string, text: string): Promise<void> {
  await atomicWrite(path, text, { mode: 0o600, dirMode: 0o700 });
}
