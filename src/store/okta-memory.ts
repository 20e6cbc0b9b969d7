import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { OktaMemory, OktaMemoryStore } from '../okta/memory.js';
import { atomicWrite, ensureDir, readTextIfExists } from '../platform/fs.js';

const VERSION = 1;

interface MemoryFile extends OktaMemory {
  version: number;
  kind: 'okta-memory';
  orgUrl: string;
  login: string;
}

/** $XDG_CACHE_HOME/okta-bedrock/okta/<hash of org and user>.json (0600, dir 0700). */
export function oktaMemoryPath(cacheDir: string, orgUrl: string, login: string): string {
  const key = createHash('sha256').update(`${orgUrl}\n${login.toLowerCase()}`).digest('hex').slice(0, 24);
  return join(cacheDir, 'okta', `${key}.json`);
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
      if (v.version !== VERSION || v.kind !== 'okta-memory' || v.orgUrl !== orgUrl || v.login.toLowerCase() !== login.toLowerCase()) return undefined;
      const factor = v.factor && typeof v.factor.id === 'string' && typeof v.factor.selector === 'string' ? v.factor : undefined;
      return { factor, deviceToken: typeof v.deviceToken === 'string' ? v.deviceToken : undefined };
    } catch {
      return undefined;
    }
  }

  async write(orgUrl: string, login: string, memory: OktaMemory): Promise<void> {
    const value: MemoryFile = { version: VERSION, kind: 'okta-memory', orgUrl, login, ...memory };
    await ensureDir(this.cacheDir, 0o700);
    await atomicWrite(oktaMemoryPath(this.cacheDir, orgUrl, login), JSON.stringify(value, null, 2) + '\n', { mode: 0o600, dirMode: 0o700 });
  }
}
