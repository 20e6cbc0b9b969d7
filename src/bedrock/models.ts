import type { BedrockClient } from '@aws-sdk/client-bedrock';
import { bedrockDeadline, clientConfig, type BedrockTarget } from './target.js';
import { toBedrockError } from './errors.js';

/** A foundation model as ListFoundationModels describes it (our shape, independent of the SDK's). */
export interface FoundationModel {
  modelId: string;
  modelArn: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  responseStreamingSupported: boolean;
  inferenceTypesSupported: string[];
  lifecycle: string;
}

/** A (cross-region) inference profile and the foundation models it routes to. */
export interface InferenceProfile {
  inferenceProfileId: string;
  inferenceProfileName: string;
  inferenceProfileArn: string;
  status: string;
  type: string;
  createdAt?: Date;
  /** Foundation model ids (from the profile's model ARNs, deduplicated). */
  modelIds: string[];
  /** Regions the profile routes to. */
  regions: string[];
}

async function client(target: BedrockTarget): Promise<BedrockClient> {
  const { BedrockClient } = await import('@aws-sdk/client-bedrock');
  return new BedrockClient(await clientConfig(target, 'bedrock'));
}

/** arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-… → [region, modelId] */
export function parseModelArn(arn: string): { region: string; modelId: string } | undefined {
  const m = /^arn:aws[\w-]*:bedrock:([\w-]*):\d*:foundation-model\/(.+)$/.exec(arn);
  return m ? { region: m[1] ?? '', modelId: m[2] ?? '' } : undefined;
}

/** ListFoundationModels, optionally `byProvider` (e.g. `anthropic`). */
export async function listFoundationModels(target: BedrockTarget, provider?: string): Promise<FoundationModel[]> {
  const { ListFoundationModelsCommand } = await import('@aws-sdk/client-bedrock');
  const bedrock = await client(target);
  const deadline = bedrockDeadline(target);
  try {
    const out = await bedrock.send(new ListFoundationModelsCommand({ byProvider: provider }), { abortSignal: deadline.signal });
    return (out.modelSummaries ?? []).map((m) => ({
      modelId: m.modelId ?? '',
      modelArn: m.modelArn ?? '',
      modelName: m.modelName ?? '',
      providerName: m.providerName ?? '',
      inputModalities: m.inputModalities ?? [],
      outputModalities: m.outputModalities ?? [],
      responseStreamingSupported: m.responseStreamingSupported ?? false,
      inferenceTypesSupported: m.inferenceTypesSupported ?? [],
      lifecycle: m.modelLifecycle?.status ?? '',
    }));
  } catch (e) {
    throw toBedrockError(deadline.error(e), { operation: 'ListFoundationModels', region: target.region, profile: target.profile });
  } finally {
    deadline.done();
    bedrock.destroy();
  }
}

/** ListInferenceProfiles (system-defined: the `us.anthropic.…` ids), every page. */
export async function listInferenceProfiles(target: BedrockTarget): Promise<InferenceProfile[]> {
  const { ListInferenceProfilesCommand } = await import('@aws-sdk/client-bedrock');
  const bedrock = await client(target);
  const profiles: InferenceProfile[] = [];
  const deadline = bedrockDeadline(target);
  try {
    let nextToken: string | undefined;
    do {
      const out = await bedrock.send(new ListInferenceProfilesCommand({ maxResults: 1000, nextToken }), { abortSignal: deadline.signal });
      for (const p of out.inferenceProfileSummaries ?? []) {
        const targets = (p.models ?? []).map((m) => parseModelArn(m.modelArn ?? '')).filter((t) => t !== undefined);
        profiles.push({
          inferenceProfileId: p.inferenceProfileId ?? '',
          inferenceProfileName: p.inferenceProfileName ?? '',
          inferenceProfileArn: p.inferenceProfileArn ?? '',
          status: p.status ?? '',
          type: p.type ?? '',
          createdAt: p.createdAt,
          modelIds: [...new Set(targets.map((t) => t.modelId))],
          regions: [...new Set(targets.map((t) => t.region).filter((r) => r !== ''))],
        });
      }
      nextToken = out.nextToken;
    } while (nextToken);
    return profiles;
  } catch (e) {
    throw toBedrockError(deadline.error(e), { operation: 'ListInferenceProfiles', region: target.region, profile: target.profile });
  } finally {
    deadline.done();
    bedrock.destroy();
  }
}

export interface ModelRow extends FoundationModel {
  /** Inference profile ids that reach this model. */
  inferenceProfiles: string[];
}

/** Joins models with the profiles that route to them. Pure. */
export function joinProfiles(models: FoundationModel[], profiles: InferenceProfile[]): ModelRow[] {
  return models.map((m) => ({
    ...m,
    inferenceProfiles: profiles
      .filter((p) => p.modelIds.includes(m.modelId))
      .map((p) => p.inferenceProfileId)
      .sort(),
  }));
}
