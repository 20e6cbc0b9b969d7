import { join } from 'node:path';
import type { OktaMemory, OktaMemoryStore } from '../okta/memory.js';
import { readTextIfExists } from '../platform/fs.js';
import { identityFileName, sameIdentity, writeJsonRecord } from './records.js';

const VERSION = 1;

interface MemoryFile extends OktaMemory {
  version: number;
  kind: 'okta-memory';
  orgUrl: string;
  login: string;
}

/** $XDG_CACHE_HOME/okta-bedrock/okta/<hash of org and user>.json (0600, dir 0700). */
export function oktaMemoryPath(cacheDir: string, orgUrl: string, login: string): string {
  return join(cacheDir, 'okta', identityFileName(orgUrl, login));
}

/**
 * The remembered factor and device token per org and user, beside the session cache. Unlike the
 * session file it outlives the Okta session: it is what makes the next full login quicker.
 */
export class OktaMemoryFile implements OktaMemoryStore {
  constructor(readonly cacheDir: string) {}

  async read(orgUrl: string, login: string): Promise<OktaMemory | undefined> {
    const text = await readTextIfExists(oktaMemoryPath(this.cacheDir, orgUrl, login)).catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const v = JSON.parse(text) as MemoryFile;
      if (v.version !== VERSION || v.kind !== 'okta-memory' || !sameIdentity(v, orgUrl, login)) return undefined;
      const factor = v.factor && typeof v.factor.id === 'string' && typeof v.factor.selector === 'string' ? v.factor : undefined;
      return { factor, deviceToken: typeof v.deviceToken === 'string' ? v.deviceToken : undefined };
    } catch {
      return undefined;
    }
  }

  async write(orgUrl: string, login: string, memory: OktaMemory): Promise<void> {
    const value: MemoryFile = { version: VERSION, kind: 'okta-memory', orgUrl, login, ...memory };
    await writeJsonRecord(this.cacheDir, oktaMemoryPath(this.cacheDir, orgUrl, login), value);
  }
}
