import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { OktaPipeline } from '../okta/oie/detect.js';
import type { OidcTokens, OidcTokenStore } from '../okta/oie/types.js';
import { readTextIfExists } from '../platform/fs.js';
import { CACHE_VERSION } from './cache-files.js';
import { recordFileName, writeJsonRecord } from './records.js';

async function readJson<T>(path: string): Promise<T | undefined> {
  const text = await readTextIfExists(path).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

interface OidcTokensFile extends OidcTokens {
  version: number;
  kind: 'oidc-tokens';
  orgUrl: string;
  clientId: string;
  updatedAt: string;
}

function isTokens(v: OidcTokensFile | undefined, orgUrl: string, clientId: string): v is OidcTokensFile {
  return (
    v !== undefined &&
    v.version === CACHE_VERSION &&
    v.kind === 'oidc-tokens' &&
    v.orgUrl === orgUrl &&
    v.clientId === clientId &&
    typeof v.accessToken === 'string' &&
    typeof v.idToken === 'string' &&
    !Number.isNaN(Date.parse(v.accessTokenExpiresAt)) &&
    !Number.isNaN(Date.parse(v.idTokenExpiresAt))
  );
}

/**
 * The OIE tokens (access, ID, refresh) per org + OIDC client, in
 * `$XDG_CACHE_HOME/okta-bedrock/oidc/<hash>.json` (dir 0700, file 0600, atomic writes).
 */
export class OidcTokenFileStore implements OidcTokenStore {
  readonly path: string;
  constructor(
    private readonly cacheDir: string,
    private readonly orgUrl: string,
    private readonly clientId: string,
    private readonly now: () => Date,
  ) {
    this.path = join(cacheDir, 'oidc', recordFileName(orgUrl, clientId));
  }

  async load(): Promise<OidcTokens | undefined> {
    const v = await readJson<OidcTokensFile>(this.path);
    if (!isTokens(v, this.orgUrl, this.clientId)) return undefined;
    const { version: _v, kind: _k, orgUrl: _o, clientId: _c, updatedAt: _u, ...tokens } = v;
    return tokens;
  }

  async save(tokens: OidcTokens): Promise<void> {
    const value: OidcTokensFile = {
      version: CACHE_VERSION,
      kind: 'oidc-tokens',
      orgUrl: this.orgUrl,
      clientId: this.clientId,
      ...tokens,
      updatedAt: this.now().toISOString(),
    };
    await writeJsonRecord(this.cacheDir, this.path, value);
  }

  async clear(): Promise<void> {
    await fsp.rm(this.path, { force: true });
  }
}

/** What we learned about an org: its engine (`pipeline`), and clients that refused offline_access. */
export interface OrgInfo {
  version: number;
  kind: 'okta-org';
  orgUrl: string;
  pipeline?: OktaPipeline;
  checkedAt?: string;
  noOfflineAccess?: string[];
}

/** The detection answer is trusted this long (orgs move from Classic to OIE rarely, once). */
export const ORG_INFO_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Per-org facts in `$XDG_CACHE_HOME/okta-bedrock/orgs/<hash>.json`. */
export class OrgInfoCache {
  constructor(private readonly cacheDir: string) {}

  private path(orgUrl: string): string {
    return join(this.cacheDir, 'orgs', recordFileName(orgUrl));
  }

  async read(orgUrl: string): Promise<OrgInfo> {
    const v = await readJson<OrgInfo>(this.path(orgUrl));
    if (v && v.version === CACHE_VERSION && v.kind === 'okta-org' && v.orgUrl === orgUrl) return v;
    return { version: CACHE_VERSION, kind: 'okta-org', orgUrl };
  }

  async update(orgUrl: string, change: (info: OrgInfo) => void): Promise<void> {
    const info = await this.read(orgUrl);
    change(info);
    await writeJsonRecord(this.cacheDir, this.path(orgUrl), info);
  }
}
