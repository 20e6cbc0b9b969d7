import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { Clock } from '../platform/clock.js';
import { toBedrockError } from './errors.js';
import { bedrockDeadline, clientConfig, type BedrockTarget } from './target.js';

export interface ConverseRequest {
  modelId: string;
  prompt: string;
  maxTokens: number;
}

export interface ConverseResult {
  modelId: string;
  text: string;
  stopReason?: string;
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  /** Bedrock's own latency (metrics.latencyMs). */
  latencyMs?: number;
  /** Round trip as we measured it. */
  roundTripMs: number;
}

/** One Converse call with a single user message. */
export async function converse(target: BedrockTarget, req: ConverseRequest, clock: Clock): Promise<ConverseResult> {
  const { BedrockRuntimeClient, ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
  const runtime: BedrockRuntimeClient = new BedrockRuntimeClient(await clientConfig(target, 'bedrock-runtime'));
  const started = clock.now().getTime();
  const deadline = bedrockDeadline(target);
  try {
    const out = await runtime.send(
      new ConverseCommand({
        modelId: req.modelId,
        messages: [{ role: 'user', content: [{ text: req.prompt }] }],
        inferenceConfig: { maxTokens: req.maxTokens },
      }),
      { abortSignal: deadline.signal },
    );
    const text = (out.output?.message?.content ?? [])
      .map((block) => block.text ?? '')
      .join('')
      .trim();
    return {
      modelId: req.modelId,
      text,
      stopReason: out.stopReason,
      inputTokens: out.usage?.inputTokens,
      outputTokens: out.usage?.outputTokens,
      totalTokens: out.usage?.totalTokens,
      latencyMs: out.metrics?.latencyMs,
      roundTripMs: clock.now().getTime() - started,
    };
  } catch (e) {
    throw toBedrockError(deadline.error(e), { operation: 'Converse', region: target.region, modelId: req.modelId, profile: target.profile });
  } finally {
    deadline.done();
    runtime.destroy();
  }
}
