import { BedrockError, isOktaBedrockError, runLogin } from '../errors.js';
import { converse } from '../bedrock/converse.js';
import { bedrockHint, classifyBedrockError, modelAccessUrl } from '../bedrock/errors.js';
import { listInferenceProfiles, type InferenceProfile } from '../bedrock/models.js';
import { pickDefaultModel } from '../bedrock/pick-model.js';
import { fail, pass, skip, type DoctorCheck, type DoctorState } from './types.js';

async function chooseModel(state: DoctorState): Promise<string | undefined> {
  if (state.deps.model) return state.deps.model;
  const target = state.target;
  if (!target) return undefined;
  const profiles = await listInferenceProfiles(target).catch((): InferenceProfile[] => []);
  return pickDefaultModel(profiles, state.models ?? [], state.region);
}

/** A Claude model answers a one-token Converse call. */
export const invokeCheck: DoctorCheck = {
  id: 'invoke',
  title: 'Claude model invocable',
  async run(state) {
    const target = state.target;
    if (!target) return skip('no credentials');
    const modelId = await chooseModel(state);
    if (!modelId) return skip(`no Claude model or inference profile listed in ${state.region} (pass --model ID to try one)`);
    try {
      const r = await converse(target, { modelId, prompt: 'Hi', maxTokens: 1 }, state.deps.clock);
      return pass(`${modelId} answered in ${r.roundTripMs} ms`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      if (!(e instanceof BedrockError)) return fail(e.message, `${runLogin(state.profile)} or check your network`);
      const f = classifyBedrockError(e.cause);
      const context = { operation: 'Converse', region: state.region, modelId, profile: state.profile };
      switch (f.kind) {
        case 'model-access':
          return fail(
            `no model access to ${modelId} in ${state.region} (AccessDeniedException)`,
            `request model access in the Bedrock console → Model access (${modelAccessUrl(state.region)}), or ask your AWS admin`,
          );
        case 'iam':
          return fail(
            `your role may not call ${f.action} on ${modelId}`,
            `ask your AWS admin to allow ${f.action} (and bedrock:InvokeModelWithResponseStream) on the model`,
          );
        case 'invalid-model':
        case 'not-found':
        case 'on-demand':
          return fail(`${modelId}: ${f.code}: ${f.message}`, bedrockHint(f, context).replace(/^.* — /, ''));
        default:
          return fail(`${modelId}: ${bedrockHint(f, context)}`, 'rerun with --debug for the AWS error');
      }
    }
  },
};
