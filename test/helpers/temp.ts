/**
 * Temporary directories for tests. Every one is removed: at the end of the test that made it, or
 * (made outside a test: beforeAll, module level) when its test file ends — see test/setup/temp-dirs.ts,
 * which also fails a file that leaves one of our own behind. They hold simulated secrets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

const made = new Set<string>();

function track(dir: string): string {
  made.add(dir);
  try {
    onTestFinished(() => removeTempDir(dir));
  } catch {
    // Not inside a test: removed when the file ends (removeTempDirs).
  }
  return dir;
}

/** mkdtemp in the OS temp dir, removed when the test (or, outside a test, the file) ends. */
export async function tempDir(prefix = 'okta-bedrock-test-'): Promise<string> {
  return track(await mkdtemp(join(tmpdir(), prefix)));
}

export function tempDirSync(prefix = 'okta-bedrock-test-'): string {
  return track(mkdtempSync(join(tmpdir(), prefix)));
}

export async function removeTempDir(dir: string): Promise<void> {
  made.delete(dir);
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Removes every directory still tracked (the file's end). */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  made.clear();
}
