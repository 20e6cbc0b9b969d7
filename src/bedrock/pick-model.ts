import type { FoundationModel, InferenceProfile } from './models.js';

/** The release date a model id carries (`…-20250929-v1:0` → 2025-09-29), as a sortable number. */
export function idDate(id: string): number | undefined {
  const m = /-(20\d{2})(\d{2})(\d{2})-/.exec(id);
  return m ? Number(`${m[1]}${m[2]}${m[3]}`) : undefined;
}

function dateNumber(d: Date | undefined): number | undefined {
  return d && !Number.isNaN(d.getTime()) ? Number(d.toISOString().slice(0, 10).replace(/-/g, '')) : undefined;
}

/** The geography prefix of a region's own inference profiles (us-east-1 → us). */
export function geoPrefix(region: string): string | undefined {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  if (region.startsWith('ca-')) return 'ca';
  if (region.startsWith('sa-')) return 'sa';
  return undefined;
}

const isClaude = (id: string): boolean => /(^|\.)anthropic\.claude/.test(id);

/**
 * The default model for `test` and `doctor`: the newest active Claude inference profile in the
 * region (newest by the date in the model id, else the profile's creation date), preferring the
 * region's own geography (`us.`) over `global.` for the same model; without any profile, the
 * newest active Claude model that allows on-demand calls. Pure.
 */
export function pickDefaultModel(profiles: InferenceProfile[], models: FoundationModel[], region: string): string | undefined {
  const geo = geoPrefix(region);
  const rank = (p: InferenceProfile): [number, number] => [
    idDate(p.inferenceProfileId) ?? dateNumber(p.createdAt) ?? 0,
    p.inferenceProfileId.startsWith(`${geo}.`) ? 2 : p.inferenceProfileId.startsWith('global.') ? 1 : 0,
  ];
  const claudeProfiles = profiles
    .filter((p) => isClaude(p.inferenceProfileId) && (p.status === '' || p.status === 'ACTIVE'))
    .sort((a, b) => {
      const [ad, ag] = rank(a);
      const [bd, bg] = rank(b);
      return bd - ad || bg - ag || a.inferenceProfileId.localeCompare(b.inferenceProfileId);
    });
  if (claudeProfiles[0]) return claudeProfiles[0].inferenceProfileId;
  const onDemand = models
    .filter((m) => isClaude(m.modelId) && m.lifecycle !== 'LEGACY' && m.inferenceTypesSupported.includes('ON_DEMAND'))
    .sort((a, b) => (idDate(b.modelId) ?? 0) - (idDate(a.modelId) ?? 0) || a.modelId.localeCompare(b.modelId));
  return onDemand[0]?.modelId;
}

/**
 * The newest Claude of one family (`sonnet`, `haiku`, `opus`): the same ranking as
 * `pickDefaultModel`, among the profiles and models whose id names the family.
 */
export function pickClaudeFamily(
  profiles: InferenceProfile[],
  models: FoundationModel[],
  region: string,
  family: 'sonnet' | 'haiku' | 'opus',
): string | undefined {
  const named = (id: string): boolean => new RegExp(`claude-(.*-)?${family}(-|$)`).test(id);
  return pickDefaultModel(
    profiles.filter((p) => named(p.inferenceProfileId)),
    models.filter((m) => named(m.modelId)),
    region,
  );
}
