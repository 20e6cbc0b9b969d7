import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { selectedProfile } from '../../config/resolve.js';
import { UsageError } from '../../errors.js';
import { readRegularTextIfExists as readTextIfExists } from '../../platform/fs.js';
import { displayPath } from '../../platform/paths.js';
import { planConfigProfile, readConfigProfile, setConfigProfile } from '../../store/aws-config-file.js';
import { diffLines, getSection } from '../../store/ini-sections.js';
import { removeOurCredentials } from '../../store/credentials-file.js';
import type { CliContext } from '../context.js';

export interface SetupAwsFlags {
  profile?: string;
  config?: string;
  region?: string;
  chainProfile?: string;
  roleArn?: string;
  dryRun?: boolean;
  command?: string;
  debug?: boolean;
  json?: boolean;
}

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'okta-bedrock.cjs');

function quote(s: string): string {
  return /[\s"'\\]/.test(s) ? `"${s.replace(/(["\\])/g, '\\$1')}"` : s;
}

/** `okta-bedrock` when it is on PATH (a global install), else node + our bin by absolute path. */
export function commandPrefix(env: Readonly<Record<string, string | undefined>>): string {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'okta-bedrock'))) return 'okta-bedrock';
  }
  return `${quote(process.execPath)} ${quote(BIN)}`;
}

/** Keys that make the AWS CLI and SDKs take a profile's keys from somewhere other than its credential_process. */
const CHAIN_KEYS = ['role_arn', 'source_profile', 'credential_source'] as const;

export function chainConflicts(existing: Record<string, string> | undefined): string[] {
  return CHAIN_KEYS.filter((k) => existing?.[k] !== undefined);
}

/** The settings that make a profile run our credential_process, removing any role chain that would win over it. */
export function credentialProcessEntries(
  credentialProcess: string,
  region: string,
  existing: Record<string, string> | undefined,
): Record<string, string | undefined> {
  const entries: Record<string, string | undefined> = { credential_process: credentialProcess, region };
  for (const k of chainConflicts(existing)) entries[k] = undefined;
  return entries;
}

/**
 * `okta-bedrock setup-aws`: points an AWS profile at our credential_process, and optionally adds
 * a chain profile (`role_arn` + `source_profile`). Every other byte of ~/.aws/config is kept.
 */
/**
 * POSIX single quotes for a word of credential_process. botocore/the AWS CLI split it with
 * shlex (POSIX mode) and the JavaScript SDK runs it through a shell: both read `'…'` with `'\''`
 * for a quote the same way; safe names stay bare (`--profile bedrock`).
 */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export async function runSetupAws(flags: SetupAwsFlags, ctx: CliContext): Promise<number> {
  const config = await loadConfig({ explicitPath: flags.config, defaultPath: ctx.paths.configFile, keymanPath: ctx.paths.keymanConfigFile });
  const profile = selectedProfile(config, flags.profile);
  const layer = { ...config.top, ...(config.profiles[profile] ?? {}) };
  const region = flags.region ?? layer.region ?? ctx.env.AWS_REGION ?? 'us-east-1';
  if (flags.chainProfile && !flags.roleArn) throw new UsageError('--chain-profile needs --role-arn (the role the chained profile assumes)');
  if (flags.roleArn && !flags.chainProfile) throw new UsageError('--role-arn needs --chain-profile (the name of the chained profile)');
  const prefix = flags.command ?? commandPrefix(ctx.env);
  const credentialProcess = `${prefix} credential-process --profile ${shellQuote(profile)}`;
  const file = ctx.paths.awsConfigFile;
  const shown = displayPath(file, ctx.paths.home);
  const existing = await readConfigProfile(file, profile);
  const conflicts = chainConflicts(existing);
  if (conflicts.length > 0) {
    ctx.log.warn(
      `[profile ${profile}] in ${shown} has ${conflicts.join(' and ')} next to credential_process: the AWS CLI would assume that role instead of running okta-bedrock — ${flags.dryRun ? 'setup-aws removes them' : 'removed them'} (use --chain-profile for a chain)`,
    );
  }
  const changes: [string, Record<string, string | undefined>][] = [[profile, credentialProcessEntries(credentialProcess, region, existing)]];
  if (flags.chainProfile && flags.roleArn) {
    // A chained profile gets its keys from source_profile: a credential_process left there by an
    // earlier `setup-aws --profile NAME` would be a second, ignored source, and credential_source
    // next to source_profile is an error for the AWS CLI and SDKs — both are removed.
    changes.push([
      flags.chainProfile,
      { role_arn: flags.roleArn, source_profile: profile, region, credential_process: undefined, credential_source: undefined },
    ]);
  }
  if (flags.dryRun) {
    // One diff from the file as it is to the file as the run would leave it (both profiles), so
    // `patch ~/.aws/config < diff` makes exactly what a real run writes.
    const before = (await readTextIfExists(file)) ?? '';
    let text = before;
    for (const [name, entries] of changes) text = planConfigProfile(text, name, entries).after;
    const diff = diffLines(before, text);
    if (ctx.json) ctx.out(JSON.stringify({ file, dryRun: true, profiles: profilesJson(changes), diff }, null, 2));
    else ctx.out(diff ? `--- ${shown}\n+++ ${shown}\n${diff}` : `${shown} already up to date`);
    return 0;
  }
  for (const [name, entries] of changes) {
    await setConfigProfile(file, name, entries);
    ctx.log.info(`Wrote profile "${name}" to ${shown}`);
  }
  const credsShown = displayPath(ctx.paths.awsCredentialsFile, ctx.paths.home);
  if (await removeOurCredentials(ctx.paths.awsCredentialsFile, profile)) {
    ctx.log.info(`Removed the static keys okta-bedrock wrote earlier for [${profile}] from ${credsShown}: they would shadow credential_process`);
  }
  const creds = await readTextIfExists(ctx.paths.awsCredentialsFile);
  const left = creds ? getSection(creds, profile) : undefined;
  if (left?.aws_access_key_id !== undefined) {
    ctx.log.warn(`${credsShown} also has keys in [${profile}]; the AWS CLI uses those before credential_process — remove them to use okta-bedrock`);
  }
  ctx.log.info(`Try: aws sts get-caller-identity --profile ${flags.chainProfile ?? profile}`);
  if (ctx.json) ctx.out(JSON.stringify({ file, dryRun: false, profiles: profilesJson(changes) }, null, 2));
  return 0;
}

function profilesJson(changes: [string, Record<string, string | undefined>][]): { name: string; settings: Record<string, string | undefined> }[] {
  return changes.map(([name, settings]) => ({ name, settings }));
}
