import { claudeCodeChecks, runDoctor, type CheckOutcome } from '../../doctor/run.js';
import { loadConfig } from '../../config/load.js';
import { httpTimeoutFor, selectedProfile } from '../../config/resolve.js';
import { claudeSettingsFile } from '../../doctor/claude-code.js';
import { readClaudeSettings } from '../../claude/settings.js';
import { readTextIfExists } from '../../platform/fs.js';
import { ExitCode } from '../../errors.js';
import { lookupHost } from '../../platform/dns.js';
import { colorEnabled, painter, type Paint, type Style } from '../../platform/ui.js';
import { isFile } from '../../platform/fs.js';
import { CacheStore } from '../../store/cache.js';
import type { CliContext } from '../context.js';
import { keychainUsable } from '../keychain.js';
import type { ProfileFlags } from '../profile-target.js';

export interface DoctorFlags extends ProfileFlags {
  model?: string;
  json?: boolean;
  claudeCode?: boolean;
}

/** --claude-code: the profile, region and model Claude Code's settings.json names (flags win). */
async function claudeDefaults(flags: DoctorFlags, ctx: CliContext): Promise<Pick<DoctorFlags, 'profile' | 'region' | 'model'>> {
  const text = await readTextIfExists(claudeSettingsFile(ctx.env, ctx.paths.home)).catch(() => undefined);
  const s = text === undefined ? undefined : readClaudeSettings(text);
  return { profile: flags.profile ?? s?.env.AWS_PROFILE, region: flags.region ?? s?.env.AWS_REGION, model: flags.model ?? s?.env.ANTHROPIC_MODEL };
}

const MARKS = { pass: '✓', fail: '✗', warn: '!', skip: '-' } as const;
const MARK_STYLES = { pass: 'green', fail: 'red', warn: 'yellow', skip: 'dim' } as const satisfies Record<keyof typeof MARKS, Style>;

/** "✓ Title: detail", and for ✗ and ! an indented "fix:" line; the mark coloured by `paint` (green ✓, red ✗, yellow !). */
export function formatOutcome(o: CheckOutcome, paint: Paint = (_s, t) => t): string {
  const head = `${paint(MARK_STYLES[o.status], MARKS[o.status])} ${o.title}: ${o.status === 'skip' ? `skipped (${o.detail})` : o.detail}`;
  return o.fix && (o.status === 'fail' || o.status === 'warn') ? `${head}\n    fix: ${o.fix}` : head;
}

/** `okta-bedrock doctor`: the checklist; exit 14 when any check fails (warnings do not fail). */
export async function runDoctorCommand(flags: DoctorFlags, ctx: CliContext): Promise<number> {
  // Every AWS call of the checklist gets the config's http_timeout (a config that does not load is the config check's to report).
  const config = await loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile }).catch(
    () => undefined,
  );
  const core = ctx.deps({ timeoutSeconds: httpTimeoutFor(config, flags.profile ?? (config ? selectedProfile(config) : 'default')) });
  // The checklist goes to stdout: colours when stdout is a colour terminal (NO_COLOR / FORCE_COLOR respected).
  const marks = painter(colorEnabled(process.stdout, ctx.env));
  const chosen = flags.claudeCode ? await claudeDefaults(flags, ctx) : flags;
  const report = await runDoctor(
    {
      profile: chosen.profile,
      region: chosen.region,
      model: chosen.model,
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
      keychain: keychainUsable,
    },
    (o) => {
      if (!flags.json) ctx.out(formatOutcome(o, marks));
    },
    flags.claudeCode ? claudeCodeChecks() : undefined,
  );
  if (flags.json) ctx.out(JSON.stringify(report, null, 2));
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  if (!flags.json) ctx.log.info(failed === 0 ? 'All checks passed.' : `${failed} check${failed > 1 ? 's' : ''} failed.`);
  return failed === 0 ? ExitCode.ok : ExitCode.checksFailed;
}
