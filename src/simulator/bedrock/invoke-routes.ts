import type { Route } from '../http.js';
import type { BedrockContext } from './context.js';
import { listFoundationModels, listInferenceProfiles } from './control.js';
import { converseStream, countTokensOp, invokeModel, invokeModelStream } from './invoke.js';

/**
 * The Bedrock Runtime routes beyond Converse. ListInferenceProfiles / ListFoundationModels are
 * control-plane operations, but Claude Code sends them to ANTHROPIC_BEDROCK_BASE_URL (the runtime
 * base URL) when it is set, so the simulated runtime answers them too.
 */
export const invokeRoutes = (ctx: BedrockContext): Route[] => [
  { method: 'POST', pattern: /^\/model\/([^/]+)\/invoke$/, handle: (req, [id = '']) => invokeModel(ctx, req, id) },
  { method: 'POST', pattern: /^\/model\/([^/]+)\/invoke-with-response-stream$/, handle: (req, [id = '']) => invokeModelStream(ctx, req, id) },
  { method: 'POST', pattern: /^\/model\/([^/]+)\/converse-stream$/, handle: (req, [id = '']) => converseStream(ctx, req, id) },
  { method: 'POST', pattern: /^\/model\/([^/]+)\/count-tokens$/, handle: (req, [id = '']) => countTokensOp(ctx, req, id) },
  { method: 'GET', pattern: /^\/foundation-models$/, handle: (req) => listFoundationModels(ctx, req) },
  { method: 'GET', pattern: /^\/inference-profiles$/, handle: (req) => listInferenceProfiles(ctx, req, ctx.accountId) },
];

const ACTIONS: Array<[RegExp, string]> = [
  [/\/converse$/, 'Converse'],
  [/\/converse-stream$/, 'ConverseStream'],
  [/\/invoke$/, 'InvokeModel'],
  [/\/invoke-with-response-stream$/, 'InvokeModelWithResponseStream'],
  [/\/count-tokens$/, 'CountTokens'],
  [/^\/foundation-models$/, 'ListFoundationModels'],
  [/^\/inference-profiles$/, 'ListInferenceProfiles'],
];

/** The operation a runtime request names (for the request log of an error answer). */
export const runtimeAction = (_method: string, path: string): string | undefined => ACTIONS.find(([re]) => re.test(path))?.[1];
