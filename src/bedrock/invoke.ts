import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { toBedrockError } from './errors.js';
import { clientConfig, type BedrockTarget } from './target.js';

/**
 * One InvokeModel call with the Anthropic Messages body — the very call Claude Code makes (it
 * uses InvokeModel / InvokeModelWithResponseStream, not Converse). Returns the answer's text.
 */
export async function invokeAnthropic(target: BedrockTarget, modelId: string, prompt: string, maxTokens: number): Promise<string> {
  const { BedrockRuntimeClient, InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
  const runtime: BedrockRuntimeClient = new BedrockRuntimeClient(await clientConfig(target, 'bedrock-runtime'));
  try {
    const out = await runtime.send(
      new InvokeModelCommand({
        modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: maxTokens, messages: [{ role: 'user', content: prompt }] }),
      }),
    );
    const answer = JSON.parse(Buffer.from(out.body).toString('utf8')) as { content?: Array<{ type?: string; text?: string }> };
    return (answer.content ?? [])
      .map((b) => (b.type === 'text' ? (b.text ?? '') : ''))
      .join('')
      .trim();
  } catch (e) {
    throw toBedrockError(e, { operation: 'InvokeModel', region: target.region, modelId, profile: target.profile });
  } finally {
    runtime.destroy();
  }
}
