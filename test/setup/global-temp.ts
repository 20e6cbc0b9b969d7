/**
 * Once per `vitest run`: a private temp dir for the whole run (workers and the CLI they spawn
 * inherit TMPDIR), so a parallel run on the same machine cannot be mistaken for ours; removed at
 * the end, and the run fails when anything was left in it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const runTmp = mkdtempSync(join(tmpdir(), 'okta-bedrock-vitest-'));
  process.env.TMPDIR = runTmp;
  return () => {
    // A skipped test file never runs its afterAll, so its own (empty) per-file dir can remain:
    // what counts is anything else, or anything of ours inside such a dir.
    const left = readdirSync(runTmp).flatMap((name) => (/^file-/.test(name) ? readdirSync(join(runTmp, name)).map((inner) => `${name}/${inner}`) : [name]));
    rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
    if (left.length) {
      console.error(`Tests left ${left.length} entries in the temp dir (removed now): ${left.slice(0, 20).join(', ')}`);
      process.exitCode = 1;
    }
  };
}
