import { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { BEDROCK_ROLE_ARN, GATEWAY_ROLE_ARN, SAML_PROVIDER_ARN, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { fetchSaml, loginWithTotp, sessionCookie, stsCall, xmlValue } from './helpers.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

let sim: Simulator;
let creds: Creds;

/** Fresh credentials: the Bedrock role chained from the first ones (a TOTP code works once). */
const chained = async (): Promise<Creds> => {
  const sts = new STSClient({ region: 'us-east-1', endpoint: sim.stsUrl, credentials: creds });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: BEDROCK_ROLE_ARN, RoleSessionName: 'alice' }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
};

const issue = async (): Promise<Creds> => {
  const saml = await fetchSaml(sim, await sessionCookie(sim, await loginWithTotp(sim)));
  const res = await stsCall(sim, { Action: 'AssumeRoleWithSAML', RoleArn: GATEWAY_ROLE_ARN, PrincipalArn: SAML_PROVIDER_ARN, SAMLAssertion: saml });
  return {
    accessKeyId: xmlValue(res.text, 'AccessKeyId') ?? '',
    secretAccessKey: xmlValue(res.text, 'SecretAccessKey') ?? '',
    sessionToken: xmlValue(res.text, 'SessionToken') ?? '',
  };
};

const control = (c: Creds = creds, region = 'us-east-1'): BedrockClient =>
  new BedrockClient({ region, endpoint: sim.bedrockUrl, credentials: c, maxAttempts: 1 });
const runtime = (c: Creds = creds, region = 'us-east-1'): BedrockRuntimeClient =>
  new BedrockRuntimeClient({ region, endpoint: sim.bedrockRuntimeUrl, credentials: c, maxAttempts: 1 });

const converse = (modelId: string, text = 'What is the capital of Georgia?', maxTokens = 200, c?: Creds) =>
  runtime(c).send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text }] }], inferenceConfig: { maxTokens } }));

const failure = async (p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> => {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  sim = await startSimulator();
  creds = await issue();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.scenario.bedrockDeniedActions = [];
  sim.scenario.bedrockModelAccessDenied = [];
});

describe('simulator Bedrock control plane (through @aws-sdk/client-bedrock)', () => {
  it('ListFoundationModels returns modelSummaries in the real shape', async () => {
    const out = await control().send(new ListFoundationModelsCommand({}));
    const sonnet = out.modelSummaries?.find((m) => m.modelId === 'anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(sonnet).toEqual({
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelName: 'Claude 3.7 Sonnet',
      providerName: 'Anthropic',
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    expect(out.modelSummaries?.some((m) => m.modelId === 'anthropic.claude-v2:1')).toBe(false);
    expect(sim.requests.at(-1)).toMatchObject({ service: 'bedrock', method: 'GET', path: '/foundation-models', status: 200, action: 'ListFoundationModels' });
  });

  it('filters by provider (case-insensitive) and output modality; rejects bad enums', async () => {
    const out = await control().send(new ListFoundationModelsCommand({ byProvider: 'anthropic' }));
    expect(out.modelSummaries?.length).toBeGreaterThan(3);
    expect(new Set(out.modelSummaries?.map((m) => m.providerName))).toEqual(new Set(['Anthropic']));
    const emb = await control().send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }));
    expect(emb.modelSummaries?.map((m) => m.modelId)).toEqual(['amazon.titan-embed-text-v2:0']);
    const res = await fetch(`${sim.bedrockUrl}/foundation-models?byOutputModality=AUDIO`);
    expect(res.status).toBe(403); // unsigned: authentication comes first
  });

  it('ListInferenceProfiles pages with nextToken and names the models each profile reaches', async () => {
    const first = await control().send(new ListInferenceProfilesCommand({ maxResults: 2 }));
    expect(first.inferenceProfileSummaries).toHaveLength(2);
    expect(first.nextToken).toBeTruthy();
    const all = [];
    let token: string | undefined;
    do {
      const page = await control().send(new ListInferenceProfilesCommand({ maxResults: 4, nextToken: token }));
      all.push(...(page.inferenceProfileSummaries ?? []));
      token = page.nextToken;
    } while (token);
    const p = all.find((s) => s.inferenceProfileId === 'us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(p).toMatchObject({
      inferenceProfileName: 'US Anthropic Claude 3.7 Sonnet',
      inferenceProfileArn: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    });
    expect(p?.createdAt).toBeInstanceOf(Date);
    expect(p?.models?.map((m) => m.modelArn)).toContain('arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(all.some((s) => s.inferenceProfileId?.startsWith('eu.'))).toBe(false);
    const eu = await control(creds, 'eu-west-1').send(new ListInferenceProfilesCommand({}));
    expect(eu.inferenceProfileSummaries?.every((s) => /^(eu|global)\./.test(s.inferenceProfileId ?? ''))).toBe(true);
    const apps = await control().send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    expect(apps.inferenceProfileSummaries).toEqual([]);
  });

  it('IAM denial of bedrock:ListFoundationModels → AccessDeniedException naming the action', async () => {
    sim.scenario.bedrockDeniedActions = ['bedrock:ListFoundationModels'];
    const f = await failure(control().send(new ListFoundationModelsCommand({})));
    expect(f).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(f.message).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/my-developer-gateway-role/alice@example.com is not authorized to perform: bedrock:ListFoundationModels because no identity-based policy allows the bedrock:ListFoundationModels action',
    );
  });

  it('unknown, wrong-secret and expired credentials get the real error codes', async () => {
    const unknown = await failure(control({ ...creds, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' }).send(new ListFoundationModelsCommand({})));
    expect(unknown).toEqual({ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', status: 403 });
    const badSecret = await failure(control({ ...creds, secretAccessKey: 'x'.repeat(40) }).send(new ListFoundationModelsCommand({})));
    expect(badSecret).toMatchObject({ name: 'InvalidSignatureException', status: 403 });
    expect(badSecret.message).toMatch(/^The request signature we calculated does not match/);
    const fresh = await chained();
    sim.issuedCredentials.get(fresh.accessKeyId)!.expiration = new Date(Date.now() - 1000);
    const expired = await failure(control(fresh).send(new ListFoundationModelsCommand({})));
    expect(expired).toEqual({ name: 'ExpiredTokenException', message: 'The security token included in the request is expired', status: 403 });
  });

  it('error responses carry x-amzn-ErrorType and a JSON message body', async () => {
    const res = await fetch(`${sim.bedrockUrl}/foundation-models`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/');
    expect(await res.json()).toEqual({ message: 'Missing Authentication Token' });
  });
});

describe('simulator Bedrock runtime (through @aws-sdk/client-bedrock-runtime)', () => {
  it('Converse through an inference profile answers with usage and metrics', async () => {
    const out = await converse('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(out.output?.message?.role).toBe('assistant');
    expect(out.output?.message?.content?.[0]?.text).toMatch(/^The capital of Georgia is Atlanta\./);
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage).toEqual({ inputTokens: 7, outputTokens: expect.any(Number), totalTokens: expect.any(Number) });
    expect(out.usage!.totalTokens).toBe(out.usage!.inputTokens! + out.usage!.outputTokens!);
    expect(out.metrics?.latencyMs).toBeGreaterThanOrEqual(1);
    expect(sim.requests.at(-1)).toMatchObject({ service: 'bedrock-runtime', method: 'POST', status: 200, action: 'Converse' });
    expect(sim.requests.at(-1)?.path).toBe('/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse');
  });

  it('maxTokens cuts the answer with stopReason max_tokens', async () => {
    const out = await converse('anthropic.claude-3-haiku-20240307-v1:0', 'What is the capital of Georgia?', 3);
    expect(out.stopReason).toBe('max_tokens');
    expect(out.usage?.outputTokens).toBe(3);
    expect(out.output?.message?.content?.[0]?.text).toBe('The capital of');
  });

  it('a profile-only model by its plain id → the on-demand ValidationException', async () => {
    const f = await failure(converse('anthropic.claude-3-7-sonnet-20250219-v1:0'));
    expect(f.name).toBe('ValidationException');
    expect(f.message).toBe(
      'Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
    );
  });

  it('unknown model → ValidationException; end-of-life → ResourceNotFoundException; bad id → constraint message', async () => {
    expect(await failure(converse('anthropic.claude-9-nope-v1:0'))).toEqual({
      name: 'ValidationException',
      message: 'The provided model identifier is invalid.',
      status: 400,
    });
    expect(await failure(converse('eu.anthropic.claude-3-7-sonnet-20250219-v1:0'))).toMatchObject({
      name: 'ValidationException',
      message: 'The provided model identifier is invalid.',
    });
    const eol = await failure(converse('anthropic.claude-v2:1'));
    expect(eol).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    expect(eol.message).toMatch(/reached the end of its life/);
    const bad = await failure(converse('Not A Model!'));
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toMatch(/^1 validation error detected: Value 'Not A Model!' at 'modelId' failed to satisfy constraint/);
  });

  it('model access not granted → AccessDeniedException with the console message', async () => {
    sim.scenario.bedrockModelAccessDenied = ['anthropic.claude-3-7-sonnet-20250219-v1:0'];
    expect(await failure(converse('us.anthropic.claude-3-7-sonnet-20250219-v1:0'))).toEqual({
      name: 'AccessDeniedException',
      message: "You don't have access to the model with the specified model ID.",
      status: 403,
    });
    expect((await converse('us.anthropic.claude-sonnet-4-20250514-v1:0')).stopReason).toBe('end_turn');
  });

  it('IAM denial of bedrock:InvokeModel names the resource', async () => {
    sim.scenario.bedrockDeniedActions = ['bedrock:InvokeModel'];
    const f = await failure(converse('us.anthropic.claude-3-7-sonnet-20250219-v1:0'));
    expect(f.name).toBe('AccessDeniedException');
    expect(f.message).toContain(
      'is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    );
  });

  it('an embeddings model is refused by Converse; an empty conversation too', async () => {
    expect((await failure(converse('amazon.titan-embed-text-v2:0'))).message).toMatch(/^This action doesn't support the model/);
    const f = await failure(runtime().send(new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [] })));
    expect(f.message).toMatch(/must start with a user message/);
  });

  it('expired credentials → ExpiredTokenException', async () => {
    const fresh = await chained();
    sim.issuedCredentials.get(fresh.accessKeyId)!.expiration = new Date(Date.now() - 1000);
    expect(await failure(converse('us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'hi', 10, fresh))).toMatchObject({
      name: 'ExpiredTokenException',
      status: 403,
    });
  });
});

describe('simulator sign-in federation', () => {
  const session = (c: Creds): string => JSON.stringify({ sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken });

  it('getSigninToken → SigninToken; login redirects to the console once', async () => {
    const res = await fetch(`${sim.federationUrl}?Action=getSigninToken&Session=${encodeURIComponent(session(creds))}`);
    expect(res.status).toBe(200);
    const { SigninToken } = (await res.json()) as { SigninToken: string };
    expect(SigninToken.length).toBeGreaterThan(100);
    const login = `${sim.federationUrl}?Action=login&Issuer=test&Destination=${encodeURIComponent('https://console.aws.amazon.com/console/home?region=us-east-1')}&SigninToken=${SigninToken}`;
    const go = await fetch(login, { redirect: 'manual' });
    expect(go.status).toBe(302);
    expect(go.headers.get('location')).toBe('https://console.aws.amazon.com/console/home?region=us-east-1');
    expect((await fetch(login, { redirect: 'manual' })).status).toBe(400);
  });

  it('refuses unknown or wrong credentials', async () => {
    const unknown = await fetch(`${sim.federationUrl}?Action=getSigninToken&Session=${encodeURIComponent(session({ ...creds, accessKeyId: 'ASIANOPE' }))}`);
    expect(unknown.status).toBe(400);
    const bad = await fetch(`${sim.federationUrl}?Action=getSigninToken&Session=${encodeURIComponent(session({ ...creds, secretAccessKey: 'nope' }))}`);
    expect(bad.status).toBe(400);
  });
});
