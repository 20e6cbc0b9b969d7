import type { Document } from 'yaml';
import { ConfigError } from '../errors.js';
import { normalizeOrgUrl } from '../okta/org-url.js';
import type { ConfigChange } from './changes.js';
import { parseConfig } from './load.js';
import { PROFILE_KEYS, TOP_LEVEL_ONLY_KEYS } from './schema.js';

export interface KeymanImportOptions {
  /** The keyman file, for messages and the header comment (display form, e.g. `~/.config/…`). */
  sourcePath: string;
  /** The OS login name: what keyman's `automatic-username` (and a missing username) meant. */
  osUser?: string;
  now: Date;
}

export interface KeymanImport {
  /** Our config file's text. */
  text: string;
  /** One entry per key of the keyman file (plus keys added), in file order. */
  changes: ConfigChange[];
  /** Things the user must still do (e.g. add the org). */
  warnings: string[];
}

/** keyman settings we do not carry over, and what to use instead. */
const NOT_SUPPORTED: Readonly<Record<string, string>> = {
  duo_factor: 'Duo not supported; use --factor',
  console: 'use `okta-bedrock console`',
  screen: 'use `okta-bedrock env` to print the keys',
};

/** Keys keyman's `config` writes from its command line that mean nothing in a file. */
const KEYMAN_COMMAND_LINE = new Set(['debug', 'command', 'update', 'password_reset', 'writepath', 'config']);

/** keyman's YAML booleans: true/false, and the 0/1 its argparse defaults write (`reup: 0`). */
function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  if (typeof v === 'string' && /^(true|yes|on|1)$/i.test(v)) return true;
  if (typeof v === 'string' && /^(false|no|off|0)$/i.test(v)) return false;
  return undefined;
}

function isUnset(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * Converts an aws_okta_keyman.yml to our config, editing its YAML document in place so the
 * user's own comments and key order survive. Every keyman key is accounted for in `changes`.
 */
export async function importKeymanConfig(text: string, options: KeymanImportOptions): Promise<KeymanImport> {
  const { parseDocument, isMap } = await import('yaml');
  const parsed = parseDocument(text, { prettyErrors: true });
  const error = parsed.errors[0];
  if (error) {
    throw new ConfigError(`${options.sourcePath}:${error.linePos?.[0]?.line ?? 1}: not valid YAML — ${error.message.split('\n')[0]}`);
  }
  const doc: Document = parsed;
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !(isMap(doc.contents) || doc.contents === null)) {
    throw new ConfigError(`${options.sourcePath}: expected keyman's keys (org:, username:, …), found something else`);
  }
  if (!isMap(doc.contents)) doc.contents = doc.createNode({});
  const raw = data as Record<string, unknown>;
  const changes: ConfigChange[] = [];
  const warnings: string[] = [];
  const oktapreview = asBoolean(raw.oktapreview) === true;
  const set = (key: string, value: unknown): void => void doc.set(key, value);
  const remove = (key: string): void => void doc.delete(key);

  for (const [key, value] of Object.entries(raw)) {
    if (key === 'org') {
      if (isUnset(value)) continue; // reported below as missing
      let url: string;
      try {
        url = normalizeOrgUrl(String(value), { oktapreview });
      } catch (e) {
        throw new ConfigError(`${options.sourcePath}: org: ${(e as Error).message}`);
      }
      if (url === value) changes.push({ key, kind: 'kept', to: value });
      else {
        set(key, url);
        changes.push({ key, kind: 'changed', from: value, to: url });
      }
    } else if (key === 'username') {
      if (isUnset(value)) continue; // reported below
      const name = String(value);
      if (name.includes('automatic-username') && options.osUser) {
        const replaced = name.replace('automatic-username', options.osUser);
        set(key, replaced);
        changes.push({ key, kind: 'changed', from: name, to: replaced, note: "keyman's automatic-username is your login name" });
      } else changes.push({ key, kind: 'kept', to: name });
    } else if (key === 'oktapreview') {
      remove(key);
      changes.push({ key, kind: 'removed', from: value, note: oktapreview ? 'folded into org' : 'not needed with a full org URL' });
    } else if (key === 'name') {
      remove(key);
      if (isUnset(value)) changes.push({ key, kind: 'removed', note: 'empty' });
      else if (raw.profile !== undefined) changes.push({ key, kind: 'ignored', from: value, note: 'profile is set' });
      else {
        set('profile', String(value));
        changes.push({ key, kind: 'changed', from: value, toKey: 'profile', to: String(value) });
      }
    } else if (key in NOT_SUPPORTED) {
      remove(key);
      const off = isUnset(value) || asBoolean(value) === false;
      changes.push({ key, kind: off ? 'removed' : 'ignored', from: value, note: off ? 'empty' : NOT_SUPPORTED[key] });
    } else if (KEYMAN_COMMAND_LINE.has(key)) {
      remove(key);
      changes.push({ key, kind: 'ignored', from: value, note: key === 'debug' ? 'use --debug' : 'keyman command-line option' });
    } else if (isUnset(value)) {
      remove(key);
      changes.push({ key, kind: 'removed', note: 'empty' });
    } else if (key === 'reup' || key === 'password_cache') {
      const b = asBoolean(value);
      if (b === undefined) {
        remove(key);
        changes.push({ key, kind: 'removed', from: value, note: 'not true or false' });
        continue;
      }
      const note = key === 'password_cache' && b ? 'okta-bedrock keeps its own keychain entry: you type the password once more' : undefined;
      if (b === value) changes.push({ key, kind: 'kept', to: b, note });
      else {
        set(key, b);
        changes.push({ key, kind: 'changed', from: value, to: b, note });
      }
    } else if (key === 'duration') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 900 || n > 43200) {
        remove(key);
        changes.push({ key, kind: 'removed', from: value, note: 'must be 900–43200 s; the SAML SessionDuration is used' });
      } else if (n !== value) {
        set(key, n);
        changes.push({ key, kind: 'changed', from: value, to: n });
      } else changes.push({ key, kind: 'kept', to: n });
    } else if (key === 'accounts') {
      const list = Array.isArray(value) ? value : [];
      const valid = list.filter(
        (a): a is Record<string, unknown> => typeof a === 'object' && a !== null && typeof (a as Record<string, unknown>).appid === 'string',
      );
      if (valid.length === 0) {
        remove(key);
        changes.push({ key, kind: 'removed', from: value, note: 'no entry with an appid' });
      } else if (valid.length < list.length) {
        set(
          key,
          valid.map((a) => ({ name: String(a.name ?? a.appid), appid: a.appid })),
        );
        changes.push({ key, kind: 'changed', from: list, to: valid, note: `dropped ${list.length - valid.length} without an appid` });
      } else changes.push({ key, kind: 'kept', to: list });
    } else if (key in PROFILE_KEYS || key in TOP_LEVEL_ONLY_KEYS || key === 'profiles') {
      changes.push({ key, kind: 'kept', to: value });
    } else {
      remove(key);
      changes.push({ key, kind: 'ignored', from: value, note: 'unknown key' });
    }
  }

  if (isUnset(raw.org)) warnings.push('org is missing — add `org: https://acme.okta.com` to the config, or run `okta-bedrock config`');
  if (isUnset(raw.username) && options.osUser) {
    set('username', options.osUser);
    changes.push({ key: 'username', kind: 'added', to: options.osUser, note: "keyman's default: your login name" });
  }

  const header = ` okta-bedrock config, imported from ${options.sourcePath} on ${options.now.toISOString().slice(0, 10)}\n by \`okta-bedrock config --import-keyman\`. Every key is described in config.example.yml.`;
  doc.commentBefore = doc.commentBefore ? `${header}\n${doc.commentBefore}` : header;
  const out = doc.toString({ lineWidth: 0 });
  await parseConfig(out, 'the imported config', false); // throws ConfigError if anything is still invalid
  return { text: out, changes, warnings };
}
