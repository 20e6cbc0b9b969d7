import { EventStreamCodec, type Message } from '@smithy/core/event-streams';
import type { SimRequest, SimResponse } from '../http.js';
import { randomAlnum, requestId } from '../ids.js';
import { authenticate } from './authenticate.js';
import type { CatalogModel } from './catalog.js';
import type { BedrockContext } from './context.js';
import { BedrockFailure, bedrockOk, jsonHeaders, validation } from './errors.js';
import { answerFor, countTokens, truncateTokens } from './reply.js';
import { checkModelId, converseReply, invocationTarget } from './runtime.js';

/**
 * InvokeModel, InvokeModelWithResponseStream, ConverseStream and CountTokens as the Bedrock Runtime
 * API reference describes them, for the Anthropic Messages body Claude Code and the seeds'
 * `aws bedrock-runtime invoke-model` send ("anthropic_version": "bedrock-2023-05-31"):
 * - InvokeModel answers the Messages API response object, with the
 *   `X-Amzn-Bedrock-Input-Token-Count` / `-Output-Token-Count` / `-Invocation-Latency` headers;
 * - the streaming operations answer `application/vnd.amazon.eventstream`: AWS event-stream binary
 *   messages (prelude, headers `:event-type`, `:content-type`, `:message-type`, CRCs). For
 *   InvokeModelWithResponseStream each `chunk` event's payload is `{"bytes": base64(JSON)}` with one
 *   Anthropic streaming event (message_start … message_stop, the last carrying
 *   `amazon-bedrock-invocationMetrics`); for ConverseStream each event is named after its member
 *   (messageStart, contentBlockDelta, contentBlockStop, messageStop, metadata).
 */

type AnthropicBlock = { type?: string; text?: string; content?: unknown };
interface AnthropicBody {
  anthropic_version?: unknown;
  max_tokens?: unknown;
  messages?: Array<{ role?: string; content?: string | AnthropicBlock[] }>;
  system?: string | AnthropicBlock[];
}

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
);

const frame = (eventType: string, payload: unknown): Uint8Array =>
  codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
  } satisfies Message);

const eventStream = (action: string, frames: Uint8Array[], now: Date, extra: Record<string, string> = {}): SimResponse => ({
  status: 200,
  action,
  headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': requestId(), date: now.toUTCString(), ...extra },
  body: Buffer.concat(frames),
});

const blockText = (content: string | AnthropicBlock[] | undefined): string =>
  typeof content === 'string'
    ? content
    : (content ?? []).map((b) => (b.type === 'text' && typeof b.text === 'string' ? b.text : typeof b.content === 'string' ? b.content : '')).join('\n');

/** The Anthropic Messages body, checked as Bedrock checks it (ValidationException "Malformed input request: …"). */
const anthropicBody = (req: SimRequest): AnthropicBody => {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw validation('Malformed input request, please reformat your input and try again.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validation('Malformed input request, please reformat your input and try again.');
  const b = body as AnthropicBody;
  if (b.anthropic_version === undefined)
    throw validation('Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.');
  if (b.max_tokens === undefined)
    throw validation('Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.');
  if (!Number.isInteger(b.max_tokens) || (b.max_tokens as number) < 1) {
    throw validation('Malformed input request: #/max_tokens: must be greater than or equal to 1, please reformat your input and try again.');
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    throw validation('Malformed input request: #: required key [messages] not found, please reformat your input and try again.');
  if (b.messages[0]?.role !== 'user') throw validation('messages: first message must use the "user" role');
  return b;
};

/** The model name the Messages API reports ("claude-sonnet-4-5-20250929" for anthropic.claude-sonnet-4-5-20250929-v1:0). */
const anthropicModel = (m: CatalogModel): string => m.modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');

interface Answer {
  id: string;
  model: string;
  text: string;
  stopReason: 'end_turn' | 'max_tokens';
  inputTokens: number;
  outputTokens: number;
}

const answer = (ctx: BedrockContext, req: SimRequest, modelId: string): Answer => {
  const caller = authenticate(ctx, req);
  checkModelId(modelId);
  const target = invocationTarget(ctx, caller, modelId);
  if (target.model.providerName !== 'Anthropic') {
    throw validation('Malformed input request: the simulator answers the Anthropic Messages body only, please reformat your input and try again.');
  }
  const body = anthropicBody(req);
  const messages = body.messages ?? [];
  const prompt = blockText(messages[messages.length - 1]?.content);
  const { text, cut } = truncateTokens(answerFor(prompt, target.model.modelName), body.max_tokens as number);
  const inputTokens = countTokens(blockText(body.system)) + messages.reduce((n, m) => n + countTokens(blockText(m.content)), 0);
  return {
    id: `msg_bdrk_${randomAlnum(24)}`,
    model: anthropicModel(target.model),
    text,
    stopReason: cut ? 'max_tokens' : 'end_turn',
    inputTokens,
    outputTokens: countTokens(text),
  };
};

const tokenHeaders = (a: Answer, latencyMs: number): Record<string, string> => ({
  'x-amzn-bedrock-input-token-count': String(a.inputTokens),
  'x-amzn-bedrock-output-token-count': String(a.outputTokens),
  'x-amzn-bedrock-invocation-latency': String(latencyMs),
});

/** POST /model/{modelId}/invoke */
export const invokeModel = (ctx: BedrockContext, req: SimRequest, modelId: string): SimResponse => {
  const started = ctx.clock.now().getTime();
  const a = answer(ctx, req, modelId);
  const res = bedrockOk(
    'InvokeModel',
    {
      id: a.id,
      type: 'message',
      role: 'assistant',
      model: a.model,
      content: [{ type: 'text', text: a.text }],
      stop_reason: a.stopReason,
      stop_sequence: null,
      usage: { input_tokens: a.inputTokens, output_tokens: a.outputTokens },
    },
    ctx.clock.now(),
  );
  return { ...res, headers: { ...res.headers, ...tokenHeaders(a, Math.max(1, ctx.clock.now().getTime() - started)) } };
};

/** Words with their following space, as a model streams them. */
const pieces = (text: string): string[] => text.match(/\S+\s*/g) ?? [];

/** POST /model/{modelId}/invoke-with-response-stream */
export const invokeModelStream = (ctx: BedrockContext, req: SimRequest, modelId: string): SimResponse => {
  const started = ctx.clock.now().getTime();
  const a = answer(ctx, req, modelId);
  const chunk = (event: unknown): Uint8Array => frame('chunk', { bytes: Buffer.from(JSON.stringify(event), 'utf8').toString('base64') });
  const latency = Math.max(1, ctx.clock.now().getTime() - started);
  const frames = [
    chunk({
      type: 'message_start',
      message: {
        id: a.id,
        type: 'message',
        role: 'assistant',
        model: a.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: a.inputTokens, output_tokens: 1 },
      },
    }),
    chunk({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    ...pieces(a.text).map((p) => chunk({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: p } })),
    chunk({ type: 'content_block_stop', index: 0 }),
    chunk({ type: 'message_delta', delta: { stop_reason: a.stopReason, stop_sequence: null }, usage: { output_tokens: a.outputTokens } }),
    chunk({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: a.inputTokens,
        outputTokenCount: a.outputTokens,
        invocationLatency: latency,
        firstByteLatency: latency,
      },
    }),
  ];
  return eventStream('InvokeModelWithResponseStream', frames, ctx.clock.now(), { 'x-amzn-bedrock-content-type': 'application/json' });
};

/** POST /model/{modelId}/converse-stream: the Converse answer as ConverseStream events. */
export const converseStream = (ctx: BedrockContext, req: SimRequest, modelId: string): SimResponse => {
  const reply = converseReply(ctx, req, modelId);
  const text = reply.output.message.content.map((c) => c.text).join('');
  const frames = [
    frame('messageStart', { role: 'assistant' }),
    ...pieces(text).map((p) => frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: p } })),
    frame('contentBlockStop', { contentBlockIndex: 0 }),
    frame('messageStop', { stopReason: reply.stopReason }),
    frame('metadata', { usage: reply.usage, metrics: reply.metrics }),
  ];
  return eventStream('ConverseStream', frames, ctx.clock.now());
};

/** POST /model/{modelId}/count-tokens (CountTokens): `{"input": {"invokeModel": {"body": base64}}}` or `{"input": {"converse": {...}}}`. */
export const countTokensOp = (ctx: BedrockContext, req: SimRequest, modelId: string): SimResponse => {
  const caller = authenticate(ctx, req);
  checkModelId(modelId);
  invocationTarget(ctx, caller, modelId);
  let input: { invokeModel?: { body?: unknown }; converse?: { messages?: Array<{ content?: Array<{ text?: string }> }> } } | undefined;
  try {
    input = (JSON.parse(req.body.toString('utf8')) as { input?: typeof input }).input;
  } catch {
    throw new BedrockFailure(400, 'SerializationException', 'Malformed request body', 'coral');
  }
  let tokens = 0;
  if (typeof input?.invokeModel?.body === 'string') {
    const inner = JSON.parse(Buffer.from(input.invokeModel.body, 'base64').toString('utf8')) as AnthropicBody;
    tokens = countTokens(blockText(inner.system)) + (inner.messages ?? []).reduce((n, m) => n + countTokens(blockText(m.content)), 0);
  } else if (input?.converse) {
    tokens = (input.converse.messages ?? []).reduce((n, m) => n + countTokens((m.content ?? []).map((c) => c.text ?? '').join('\n')), 0);
  } else {
    throw validation('Exactly one of invokeModel or converse must be provided in input.');
  }
  return { status: 200, action: 'CountTokens', headers: jsonHeaders(ctx.clock.now()), body: JSON.stringify({ inputTokens: tokens }) };
};
