import { ListInferenceProfilesCommand, BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GATEWAY_ROLE_ARN, SAML_PROVIDER_ARN, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { fetchSaml, loginWithTotp, sessionCookie, stsCall, xmlValue } from './helpers.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sim: Simulator;
let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const body = (text: string, maxTokens = 200): string =>
  JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: maxTokens, messages: [{ role: 'user', content: [{ type: 'text', text }] }] });

beforeAll(async () => {
  sim = await startSimulator();
  const saml = await fetchSaml(sim, await sessionCookie(sim, await loginWithTotp(sim)));
  const res = await stsCall(sim, { Action: 'AssumeRoleWithSAML', RoleArn: GATEWAY_ROLE_ARN, PrincipalArn: SAML_PROVIDER_ARN, SAMLAssertion: saml });
  creds = {
    accessKeyId: xmlValue(res.text, 'AccessKeyId') ?? '',
    secretAccessKey: xmlValue(res.text, 'SecretAccessKey') ?? '',
    sessionToken: xmlValue(res.text, 'SessionToken') ?? '',
  };
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.scenario.bedrockDeniedActions = [];
  sim.scenario.bedrockModelAccessDenied = [];
});

const runtime = (c = creds): BedrockRuntimeClient =>
  new BedrockRuntimeClient({ region: 'us-east-1', endpoint: sim.bedrockRuntimeUrl, credentials: c, maxAttempts: 1 });

describe('simulator Bedrock runtime: InvokeModel and the streaming operations (through @aws-sdk/client-bedrock-runtime)', () => {
  it('InvokeModel answers the Anthropic Messages response with token-count headers', async () => {
    const out = await runtime().send(
      new InvokeModelCommand({ modelId: SONNET, contentType: 'application/json', body: body('What is the capital of Georgia?') }),
    );
    const answer = JSON.parse(Buffer.from(out.body).toString('utf8')) as { type: string; content: Array<{ text: string }>; stop_reason: string; model: string };
    expect(answer.type).toBe('message');
    expect(answer.model).toBe('claude-sonnet-4-5-20250929');
    expect(answer.content[0]?.text).toMatch(/Atlanta/);
    expect(answer.stop_reason).toBe('end_turn');
  });

  it('InvokeModelWithResponseStream sends event-stream chunks carrying Anthropic streaming events', async () => {
    const out = await runtime().send(
      new InvokeModelWithResponseStreamCommand({ modelId: SONNET, contentType: 'application/json', body: body('What is the capital of Georgia?') }),
    );
    const types: string[] = [];
    let text = '';
    for await (const event of out.body!) {
      const e = JSON.parse(Buffer.from(event.chunk!.bytes!).toString('utf8')) as { type: string; delta?: { text?: string } };
      types.push(e.type);
      if (e.type === 'content_block_delta') text += e.delta?.text ?? '';
    }
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types).toContain('message_delta');
    expect(text).toMatch(/^The capital of Georgia is Atlanta\./);
  });

  it('ConverseStream sends messageStart, deltas, messageStop and metadata', async () => {
    const out = await runtime().send(
      new ConverseStreamCommand({ modelId: SONNET, messages: [{ role: 'user', content: [{ text: 'What is the capital of Georgia?' }] }] }),
    );
    let text = '';
    const names: string[] = [];
    for await (const event of out.stream!) {
      names.push(Object.keys(event)[0] ?? '');
      text += event.contentBlockDelta?.delta?.text ?? '';
    }
    expect(names[0]).toBe('messageStart');
    expect(names).toContain('messageStop');
    expect(names.at(-1)).toBe('metadata');
    expect(text).toMatch(/Atlanta/);
  });

  it('denials and bad credentials answer as for Converse', async () => {
    sim.scenario.bedrockModelAccessDenied = ['*'];
    await expect(runtime().send(new InvokeModelWithResponseStreamCommand({ modelId: SONNET, body: body('hi') }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    sim.scenario.bedrockModelAccessDenied = [];
    await expect(runtime({ ...creds, secretAccessKey: 'wrong' }).send(new InvokeModelCommand({ modelId: SONNET, body: body('hi') }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    await expect(runtime().send(new InvokeModelCommand({ modelId: SONNET, body: JSON.stringify({ messages: [] }) }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('ListInferenceProfiles is answered on the runtime base URL too (Claude Code sends it there)', async () => {
    const control = new BedrockClient({ region: 'us-east-1', endpoint: sim.bedrockRuntimeUrl, credentials: creds, maxAttempts: 1 });
    const out = await control.send(new ListInferenceProfilesCommand({}));
    expect(out.inferenceProfileSummaries?.map((p) => p.inferenceProfileId)).toContain(SONNET);
  });
});
