import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../../../src/bedrock/converse.js';
import { listFoundationModels, listInferenceProfiles } from '../../../src/bedrock/models.js';
import type { BedrockTarget } from '../../../src/bedrock/target.js';
import { systemClock } from '../../../src/platform/clock.js';

/**
 * A Bedrock stand-in that speaks only HTTP/1.1 (as most fakes and proxies do) and sends the
 * documented answers with every optional field left out. The runtime SDK client defaults to
 * HTTP/2 (h2c on http:// endpoints), which such a server cannot answer.
 */
let server: Server;
let url: string;
const seen: { method: string; path: string; httpVersion: string; body: string }[] = [];

const answers: Record<string, unknown> = {
  '/foundation-models': {
    modelSummaries: [
      { modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
    ],
  },
  '/inference-profiles': {
    inferenceProfileSummaries: [
      {
        inferenceProfileName: 'US Anthropic Claude 3 Haiku',
        inferenceProfileId: 'us.anthropic.claude-3-haiku-20240307-v1:0',
        inferenceProfileArn: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0',
        models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0' }],
        status: 'ACTIVE',
        type: 'SYSTEM_DEFINED',
      },
    ],
  },
};

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push({ method: req.method ?? '', path, httpVersion: req.httpVersion, body });
      if (path.startsWith('/model/denied')) {
        // A 403 without x-amzn-ErrorType (the SDK is left with the status alone).
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: "You don't have access to the model with the specified model ID." }));
        return;
      }
      const answer = path.endsWith('/converse')
        ? {
            output: { message: { role: 'assistant', content: [{ text: 'Atlanta.' }] } },
            stopReason: 'end_turn',
            usage: { inputTokens: 14, outputTokens: 4, totalTokens: 18 },
            metrics: { latencyMs: 321 },
          }
        : answers[path];
      res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer ?? { message: 'not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const target = (): BedrockTarget => ({
  region: 'us-east-1',
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(Date.now() + 3600_000) },
  controlEndpoint: url,
  runtimeEndpoint: url,
});

describe('Bedrock over a plain HTTP/1.1 endpoint', () => {
  it('Converse reaches it (HTTP/1.1, not h2c) and reads the answer and usage', async () => {
    const r = await converse(
      target(),
      { modelId: 'us.anthropic.claude-3-haiku-20240307-v1:0', prompt: 'What is the capital of Georgia?', maxTokens: 50 },
      systemClock,
    );
    expect(r).toMatchObject({ text: 'Atlanta.', stopReason: 'end_turn', inputTokens: 14, outputTokens: 4, totalTokens: 18, latencyMs: 321 });
    const call = seen.find((s) => s.path.endsWith('/converse'))!;
    expect(call.httpVersion).toBe('1.1');
    expect(call.path).toBe(`/model/${encodeURIComponent('us.anthropic.claude-3-haiku-20240307-v1:0')}/converse`);
    expect(JSON.parse(call.body)).toEqual({
      messages: [{ role: 'user', content: [{ text: 'What is the capital of Georgia?' }] }],
      inferenceConfig: { maxTokens: 50 },
    });
  });

  it('lists models and profiles whose optional fields are absent', async () => {
    const models = await listFoundationModels(target());
    expect(models).toEqual([
      expect.objectContaining({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        modelName: '',
        inputModalities: [],
        lifecycle: '',
        responseStreamingSupported: false,
      }),
    ]);
    const profiles = await listInferenceProfiles(target());
    expect(profiles[0]).toMatchObject({
      inferenceProfileId: 'us.anthropic.claude-3-haiku-20240307-v1:0',
      modelIds: ['anthropic.claude-3-haiku-20240307-v1:0'],
      regions: ['us-east-1'],
    });
  });

  it('a 403 without an error type still reads as no model access', async () => {
    await expect(converse(target(), { modelId: 'denied', prompt: 'Hi', maxTokens: 1 }, systemClock)).rejects.toThrow(/no model access to denied in us-east-1/);
  });
});
