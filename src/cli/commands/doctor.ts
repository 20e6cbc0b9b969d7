import { runDoctor, type CheckOutcome } from '../../doctor/run.js';
import { ExitCode } from '../../errors.js';
import { lookupHost } from '../../platform/dns.js';
import { isFile } from '../../platform/fs.js';
import { CacheStore } from '../../store/cache.js';
import type { CliContext } from '../context.js';
import type { ProfileFlags } from '../profile-target.js';

export interface DoctorFlags extends ProfileFlags {
  model?: string;
  json?: boolean;
}

const MARKS = { pass: '✓', fail: '✗', warn: '!', skip: '-' } as const;

/** "✓ Title: detail", and for ✗ and ! an indented "fix:" line. */
export function formatOutcome(o: CheckOutcome): string {
  const head = `${MARKS[o.status]} ${o.title}: ${o.status === 'skip' ? `skipped (${o.detail})` : o.detail}`;
  return o.fix && (o.status === 'fail' || o.status === 'warn') ? `${head}\n    fix: ${o.fix}` : head;
}

/** `okta-bedrock doctor`: the checklist; exit 14 when any check fails (warnings do not fail). */
export async function runDoctorCommand(flags: DoctorFlags, ctx: CliContext): Promise<number> {
  const core = ctx.deps();
  const report = await runDoctor(
    {
      profile: flags.profile,
      region: flags.region,
      model: flags.model,
      configPath: flags.config,
      env: ctx.env,
      paths: ctx.paths,
      clock: ctx.clock,
      http: ctx.http(15),
      core,
      cache: new CacheStore(ctx.paths.cacheDir),
      nodeVersion: process.version,
      lookupHost,
      fileExists: isFile,
    },
    (o) => {
      if (!flags.json) ctx.out(formatOutcome(o));
    },
  );
  if (flags.json) ctx.out(JSON.stringify(report, null, 2));
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  if (!flags.json) ctx.log.info(failed === 0 ? 'All checks passed.' : `${failed} check${failed > 1 ? 's' : ''} failed.`);
  return failed === 0 ? ExitCode.ok : ExitCode.checksFailed;
}
