import { describe, expect, it } from 'vitest';
import type { FoundationModel, InferenceProfile } from '../../../src/bedrock/models.js';
import { geoPrefix, idDate, pickDefaultModel } from '../../../src/bedrock/pick-model.js';

const profile = (id: string, createdAt?: string, status = 'ACTIVE'): InferenceProfile => ({
  inferenceProfileId: id,
  inferenceProfileName: id,
  inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${id}`,
  status,
  type: 'SYSTEM_DEFINED',
  createdAt: createdAt ? new Date(createdAt) : undefined,
  modelIds: [id.replace(/^\w+\./, '')],
  regions: ['us-east-1'],
});

const model = (modelId: string, inferenceTypesSupported: string[], lifecycle = 'ACTIVE'): FoundationModel => ({
  modelId,
  modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`,
  modelName: modelId,
  providerName: 'Anthropic',
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  inferenceTypesSupported,
  lifecycle,
});

describe('pickDefaultModel', () => {
  it.each([
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 20250929],
    ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', 20250219],
    ['anthropic.claude-sonnet-4-6', undefined],
  ])('idDate(%s) = %s', (id, date) => expect(idDate(id)).toBe(date));

  it.each([
    ['us-east-1', 'us'],
    ['us-gov-west-1', 'us-gov'],
    ['eu-central-1', 'eu'],
    ['ap-northeast-1', 'apac'],
    ['me-south-1', undefined],
  ])('geoPrefix(%s) = %s', (region, geo) => expect(geoPrefix(region)).toBe(geo));

  it('takes the newest Claude profile, preferring the region geography over global', () => {
    const profiles = [
      profile('us.anthropic.claude-3-7-sonnet-20250219-v1:0'),
      profile('global.anthropic.claude-sonnet-4-5-20250929-v1:0'),
      profile('us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
      profile('us.amazon.nova-lite-v1:0', '2030-01-01T00:00:00Z'),
    ];
    expect(pickDefaultModel(profiles, [], 'us-east-1')).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(
      pickDefaultModel(
        profiles.filter((p) => !p.inferenceProfileId.startsWith('us.anthropic.claude-sonnet')),
        [],
        'us-east-1',
      ),
    ).toBe('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('dates ids without a date stamp by the profile creation time', () => {
    const profiles = [
      profile('us.anthropic.claude-sonnet-4-5-20250929-v1:0', '2025-09-29T00:00:00Z'),
      profile('us.anthropic.claude-sonnet-4-6', '2026-02-17T00:00:00Z'),
    ];
    expect(pickDefaultModel(profiles, [], 'us-west-2')).toBe('us.anthropic.claude-sonnet-4-6');
  });

  it('ignores inactive profiles; without profiles, takes the newest active on-demand Claude model', () => {
    expect(pickDefaultModel([profile('us.anthropic.claude-x-20990101-v1:0', undefined, 'INACTIVE')], [], 'us-east-1')).toBeUndefined();
    const models = [
      model('anthropic.claude-3-haiku-20240307-v1:0', ['ON_DEMAND']),
      model('anthropic.claude-3-5-sonnet-20240620-v1:0', ['ON_DEMAND'], 'LEGACY'),
      model('anthropic.claude-sonnet-4-20250514-v1:0', ['INFERENCE_PROFILE']),
      model('amazon.titan-text-express-v1', ['ON_DEMAND']),
    ];
    expect(pickDefaultModel([], models, 'eu-west-1')).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(pickDefaultModel([], [], 'eu-west-1')).toBeUndefined();
  });
});
