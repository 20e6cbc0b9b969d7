/**
 * ~/.aws/config: sections are `[default]` and `[profile NAME]`. Section names are normalised
 * (see ini-sections.ts), so `[profile  NAME]` and `[ profile NAME ]` match too; for `default` we
 * also match `[profile default]`, which the AWS CLI accepts. Edits keep every other byte of the
 * file. An existing file keeps its mode (people sometimes make it group-readable on purpose; it
 * holds no secrets); a new one is created 0600 in a 0700 directory.
 */
import { promises as fsp } from 'node:fs';
import { ConfigError, FileSystemError } from '../errors.js';
import { atomicWrite, encodePreserved, readRegularPreservedIfExists, readRegularTextIfExists as readTextIfExists, refuseNonRegular } from '../platform/fs.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import { diffLines, editIn, getSection, removeSection, setSectionKeys } from './ini-sections.js';

export interface ConfigPlan {
  before: string;
  after: string;
  /** Unified-style diff (`-`/`+` lines); empty when nothing changes. */
  diff: string;
}

export interface ConfigFileOptions {
  lock?: FileLockOptions;
}

/** The section name(s) of a profile in the config file; the first is used to create it. */
export function configSectionNames(profile: string): readonly string[] {
  if (!/^[^\s[\]#;=]+$/.test(profile)) {
    throw new ConfigError(`Invalid AWS profile name ${JSON.stringify(profile)}: use letters, digits, - _ . / etc.`);
  }
  return profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
}

/** What `setConfigProfile` would do to `text` (`undefined` values remove keys); for --dry-run. */
export function planConfigProfile(text: string, profile: string, entries: Record<string, string | undefined>): ConfigPlan {
  const after = setSectionKeys(text, configSectionNames(profile), entries);
  return { before: text, after, diff: diffLines(text, after) };
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await fsp.stat(path)).mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileSystemError(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Sets (or with `undefined`, removes) keys of the profile, creating it and the file if needed. */
export async function setConfigProfile(
  path: string,
  profile: string,
  entries: Record<string, string | undefined>,
  options: ConfigFileOptions = {},
): Promise<ConfigPlan> {
  const sections = configSectionNames(profile);
  await refuseNonRegular(path);
  return withFileLock(
    path,
    async () => {
      const file = await readRegularPreservedIfExists(path);
      const before = file?.text ?? '';
      const after = editIn(path, () => setSectionKeys(before, sections, entries));
      const plan = { before, after, diff: diffLines(before, after) };
      if (after === before) return plan;
      const mode = (await existingMode(path)) ?? 0o600;
      await atomicWrite(path, encodePreserved(path, after, file?.encoding ?? 'utf8'), { mode, dirMode: 0o700 });
      return plan;
    },
    options.lock,
  );
}

/** The profile's settings (keys lower-cased), or undefined when the file or profile is missing. */
export async function readConfigProfile(path: string, profile: string): Promise<Record<string, string> | undefined> {
  const sections = configSectionNames(profile);
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  return getSection(text, sections);
}

/** Removes the profile's section(s). Returns whether the file changed. */
export async function removeConfigProfile(path: string, profile: string, options: ConfigFileOptions = {}): Promise<boolean> {
  const sections = configSectionNames(profile);
  await refuseNonRegular(path);
  return withFileLock(
    path,
    async () => {
      const file = await readRegularPreservedIfExists(path);
      if (file === undefined) return false;
      const before = file.text;
      const after = editIn(path, () => removeSection(before, sections));
      if (after === before) return false;
      await atomicWrite(path, encodePreserved(path, after, file.encoding), { mode: (await existingMode(path)) ?? 0o600, dirMode: 0o700 });
      return true;
    },
    options.lock,
  );
}
