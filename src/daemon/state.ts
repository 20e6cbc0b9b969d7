/**
 * What the daemon tells `daemon status` and `status`: a small JSON file in the cache dir,
 * rewritten atomically after every refresh or keep-alive. No secrets in it.
 */
import { join } from 'node:path';
import type { RefreshSource } from '../core/refresh.js';
import { readTextIfExists } from '../platform/fs.js';
import { writeJsonRecord } from '../store/records.js';

export type ProfileState = 'starting' | 'ok' | 'retrying' | 'login-required';

export interface ProfileStatus {
  state: ProfileState;
  /** When the credentials the daemon holds expire (ISO 8601). */
  expiresAt?: string;
  nextRefreshAt?: string;
  lastRefresh?: string;
  lastSource?: RefreshSource;
  lastError?: string;
  failures: number;
  refreshes: number;
}

export interface SessionStatus {
  orgUrl: string;
  login: string;
  state: 'alive' | 'gone' | 'retrying' | 'unknown';
  expiresAt?: string;
  lastKeepAlive?: string;
  nextKeepAliveAt?: string;
  lastError?: string;
}

export interface DaemonState {
  pid: number;
  /** `daemon` (background) or `reup` (login --reup in a terminal). */
  mode: 'daemon' | 'reup';
  startedAt: string;
  updatedAt: string;
  profiles: Record<string, ProfileStatus>;
  sessions: SessionStatus[];
}

export function daemonStatePath(cacheDir: string): string {
  return join(cacheDir, 'daemon-state.json');
}

export async function writeDaemonState(cacheDir: string, state: DaemonState): Promise<void> {
  await writeJsonRecord(cacheDir, daemonStatePath(cacheDir), state);
}

export async function readDaemonState(cacheDir: string): Promise<DaemonState | undefined> {
  const text = await readTextIfExists(daemonStatePath(cacheDir)).catch(() => undefined);
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as DaemonState;
    return typeof v === 'object' && v !== null && typeof v.profiles === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}
