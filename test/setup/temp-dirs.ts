/**
 * Runs before every test file: gives the file a temp dir of its own (TMPDIR, which os.tmpdir() and
 * the spawned CLI read), and at the file's end removes what is left there — failing the file when
 * any of it is ours (okta-bedrock-*, perm-*: temp HOMEs hold simulated secrets). Other programs'
 * leftovers (a browser's profile dir) are removed without failing.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/temp.js';

const OURS = /^(okta-bedrock|perm-)/;

const fileTmp = mkdtempSync(join(tmpdir(), 'file-'));
process.env.TMPDIR = fileTmp;

afterAll(() => {
  removeTempDirs();
  const left = readdirSync(fileTmp);
  rmSync(fileTmp, { recursive: true, force: true, maxRetries: 3 });
  const ours = left.filter((name) => OURS.test(name));
  if (ours.length) throw new Error(`this test file left temp dirs behind (removed now): ${ours.join(', ')} — make them with test/helpers/temp.ts tempDir()`);
});
