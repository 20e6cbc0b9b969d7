import { createRouter, type Handler, type SimRequest, type SimResponse } from '../http.js';
import { authenticate, authorize, type BedrockCaller } from './authenticate.js';
import { findModel, profileId, profilesIn, type CatalogModel } from './catalog.js';
import type { BedrockContext } from './context.js';
import { BedrockFailure, accessDenied, bedrockError, bedrockOk, constraint, notFound, validation } from './errors.js';
import { invokeRoutes, runtimeAction } from './invoke-routes.js';
import { answerFor, countTokens, truncateTokens } from './reply.js';

/** The modelId pattern from the Bedrock Runtime API reference (ids, profile ids and ARNs). */
const MODEL_PATTERN =
  '(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}/[a-z0-9]{12})|(:foundation-model/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|([0-9]{12}:provisioned-model/[a-z0-9]{12})|([0-9]{12}:inference-profile/[a-zA-Z0-9-:.]+)))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|(([0-9a-zA-Z][-]?)+)|([a-zA-Z0-9-:.]+)';
const MODEL_ID = new RegExp(`^(?:${MODEL_PATTERN})$`);

export interface Target {
  model: CatalogModel;
  /** The ARN IAM authorises bedrock:InvokeModel on. */
  resourceArn: string;
  viaProfile: boolean;
}

const INVALID_ID = 'The provided model identifier is invalid.';

/** Resolves a model id, inference profile id or either's ARN, as the region sees them. */
const resolveTarget = (ctx: BedrockContext, caller: BedrockCaller, raw: string): Target => {
  const arn = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]*):(\d{12})?:(foundation-model|inference-profile)\/(.+)$/.exec(raw);
  if (arn && arn[1] !== caller.region) throw validation(INVALID_ID);
  const kind = arn ? arn[3] : /^(us|eu|apac|global|us-gov)\./.test(raw) ? 'inference-profile' : 'foundation-model';
  const id = arn ? (arn[4] ?? '') : raw;
  if (kind === 'inference-profile') {
    if (arn && arn[2] !== ctx.accountId) throw validation(INVALID_ID);
    const profile = profilesIn(caller.region).find((p) => profileId(p) === id);
    const model = profile && findModel(profile.modelId);
    if (!profile || !model) throw validation(INVALID_ID);
    if (model.endOfLife) throw notFound('This model version has reached the end of its life. Please refer to the AWS documentation for more details.');
    return { model, resourceArn: `arn:aws:bedrock:${caller.region}:${ctx.accountId}:inference-profile/${id}`, viaProfile: true };
  }
  const model = findModel(id);
  if (!model) throw validation(INVALID_ID);
  if (model.endOfLife) throw notFound('This model version has reached the end of its life. Please refer to the AWS documentation for more details.');
  return { model, resourceArn: `arn:aws:bedrock:${caller.region}::foundation-model/${id}`, viaProfile: false };
};

/** The model an invocation runs on, after IAM, model access and throughput checks (shared by every runtime operation). */
export const invocationTarget = (ctx: BedrockContext, caller: BedrockCaller, modelId: string): Target => {
  const target = resolveTarget(ctx, caller, modelId);
  authorize(ctx, caller, 'bedrock:InvokeModel', target.resourceArn);
  const denied = ctx.scenario.bedrockModelAccessDenied;
  if (denied.includes('*') || denied.includes(target.model.modelId)) {
    throw accessDenied("You don't have access to the model with the specified model ID.");
  }
  if (!target.model.outputModalities.includes('TEXT')) {
    throw validation("This action doesn't support the model that you provided. Try again with a supported text or chat model.");
  }
  if (!target.viaProfile && !target.model.inferenceTypesSupported.includes('ON_DEMAND')) {
    throw validation(
      `Invocation of model ID ${target.model.modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  return target;
};

/** The modelId path parameter's length and pattern constraint. */
export const checkModelId = (modelId: string): void => {
  if (modelId.length > 2048 || !MODEL_ID.test(modelId)) {
    throw constraint(modelId, 'modelId', `Member must satisfy regular expression pattern: ${MODEL_PATTERN}`);
  }
};

interface ConverseBody {
  messages?: Array<{ role?: string; content?: Array<{ text?: string }> }>;
  system?: Array<{ text?: string }>;
  inferenceConfig?: { maxTokens?: number };
}

export const parseBody = (req: SimRequest): ConverseBody => {
  try {
    const body = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    return body as ConverseBody;
  } catch {
    throw new BedrockFailure(400, 'SerializationException', 'Malformed request body', 'coral');
  }
};

const textOf = (blocks: Array<{ text?: string }> | undefined): string => (blocks ?? []).map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');

export interface ConverseReply {
  output: { message: { role: 'assistant'; content: Array<{ text: string }> } };
  stopReason: 'max_tokens' | 'end_turn';
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
  metrics: { latencyMs: number };
}

/** POST /model/{modelId}/converse */
const converse = (ctx: BedrockContext, req: SimRequest, modelId: string): SimResponse =>
  bedrockOk('Converse', converseReply(ctx, req, modelId), ctx.clock.now());

/** What Converse answers (ConverseStream sends the same as events). */
export const converseReply = (ctx: BedrockContext, req: SimRequest, modelId: string): ConverseReply => {
  const started = ctx.clock.now().getTime();
  const caller = authenticate(ctx, req);
  checkModelId(modelId);
  const body = parseBody(req);
  const maxTokens = body.inferenceConfig?.maxTokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 1)) {
    throw constraint(String(maxTokens), 'inferenceConfig.maxTokens', 'Member must have value greater than or equal to 1');
  }
  const messages = body.messages ?? [];
  if (messages.length === 0 || messages[0]?.role !== 'user') {
    throw validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  }
  const target = invocationTarget(ctx, caller, modelId);
  const prompt = textOf(messages[messages.length - 1]?.content);
  const full = answerFor(prompt, target.model.modelName);
  const { text, cut } = truncateTokens(full, maxTokens ?? 4096);
  const inputTokens = countTokens(textOf(body.system)) + messages.reduce((n, m) => n + countTokens(textOf(m.content)), 0);
  const outputTokens = countTokens(text);
  return {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: cut ? 'max_tokens' : 'end_turn',
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    metrics: { latencyMs: Math.max(1, ctx.clock.now().getTime() - started) },
  };
};

const unknownOperation = (): never => {
  throw new BedrockFailure(404, 'UnknownOperationException', 'The requested operation is not recognized by the service.', 'coral');
};

/** Bedrock Runtime (bedrock-runtime.{region}.amazonaws.com): Converse. */
export const bedrockRuntimeHandler = (ctx: BedrockContext): Handler => {
  const route = createRouter(
    [{ method: 'POST', pattern: /^\/model\/([^/]+)\/converse$/, handle: (req, [id = '']) => converse(ctx, req, id) }, ...invokeRoutes(ctx)],
    {
      notFound: unknownOperation,
      methodNotAllowed: unknownOperation,
    },
  );
  return async (req) => {
    try {
      return await route(req);
    } catch (err) {
      if (err instanceof BedrockFailure) return bedrockError(err, ctx.clock.now(), runtimeAction(req.method, req.url.pathname));
      throw err;
    }
  };
};
