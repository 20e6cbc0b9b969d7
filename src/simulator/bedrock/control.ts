import { createRouter, type Handler, type SimRequest, type SimResponse } from '../http.js';
import { authenticate, authorize } from './authenticate.js';
import { listedModels, profileId, profileRegions, profilesIn, findModel, type CatalogModel } from './catalog.js';
import type { BedrockContext } from './context.js';
import { BedrockFailure, bedrockError, bedrockOk, constraint, validation } from './errors.js';

const modelArn = (region: string, modelId: string): string => `arn:aws:bedrock:${region}::foundation-model/${modelId}`;

const summary = (m: CatalogModel, region: string): Record<string, unknown> => ({
  modelArn: modelArn(region, m.modelId),
  modelId: m.modelId,
  modelName: m.modelName,
  providerName: m.providerName,
  inputModalities: m.inputModalities,
  outputModalities: m.outputModalities,
  responseStreamingSupported: m.responseStreamingSupported,
  customizationsSupported: m.customizationsSupported,
  inferenceTypesSupported: m.inferenceTypesSupported,
  modelLifecycle: { status: m.status },
});

const ENUMS: Record<string, readonly string[]> = {
  byCustomizationType: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'],
  byOutputModality: ['TEXT', 'IMAGE', 'EMBEDDING'],
  byInferenceType: ['ON_DEMAND', 'PROVISIONED'],
};

const enumParam = (params: URLSearchParams, name: string): string | undefined => {
  const value = params.get(name) ?? undefined;
  const allowed = ENUMS[name] ?? [];
  if (value !== undefined && !allowed.includes(value)) {
    throw constraint(value, name, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value;
};

/** GET /foundation-models (ListFoundationModels). */
export const listFoundationModels = (ctx: BedrockContext, req: SimRequest): SimResponse => {
  const caller = authenticate(ctx, req);
  authorize(ctx, caller, 'bedrock:ListFoundationModels');
  const params = req.url.searchParams;
  const provider = params.get('byProvider') ?? undefined;
  if (provider !== undefined && !/^[A-Za-z0-9- ]{1,63}$/.test(provider)) {
    throw constraint(provider, 'byProvider', 'Member must satisfy regular expression pattern: ^[A-Za-z0-9- ]{1,63}$');
  }
  const customization = enumParam(params, 'byCustomizationType');
  const output = enumParam(params, 'byOutputModality');
  const inference = enumParam(params, 'byInferenceType');
  const models = listedModels().filter(
    (m) =>
      (provider === undefined || m.providerName.toLowerCase() === provider.toLowerCase()) &&
      (customization === undefined || m.customizationsSupported.includes(customization)) &&
      (output === undefined || (m.outputModalities as string[]).includes(output)) &&
      (inference === undefined || (m.inferenceTypesSupported as string[]).includes(inference)),
  );
  return bedrockOk('ListFoundationModels', { modelSummaries: models.map((m) => summary(m, caller.region)) }, ctx.clock.now());
};

const pageToken = (offset: number): string => Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');

const readToken = (token: string): number => {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw validation('Invalid pagination token');
};

/** GET /inference-profiles (ListInferenceProfiles): SYSTEM_DEFINED unless `type` says otherwise. */
export const listInferenceProfiles = (ctx: BedrockContext, req: SimRequest, accountId: string): SimResponse => {
  const caller = authenticate(ctx, req);
  authorize(ctx, caller, 'bedrock:ListInferenceProfiles');
  const params = req.url.searchParams;
  const rawMax = params.get('maxResults');
  const max = rawMax === null ? 1000 : Number(rawMax);
  if (!Number.isInteger(max) || max < 1) throw constraint(rawMax, 'maxResults', 'Member must have value greater than or equal to 1');
  if (max > 1000) throw constraint(rawMax, 'maxResults', 'Member must have value less than or equal to 1000');
  const type = params.get('type') ?? 'SYSTEM_DEFINED';
  if (type !== 'SYSTEM_DEFINED' && type !== 'APPLICATION') {
    throw constraint(type, 'typeEquals', 'Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]');
  }
  const all = type === 'APPLICATION' ? [] : profilesIn(caller.region).filter((p) => !findModel(p.modelId)?.endOfLife);
  const token = params.get('nextToken');
  const offset = token === null ? 0 : readToken(token);
  const page = all.slice(offset, offset + max);
  const summaries = page.map((p) => {
    const id = profileId(p);
    const model = findModel(p.modelId);
    return {
      inferenceProfileName: p.name,
      description: `Routes requests to ${model?.modelName ?? p.modelId} in ${profileRegions(p, caller.region).join(', ')}.`,
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
      inferenceProfileArn: `arn:aws:bedrock:${caller.region}:${accountId}:inference-profile/${id}`,
      models: profileRegions(p, caller.region).map((r) => ({ modelArn: modelArn(r, p.modelId) })),
      inferenceProfileId: id,
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    };
  });
  const next = offset + max < all.length ? { nextToken: pageToken(offset + max) } : {};
  return bedrockOk('ListInferenceProfiles', { inferenceProfileSummaries: summaries, ...next }, ctx.clock.now());
};

const unknownOperation = (): never => {
  throw new BedrockFailure(404, 'UnknownOperationException', 'The requested operation is not recognized by the service.', 'coral');
};

const ACTIONS: Record<string, string> = { '/foundation-models': 'ListFoundationModels', '/inference-profiles': 'ListInferenceProfiles' };

/** The Bedrock control plane (bedrock.{region}.amazonaws.com), REST-JSON. */
export const bedrockControlHandler = (ctx: BedrockContext): Handler => {
  const route = createRouter(
    [
      { method: 'GET', pattern: /^\/foundation-models$/, handle: (req) => listFoundationModels(ctx, req) },
      { method: 'GET', pattern: /^\/inference-profiles$/, handle: (req) => listInferenceProfiles(ctx, req, ctx.accountId) },
    ],
    { notFound: unknownOperation, methodNotAllowed: unknownOperation },
  );
  return async (req) => {
    try {
      return await route(req);
    } catch (err) {
      if (err instanceof BedrockFailure) return bedrockError(err, ctx.clock.now(), ACTIONS[req.url.pathname]);
      throw err;
    }
  };
};
