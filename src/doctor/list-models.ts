import { BedrockError, isOktaBedrockError } from '../errors.js';
import { classifyBedrockError } from '../bedrock/errors.js';
import { listFoundationModels } from '../bedrock/models.js';
import { fail, pass, skip, type DoctorCheck } from './types.js';

/** bedrock:ListFoundationModels is allowed. */
export const listModelsCheck: DoctorCheck = {
  id: 'list-models',
  title: 'ListFoundationModels',
  async run(state) {
    if (!state.target) return skip('no credentials');
    try {
      const models = await listFoundationModels(state.target);
      state.models = models;
      const claude = models.filter((m) => m.modelId.startsWith('anthropic.claude')).length;
      return pass(`${models.length} models in ${state.region}, ${claude} Claude`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      const f = e instanceof BedrockError ? classifyBedrockError(e.cause) : undefined;
      if (f?.kind === 'iam') {
        return fail(
          `your role may not call ${f.action ?? 'bedrock:ListFoundationModels'}`,
          'ask your AWS admin to allow bedrock:ListFoundationModels (and bedrock:ListInferenceProfiles) — AmazonBedrockReadOnlyAccess has both',
        );
      }
      return fail(e.message, 'see the message; `okta-bedrock doctor --debug` shows the AWS error');
    }
  },
};
