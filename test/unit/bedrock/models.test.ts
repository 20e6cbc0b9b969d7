import { describe, expect, it } from 'vitest';
import { joinProfiles, parseModelArn, type FoundationModel, type InferenceProfile } from '../../../src/bedrock/models.js';
import { bedrockEndpoints, bedrockHost } from '../../../src/bedrock/target.js';

describe('models helpers', () => {
  it.each([
    [
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      { region: 'us-east-1', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
    ],
    ['arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0', { region: '', modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    ['arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/x.y', { region: 'us-gov-west-1', modelId: 'x.y' }],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.x.y', undefined],
  ])('parseModelArn(%s)', (arn, parsed) => expect(parseModelArn(arn)).toEqual(parsed));

  it('joinProfiles lists, sorted, the profiles that reach each model', () => {
    const m = { modelId: 'a.b', modelName: 'B' } as FoundationModel;
    const n = { modelId: 'a.c', modelName: 'C' } as FoundationModel;
    const p = (id: string, modelIds: string[]) => ({ inferenceProfileId: id, modelIds }) as InferenceProfile;
    expect(joinProfiles([m, n], [p('us.a.b', ['a.b']), p('global.a.b', ['a.b'])]).map((r) => r.inferenceProfiles)).toEqual([['global.a.b', 'us.a.b'], []]);
  });

  it('endpoints: the service-specific variable wins over AWS_ENDPOINT_URL; hosts are partition-aware', () => {
    expect(bedrockEndpoints({ AWS_ENDPOINT_URL: 'http://all', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://rt' })).toEqual({
      controlEndpoint: 'http://all',
      runtimeEndpoint: 'http://rt',
    });
    expect(bedrockEndpoints({})).toEqual({ controlEndpoint: undefined, runtimeEndpoint: undefined });
    expect(bedrockHost('us-west-2', 'bedrock-runtime')).toBe('bedrock-runtime.us-west-2.amazonaws.com');
    expect(bedrockHost('cn-north-1', 'bedrock')).toBe('bedrock.cn-north-1.amazonaws.com.cn');
  });
});
