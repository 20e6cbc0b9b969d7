/**
 * The simulator's model catalogue: a realistic slice of what ListFoundationModels and
 * ListInferenceProfiles return in a US region (ids, names and attributes as AWS publishes them).
 * Newer Claude models are reachable only through inference profiles (INFERENCE_PROFILE), as on
 * real Bedrock, so a plain `anthropic.…` id gets the on-demand ValidationException.
 */
export type Modality = 'TEXT' | 'IMAGE' | 'VIDEO' | 'EMBEDDING';
export type InferenceType = 'ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE';

export interface CatalogModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: Modality[];
  outputModalities: Modality[];
  responseStreamingSupported: boolean;
  customizationsSupported: string[];
  inferenceTypesSupported: InferenceType[];
  status: 'ACTIVE' | 'LEGACY';
  /** Past end of life: not listed any more, and invoking it is a ResourceNotFoundException. */
  endOfLife?: boolean;
}

const claude = (modelId: string, modelName: string, status: 'ACTIVE' | 'LEGACY' = 'ACTIVE', onDemand = false): CatalogModel => ({
  modelId,
  modelName,
  providerName: 'Anthropic',
  inputModalities: ['TEXT', 'IMAGE'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  customizationsSupported: [],
  inferenceTypesSupported: onDemand ? ['ON_DEMAND'] : ['INFERENCE_PROFILE'],
  status,
});

export const CATALOG_MODELS: readonly CatalogModel[] = [
  claude('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', 'ACTIVE', true),
  claude('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 'LEGACY'),
  claude('anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2', 'LEGACY'),
  claude('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet'),
  claude('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4'),
  claude('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1'),
  claude('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5'),
  claude('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5'),
  { ...claude('anthropic.claude-v2:1', 'Claude'), inputModalities: ['TEXT'], inferenceTypesSupported: ['ON_DEMAND'], endOfLife: true },
  {
    modelId: 'amazon.titan-text-express-v1',
    modelName: 'Titan Text G1 - Express',
    providerName: 'Amazon',
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
    inferenceTypesSupported: ['ON_DEMAND'],
    status: 'ACTIVE',
  },
  {
    modelId: 'amazon.titan-embed-text-v2:0',
    modelName: 'Titan Text Embeddings V2',
    providerName: 'Amazon',
    inputModalities: ['TEXT'],
    outputModalities: ['EMBEDDING'],
    responseStreamingSupported: false,
    customizationsSupported: [],
    inferenceTypesSupported: ['ON_DEMAND'],
    status: 'ACTIVE',
  },
  {
    modelId: 'amazon.nova-lite-v1:0',
    modelName: 'Nova Lite',
    providerName: 'Amazon',
    inputModalities: ['TEXT', 'IMAGE', 'VIDEO'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: ['FINE_TUNING'],
    inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
    status: 'ACTIVE',
  },
  {
    modelId: 'meta.llama3-1-8b-instruct-v1:0',
    modelName: 'Llama 3.1 8B Instruct',
    providerName: 'Meta',
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: ['FINE_TUNING'],
    inferenceTypesSupported: ['INFERENCE_PROFILE'],
    status: 'ACTIVE',
  },
];

export interface CatalogProfile {
  /** Geography prefix: `us`, `eu`, `apac`, or `global`. */
  geo: string;
  modelId: string;
  name: string;
  createdAt: string;
}

const profile = (geo: string, modelId: string, name: string, createdAt: string): CatalogProfile => ({ geo, modelId, name, createdAt });

/** System-defined cross-region inference profiles (`{geo}.{modelId}`). */
export const CATALOG_PROFILES: readonly CatalogProfile[] = [
  ...['us', 'eu', 'apac'].flatMap((geo) => {
    const label = geo.toUpperCase();
    return [
      profile(geo, 'anthropic.claude-3-haiku-20240307-v1:0', `${label} Anthropic Claude 3 Haiku`, '2024-08-27T18:00:00Z'),
      profile(geo, 'anthropic.claude-3-7-sonnet-20250219-v1:0', `${label} Anthropic Claude 3.7 Sonnet`, '2025-02-24T18:00:00Z'),
      profile(geo, 'anthropic.claude-sonnet-4-20250514-v1:0', `${label} Claude Sonnet 4`, '2025-05-22T18:00:00Z'),
      profile(geo, 'anthropic.claude-sonnet-4-5-20250929-v1:0', `${label} Anthropic Claude Sonnet 4.5`, '2025-09-29T18:00:00Z'),
      profile(geo, 'anthropic.claude-haiku-4-5-20251001-v1:0', `${label} Anthropic Claude Haiku 4.5`, '2025-10-15T18:00:00Z'),
      profile(geo, 'amazon.nova-lite-v1:0', `${label} Nova Lite`, '2024-12-03T18:00:00Z'),
    ];
  }),
  profile('us', 'anthropic.claude-3-5-haiku-20241022-v1:0', 'US Anthropic Claude 3.5 Haiku', '2024-11-04T18:00:00Z'),
  profile('us', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'US Anthropic Claude 3.5 Sonnet v2', '2024-10-22T18:00:00Z'),
  profile('us', 'anthropic.claude-opus-4-1-20250805-v1:0', 'US Claude Opus 4.1', '2025-08-05T18:00:00Z'),
  profile('us', 'meta.llama3-1-8b-instruct-v1:0', 'US Meta Llama 3.1 8B Instruct', '2024-08-27T18:00:00Z'),
  profile('global', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'Global Anthropic Claude Sonnet 4.5', '2025-09-29T18:00:00Z'),
  profile('global', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'Global Anthropic Claude Haiku 4.5', '2025-10-15T18:00:00Z'),
];

const GEO_REGIONS: Record<string, string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2'],
};

/** The geography whose profiles a region serves: us-east-1 → us, eu-west-1 → eu, ap-… → apac. */
export const geoOf = (region: string): string | undefined =>
  region.startsWith('us-') && !region.startsWith('us-gov-') ? 'us' : region.startsWith('eu-') ? 'eu' : region.startsWith('ap-') ? 'apac' : undefined;

/** Profiles usable from `region`: its geography's and the global ones. */
export const profilesIn = (region: string): CatalogProfile[] => CATALOG_PROFILES.filter((p) => p.geo === 'global' || p.geo === geoOf(region));

/** The regions a profile routes to (a global profile: every commercial Bedrock region). */
export const profileRegions = (p: CatalogProfile, region: string): string[] =>
  p.geo === 'global' ? [...GEO_REGIONS.us!, ...GEO_REGIONS.eu!, ...GEO_REGIONS.apac!] : (GEO_REGIONS[p.geo] ?? [region]);

export const profileId = (p: CatalogProfile): string => `${p.geo}.${p.modelId}`;

export const listedModels = (): CatalogModel[] => CATALOG_MODELS.filter((m) => !m.endOfLife);

export const findModel = (modelId: string): CatalogModel | undefined => CATALOG_MODELS.find((m) => m.modelId === modelId);
