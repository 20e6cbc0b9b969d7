import { UsageError } from '../../errors.js';
import { converse, type ConverseResult } from '../../bedrock/converse.js';
import { listFoundationModels, listInferenceProfiles } from '../../bedrock/models.js';
import { pickDefaultModel } from '../../bedrock/pick-model.js';
import type { BedrockTarget } from '../../bedrock/target.js';
import { BedrockError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { resolveProfile, type ProfileFlags } from '../profile-target.js';

export interface TestFlags extends ProfileFlags {
  model?: string;
  maxTokens?: string;
  json?: boolean;
}

/** The classic first check: "What is the capital of Georgia?" */
export const DEFAULT_PROMPT = 'What is the capital of Georgia?';
export const DEFAULT_MAX_TOKENS = 100;

/** The newest Claude inference profile in the region (else an on-demand Claude model). */
export async function defaultModel(target: BedrockTarget): Promise<string> {
  const profiles = await listInferenceProfiles(target).catch((e: unknown) => {
    if (e instanceof BedrockError) throw new BedrockError(`${e.message} — or pass --model to skip the lookup`, { cause: e, detail: e.detail });
    throw e;
  });
  let chosen = pickDefaultModel(profiles, [], target.region);
  if (!chosen) chosen = pickDefaultModel([], await listFoundationModels(target, 'anthropic'), target.region);
  if (!chosen) throw new BedrockError(`No Claude model or inference profile is offered in ${target.region} — pass --model, or use --region us-east-1`);
  return chosen;
}

export function parseMaxTokens(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_TOKENS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 8192) throw new UsageError(`--max-tokens must be a whole number from 1 to 8192 (got "${raw}")`);
  return n;
}

export function usageLine(r: ConverseResult): string {
  const latency = r.latencyMs !== undefined ? `${r.latencyMs} ms (round trip ${r.roundTripMs} ms)` : `${r.roundTripMs} ms`;
  return `${r.modelId}: latency ${latency}; tokens in ${r.inputTokens ?? '?'}, out ${r.outputTokens ?? '?'}, total ${r.totalTokens ?? '?'}; stop reason ${r.stopReason ?? '?'}`;
}

/** `okta-bedrock test [--model ID] [PROMPT]`: one Converse call; the answer, then a line with latency and token usage (stdout). */
export async function runTest(flags: TestFlags, ctx: CliContext, args: string[]): Promise<number> {
  const maxTokens = parseMaxTokens(flags.maxTokens);
  const prompt = args.join(' ').trim() || DEFAULT_PROMPT;
  const p = await resolveProfile(flags, ctx, { allowLogin: true });
  const modelId = flags.model ?? (await defaultModel(p.target));
  ctx.log.info(`Asking ${modelId} in ${p.region}…`);
  const result = await converse(p.target, { modelId, prompt, maxTokens }, ctx.clock);
  if (flags.json) {
    ctx.out(JSON.stringify({ profile: p.profile, region: p.region, prompt, ...result }, null, 2));
    return 0;
  }
  ctx.out(result.text);
  ctx.out(usageLine(result));
  return 0;
}
