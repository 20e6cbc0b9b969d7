import { resolve } from 'node:path';
import { summarizeChanges } from '../../config/changes.js';
import { importKeymanConfig } from '../../config/keyman-import.js';
import { writeConfigFile } from '../../config/write.js';
import { ConfigError, UsageError } from '../../errors.js';
import { readTextIfExists } from '../../platform/fs.js';
import { displayPath, osUserName } from '../../platform/paths.js';
import type { CliContext } from '../context.js';
import type { ConfigFlags } from './config.js';

/**
 * `okta-bedrock config --import-keyman [PATH]`: aws_okta_keyman.yml → our config, no prompts.
 * Refuses to replace an existing config without --force (and then keeps the old one as .bak).
 */
export async function runImportKeyman(flags: ConfigFlags, ctx: CliContext): Promise<number> {
  const home = ctx.paths.home;
  const source = typeof flags.importKeyman === 'string' ? resolve(flags.importKeyman) : ctx.paths.keymanConfigFile;
  const target = flags.config ? resolve(flags.config) : ctx.paths.configFile;
  const text = await readTextIfExists(source);
  if (text === undefined) {
    throw new ConfigError(`No aws_okta_keyman config at ${displayPath(source, home)} — pass its path: okta-bedrock config --import-keyman FILE`);
  }
  const result = await importKeymanConfig(text, { sourcePath: displayPath(source, home), osUser: osUserName(ctx.env), now: ctx.clock.now() });
  const report = (written: boolean, backup?: string): void => {
    if (ctx.json) {
      ctx.out(JSON.stringify({ source, config: target, written, backup, changes: result.changes, warnings: result.warnings }, null, 2));
      return;
    }
    ctx.log.info(`${written ? 'Imported' : 'Would import'} ${displayPath(source, home)} → ${displayPath(target, home)}`);
    for (const line of summarizeChanges(result.changes)) ctx.log.info(`  ${line}`);
  };
  if (flags.dryRun) {
    if (!ctx.json) ctx.out(result.text);
    report(false);
  } else {
    const existing = await readTextIfExists(target);
    let backup: string | undefined;
    if (existing !== undefined) {
      if (!flags.force) {
        throw new UsageError(
          `${displayPath(target, home)} already exists — pass --force to replace it (the old file is kept as ${displayPath(target, home)}.bak)`,
        );
      }
      backup = `${target}.bak`;
      await writeConfigFile(backup, existing);
    }
    await writeConfigFile(target, result.text);
    report(true, backup);
    if (backup) ctx.log.info(`  the previous config is in ${displayPath(backup, home)}`);
  }
  for (const w of result.warnings) ctx.log.warn(w);
  if (!flags.dryRun) ctx.log.info('Next: okta-bedrock login   (or `okta-bedrock config` to review the answers)');
  return 0;
}
