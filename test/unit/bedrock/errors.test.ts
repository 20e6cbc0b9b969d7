import { describe, expect, it } from 'vitest';
import { bedrockHint, classifyBedrockError, modelAccessUrl, toBedrockError } from '../../../src/bedrock/errors.js';
import { BedrockError, LoginRequiredError, NetworkError } from '../../../src/errors.js';

const sdkError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const netError = (code: string) => Object.assign(new Error(`getaddrinfo ${code} bedrock.xx-nope-1.amazonaws.com`), { code, $metadata: {} });

describe('classifyBedrockError', () => {
  it.each([
    [sdkError('ExpiredTokenException', 'The security token included in the request is expired', 403), 'expired'],
    [sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403), 'unrecognized'],
    [sdkError('InvalidSignatureException', 'Signature expired: 20261121T000000Z is now earlier than …', 403), 'clock'],
    [sdkError('InvalidSignatureException', 'The request signature we calculated does not match', 403), 'signature'],
    [sdkError('AccessDeniedException', "You don't have access to the model with the specified model ID.", 403), 'model-access'],
    [sdkError('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: bedrock:InvokeModel on resource: x', 403), 'iam'],
    [sdkError('AccessDeniedException', 'Explicit deny in a service control policy', 403), 'access-denied'],
    [sdkError('ValidationException', 'Invocation of model ID anthropic.x with on-demand throughput isn\u2019t supported. Retry…'), 'on-demand'],
    [sdkError('ValidationException', 'The provided model identifier is invalid.'), 'invalid-model'],
    [sdkError('ValidationException', 'A conversation must start with a user message.'), 'validation'],
    [sdkError('ResourceNotFoundException', 'This model version has reached the end of its life.', 404), 'not-found'],
    [sdkError('ThrottlingException', 'Too many requests', 429), 'throttled'],
    [sdkError('ServiceUnavailableException', 'down', 503), 'unavailable'],
    [netError('ENOTFOUND'), 'dns'],
    [netError('ECONNREFUSED'), 'network'],
    [
      sdkError(
        'AccessDeniedException',
        'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model.',
        403,
      ),
      'model-access',
    ],
    // No x-amzn-ErrorType: the SDK names the error by its status; the status and message decide.
    [sdkError('403', "You don't have access to the model with the specified model ID.", 403), 'model-access'],
    [sdkError('403', 'The security token included in the request is expired', 403), 'expired'],
    [sdkError('403', 'The security token included in the request is invalid.', 403), 'unrecognized'],
    [sdkError('400', 'The provided model identifier is invalid.', 400), 'invalid-model'],
    [sdkError('UnknownError', 'no such model', 404), 'not-found'],
    [sdkError('429', 'Too many requests', 429), 'throttled'],
    [new Error('boom'), 'other'],
  ])('%s → %s', (e, kind) => expect(classifyBedrockError(e).kind).toBe(kind));

  it('names the IAM action', () => {
    const f = classifyBedrockError(
      sdkError(
        'AccessDeniedException',
        'User: u is not authorized to perform: bedrock:ListFoundationModels because no identity-based policy allows the bedrock:ListFoundationModels action',
        403,
      ),
    );
    expect(f.action).toBe('bedrock:ListFoundationModels');
  });
});

describe('hints and typed errors', () => {
  const ctx = { operation: 'Converse', region: 'eu-central-1', modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0', profile: 'bedrock' };

  it('model access → the console page of the region', () => {
    expect(
      bedrockHint(classifyBedrockError(sdkError('AccessDeniedException', "You don't have access to the model with the specified model ID.", 403)), ctx),
    ).toContain('Model access (https://console.aws.amazon.com/bedrock/home?region=eu-central-1#/modelaccess)');
    expect(modelAccessUrl('us-gov-west-1')).toBe('https://console.amazonaws-us-gov.com/bedrock/home?region=us-gov-west-1#/modelaccess');
  });

  it('on-demand → the geography inference profile id', () => {
    expect(bedrockHint(classifyBedrockError(sdkError('ValidationException', 'with on-demand throughput isn’t supported')), ctx)).toContain(
      'use eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
    );
  });

  it('expired credentials → LoginRequiredError naming the profile; DNS → NetworkError; the rest → BedrockError', () => {
    const expired = toBedrockError(sdkError('ExpiredTokenException', 'expired', 403), ctx);
    expect(expired).toBeInstanceOf(LoginRequiredError);
    expect(expired.message).toBe('Converse failed: the AWS credentials have expired (ExpiredTokenException) — run `okta-bedrock login --profile bedrock`');
    expect(toBedrockError(netError('ENOTFOUND'), ctx)).toBeInstanceOf(NetworkError);
    const other = toBedrockError(sdkError('ThrottlingException', 'slow down', 429), ctx);
    expect(other).toBeInstanceOf(BedrockError);
    expect(other.exitCode).toBe(12);
    expect(other.detail).toBe('ThrottlingException: slow down');
  });
});
