import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { dnsSuffix } from '../aws/partition.js';

/**
 * The AWS SDK for JavaScript v3 ignores HTTPS_PROXY / HTTP_PROXY / NO_PROXY, so corporate
 * proxies break it. This gives an SDK client a request handler that sends `endpoint` through the
 * proxy those variables name (decided per endpoint by proxy-from-env, honouring NO_PROXY), or
 * undefined to keep the SDK's default.
 */
export async function awsRequestHandler(endpoint: string): Promise<NodeHttpHandler | undefined> {
  const { getProxyForUrl } = await import('proxy-from-env');
  const proxy = getProxyForUrl(endpoint);
  if (!proxy) return undefined;
  const { NodeHttpHandler: Handler } = await import('@smithy/node-http-handler');
  if (endpoint.startsWith('https:')) {
    const { HttpsProxyAgent } = await import('https-proxy-agent');
    return new Handler({ httpsAgent: new HttpsProxyAgent(proxy) });
  }
  const { HttpProxyAgent } = await import('http-proxy-agent');
  return new Handler({ httpAgent: new HttpProxyAgent(proxy) });
}

/** The endpoint an SDK client will call: the override, else AWS's regional default. */
export function awsEndpoint(service: string, region: string, override?: string): string {
  if (override) return override;
  return `https://${service}.${region}.${dnsSuffix(region)}`;
}
