import { rm } from 'node:fs/promises';
import type { AwsCredentials } from '../../../src/core/types.js';
import { tempDir } from '../../helpers/temp.js';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await tempDir('okta-bedrock-store-');
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function creds(tag: string, expiration = new Date('2026-11-21T15:35:24.123Z')): AwsCredentials {
  return {
    accessKeyId: `AKIA${tag}`,
    secretAccessKey: `secret/${tag}+x=`,
    sessionToken: `token-${tag}`,
    expiration,
  };
}
