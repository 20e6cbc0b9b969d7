import type { AwsCredentials } from '../core/types.js';
import { dnsSuffix } from '../aws/partition.js';
import { awsEndpoint, awsRequestHandler } from '../platform/aws-http.js';
import type { Env } from '../platform/paths.js';

/** Where and as whom Bedrock is called. */
export interface BedrockTarget {
  region: string;
  /** The okta-bedrock profile the credentials belong to (for "run login --profile X" hints). */
  profile?: string;
  credentials: AwsCredentials;
  /** AWS_ENDPOINT_URL_BEDROCK (else AWS_ENDPOINT_URL): the control plane. */
  controlEndpoint?: string;
  /** AWS_ENDPOINT_URL_BEDROCK_RUNTIME (else AWS_ENDPOINT_URL): the runtime. */
  runtimeEndpoint?: string;
}

/** The AWS SDKs' service-specific endpoint variables (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). */
export function bedrockEndpoints(env: Env): { controlEndpoint?: string; runtimeEndpoint?: string } {
  return {
    controlEndpoint: env.AWS_ENDPOINT_URL_BEDROCK || env.AWS_ENDPOINT_URL || undefined,
    runtimeEndpoint: env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME || env.AWS_ENDPOINT_URL || undefined,
  };
}

/** bedrock.us-east-1.amazonaws.com, bedrock-runtime.cn-north-1.amazonaws.com.cn */
export function bedrockHost(region: string, service: 'bedrock' | 'bedrock-runtime'): string {
  return `${service}.${region}.${dnsSuffix(region)}`;
}

/**
 * The request handler: through HTTPS_PROXY when one applies, else plain HTTP/1.1. The runtime
 * client's default is HTTP/2, which on an http:// endpoint (AWS_ENDPOINT_URL_BEDROCK_RUNTIME) means
 * h2c prior knowledge — a protocol most local endpoints, fakes and proxies do not speak — and
 * Converse gains nothing from it.
 */
async function requestHandler(endpoint: string) {
  const viaProxy = await awsRequestHandler(endpoint);
  if (viaProxy) return viaProxy;
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  return new NodeHttpHandler();
}

/** SDK client settings shared by both Bedrock clients. */
export async function clientConfig(target: BedrockTarget, service: 'bedrock' | 'bedrock-runtime') {
  const c = target.credentials;
  const endpoint = service === 'bedrock' ? target.controlEndpoint : target.runtimeEndpoint;
  return {
    region: target.region,
    endpoint,
    requestHandler: await requestHandler(awsEndpoint(service, target.region, endpoint)),
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration },
    // Our credentials, signed with SigV4 — never a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) from the environment.
    authSchemePreference: ['sigv4'],
    maxAttempts: 2,
  };
}
