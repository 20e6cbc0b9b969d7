import { join } from 'node:path';
import { readClaudeSettings } from '../claude/settings.js';
import { BedrockError, isOktaBedrockError } from '../errors.js';
import { readTextIfExists } from '../platform/fs.js';
import { displayPath, type Env } from '../platform/paths.js';
import { readConfigProfile } from '../store/aws-config-file.js';
import { isOurCredentialProcess } from '../store/credential-process-line.js';
import { invokeAnthropic } from '../bedrock/invoke.js';
import { fail, pass, skip, warn, type DoctorCheck } from './types.js';

export function claudeSettingsFile(env: Env, home: string): string {
  return join(env.CLAUDE_CONFIG_DIR || join(home, '.claude'), 'settings.json');
}

const SETUP = (p: string): string => `run \`okta-bedrock setup claude-code --profile ${p}\``;

/** Claude Code's settings.json: Bedrock on, this profile and region, a model, awsAuthRefresh → okta-bedrock refresh. */
export const claudeSettingsCheck: DoctorCheck = {
  id: 'claude-settings',
  title: 'Claude Code settings',
  async run(state) {
    const { env, paths } = state.deps;
    const file = claudeSettingsFile(env, paths.home);
    const shown = displayPath(file, paths.home);
    const text = await readTextIfExists(file).catch(() => undefined);
    if (text === undefined) return fail(`${shown} does not exist`, SETUP(state.profile));
    const s = readClaudeSettings(text);
    if (!s) return fail(`${shown} is not a JSON object`, `fix the file, then ${SETUP(state.profile)}`);
    const problems: string[] = [];
    if (s.env.CLAUDE_CODE_USE_BEDROCK !== '1') problems.push('env.CLAUDE_CODE_USE_BEDROCK is not "1"');
    if (s.env.AWS_PROFILE !== state.profile)
      problems.push(`env.AWS_PROFILE is ${s.env.AWS_PROFILE ? `"${s.env.AWS_PROFILE}"` : 'not set'}, not "${state.profile}"`);
    if (!s.env.AWS_REGION) problems.push('env.AWS_REGION is not set (Claude Code does not read the region from ~/.aws/config)');
    if (!s.env.ANTHROPIC_MODEL) problems.push('env.ANTHROPIC_MODEL is not set');
    if (!s.awsAuthRefresh?.includes(`refresh --profile ${state.profile}`))
      problems.push(`awsAuthRefresh is not \`okta-bedrock refresh --profile ${state.profile}\``);
    if (problems.length > 0) return fail(`${shown}: ${problems.join('; ')}`, SETUP(state.profile));
    state.claudeModel = s.env.ANTHROPIC_MODEL;
    return pass(`${shown}: Bedrock, profile ${state.profile}, ${s.env.AWS_REGION}, ${s.env.ANTHROPIC_MODEL}, awsAuthRefresh set`);
  },
};

/** The profile Claude Code uses runs our credential_process. */
export const claudeProfileCheck: DoctorCheck = {
  id: 'claude-profile',
  title: 'Claude Code AWS profile',
  async run(state) {
    const { paths } = state.deps;
    const shown = displayPath(paths.awsConfigFile, paths.home);
    const section = await readConfigProfile(paths.awsConfigFile, state.profile).catch(() => undefined);
    if (!section) return fail(`no [profile ${state.profile}] in ${shown}`, SETUP(state.profile));
    if (!isOurCredentialProcess(section.credential_process)) {
      return warn(
        `[profile ${state.profile}] in ${shown} does not run okta-bedrock credential-process: Claude Code cannot renew its credentials`,
        SETUP(state.profile),
      );
    }
    return pass(`[profile ${state.profile}] in ${shown} runs okta-bedrock credential-process`);
  },
};

/** One tiny InvokeModel with ANTHROPIC_MODEL — the call Claude Code makes. */
export const claudeInvokeCheck: DoctorCheck = {
  id: 'claude-invoke',
  title: 'Claude Code model (InvokeModel)',
  async run(state) {
    if (!state.target) return skip('no credentials');
    const model = state.claudeModel;
    if (!model) return skip('no ANTHROPIC_MODEL in settings.json');
    try {
      await invokeAnthropic({ ...state.target, region: state.region }, model, 'Say OK.', 5);
      return pass(`${model} answered InvokeModel in ${state.region}`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return fail(
        e.message,
        e instanceof BedrockError ? `request model access in the Bedrock console, or \`okta-bedrock setup claude-code --model ID\`` : 'rerun with --debug',
      );
    }
  },
};
