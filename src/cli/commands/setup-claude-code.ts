import { join } from 'node:path';
import { invokeAnthropic } from '../../bedrock/invoke.js';
import { listFoundationModels, listInferenceProfiles, type FoundationModel, type InferenceProfile } from '../../bedrock/models.js';
import { pickClaudeFamily } from '../../bedrock/pick-model.js';
import type { BedrockTarget } from '../../bedrock/target.js';
import { planClaudeSettings } from '../../claude/settings.js';
import { selectedProfile } from '../../config/resolve.js';
import { BedrockError, isOktaBedrockError } from '../../errors.js';
import { atomicWrite, readTextIfExists } from '../../platform/fs.js';
import { displayPath, type Env } from '../../platform/paths.js';
import { planConfigProfile, readConfigProfile, setConfigProfile } from '../../store/aws-config-file.js';
import { removeOurCredentials } from '../../store/credentials-file.js';
import type { CliContext } from '../context.js';
import { loadConfigFile, resolveProfile } from '../profile-target.js';
import { chainConflicts, commandPrefix, credentialProcessEntries } from './setup-aws.js';

export interface SetupClaudeCodeFlags {
  profile?: string;
  region?: string;
  model?: string;
  dryRun?: boolean;
  config?: string;
  debug?: boolean;
  json?: boolean;
}

/** $CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json (where Claude Code reads its user settings). */
export function claudeSettingsPath(env: Env, home: string): string {
  return join(env.CLAUDE_CONFIG_DIR || join(home, '.claude'), 'settings.json');
}

async function listings(target: BedrockTarget, ctx: CliContext): Promise<{ profiles: InferenceProfile[]; models: FoundationModel[] }> {
  const soft = <T>(what: string, p: Promise<T[]>): Promise<T[]> =>
    p.catch((e: unknown) => {
      if (!isOktaBedrockError(e)) throw e;
      ctx.log.debug(`${what}: ${e.message}`);
      return [];
    });
  const [profiles, models] = await Promise.all([
    soft('ListInferenceProfiles', listInferenceProfiles(target)),
    soft('ListFoundationModels', listFoundationModels(target, 'anthropic')),
  ]);
  return { profiles, models };
}

/**
 * The Sonnet to use: --model, else the newest Sonnet the profile can invoke (newest first, one
 * tiny InvokeModel each until one answers — a model whose access is not granted is skipped).
 */
async function chooseModel(
  flags: SetupClaudeCodeFlags,
  target: BedrockTarget,
  found: { profiles: InferenceProfile[]; models: FoundationModel[] },
  ctx: CliContext,
): Promise<{ model: string; checked: boolean }> {
  if (flags.model) return { model: flags.model, checked: false };
  let { profiles, models } = found;
  const tried: string[] = [];
  for (let i = 0; i < 3; i++) {
    const model = pickClaudeFamily(profiles, models, target.region, 'sonnet');
    if (!model) break;
    if (flags.dryRun) return { model, checked: false };
    try {
      await invokeAnthropic(target, model, 'Say OK.', 5);
      return { model, checked: true };
    } catch (e) {
      if (!(e instanceof BedrockError)) throw e;
      ctx.log.debug(`${model}: ${e.message}`);
      tried.push(model);
      profiles = profiles.filter((p) => p.inferenceProfileId !== model);
      models = models.filter((m) => m.modelId !== model);
      if (i === 2) throw e;
    }
  }
  throw new BedrockError(
    tried.length > 0
      ? `No Claude Sonnet in ${target.region} answered for profile ${target.profile ?? ''} (tried ${tried.join(', ')}) — request model access in the Bedrock console, or pass --model`
      : `No Claude Sonnet inference profile or model is offered in ${target.region} — pass --model ID, or --region us-east-1`,
    { code: 'no_claude_model' },
  );
}

/**
 * `okta-bedrock setup claude-code`: Claude Code on Bedrock with this profile. Makes the profile a
 * credential_process profile in ~/.aws/config (as setup-aws does), picks the models, checks one
 * tiny InvokeModel with the profile's credentials, and writes the Bedrock keys into Claude Code's
 * settings.json with `awsAuthRefresh` = `okta-bedrock refresh --profile P`.
 */
export async function runSetupClaudeCode(flags: SetupClaudeCodeFlags, ctx: CliContext): Promise<number> {
  const config = await loadConfigFile(flags, ctx);
  const profile = selectedProfile(config, flags.profile);
  const prefix = commandPrefix(ctx.env);
  const p = await resolveProfile({ ...flags, profile }, ctx, { allowLogin: true });
  const region = p.region;
  const target = p.target;

  const found = await listings(target, ctx);
  const { model, checked } = await chooseModel(flags, target, found, ctx);
  const haikuModel = pickClaudeFamily(found.profiles, found.models, region, 'haiku');
  if (!flags.dryRun && !checked) {
    ctx.log.info(`Checking ${model} with profile ${profile}…`);
    await invokeAnthropic(target, model, 'Say OK.', 5);
  }

  const awsFile = ctx.paths.awsConfigFile;
  const awsShown = displayPath(awsFile, ctx.paths.home);
  const existing = await readConfigProfile(awsFile, profile);
  const conflicts = chainConflicts(existing);
  const entries = credentialProcessEntries(`${prefix} credential-process --profile ${profile}`, region, existing);
  const settingsFile = claudeSettingsPath(ctx.env, ctx.paths.home);
  const settingsShown = displayPath(settingsFile, ctx.paths.home);
  const settingsBefore = (await readTextIfExists(settingsFile)) ?? '';
  const plan = planClaudeSettings(settingsBefore, settingsShown, {
    profile,
    region,
    model,
    haikuModel,
    refreshCommand: `${prefix} refresh --profile ${profile}`,
  });

  if (flags.dryRun) {
    const awsPlan = planConfigProfile((await readTextIfExists(awsFile)) ?? '', profile, entries);
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          {
            dryRun: true,
            settingsFile,
            awsConfigFile: awsFile,
            settings: Object.fromEntries(plan.written),
            diff: { settings: plan.diff, awsConfig: awsPlan.diff },
          },
          null,
          2,
        ),
      );
      return 0;
    }
    ctx.out(plan.diff ? `--- ${settingsShown}\n+++ ${settingsShown}\n${plan.diff}` : `${settingsShown} already up to date`);
    ctx.out(awsPlan.diff ? `--- ${awsShown}\n+++ ${awsShown}\n${awsPlan.diff}` : `${awsShown} already up to date`);
    return 0;
  }

  if (conflicts.length > 0)
    ctx.log.warn(`[profile ${profile}] in ${awsShown} had ${conflicts.join(' and ')}, which the AWS CLI would use instead of credential_process — removed`);
  await setConfigProfile(awsFile, profile, entries);
  if (await removeOurCredentials(ctx.paths.awsCredentialsFile, profile)) {
    ctx.log.info(
      `Removed the static keys okta-bedrock wrote earlier for [${profile}] from ${displayPath(ctx.paths.awsCredentialsFile, ctx.paths.home)}: they would shadow credential_process`,
    );
  }
  if (plan.diff) await atomicWrite(settingsFile, plan.after, { mode: 0o600, dirMode: 0o700 });
  if (ctx.json) {
    ctx.out(JSON.stringify({ dryRun: false, settingsFile, awsConfigFile: awsFile, settings: Object.fromEntries(plan.written), invokeChecked: model }, null, 2));
    return 0;
  }
  ctx.out(`${plan.diff ? 'Wrote' : 'Already set in'} ${settingsShown}:`);
  for (const [key, value] of plan.written) ctx.out(`  ${key} = ${value}`);
  ctx.out(`Profile ${profile} in ${awsShown} runs okta-bedrock credential-process (region ${region}).`);
  ctx.out(`InvokeModel with ${model} as profile ${profile}: ok.`);
  ctx.out('Start Claude Code with `claude`; when the credentials expire it runs the awsAuthRefresh command itself.');
  return 0;
}
