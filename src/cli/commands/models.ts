import { isOktaBedrockError } from '../../errors.js';
import { joinProfiles, listFoundationModels, listInferenceProfiles, type InferenceProfile, type ModelRow } from '../../bedrock/models.js';
import type { CliContext } from '../context.js';
import { resolveProfile, type ProfileFlags } from '../profile-target.js';
import { renderTable } from '../table.js';
import { terminalWidth } from '../../platform/ui.js';

export interface ModelsFlags extends ProfileFlags {
  provider?: string;
  json?: boolean;
}

const modalities = (m: ModelRow): string => `${m.inputModalities.join('+') || '-'} → ${m.outputModalities.join('+') || '-'}`;

export function modelsTable(rows: ModelRow[], width?: number): string {
  return renderTable(
    ['MODEL ID', 'NAME', 'MODALITIES', 'STREAMING', 'LIFECYCLE', 'INFERENCE PROFILES'],
    rows.map((m) => [
      m.modelId,
      m.modelName,
      modalities(m),
      m.responseStreamingSupported ? 'yes' : 'no',
      m.lifecycle || '-',
      m.inferenceProfiles.join(', ') || '-',
    ]),
    { width },
  );
}

/**
 * `okta-bedrock models`: ListFoundationModels + ListInferenceProfiles as a table (or --json).
 * A role allowed to list models but not profiles still gets the models, with a warning.
 */
export async function runModels(flags: ModelsFlags, ctx: CliContext): Promise<number> {
  const p = await resolveProfile(flags, ctx, { allowLogin: true });
  const provider = flags.provider?.trim() || undefined;
  const [models, profiles] = await Promise.all([
    listFoundationModels(p.target, provider),
    listInferenceProfiles(p.target).catch((e: unknown): InferenceProfile[] => {
      if (!isOktaBedrockError(e)) throw e;
      ctx.log.warn(`${e.message} (the INFERENCE PROFILES column is empty)`);
      return [];
    }),
  ]);
  const sorted = [...models].sort((a, b) => a.providerName.localeCompare(b.providerName) || a.modelId.localeCompare(b.modelId));
  const modelIds = new Set(sorted.map((m) => m.modelId));
  const reaching = profiles.filter((pr) => pr.modelIds.some((id) => modelIds.has(id)));
  const rows = joinProfiles(sorted, reaching);
  if (flags.json) {
    ctx.out(
      JSON.stringify(
        {
          profile: p.profile,
          region: p.region,
          models: rows,
          inferenceProfiles: reaching.map((pr) => ({ ...pr, createdAt: pr.createdAt?.toISOString() })),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  if (rows.length === 0) {
    ctx.log.warn(`No foundation models${provider ? ` from provider "${provider}"` : ''} in ${p.region}`);
    return 0;
  }
  ctx.out(modelsTable(rows, terminalWidth(process.stdout, ctx.env)));
  ctx.log.info(`${rows.length} models, ${reaching.length} inference profiles in ${p.region} (profile ${p.profile})`);
  return 0;
}
